// Draws the eco-map as inline SVG in the server's conventions (cgim/ecomap/svg.py): child at the
// centre, three rings, sector wedges, line style per tie kind, arrowheads for the flow of support.
// Only attributes and CSS classes: the Content-Security-Policy forbids inline styles.
import { OUTER_RADIUS, RING_RADII, CHILD_RADIUS, band, cellPath, layout, point, wedges } from "./geometry.js";

const NS = "http://www.w3.org/2000/svg";
export const SCALE = 400; // pixels per document unit
const BOX = { left: -540, top: -445, width: 1080, height: 890 };
export const VIEWBOX = `${BOX.left} ${BOX.top} ${BOX.width} ${BOX.height}`;
const SIZE = { child: 54, caregiver: 30, person: 24 };
const HIT = 33; // at least 44 CSS pixels across on a tablet (the drawing shows at about 0.75)
const MAX_LABEL = 22;
const LABEL_LINE = 12; // sector names wrap at about this many characters
const GAP = 12; // between the outer edge and the sector names
const INSIDE_FONT = 0.85; // the child's name inside their circle is this much smaller (app.css)

/** Make an SVG element with attributes, appended to parent. */
export function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.append(node);
  return node;
}

function short(label) {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

function px([x, y]) {
  return [x * SCALE, y * SCALE];
}

/** A sector name split into short lines. */
function lines(words) {
  const out = [];
  for (const word of words.split(" ")) {
    const last = out.length - 1;
    if (last >= 0 && (out[last] + " " + word).length <= LABEL_LINE) out[last] += " " + word;
    else out.push(word);
  }
  return out;
}

/** The drawn box of an element (it must be in the page). */
function box(node) {
  const { x, y, width, height } = node.getBBox();
  return [x, y, width, height];
}

function overlaps([ax, ay, aw, ah], [bx, by, bw, bh]) {
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

function defs(svg) {
  const d = el("defs", {}, svg);
  const head = {
    viewBox: "0 0 10 10", markerWidth: 16, markerHeight: 16, markerUnits: "userSpaceOnUse", refY: 5, orient: "auto",
  };
  const to = el("marker", { ...head, id: "map-to", refX: 9 }, d);
  const from = el("marker", { ...head, id: "map-from", refX: 1 }, d);
  el("path", { d: "M0,0 L10,5 L0,10 z", class: "map-arrow" }, to);
  el("path", { d: "M10,0 L0,5 L10,10 z", class: "map-arrow" }, from);
}

/** Rings, wedges and sector names; purely decorative (the lists say the same). */
function backdrop(svg, words) {
  const g = el("g", { class: "map-backdrop", "aria-hidden": "true" }, svg);
  wedges().forEach((w, i) => {
    const cls = i % 2 ? "map-wedge map-wedge-alt" : "map-wedge";
    el("path", { d: cellPath(w.start, w.end, CHILD_RADIUS, OUTER_RADIUS, SCALE), class: cls }, g);
  });
  for (const r of Object.values(RING_RADII)) {
    el("circle", { cx: 0, cy: 0, r: r * SCALE, class: "map-ring" }, g);
  }
  el("circle", { cx: 0, cy: 0, r: OUTER_RADIUS * SCALE, class: "map-edge" }, g);
  const names = [];
  for (const w of wedges()) {
    const [x1, y1] = px(point(w.start, CHILD_RADIUS));
    const [x2, y2] = px(point(w.start, OUTER_RADIUS));
    el("line", { x1, y1, x2, y2, class: "map-divider" }, g);
    names.push(sectorName(g, w, words.sectors[w.sector] ?? w.sector));
  }
  el("path", { d: "", class: "map-drop" }, svg);
  return names;
}

/** A sector's name just outside the edge, in the middle of its wedge; returns its box. */
function sectorName(layer, wedge, words) {
  const text = el("text", { class: "map-sector", "text-anchor": "middle" }, layer);
  lines(words).forEach((line, i) => {
    el("tspan", { x: 0, dy: i ? "1.15em" : 0 }, text).textContent = line;
  });
  const [bx, by, bw, bh] = box(text);
  // Push the name out until its box clears the circle, then keep it inside the drawing.
  const reach = Math.abs(Math.sin(wedge.middle)) * (bw / 2) + Math.abs(Math.cos(wedge.middle)) * (bh / 2);
  let [cx, cy] = px(point(wedge.middle, OUTER_RADIUS + (GAP + reach) / SCALE));
  cx = Math.max(BOX.left + bw / 2, Math.min(BOX.left + BOX.width - bw / 2, cx));
  cy = Math.max(BOX.top + bh / 2, Math.min(BOX.top + BOX.height - bh / 2, cy));
  const [dx, dy] = [cx - (bx + bw / 2), cy - (by + bh / 2)];
  text.setAttribute("transform", `translate(${dx.toFixed(1)} ${dy.toFixed(1)})`);
  return [bx + dx, by + dy, bw, bh];
}

/** Draw the whole map into svg (its old contents are replaced). */
export function drawMap(svg, doc, words, chosen = null) {
  svg.replaceChildren();
  el("title", { id: "map-svg-title" }, svg).textContent = words.title;
  defs(svg);
  const names = backdrop(svg, words);
  const spots = layout(doc, (2 * SIZE.person + 12) / SCALE);
  const ties = el("g", { class: "map-ties", "aria-hidden": "true" }, svg);
  drawTies(ties, doc, spots);
  const nodes = el("g", { class: "map-nodes" }, svg);
  const everyone = [
    { id: doc.child.id, label: doc.child.label, kind: "child", where: words.child },
    { id: doc.caregiver.id, label: doc.caregiver.label, kind: "caregiver", where: "" },
    ...doc.people.map((p) => ({
      id: p.id, label: p.label, kind: "person",
      where: [words.sectors[p.sector] ?? p.sector, words.closeness[p.closeness]].filter(Boolean).join(", "),
    })),
  ];
  const places = labelPlaces(svg, everyone, spots, names);
  for (const who of everyone) node(nodes, who, spots, places.get(who.id), chosen);
  el("text", { class: "map-drag-tip", "text-anchor": "middle", "aria-hidden": "true" }, svg);
  return spots;
}

function radiusOf(doc, id) {
  if (id === doc.child.id) return SIZE.child;
  return id === doc.caregiver.id ? SIZE.caregiver : SIZE.person;
}

/** Every tie, cut back to the node edges. */
export function drawTies(layer, doc, spots) {
  layer.replaceChildren();
  for (const tie of doc.ties) {
    if (!spots.has(tie.a) || !spots.has(tie.b)) continue;
    const [ax, ay] = px(spots.get(tie.a));
    const [bx, by] = px(spots.get(tie.b));
    const length = Math.hypot(bx - ax, by - ay) || 1;
    const [ux, uy] = [(bx - ax) / length, (by - ay) / length];
    const ra = radiusOf(doc, tie.a) + 2;
    const rb = radiusOf(doc, tie.b) + 2;
    const start = [ax + ux * ra, ay + uy * ra];
    const end = [bx - ux * rb, by - uy * rb];
    const points = tie.kind === "stressful" ? zigzag(start, end) : [start, end];
    const d = points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
    const attrs = { d, class: `map-tie map-tie-${tie.kind}` };
    if (tie.flow === "a_to_b" || tie.flow === "both") attrs["marker-end"] = "url(#map-to)";
    if (tie.flow === "b_to_a" || tie.flow === "both") attrs["marker-start"] = "url(#map-from)";
    el("path", attrs, layer);
  }
}

/** Points of a jagged line (Hartman's stressful tie). */
function zigzag([x1, y1], [x2, y2]) {
  const length = Math.hypot(x2 - x1, y2 - y1);
  const steps = Math.max(2, Math.floor(length / 12));
  const [nx, ny] = length ? [-(y2 - y1) / length, (x2 - x1) / length] : [0, 0];
  const points = [[x1, y1]];
  for (let i = 1; i < steps; i++) {
    const t = i / steps;
    const side = i % 2 ? 6 : -6;
    points.push([x1 + (x2 - x1) * t + nx * side, y1 + (y2 - y1) * t + ny * side]);
  }
  return [...points, [x2, y2]];
}

/** One person: a focusable button with a big hit area, a circle and their label. */
function node(layer, { id, label, kind, where }, spots, place, chosen) {
  const [x, y] = px(spots.get(id));
  const g = el("g", {
    class: `map-node map-${kind}${id === chosen ? " is-chosen" : ""}`,
    transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
    role: "button", tabindex: 0, "aria-label": where ? `${label}: ${where}` : label,
    "aria-pressed": id === chosen, "data-id": id,
  });
  el("circle", { r: Math.max(HIT, SIZE[kind] + 6), class: "map-hit" }, g);
  el("circle", { r: SIZE[kind] + 6, class: "map-focus" }, g);
  el("circle", { r: SIZE[kind], class: "map-circle" }, g);
  el("text", { class: "map-label", ...place }, g).textContent = short(label);
  layer.append(g);
}

/** Put each label below its person, or above, right or left where it would cover another. */
function labelPlaces(svg, everyone, spots, taken) {
  const circles = everyone.map((w) => [...px(spots.get(w.id)), SIZE[w.kind]]);
  const probe = el("text", { class: "map-label" }, svg);
  const places = new Map();
  for (const who of everyone) {
    const [x, y] = px(spots.get(who.id));
    const r = SIZE[who.kind];
    probe.textContent = short(who.label);
    const [, , w, h] = box(probe);
    if (who.kind === "child" && w * INSIDE_FONT < 2 * r - 8) {
      places.set(who.id, { y: 8, "text-anchor": "middle", class: "map-label map-label-inside" });
      continue;
    }
    const options = [
      [{ y: r + 24, "text-anchor": "middle" }, [x - w / 2, y + r + 4, w, h]],
      [{ y: -r - 10, "text-anchor": "middle" }, [x - w / 2, y - r - 4 - h, w, h]],
      [{ x: r + 8, y: 8, "text-anchor": "start" }, [x + r + 8, y - h / 2, w, h]],
      [{ x: -r - 8, y: 8, "text-anchor": "end" }, [x - r - 8 - w, y - h / 2, w, h]],
    ];
    const others = circles.filter(([cx, cy]) => cx !== x || cy !== y);
    const free = (b) =>
      !taken.some((t) => overlaps(b, t)) &&
      !others.some(([cx, cy, cr]) => overlaps(b, [cx - cr, cy - cr, 2 * cr, 2 * cr]));
    const [place, used] = options.find(([, b]) => free(b)) ?? options[0];
    taken.push(used);
    places.set(who.id, place);
  }
  probe.remove();
  return places;
}

/** Show where a dragged person would land: the ring band and wedge, and their words. */
export function showDrop(svg, spot, landing, words) {
  const cell = svg.querySelector(".map-drop");
  const tip = svg.querySelector(".map-drag-tip");
  if (!landing) {
    cell.setAttribute("d", "");
    tip.textContent = "";
    return;
  }
  const wedge = wedges().find((w) => w.sector === landing.sector);
  const [inner, outer] = band(landing.closeness);
  cell.setAttribute("d", cellPath(wedge.start, wedge.end, inner, outer, SCALE));
  const [x, y] = px(spot);
  tip.setAttribute("x", Math.max(BOX.left + 200, Math.min(BOX.left + BOX.width - 200, x)).toFixed(1));
  tip.setAttribute("y", (y - SIZE.person - 18).toFixed(1));
  tip.textContent = `${words.closeness[landing.closeness]} · ${words.sectors[landing.sector]}`;
}

// Draws the eco-map as inline SVG in the server's conventions (cgim/ecomap/svg.py): child at the
// centre, three rings, sector wedges, line style per tie kind, arrowheads for the flow of support.
// Only attributes and CSS classes: the Content-Security-Policy forbids inline styles.
import { OUTER_RADIUS, RING_RADII, CHILD_RADIUS, band, cellPath, layout, point, wedges } from "./geometry.js";

const NS = "http://www.w3.org/2000/svg";
export const SCALE = 400; // pixels per document unit
export const VIEWBOX = "-500 -485 1000 970";
const SIZE = { child: 46, caregiver: 32, person: 28 };
const HIT = 36; // at least 44 CSS pixels across on a tablet
const MAX_LABEL = 22;
const LABEL_LINE = 14; // sector names wrap at about this many characters

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

/** Words split into at most two lines for a sector name. */
function lines(words) {
  if (words.length <= LABEL_LINE) return [words];
  const parts = words.split(" ");
  let first = parts.shift();
  while (parts.length && (first + " " + parts[0]).length <= LABEL_LINE) first += " " + parts.shift();
  return parts.length ? [first, parts.join(" ")] : [first];
}

function defs(svg) {
  const d = el("defs", {}, svg);
  const head = { viewBox: "0 0 10 10", markerWidth: 16, markerHeight: 16, markerUnits: "userSpaceOnUse", refY: 5, orient: "auto" };
  el("path", { d: "M0,0 L10,5 L0,10 z", class: "map-arrow" }, el("marker", { ...head, id: "map-to", refX: 9 }, d));
  el("path", { d: "M10,0 L0,5 L10,10 z", class: "map-arrow" }, el("marker", { ...head, id: "map-from", refX: 1 }, d));
}

/** Rings, wedges and sector names; purely decorative (the lists say the same). */
function backdrop(svg, words) {
  const g = el("g", { class: "map-backdrop", "aria-hidden": "true" }, svg);
  wedges().forEach((w, i) => {
    const cls = i % 2 ? "map-wedge map-wedge-alt" : "map-wedge";
    el("path", { d: cellPath(w.start, w.end, CHILD_RADIUS, OUTER_RADIUS, SCALE), class: cls }, g);
  });
  for (const r of Object.values(RING_RADII)) el("circle", { cx: 0, cy: 0, r: r * SCALE, class: "map-ring" }, g);
  for (const w of wedges()) {
    const [x1, y1] = px(point(w.start, CHILD_RADIUS));
    const [x2, y2] = px(point(w.start, OUTER_RADIUS));
    el("line", { x1, y1, x2, y2, class: "map-divider" }, g);
    const [tx, ty] = px(point(w.middle, OUTER_RADIUS + 0.075));
    const text = el("text", { x: tx, y: ty, class: "map-sector", "text-anchor": "middle" }, g);
    const parts = lines(words.sectors[w.sector] ?? w.sector);
    parts.forEach((part, i) => {
      const dy = i === 0 ? (ty > 0 ? 6 : 6 - 11 * (parts.length - 1)) : 22;
      el("tspan", { x: tx, dy }, text).textContent = part;
    });
  }
  el("path", { d: "", class: "map-drop" }, svg);
}

/** Draw the whole map into svg (its old contents are replaced). */
export function drawMap(svg, doc, words, chosen = null) {
  svg.replaceChildren();
  el("title", { id: "map-svg-title" }, svg).textContent = words.title;
  defs(svg);
  backdrop(svg, words);
  const spots = layout(doc);
  const ties = el("g", { class: "map-ties", "aria-hidden": "true" }, svg);
  drawTies(ties, doc, spots);
  const nodes = el("g", { class: "map-nodes" }, svg);
  node(nodes, doc.child.id, doc.child.label, spots, "child", words.child, chosen);
  node(nodes, doc.caregiver.id, doc.caregiver.label, spots, "caregiver", "", chosen);
  for (const p of doc.people) {
    const where = `${words.sectors[p.sector] ?? p.sector}, ${words.closeness[p.closeness] ?? ""}`;
    node(nodes, p.id, p.label, spots, "person", where, chosen);
  }
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
function node(layer, id, label, spots, kind, where, chosen) {
  const [x, y] = px(spots.get(id));
  const name = where ? `${label}: ${where}` : label;
  const g = el("g", {
    class: `map-node map-${kind}${id === chosen ? " is-chosen" : ""}`,
    transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
    role: "button", tabindex: 0, "aria-label": name, "aria-pressed": id === chosen, "data-id": id,
  });
  el("circle", { r: Math.max(HIT, SIZE[kind] + 6), class: "map-hit" }, g);
  el("circle", { r: SIZE[kind] + 6, class: "map-focus" }, g);
  el("circle", { r: SIZE[kind], class: "map-circle" }, g);
  const inside = kind === "child";
  const text = el("text", { y: inside ? 7 : SIZE[kind] + 24, class: "map-label", "text-anchor": "middle" }, g);
  text.textContent = short(label);
  layer.append(g);
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
  tip.setAttribute("x", Math.max(-380, Math.min(380, x)).toFixed(1));
  tip.setAttribute("y", (y - SIZE.person - 18).toFixed(1));
  tip.textContent = `${words.closeness[landing.closeness]} · ${words.sectors[landing.sector]}`;
}

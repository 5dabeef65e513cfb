// The touch-first eco-map editor. Without JavaScript the page's forms do every edit; this adds
// a drawing you can change by hand: drag a person onto a ring and wedge, tap two people to draw a
// line. Every change saves with the map's version, so a second tablet can never overwrite silently.
import { drawMap, drawTies, el, showDrop, SCALE, VIEWBOX } from "./ecomap/draw.js";
import { drop, step, useLayout } from "./ecomap/geometry.js";
import { Pending, load, put, refreshPanel, setVersion } from "./ecomap/save.js";

const figure = document.getElementById("map-editor");
const MOVE_THRESHOLD = 10; // CSS pixels a finger may wobble before a tap becomes a drag
// Room wifi drops without the browser noticing, so unsaved changes are retried on a timer too.
const RETRY_MS = 5000;

const state = {
  doc: null, version: 0, spots: new Map(), chosen: null, drag: null,
  saving: false, dirty: false, offline: false, keyboard: false,
};
let svg, statusLine, chooser, words, pending;

function readWords() {
  const d = figure.dataset;
  return { ...d, sectors: JSON.parse(d.sectors || "{}"), closeness: JSON.parse(d.closeness || "{}") };
}

/** Put a message on the status line; {name}-style gaps are filled from `fill`. */
function show(message, fill = {}, warn = false) {
  let text = message || "";
  for (const [key, value] of Object.entries(fill)) text = text.replaceAll(`{${key}}`, value);
  statusLine.textContent = text;
  statusLine.classList.toggle("is-warning", warn);
}

function labelOf(id) {
  const { child, caregiver, people } = state.doc;
  if (id === child.id) return child.label;
  if (id === caregiver.id) return caregiver.label;
  return people.find((p) => p.id === id)?.label ?? id;
}

/** Redraw everything, keeping keyboard focus on the same person. */
function render() {
  const focused = document.activeElement?.closest?.(".map-node")?.dataset.id;
  state.spots = drawMap(svg, state.doc, words, state.chosen);
  if (focused) svg.querySelector(`.map-node[data-id="${CSS.escape(focused)}"]`)?.focus();
}

// ---- saving -------------------------------------------------------------------------------

function commit() {
  pending.write(state.version, state.doc);
  save();
}

async function save() {
  if (state.saving) {
    state.dirty = true;
    return;
  }
  state.saving = true;
  if (!state.offline) show(words.saving); // quiet retries while the wifi is down
  const result = await put(words.document, state.version, state.doc);
  state.saving = false;
  state.offline = result.outcome === "offline";
  if (result.outcome === "saved") {
    state.version = result.version;
    if (state.dirty) {
      state.dirty = false;
      return commit();
    }
    pending.clear();
    show(words.saved);
    if (result.next) return window.location.assign(result.next); // a new serious worry: what to do now
    return afterSave();
  }
  state.dirty = false;
  if (result.outcome === "offline") return show(words.offline, {}, true);
  pending.clear();
  if (result.outcome === "conflict") {
    // Another screen saved first: show its map; this change is dropped, never forced through.
    Object.assign(state, { doc: result.document, version: result.version, chosen: null });
    render();
    show(words.conflict, {}, true);
  } else {
    // The server's reason names fields and values: useful to a developer, not to a parent.
    await reload();
    show(words.problem, {}, true);
  }
  return afterSave();
}

/** The no-JavaScript forms and lists follow what was just saved. */
async function afterSave() {
  figure.dataset.version = String(state.version);
  setVersion(state.version);
  await refreshPanel();
  setVersion(state.version);
}

async function reload() {
  try {
    const data = await load(words.document);
    Object.assign(state, { doc: data.document, version: data.version, chosen: null });
    render();
  } catch {
    // Keep showing what we have; the forms still work.
  }
}

function retryPending() {
  if (!state.saving && pending.read()) save();
}

// ---- touching and dragging ----------------------------------------------------------------

function toDocument(event) {
  const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
  const clamp = (n) => Math.max(-1, Math.min(1, n / SCALE));
  return [clamp(at.x), clamp(at.y)];
}

function onPointerDown(event) {
  const node = event.target.closest(".map-node");
  if (!node || state.drag || (event.pointerType === "mouse" && event.button !== 0)) return;
  event.preventDefault();
  state.keyboard = false;
  svg.setPointerCapture(event.pointerId);
  state.drag = {
    node, id: node.dataset.id, pointer: event.pointerId, x: event.clientX, y: event.clientY, spot: null,
  };
}

function onPointerMove(event) {
  const drag = state.drag;
  if (!drag || event.pointerId !== drag.pointer || !drag.node.classList.contains("map-person")) return;
  if (!drag.spot && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < MOVE_THRESHOLD) return;
  if (!drag.spot) {
    drag.node.parentNode.append(drag.node); // on top of the others while it moves
    drag.node.classList.add("is-dragging");
    svg.classList.add("is-dragging");
  }
  drag.spot = toDocument(event);
  const [x, y] = drag.spot;
  drag.node.setAttribute("transform", `translate(${(x * SCALE).toFixed(1)} ${(y * SCALE).toFixed(1)})`);
  state.spots.set(drag.id, drag.spot);
  drawTies(svg.querySelector(".map-ties"), state.doc, state.spots);
  showDrop(svg, drag.spot, drop(x, y), words);
}

function onPointerUp(event) {
  const drag = state.drag;
  if (!drag || event.pointerId !== drag.pointer) return;
  if (event.type === "lostpointercapture" && event.target !== svg) return; // a finger's own capture
  state.drag = null;
  svg.classList.remove("is-dragging");
  if (event.type !== "pointerup") return render(); // cancelled: back where they were
  if (!drag.spot) return tap(drag.id);
  place(drag.id, drop(...drag.spot));
}

/** Move a person to where they landed: position, ring (closeness) and wedge (sector). */
function place(id, landing) {
  const person = state.doc.people.find((p) => p.id === id);
  if (!person) return render();
  const same = ["x", "y", "closeness", "sector"].every((k) => person[k] === landing[k]);
  Object.assign(person, landing);
  render();
  if (!same) commit();
}

function onKeyDown(event) {
  const node = event.target.closest(".map-node");
  if (!node) return;
  state.keyboard = true;
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    tap(node.dataset.id);
  } else if (event.key === "Escape" && state.chosen) {
    state.chosen = null;
    render();
    show(words.cancelled);
  } else if (event.key.startsWith("Arrow") && node.classList.contains("map-person")) {
    event.preventDefault();
    const person = state.doc.people.find((p) => p.id === node.dataset.id);
    const [x, y] = state.spots.get(person.id);
    place(person.id, step(x, y, person.closeness, person.sector, event.key));
  }
}

// ---- drawing a line between two people ----------------------------------------------------

function tap(id) {
  if (state.chosen === null) {
    state.chosen = id;
    render();
    return show(words.connect, { name: labelOf(id) });
  }
  if (state.chosen === id) {
    state.chosen = null;
    render();
    return show(words.cancelled);
  }
  askKind(state.chosen, id);
}

function askKind(a, b) {
  const question = chooser.querySelector("[data-question]");
  const template = question.dataset.question;
  question.textContent = template.replaceAll("{a}", labelOf(a)).replaceAll("{b}", labelOf(b));
  chooser.dataset.a = a;
  chooser.dataset.b = b;
  chooser.returnValue = "";
  chooser.showModal();
}

function onChosen() {
  const { a, b } = chooser.dataset;
  const kind = chooser.returnValue;
  state.chosen = null;
  if (!kind || !a || !b) {
    render();
    return show(words.cancelled);
  }
  const tie = { a, b, kind, flow: "both" };
  const old = state.doc.ties.findIndex((t) => (t.a === a && t.b === b) || (t.a === b && t.b === a));
  if (old >= 0) state.doc.ties[old] = { ...state.doc.ties[old], ...tie };
  else state.doc.ties.push(tie);
  render();
  // Keyboard users carry on from the second person; a finger needs no focus ring.
  if (state.keyboard) svg.querySelector(`.map-node[data-id="${CSS.escape(b)}"]`)?.focus();
  commit();
}

// ---- start --------------------------------------------------------------------------------

function buildDrawing() {
  svg = el("svg", {
    class: "map-drawing", viewBox: VIEWBOX, role: "group",
    "aria-labelledby": "map-svg-title", "aria-describedby": "map-help",
  });
  figure.querySelector(".map-image")?.replaceWith(svg);
  figure.classList.add("is-live");
  for (const part of figure.querySelectorAll(".map-live-only")) part.hidden = false;
  svg.addEventListener("pointerdown", onPointerDown);
  svg.addEventListener("pointermove", onPointerMove);
  svg.addEventListener("pointerup", onPointerUp);
  svg.addEventListener("pointercancel", onPointerUp);
  svg.addEventListener("lostpointercapture", onPointerUp);
  svg.addEventListener("keydown", onKeyDown);
  // A finger on a person drags them instead of scrolling the page.
  const holdStill = (e) => e.target.closest(".map-node") && e.preventDefault();
  svg.addEventListener("touchstart", holdStill, { passive: false });
  chooser.addEventListener("close", onChosen);
}

async function start() {
  useLayout(JSON.parse(figure.dataset.layout)); // the server's rings and wedges (layout.py)
  words = readWords();
  statusLine = figure.querySelector(".map-status");
  chooser = document.getElementById("kind-chooser");
  pending = new Pending(words.owner || "parent");
  let data;
  try {
    data = await load(words.document);
  } catch {
    return show(words.offline, {}, true); // the server drawing and the forms stay
  }
  const unsaved = pending.read();
  const source = unsaved ?? data;
  Object.assign(state, { doc: source.document, version: source.version });
  buildDrawing();
  render();
  if (unsaved) save();
  window.addEventListener("online", retryPending);
  setInterval(retryPending, RETRY_MS);
  document.addEventListener("visibilitychange", () => {
    const idle = !state.saving && !state.drag && !pending.read();
    if (document.visibilityState === "visible" && idle) refreshFromServer();
  });
}

/** Coming back to the tablet: show changes made meanwhile on another screen. */
async function refreshFromServer() {
  const data = await load(words.document).catch(() => null);
  if (data && data.version !== state.version) {
    Object.assign(state, { doc: data.document, version: data.version, chosen: null });
    render();
    await afterSave();
  }
}

if (figure && figure.dataset.document) start();

// Where people sit on the eco-map: the same rings and wedges as cgim/ecomap/core/layout.py.
// Document units: -1..1, child at 0,0, y grows downwards; angles run clockwise from 12 o'clock.
// Every number comes from layout.py through the page (useLayout), so the two cannot drift apart.
export let SECTORS = [];
export let RING_RADII = {};
export let OUTER_RADIUS = NaN; // NaN until useLayout: nothing drawn with a guess
export let CHILD_RADIUS = NaN;
export let SPAN = NaN;
let CAREGIVER = { angle: NaN, radius: NaN };
let STAGGER = [];
let CROWDED = NaN;
let NUDGE = {};
// A dropped person stays this far (radians) inside their wedge, so they clearly belong to it.
const EDGE_MARGIN = 0.1;

/** Take the layout constants the server drew with (layout.browser_constants, as JSON). */
export function useLayout(constants) {
  SECTORS = constants.sectors;
  RING_RADII = constants.ring_radii;
  OUTER_RADIUS = constants.outer_radius;
  CHILD_RADIUS = constants.child_radius;
  SPAN = (2 * Math.PI) / SECTORS.length;
  CAREGIVER = { angle: constants.caregiver_angle, radius: constants.caregiver_radius };
  STAGGER = constants.stagger;
  CROWDED = constants.crowded;
  NUDGE = constants.nudge;
}

/** The sector wedges, family centred at the top (layout.wedges). */
export function wedges() {
  const first = -SPAN / 2;
  return SECTORS.map((sector, i) => ({
    sector,
    start: first + i * SPAN,
    end: first + (i + 1) * SPAN,
    middle: first + (i + 0.5) * SPAN,
  }));
}

/** Polar (clockwise from 12 o'clock) to x, y (layout.point). */
export function point(angle, radius) {
  return [radius * Math.sin(angle), -radius * Math.cos(angle)];
}

/** The ring a closeness puts a person on; unknown closeness is the outer ring (1). */
function ringOf(closeness) {
  return closeness in RING_RADII ? Number(closeness) : 1;
}

/**
 * Every id's position as the server's layout() places it. With `minGap` (document units),
 * a cell whose neighbours would sit closer than that spreads them across the whole wedge
 * instead: same ring, same sector, fewer circles on top of each other.
 */
export function layout(doc, minGap = 0) {
  const spots = new Map([
    [doc.child.id, [0, 0]],
    [doc.caregiver.id, point(CAREGIVER.angle, CAREGIVER.radius)],
  ]);
  const cells = new Map();
  for (const person of doc.people) {
    if (typeof person.x === "number" && typeof person.y === "number") {
      spots.set(person.id, [person.x, person.y]);
      continue;
    }
    const key = `${person.sector}|${ringOf(person.closeness)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(person);
  }
  const bySector = Object.fromEntries(wedges().map((w) => [w.sector, w]));
  for (const [key, people] of cells) {
    const [sector, ring] = key.split("|");
    const radius = RING_RADII[ring];
    const wedge = bySector[sector] ?? bySector.other;
    const crowded = people.length > CROWDED;
    const n = people.length;
    const spread = n > 1 && (SPAN / (n + 1)) * radius < minGap;
    people.forEach((person, k) => {
      const slot = spread ? (k + 0.5) / n : (k + 1 + NUDGE[ring]) / (n + 1);
      const angle = wedge.start + SPAN * slot;
      const shift = crowded ? STAGGER[k % STAGGER.length] : 0;
      spots.set(person.id, point(angle, radius + shift));
    });
  }
  return spots;
}

/** Clockwise angle from 12 o'clock, in 0..2π. */
function angleOf(x, y) {
  const angle = Math.atan2(x, -y);
  return angle < 0 ? angle + 2 * Math.PI : angle;
}

/** The closeness of the ring nearest to a distance from the child (3 inner .. 1 outer). */
export function closenessAt(radius) {
  if (radius < (RING_RADII[3] + RING_RADII[2]) / 2) return 3;
  if (radius < (RING_RADII[2] + RING_RADII[1]) / 2) return 2;
  return 1;
}

/** The wedge a point falls in. */
export function wedgeAt(x, y) {
  const turned = (angleOf(x, y) + SPAN / 2) % (2 * Math.PI);
  return wedges()[Math.min(SECTORS.length - 1, Math.floor(turned / SPAN))];
}

/** Where a person dropped at x, y lands: on the nearest ring, inside the wedge under them. */
export function drop(x, y) {
  const closeness = closenessAt(Math.hypot(x, y));
  const wedge = wedgeAt(x, y);
  let angle = angleOf(x, y);
  if (wedge.start < 0 && angle > Math.PI) angle -= 2 * Math.PI; // family straddles 12 o'clock
  angle = Math.min(wedge.end - EDGE_MARGIN, Math.max(wedge.start + EDGE_MARGIN, angle));
  const [px, py] = point(angle, RING_RADII[closeness]);
  return { x: round(px), y: round(py), closeness, sector: wedge.sector };
}

/** One step with the keyboard: ring in or out, wedge round; keeps the place inside the wedge. */
export function step(x, y, closeness, sector, key) {
  const wedge = wedges().find((w) => w.sector === sector) ?? wedgeAt(x, y);
  const here = wedgeAt(x, y).sector === wedge.sector ? angleOf(x, y) : wedge.middle;
  let offset = (here - wedge.start + 2 * Math.PI) % (2 * Math.PI);
  if (offset > SPAN) offset = SPAN / 2;
  const turn = { ArrowLeft: -1, ArrowRight: 1 }[key] ?? 0;
  const ring = Math.min(3, Math.max(1, (closeness ?? 1) + ({ ArrowUp: 1, ArrowDown: -1 }[key] ?? 0)));
  const index = (SECTORS.indexOf(wedge.sector) + turn + SECTORS.length) % SECTORS.length;
  const [px, py] = point(wedges()[index].start + offset, RING_RADII[ring]);
  return drop(px, py);
}

function round(value) {
  return Math.round(value * 1000) / 1000;
}

/** SVG path of an annular sector (a ring band inside a wedge), in pixels at `scale`. */
export function cellPath(start, end, inner, outer, scale) {
  const [ax, ay] = point(start, outer * scale);
  const [bx, by] = point(end, outer * scale);
  const [cx, cy] = point(end, inner * scale);
  const [dx, dy] = point(start, inner * scale);
  const f = (n) => n.toFixed(1);
  return (
    `M${f(ax)},${f(ay)} A${f(outer * scale)},${f(outer * scale)} 0 0 1 ${f(bx)},${f(by)} ` +
    `L${f(cx)},${f(cy)} A${f(inner * scale)},${f(inner * scale)} 0 0 0 ${f(dx)},${f(dy)} Z`
  );
}

/** The band of a ring, between the midpoints to its neighbours: what counts as "on" it. */
export function band(closeness) {
  const edges = [
    CHILD_RADIUS, (RING_RADII[3] + RING_RADII[2]) / 2, (RING_RADII[2] + RING_RADII[1]) / 2, OUTER_RADIUS,
  ];
  return [edges[3 - closeness], edges[4 - closeness]];
}

"""The eco-map as a standalone SVG in Hartman's conventions, safe to embed under a strict CSP.

Child at the centre, three closeness rings, one wedge per sector, line style per tie
kind (strong thick, moderate thin, tenuous dashed, stressful zigzag), arrowheads for the
flow of support, and a key. Black on white so it prints; a generic font so nothing loads;
presentation attributes only (no ``style``, no scripts, no event handlers) because the
app's Content-Security-Policy forbids inline styles. ``<title>``/``<desc>`` give screen
readers a text version. Labels are user input and are always XML-escaped; no ids from
the document are written, so the initials-only variant shows no names at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from xml.sax.saxutils import escape

from .labels import CLOSENESS_NAMES, SECTOR_NAMES, TIE_KIND_NAMES
from .layout import CHILD_RADIUS, OUTER_RADIUS, RING_RADII, layout, point, wedges
from .model import EcoMap, Tie

# The rings by closeness, named the way the form asks ("Very close" is the inner ring).
RING_NAMES = {
    3: f"Inner ring ({CLOSENESS_NAMES[3].lower()})",
    2: f"Middle ring ({CLOSENESS_NAMES[2].lower()})",
    1: f"Outer ring ({CLOSENESS_NAMES[1].lower()})",
}
# stroke width and dash pattern per tie kind; stressful ties are drawn as a zigzag.
LINE_STYLE = {"strong": ("4", None), "moderate": ("1.5", None), "tenuous": ("1.5", "6 5")}
LINE_STYLE["stressful"] = ("1.5", None)
SCALE = 330  # pixels per unit of the document's -1..1 square
CENTRE = (400, 420)
WIDTH, HEIGHT = 1100, 840
FONT = 'font-family="sans-serif"'
MAX_LABEL = 22
# A white outline keeps labels readable where lines cross them. It is a copy of the label
# drawn underneath, not `paint-order="stroke"`: WeasyPrint ignores paint-order and paints
# the white stroke over the letters, so the PDF's names vanished (docs: shared testing.md).
HALO = 'fill="#ffffff" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"'


def initials(label: str) -> str:
    """First letter of each word, e.g. "Aunt Rosa" -> "AR" (at most three)."""
    words = re.findall(r"[^\W_]+", label)
    return "".join(w[0] for w in words[:3]).upper() or "?"


def _short(label: str) -> str:
    """Shorten long labels so they fit under a node."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _xy(spot: tuple[float, float]) -> tuple[float, float]:
    """Document units to pixels."""
    return (CENTRE[0] + spot[0] * SCALE, CENTRE[1] + spot[1] * SCALE)


def render_svg(ecomap: EcoMap, initials_only: bool = False, id_prefix: str = "ecomap") -> str:
    """Draw the map as SVG text; ``initials_only`` replaces every label by its initials."""
    if not re.fullmatch(r"[A-Za-z][\w-]*", id_prefix):
        raise ValueError("id_prefix must be a letter followed by letters, digits, - or _")
    name = initials if initials_only else _short
    labels = {k: name(v) for k, v in ecomap.labels().items()}
    spots = {k: _xy(v) for k, v in layout(ecomap).items()}
    radius = _node_radii(ecomap)
    p = id_prefix
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{p}-title {p}-desc">',
        f'<title id="{p}-title">{escape("Eco-map for " + labels[ecomap.child.id])}</title>',
        f'<desc id="{p}-desc">{escape(describe(ecomap, labels))}</desc>',
        _defs(p),
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        *_backdrop(),
        *(_tie(t, spots, radius, p) for t in ecomap.ties),
        *(_node(i, labels[i], spots[i], radius[i], initials_only) for i in labels),
        *_legend(p),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _node_radii(ecomap: EcoMap) -> dict[str, float]:
    """Node sizes: the child biggest, people smaller on crowded maps."""
    size = 18.0 if len(ecomap.people) <= 60 else 7.0
    radii = {p.id: size for p in ecomap.people}
    return radii | {ecomap.child.id: 34.0, ecomap.caregiver.id: 22.0}


def describe(ecomap: EcoMap, labels: dict[str, str]) -> str:
    """A plain-text version of the drawing for screen readers."""
    child = labels[ecomap.child.id]
    text = [f"{child} is at the centre. {len(ecomap.people)} adults are on the map."]
    for ring, ring_name in RING_NAMES.items():
        people = [p for p in ecomap.people if (p.closeness or 1) == ring]
        if people:
            names = ", ".join(f"{labels[p.id]} ({SECTOR_NAMES[p.sector]})" for p in people)
            text.append(f"{ring_name}: {names}.")
    for kind in LINE_STYLE:
        pairs = [_tie_words(t, labels) for t in ecomap.ties if t.kind == kind]
        if pairs:
            text.append(f"{TIE_KIND_NAMES[kind]} ties: {'; '.join(pairs)}.")
    return " ".join(text)


def _tie_words(tie: Tie, labels: dict[str, str]) -> str:
    """One tie in words, with the way support flows."""
    a, b = labels[tie.a], labels[tie.b]
    flow = {"a_to_b": f" (support from {a})", "b_to_a": f" (support from {b})"}
    flow["both"] = " (support both ways)"
    return f"{a} and {b}{flow.get(tie.flow, '')}"


def _defs(p: str) -> str:
    """Arrowhead markers for the flow of support, one per direction."""
    head = 'viewBox="0 0 10 10" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse"'
    return (
        f'<defs><marker id="{p}-to" {head} refX="9" refY="5" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#000000"/></marker>'
        f'<marker id="{p}-from" {head} refX="1" refY="5" orient="auto">'
        '<path d="M10,0 L0,5 L10,10 z" fill="#000000"/></marker></defs>'
    )


def _backdrop() -> list[str]:
    """The three rings, the sector dividers and the sector names."""
    cx, cy = CENTRE
    out = [
        f'<circle cx="{cx}" cy="{cy}" r="{r * SCALE:.1f}" fill="none" stroke="#8c8c8c" '
        'stroke-width="1"/>'
        for r in RING_RADII.values()
    ]
    for wedge in wedges():
        (x1, y1) = _xy(point(wedge.start, CHILD_RADIUS))
        (x2, y2) = _xy(point(wedge.start, OUTER_RADIUS))
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#b3b3b3" '
            'stroke-width="1" stroke-dasharray="2 4"/>'
        )
        out.append(_sector_name(*_xy(point(wedge.middle, OUTER_RADIUS + 0.06)), wedge.sector))
    return out


def _sector_name(x: float, y: float, sector: str) -> str:
    """A sector's name; a long one on two lines, so it stays inside the drawing."""
    name = SECTOR_NAMES[sector]
    body = escape(name)
    if len(name) > MAX_LABEL:
        words = name.split()
        cut = (len(words) + 1) // 2
        first, second = (escape(" ".join(part)) for part in (words[:cut], words[cut:]))
        body = f'<tspan x="{x:.1f}" dy="-0.2em">{first}</tspan>'
        body += f'<tspan x="{x:.1f}" dy="1.1em">{second}</tspan>'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="13" fill="#333333" '
        f'text-anchor="middle">{body}</text>'
    )


def _tie(
    tie: Tie, spots: Mapping[str, tuple[float, float]], radius: Mapping[str, float], p: str
) -> str:
    """One tie: its line style, cut back to the node edges, with flow arrowheads."""
    (ax, ay), (bx, by) = spots[tie.a], spots[tie.b]
    length = math.hypot(bx - ax, by - ay) or 1.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    start = (ax + ux * radius[tie.a], ay + uy * radius[tie.a])
    end = (bx - ux * radius[tie.b], by - uy * radius[tie.b])
    width, dash = LINE_STYLE[tie.kind]
    attrs = f'fill="none" stroke="#000000" stroke-width="{width}"'
    if dash:
        attrs += f' stroke-dasharray="{dash}"'
    if tie.flow in ("a_to_b", "both"):
        attrs += f' marker-end="url(#{p}-to)"'
    if tie.flow in ("b_to_a", "both"):
        attrs += f' marker-start="url(#{p}-from)"'
    points = _zigzag(start, end) if tie.kind == "stressful" else [start, end]
    d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
    return f'<path d="{d}" {attrs}/>'


def _zigzag(start: tuple[float, float], end: tuple[float, float]) -> list[tuple[float, float]]:
    """Points of a jagged line from start to end (Hartman's stressful tie)."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    steps = max(2, int(length // 8))
    nx_, ny_ = (-(y2 - y1) / length, (x2 - x1) / length) if length else (0.0, 0.0)
    points = [start]
    for i in range(1, steps):
        t, side = i / steps, 4 if i % 2 else -4
        points.append((x1 + (x2 - x1) * t + nx_ * side, y1 + (y2 - y1) * t + ny_ * side))
    return [*points, end]


def _node(node_id: str, label: str, spot: tuple[float, float], r: float, inside: bool) -> str:
    """One person as a circle with their (escaped) label, and a tooltip title."""
    x, y = spot
    text_y, size = (y + 4, 11) if inside else (y + r + 14, 12)
    stroke = "3" if r >= 34 else "1.5"
    place = f'x="{x:.1f}" y="{text_y:.1f}" {FONT} font-size="{size}" text-anchor="middle"'
    return (
        f"<g><title>{escape(label)}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="#ffffff" stroke="#000000" '
        f'stroke-width="{stroke}"/>'
        f'<text {place} {HALO} aria-hidden="true">{escape(label)}</text>'
        f'<text {place} fill="#000000">{escape(label)}</text></g>'
    )


def _legend(p: str) -> list[str]:
    """The key: what each line, arrow and ring means."""
    x, y = 860, 70
    out = [
        f'<text x="{x}" y="{y}" {FONT} font-size="16" font-weight="bold" fill="#000000">Key</text>'
    ]
    samples = [(kind, "none", name) for kind, name in TIE_KIND_NAMES.items()]
    samples += [("moderate", "a_to_b", "Support flows this way")]
    for i, (kind, flow, words) in enumerate(samples):
        row = y + 30 + i * 30
        ends = {"a": (x, row), "b": (x + 60, row)}
        out += [_tie(Tie("a", "b", kind, flow), ends, {"a": 0, "b": 0}, p)]
        out += [_key_text(x + 72, row + 4, words)]
    row += 10
    for i, ring_name in enumerate(RING_NAMES.values()):
        out.append(_key_text(x, row + 40 + i * 24, ring_name))
    return out


def _key_text(x: float, y: float, words: str) -> str:
    """One line of text in the key."""
    return f'<text x="{x}" y="{y}" {FONT} font-size="13" fill="#000000">{escape(words)}</text>'

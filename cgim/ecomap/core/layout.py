"""Where each person sits on the eco-map drawing: rings by closeness, wedges by sector.

Coordinates are in the document's unit square (-1..1, child at 0,0); ``y`` grows
downwards, as on screen and in SVG. Family is the wedge at 12 o'clock and the others
follow clockwise in ``SECTORS`` order. A person's own ``x``/``y`` (both given) is
honoured, since the parent placed them there; everyone else is spread evenly inside
their sector and ring, in map order, so the same map always gives the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import SECTORS, EcoMap, Person

# closeness 3 (very close) is the inner ring; unknown closeness goes to the outer ring.
# The browser's drawing gets these numbers from the page (browser_constants), never a copy.
RING_RADII = {3: 0.35, 2: 0.6, 1: 0.85}
OUTER_RADIUS = 0.98
# The wedges start here, just outside the child's circle.
CHILD_RADIUS = 0.12
CAREGIVER_RADIUS = 0.2
SECTOR_SPAN = 2 * math.pi / len(SECTORS)
# The caregiver sits by the child on the services/other edge: no person is ever placed on a
# wedge edge, and those wedges are usually the emptiest.
CAREGIVER_ANGLE = -1.5 * SECTOR_SPAN
# In a crowded cell, alternate people slightly in and out so they overlap less.
STAGGER = (0.0, -0.05, 0.05)
CROWDED = 6
# Nudge each ring's people sideways (by closeness) so a person does not hide another behind them.
NUDGE = {3: 0.0, 2: 0.2, 1: -0.2}
_NUDGE_AT = {RING_RADII[closeness]: nudge for closeness, nudge in NUDGE.items()}


@dataclass(frozen=True)
class Wedge:
    """One sector's slice of the drawing, as angles clockwise from 12 o'clock."""

    sector: str
    start: float
    end: float

    @property
    def middle(self) -> float:
        """The angle through the middle of the wedge."""
        return (self.start + self.end) / 2


def wedges() -> tuple[Wedge, ...]:
    """The sector wedges, family centred at the top."""
    first = -SECTOR_SPAN / 2
    return tuple(
        Wedge(s, first + i * SECTOR_SPAN, first + (i + 1) * SECTOR_SPAN)
        for i, s in enumerate(SECTORS)
    )


def point(angle: float, radius: float) -> tuple[float, float]:
    """Polar (clockwise from 12 o'clock) to x, y with y growing downwards."""
    return (radius * math.sin(angle), -radius * math.cos(angle))


def ring_radius(person: Person) -> float:
    """The radius of the ring this person's closeness puts them on."""
    if person.closeness is None:
        return RING_RADII[1]
    return RING_RADII.get(person.closeness, RING_RADII[1])


def layout(ecomap: EcoMap) -> dict[str, tuple[float, float]]:
    """Position every id on the map; the child is at the centre."""
    beside = point(CAREGIVER_ANGLE, CAREGIVER_RADIUS)
    spots = {ecomap.child.id: (0.0, 0.0), ecomap.caregiver.id: beside}
    cells: dict[tuple[str, float], list[Person]] = {}
    for person in ecomap.people:
        if person.x is not None and person.y is not None:
            spots[person.id] = (person.x, person.y)
        else:
            cells.setdefault((person.sector, ring_radius(person)), []).append(person)
    by_sector = {w.sector: w for w in wedges()}
    for (sector, radius), people in cells.items():
        wedge = by_sector[sector]
        crowded = len(people) > CROWDED
        for k, person in enumerate(people):
            angle = wedge.start + SECTOR_SPAN * (k + 1 + _NUDGE_AT[radius]) / (len(people) + 1)
            shift = STAGGER[k % len(STAGGER)] if crowded else 0.0
            spots[person.id] = point(angle, radius + shift)
    return spots


def browser_constants() -> dict[str, object]:
    """Every number the browser's drawing places people by, as JSON for the editor page."""
    return {
        "sectors": list(SECTORS),
        "ring_radii": {str(closeness): r for closeness, r in RING_RADII.items()},
        "outer_radius": OUTER_RADIUS,
        "child_radius": CHILD_RADIUS,
        "caregiver_radius": CAREGIVER_RADIUS,
        "caregiver_angle": CAREGIVER_ANGLE,
        "stagger": list(STAGGER),
        "crowded": CROWDED,
        "nudge": {str(closeness): n for closeness, n in NUDGE.items()},
    }

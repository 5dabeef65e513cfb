"""Placement: child at the centre, rings by closeness, wedges by sector, given x/y kept."""

import json
import math
from pathlib import Path

import pytest

from cgim.ecomap.core import layout
from cgim.ecomap.core.model import SECTORS
from cgim.ecomap.core.parse import parse_ecomap

FIXTURES = Path(__file__).parent.parent / "fixtures"


def crowd(count=3, **fields):
    """A map with ``count`` people per sector and closeness."""
    people = [
        {"id": f"{s}{c}{i}", "label": "P", "sector": s, "closeness": c} | fields
        for s in SECTORS
        for c in (1, 2, 3)
        for i in range(count)
    ]
    return parse_ecomap({"format": "cgim-ecomap", "version": 1, "people": people})


def clockwise_angle(x, y):
    """Angle clockwise from 12 o'clock, in [-span/2, 2*pi - span/2)."""
    angle = math.atan2(x, -y)
    first = -layout.SECTOR_SPAN / 2
    return (angle - first) % (2 * math.pi) + first


def test_child_at_centre_and_everyone_inside_the_square():
    spots = layout.layout(crowd())
    assert spots["child"] == (0.0, 0.0)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in spots.values())


@pytest.mark.parametrize("count", [1, 3, 10])
def test_people_sit_on_their_ring_inside_their_sector_wedge(count):
    the_map = crowd(count)
    spots = layout.layout(the_map)
    wedges = {w.sector: w for w in layout.wedges()}
    for person in the_map.people:
        x, y = spots[person.id]
        assert math.hypot(x, y) == pytest.approx(layout.RING_RADII[person.closeness], abs=0.051)
        wedge = wedges[person.sector]
        assert wedge.start < clockwise_angle(x, y) < wedge.end


def test_inner_ring_is_the_closest():
    assert layout.RING_RADII[3] < layout.RING_RADII[2] < layout.RING_RADII[1] < 1


def test_given_positions_are_honoured_and_layout_is_deterministic():
    the_map = parse_ecomap(json.loads((FIXTURES / "maya.json").read_text()))
    first, second = layout.layout(the_map), layout.layout(the_map)
    assert first == second
    assert first["rosa"] == (0.31, -0.12)
    assert len(set(first.values())) == len(first)  # nobody on top of anyone else


def test_unknown_closeness_goes_to_the_outer_ring():
    doc = {"format": "cgim-ecomap", "version": 1, "people": [{"id": "p", "label": "P"}]}
    x, y = layout.layout(parse_ecomap(doc))["p"]
    assert math.hypot(x, y) == pytest.approx(layout.RING_RADII[1], abs=0.051)


def test_wedges_cover_the_circle_in_sector_order_family_on_top():
    wedges = layout.wedges()
    assert [w.sector for w in wedges] == list(SECTORS)
    assert wedges[0].middle == pytest.approx(0.0)
    assert wedges[-1].end - wedges[0].start == pytest.approx(2 * math.pi)

"""Pacing: the facilitator's controls move the room only to screens the format has."""

import pytest

from cgim.content.library import load_library
from cgim.workshop import pacing
from cgim.workshop.models import Workshop
from tests.conftest import MI_CONTENT

LANGUAGE = load_library(MI_CONTENT).language("en")
FORMAT = next(iter(LANGUAGE.formats))


def room(**state) -> Workshop:
    """A workshop object with pacing state only (no database needed)."""
    return Workshop(format_id=FORMAT, control_version=0, mode="follow", paused=False, **state)


def test_show_moves_the_room_to_a_real_screen():
    module, number, _step = pacing.steps_in_order(LANGUAGE, room())[1]
    workshop = room()
    pacing.control(workshop, LANGUAGE, "show", module.id, number)
    assert (workshop.shown_module, workshop.shown_step) == (module.id, number)
    assert workshop.control_version == 1


@pytest.mark.parametrize("module_id, number", [("nope", 1), (None, 1), ("start", 99)])
def test_show_of_a_screen_the_format_lacks_changes_nothing(module_id, number):
    first, n, _step = pacing.steps_in_order(LANGUAGE, room())[1]
    workshop = room(shown_module=first.id, shown_step=n)
    pacing.control(workshop, LANGUAGE, "show", module_id, number)
    assert (workshop.shown_module, workshop.shown_step) == (first.id, n)
    assert workshop.control_version == 0  # tablets are not told to move

"""Pacing a workshop: the screens in order, the facilitator's controls, follow-me and pause."""

from ..content.model import Language, Module, Step
from ..timeutil import utcnow
from .models import Workshop

ACTIONS = (
    "follow",
    "free",
    "show",
    "next",
    "previous",
    "results_on",
    "results_off",
    "pause",
    "resume",
    "end",
)


def steps_in_order(language: Language, workshop: Workshop) -> list[tuple[Module, int, Step]]:
    """Every screen of the workshop's format, in order."""
    return [
        (m, n, s)
        for m in language.modules_for(workshop.format_id)
        for n, s in enumerate(m.steps, 1)
    ]


def position(language: Language, workshop: Workshop, module_id: str | None, number: int) -> int:
    """Index of a screen in the whole format (0 if unknown)."""
    for i, (module, n, _step) in enumerate(steps_in_order(language, workshop)):
        if module.id == module_id and n == number:
            return i
    return 0


def control(
    workshop: Workshop, language: Language, action: str, module_id=None, number=None
) -> None:
    """Apply one facilitator control; every tablet sees it on its next poll."""
    order = steps_in_order(language, workshop)
    here = position(language, workshop, workshop.shown_module, workshop.shown_step)
    if action == "show":
        wanted = [i for i, (m, n, _s) in enumerate(order) if (m.id, n) == (module_id, number or 1)]
        if not wanted:  # not a screen of this format: change nothing, move no tablet
            return
        here = wanted[0]
    elif action in ("next", "previous"):
        here = min(max(here + (1 if action == "next" else -1), 0), len(order) - 1)
    if action in ("show", "next", "previous", "follow") or workshop.shown_module is None:
        workshop.shown_module, workshop.shown_step = order[here][0].id, order[here][1]
    settings = {
        "follow": ("mode", "follow"),
        "free": ("mode", "free"),
        "results_on": ("show_results", True),
        "results_off": ("show_results", False),
        "pause": ("paused", True),
        "resume": ("paused", False),
    }
    if action in settings:
        setattr(workshop, *settings[action])
    if action == "end":
        workshop.ended_at, workshop.paused = utcnow(), False
    workshop.control_version += 1


def tablet_state(workshop: Workshop) -> dict:
    """What a parent's tablet must do: follow the shown screen, pause, or go to the plan."""
    following = workshop.mode == "follow" and workshop.shown_module is not None
    return {
        "follow": [workshop.shown_module, workshop.shown_step] if following else None,
        "paused": workshop.paused,
        "ended": workshop.ended_at is not None,
    }


def may_view(
    language: Language, workshop: Workshop, module_id: str, number: int
) -> tuple[str, int] | None:
    """In follow-me mode a parent cannot run ahead: the screen to show instead, if any."""
    if workshop.mode != "follow" or workshop.shown_module is None:
        return None
    wanted = position(language, workshop, module_id, number)
    shown = position(language, workshop, workshop.shown_module, workshop.shown_step)
    return (workshop.shown_module, workshop.shown_step) if wanted > shown else None

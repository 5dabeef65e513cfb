"""Parse the motivational-interviewing parts of content: OARS cards, rulers, balance boxes."""

from typing import Any

from ..mi.balance import BOX_KEYS
from ..mi.rulers import FOLLOW_UP_KEYS, RULER_KINDS
from . import model
from .parse import Problems, check_keys, one_of, string_list, text

OARS_KEYS = ("open", "affirm", "reflect", "summarise")
CHANGE_KEYS = ("went_up", "stayed_same", "went_down")


def text_map(
    data: dict[str, Any],
    key: str,
    keys: tuple[str, ...],
    where: str,
    path: str,
    problems: Problems,
) -> dict[str, str]:
    """A mapping that must hold exactly these keys, each with non-empty text."""
    raw = data.get(key)
    if not isinstance(raw, dict):
        problems.add(where, f"{path}{key}", f"needs {', '.join(keys)}")
        return {}
    check_keys(raw, set(keys), where, f"{path}{key}.", problems)
    return {k: text(raw, k, where, f"{path}{key}.", problems) for k in keys}


def parse_oars(data: dict[str, Any], where: str, problems: Problems) -> dict[str, tuple[str, ...]]:
    """The facilitator's OARS cue card of a module."""
    raw = data.get("oars")
    if not isinstance(raw, dict):
        problems.add(where, "oars", f"needs {', '.join(OARS_KEYS)} (lists of examples)")
        return {}
    check_keys(raw, set(OARS_KEYS), where, "oars.", problems)
    card: dict[str, tuple[str, ...]] = {}
    for key in OARS_KEYS:
        card[key] = string_list(raw, key, where, "oars.", problems)
        if not card[key]:
            problems.add(where, f"oars.{key}", "needs at least one example")
    return card


def ruler_fields(data: dict[str, Any], where: str, path: str, problems: Problems) -> dict[str, Any]:
    """Fields of a ruler: its kind, follow-up words, and what it is compared with."""
    fields: dict[str, Any] = {
        "ruler": data.get("ruler"),
        "follow_ups": text_map(data, "follow_ups", FOLLOW_UP_KEYS, where, path, problems),
        "compare_with": data.get("compare_with"),
    }
    one_of(fields["ruler"], RULER_KINDS, where, f"{path}ruler", problems)
    if fields["compare_with"] is not None or "change_words" in data:
        fields["change_words"] = text_map(data, "change_words", CHANGE_KEYS, where, path, problems)
        if not isinstance(fields["compare_with"], str):
            problems.add(where, f"{path}compare_with", "is needed with change_words")
    return fields


def balance_fields(
    data: dict[str, Any], where: str, path: str, problems: Problems
) -> dict[str, Any]:
    """The four labelled boxes of a decisional balance."""
    boxes = text_map(data, "boxes", BOX_KEYS, where, path, problems)
    return {"boxes": tuple(boxes.items())}


def follow_up_step(ruler: model.Step) -> model.Step:
    """The screen after a ruler that asks its MI follow-up questions."""
    return model.Step(
        id=f"{ruler.id}-more",
        kind=model.FOLLOW_UP,
        title=ruler.title,
        stages=ruler.stages,
        themes=ruler.themes,
        change_talk=ruler.change_talk,
        ruler=ruler.ruler,
        follow_ups=ruler.follow_ups,
        compare_with=ruler.compare_with,
        change_words=ruler.change_words,
        follows=ruler.id,
    )


def with_follow_ups(steps: list[model.Step]) -> tuple[model.Step, ...]:
    """Every ruler followed by its follow-up screen."""
    expanded: list[model.Step] = []
    for step in steps:
        expanded.append(step)
        if step.kind == model.RULER:
            expanded.append(follow_up_step(step))
    return tuple(expanded)

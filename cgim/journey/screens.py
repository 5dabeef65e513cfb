"""Which screens a parent sees: stage of change and ambivalence themes from their answers."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..content import model
from ..mi.selection import StepRecord
from ..mi.stages import assess_stage
from ..mi.themes import detect_themes


@dataclass(frozen=True)
class ParentState:
    """What the MI engine knows about a parent right now; recomputed from answers."""

    stage: str
    rule_id: str
    themes: frozenset[str]
    importance: int | None
    confidence: int | None


def latest_rating(
    modules: Sequence[model.Module], answers: dict[str, Any], kind: str
) -> int | None:
    """The parent's latest answered ruler of one kind, in workshop order."""
    rating = None
    for module in modules:
        for step in module.steps:
            if (
                step.kind == model.RULER
                and step.ruler == kind
                and isinstance(answers.get(step.id), int)
            ):
                rating = answers[step.id]
    return rating


def chosen_options(
    modules: Sequence[model.Module], answers: dict[str, Any]
) -> set[tuple[str, str]]:
    """(step id, option id) of every option the parent picked."""
    chosen: set[tuple[str, str]] = set()
    for module in modules:
        for step in module.steps:
            value = answers.get(step.id)
            if step.kind in model.CHOICE_KINDS and value:
                picked = value if isinstance(value, list) else [value]
                chosen.update((step.id, option) for option in picked)
    return chosen


def parent_state(modules: Sequence[model.Module], answers: dict[str, Any]) -> ParentState:
    """Stage of change (staging answer and rulers) and the themes the parent's answers show."""
    staging = next((s for m in modules for s in m.steps if s.staging), None)
    answer = answers.get(staging.id) if staging else None
    importance = latest_rating(modules, answers, "importance")
    confidence = latest_rating(modules, answers, "confidence")
    result = assess_stage(answer, importance, confidence)
    option_themes = {
        (s.id, o.id): o.theme for m in modules for s in m.steps for o in s.options if o.theme
    }
    themes = frozenset(detect_themes(option_themes, chosen_options(modules, answers)))
    return ParentState(result.stage, result.rule_id, themes, importance, confidence)


def is_visible(step: model.Step, state: ParentState, answers: dict[str, Any]) -> bool:
    """A step shows when it suits the stage and themes; a follow-up once its ruler is rated."""
    if step.kind == model.FOLLOW_UP and (step.follows is None or answers.get(step.follows) is None):
        return False
    return StepRecord(step.id, step.stages, step.change_talk, step.themes).suits(
        state.stage, state.themes
    )


def visible_numbers(module: model.Module, state: ParentState, answers: dict[str, Any]) -> list[int]:
    """1-based numbers of the module's steps this parent sees, in order."""
    return [n for n, step in enumerate(module.steps, start=1) if is_visible(step, state, answers)]

"""MI words a screen needs: follow-up questions for a rating, and the change since the start."""

from typing import Any, TypedDict

from ..content import model
from ..mi.rulers import follow_up_keys, ruler_change


def fill(template: str, **values: object) -> str:
    """Put numbers into content words ({n}, {next}, {start}, {end}); other braces stay."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


class StepWords(TypedDict, total=False):
    """What a follow-up screen shows; empty for every other screen."""

    rating: int
    questions: dict[str, str]
    change: str | None


def step_words(step: model.Step, answers: dict[str, Any]) -> StepWords:
    """For a follow-up screen: the rating, its questions and the change message, if any."""
    if step.kind != model.FOLLOW_UP or step.follows is None:
        return {}
    if not isinstance(answers.get(step.follows), int):
        return {}
    rating = answers[step.follows]
    questions = {
        key: fill(step.follow_ups[key], n=rating, next=min(rating + 1, 10))
        for key in follow_up_keys(rating)
    }
    words: StepWords = {"rating": rating, "questions": questions, "change": None}
    start = answers.get(step.compare_with) if step.compare_with else None
    if isinstance(start, int) and step.ruler is not None:  # a follow-up always has its ruler
        change = ruler_change(step.ruler, start, rating)
        words["change"] = fill(step.change_words[change.message_key], start=start, end=rating)
    return words

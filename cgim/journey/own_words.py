"""'In your own words': the parent's change talk, balance and ruler changes, in their phrasing."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..content import model
from ..mi.balance import balance_summary
from ..mi.change_talk import ChangeTalkGroup, collect_change_talk
from .progress import Journey
from .words import step_words


@dataclass(frozen=True)
class Balance:
    """One decisional balance, boxes in the order MI recommends, with their labels."""

    title: str
    boxes: tuple[tuple[str, str], ...]  # (label, the parent's words)


@dataclass(frozen=True)
class OwnWords:
    """Everything the summary page shows."""

    change_talk: tuple[ChangeTalkGroup, ...]
    balances: tuple[Balance, ...]
    changes: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """Nothing written yet."""
        return not (self.change_talk or self.balances or self.changes)


def shown_steps(path: Journey) -> Iterator[model.Step]:
    """Steps this parent saw, in workshop order."""
    for module in path.modules:
        for number in path.visible(module):
            yield module.steps[number - 1]


# Only what the parent typed is quoted as their words. A choice answer is an option id
# ("practical"), a rating a number: quoting those would put words in the parent's mouth.
TYPED_KINDS = (*model.TEXT_KINDS, model.FOLLOW_UP)


def tagged_texts(path: Journey) -> tuple[dict[str, Any], dict[str, str]]:
    """(answers, tags) for change talk, typed answers only; follow-ups count once per question."""
    answers: dict[str, Any] = {}
    tags: dict[str, str] = {}
    for step in shown_steps(path):
        if not step.change_talk or step.kind not in TYPED_KINDS:
            continue
        value = path.answers.get(step.id)
        if isinstance(value, dict):
            for key, text in value.items():
                answers[f"{step.id}/{key}"], tags[f"{step.id}/{key}"] = text, step.change_talk
        else:
            answers[step.id], tags[step.id] = value, step.change_talk
    return answers, tags


def own_words(path: Journey) -> OwnWords:
    """The parent's own words, grouped and ordered as MI recommends."""
    answers, tags = tagged_texts(path)
    balances, changes = [], []
    for step in shown_steps(path):
        value = path.answers.get(step.id)
        if step.kind == model.BALANCE and isinstance(value, dict):
            labels = dict(step.boxes)
            boxes = tuple((labels[b.key], b.text) for b in balance_summary(value))
            balances.append(Balance(step.title, boxes))
        if step.kind == model.FOLLOW_UP and step.compare_with:
            change = step_words(step, path.answers).get("change")
            if change:
                changes.append(change)
    return OwnWords(collect_change_talk(answers, tags), tuple(balances), tuple(changes))

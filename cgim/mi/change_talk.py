"""Change talk in the parent's own words, grouped in DARN-CAT order.

DARN (desire, ability, reasons, need) is preparatory change talk; CAT (commitment,
activation, taking steps) is mobilising change talk, which predicts action best
(Amrhein et al. 2003; Miller & Rollnick 2013). The "In your own words" page shows the
groups in this order so the summary builds towards the parent's own commitment.
"""

from collections.abc import Mapping
from dataclasses import dataclass

DESIRE = "desire"
ABILITY = "ability"
REASONS = "reasons"
NEED = "need"
COMMITMENT = "commitment"
ACTIVATION = "activation"
TAKING_STEPS = "taking_steps"
CHANGE_TALK_KINDS = (DESIRE, ABILITY, REASONS, NEED, COMMITMENT, ACTIVATION, TAKING_STEPS)
PREPARATORY_KINDS = (DESIRE, ABILITY, REASONS, NEED)
MOBILISING_KINDS = (COMMITMENT, ACTIVATION, TAKING_STEPS)


@dataclass(frozen=True)
class ChangeTalkEntry:
    """One answer carrying change talk: the step it came from and the parent's words."""

    step_id: str
    text: str


@dataclass(frozen=True)
class ChangeTalkGroup:
    """All entries of one change-talk kind, in content (step) order."""

    kind: str
    entries: tuple[ChangeTalkEntry, ...]

    @property
    def mobilising(self) -> bool:
        """Tell whether this kind is mobilising (CAT) rather than preparatory (DARN)."""
        return self.kind in MOBILISING_KINDS


def validate_change_talk(kind: object) -> str:
    """Return a known change-talk kind, or raise ValueError so content typos fail loudly."""
    if not isinstance(kind, str) or kind not in CHANGE_TALK_KINDS:
        raise ValueError(f"unknown change talk kind {kind!r}; expected one of {CHANGE_TALK_KINDS}")
    return kind


def collect_change_talk(
    answers: Mapping[str, object], tags: Mapping[str, str]
) -> tuple[ChangeTalkGroup, ...]:
    """Group the parent's tagged free-text answers by DARN-CAT kind, skipping empty ones."""
    # tags (step id -> kind) is in content order, which orders the entries; only text
    # answers are the parent's own words, so choices (lists, option ids) are skipped.
    by_kind: dict[str, list[ChangeTalkEntry]] = {kind: [] for kind in CHANGE_TALK_KINDS}
    for step_id, kind in tags.items():
        validate_change_talk(kind)
        text = answers.get(step_id)
        if isinstance(text, str) and text.strip():
            by_kind[kind].append(ChangeTalkEntry(step_id, text.strip()))
    return tuple(
        ChangeTalkGroup(kind, tuple(entries)) for kind, entries in by_kind.items() if entries
    )

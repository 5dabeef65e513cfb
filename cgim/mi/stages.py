"""Stage of change (TTM) from the staging question and the readiness rulers.

The rules are a table, checked top to bottom; the first row that matches decides. Each
row's reason and source are in docs/mi-rules.md. Two principles shape the table:

1. The staging answer is the parent's own account of intention and behaviour, which is
   how the Transtheoretical Model defines its stages (Prochaska & DiClemente 1983;
   Prochaska, DiClemente & Norcross 1992), so it decides the base stage.
2. Rulers only ever move a parent to an *earlier* stage, and only out of preparation:
   planning with someone who lacks importance or confidence is the "premature focus"
   trap and evokes sustain talk (Miller & Rollnick 2013), while earlier-stage prompts
   stay respectful for anyone.

The stage is recomputed from the current answers each time: a pure function, no state.
"""

from dataclasses import dataclass

from .rulers import validate_rating

PRECONTEMPLATION = "precontemplation"
CONTEMPLATION = "contemplation"
PREPARATION = "preparation"
ACTION = "action"
MAINTENANCE = "maintenance"
STAGES = (PRECONTEMPLATION, CONTEMPLATION, PREPARATION, ACTION, MAINTENANCE)

# Option ids the content's staging question must use (one single_choice step).
NOT_THINKING = "not_thinking"  # "I haven't really thought about it"
THINKING_ABOUT_IT = "thinking_about_it"  # "I've been thinking about it"
PLANNING_SOON = "planning_soon"  # "I plan to ask someone soon"
ALREADY_ASKED = "already_asked"  # "I've already asked someone"
HAS_MENTOR_KEEPING_GOING = "has_mentor_keeping_going"  # "My child has one; we keep it going"
STAGING_ANSWERS = (
    NOT_THINKING,
    THINKING_ABOUT_IT,
    PLANNING_SOON,
    ALREADY_ASKED,
    HAS_MENTOR_KEEPING_GOING,
)

LOW_MAX = 3  # ratings 0-3 count as low
HIGH_MIN = 7  # ratings 7-10 count as high

Accepted = frozenset[str | int | None]


def _band(low: int, high: int) -> Accepted:
    """Return the set of ratings low..high inclusive, for readable table rows."""
    return frozenset(range(low, high + 1))


_LOW = _band(0, LOW_MAX)
_HIGH = _band(HIGH_MIN, 10)
_NOT_LOW = _band(LOW_MAX + 1, 10)
_MISSING: Accepted = frozenset({None})


@dataclass(frozen=True)
class StageRule:
    """One row of the stage table; a condition of None means "anything, or missing"."""

    rule_id: str
    stage: str
    answers: Accepted | None = None
    importance: Accepted | None = None
    confidence: Accepted | None = None

    def matches(self, answer: str | None, importance: int | None, confidence: int | None) -> bool:
        """Tell whether every condition of this row holds for the given answers."""
        checks = (
            (self.answers, answer),
            (self.importance, importance),
            (self.confidence, confidence),
        )
        return all(accepted is None or value in accepted for accepted, value in checks)


# First match wins. Reasons and sources: docs/mi-rules.md, "Stage rules".
STAGE_RULES: tuple[StageRule, ...] = (
    StageRule("prep_low_importance", CONTEMPLATION, frozenset({PLANNING_SOON}), _LOW),
    StageRule("prep_low_confidence", CONTEMPLATION, frozenset({PLANNING_SOON}), None, _LOW),
    StageRule("answer_not_thinking", PRECONTEMPLATION, frozenset({NOT_THINKING})),
    StageRule("answer_thinking", CONTEMPLATION, frozenset({THINKING_ABOUT_IT})),
    StageRule("answer_planning", PREPARATION, frozenset({PLANNING_SOON})),
    StageRule("answer_already_asked", ACTION, frozenset({ALREADY_ASKED})),
    StageRule("answer_has_mentor", MAINTENANCE, frozenset({HAS_MENTOR_KEEPING_GOING})),
    StageRule("rulers_low_importance", PRECONTEMPLATION, _MISSING, _LOW),
    StageRule("rulers_ready", PREPARATION, _MISSING, _HIGH, _HIGH),
    StageRule("rulers_some_importance", CONTEMPLATION, _MISSING, _NOT_LOW),
    StageRule("no_answers_default", CONTEMPLATION, _MISSING, _MISSING),
)


@dataclass(frozen=True)
class StageResult:
    """The stage a parent is in and the table row that decided it (for audit and tests)."""

    stage: str
    rule_id: str


def validate_staging_answer(answer: object) -> str | None:
    """Return a staging option id (or None for no answer); unknown ids raise ValueError."""
    if answer is not None and (not isinstance(answer, str) or answer not in STAGING_ANSWERS):
        raise ValueError(f"unknown staging answer {answer!r}; expected one of {STAGING_ANSWERS}")
    return answer


def validate_stage(stage: object) -> str:
    """Return a known stage name, or raise ValueError so content typos fail loudly."""
    if not isinstance(stage, str) or stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {STAGES}")
    return stage


def assess_stage(
    answer: str | None = None,
    importance: int | None = None,
    confidence: int | None = None,
) -> StageResult:
    """Return the parent's TTM stage from their current answers, first matching rule wins."""
    answer = validate_staging_answer(answer)
    importance = None if importance is None else validate_rating(importance)
    confidence = None if confidence is None else validate_rating(confidence)
    for rule in STAGE_RULES:
        if rule.matches(answer, importance, confidence):
            return StageResult(rule.stage, rule.rule_id)
    raise RuntimeError("STAGE_RULES must cover every answer pattern")  # pragma: no cover

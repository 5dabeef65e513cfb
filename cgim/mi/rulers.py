"""Readiness rulers (importance and confidence, 0-10): MI follow-ups and start/end change.

Everything here returns stable keys; content maps them to words in each language.
Follow-ups (Miller & Rollnick, *Motivational Interviewing*, 3rd ed., 2013, ch. 13):

- ``why_not_lower`` ("Why a N and not a lower number?"): draws out the parent's own
  reasons for change (change talk).
- ``move_up_one`` ("What would help you move up one point?"): asks what would help.
- ``reach_one`` ("What would have to happen for it to be a 1?"): the only follow-up at 0,
  where there is no lower number to ask about.

There is deliberately no "why not a 10?": it invites the parent to defend the status quo
(sustain talk). At 10 there is no point to move up to, so ``move_up_one`` is not asked.
"""

from dataclasses import dataclass

IMPORTANCE = "importance"
CONFIDENCE = "confidence"
RULER_KINDS = (IMPORTANCE, CONFIDENCE)

MIN_RATING = 0
MAX_RATING = 10

WHY_NOT_LOWER = "why_not_lower"
MOVE_UP_ONE = "move_up_one"
REACH_ONE = "reach_one"
FOLLOW_UP_KEYS = (WHY_NOT_LOWER, MOVE_UP_ONE, REACH_ONE)

UP = "up"
SAME = "same"
DOWN = "down"
DIRECTIONS = (UP, SAME, DOWN)

WENT_UP = "went_up"
STAYED_SAME = "stayed_same"
WENT_DOWN = "went_down"
CHANGE_MESSAGE_KEYS = (WENT_UP, STAYED_SAME, WENT_DOWN)

_MESSAGE_FOR_DIRECTION = {UP: WENT_UP, SAME: STAYED_SAME, DOWN: WENT_DOWN}


@dataclass(frozen=True)
class FollowUp:
    """One MI follow-up to a ruler rating; content words it by ``kind`` and ``key``."""

    kind: str
    key: str
    rating: int


@dataclass(frozen=True)
class RulerChange:
    """A parent's change on one ruler between the start and end of a workshop."""

    kind: str
    start: int
    end: int
    delta: int
    direction: str
    message_key: str

    @property
    def size(self) -> int:
        """How many points the rating moved, without sign, for words like "3 points"."""
        return abs(self.delta)

    def values(self) -> dict[str, int | str]:
        """Placeholder values for the content message, e.g. ``{start}`` and ``{end}``."""
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "delta": self.delta,
            "size": self.size,
        }


def validate_kind(kind: object) -> str:
    """Return a known ruler kind, or raise ValueError so typos fail loudly."""
    if not isinstance(kind, str) or kind not in RULER_KINDS:
        raise ValueError(f"unknown ruler kind {kind!r}; expected one of {RULER_KINDS}")
    return kind


def validate_rating(value: object) -> int:
    """Return a ruler rating as an int 0..10, or raise ValueError (no strings, floats, bools)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a ruler rating must be a whole number 0-10, got {value!r}")
    if not MIN_RATING <= value <= MAX_RATING:
        raise ValueError(f"a ruler rating must be between 0 and 10, got {value}")
    return value


def follow_up_keys(rating: int) -> tuple[str, ...]:
    """Return the follow-up keys for a rating: reach_one at 0, never a "why not 10"."""
    rating = validate_rating(rating)
    if rating == MIN_RATING:
        return (REACH_ONE,)
    if rating == MAX_RATING:
        return (WHY_NOT_LOWER,)
    return (WHY_NOT_LOWER, MOVE_UP_ONE)


def follow_ups(kind: str, rating: int) -> tuple[FollowUp, ...]:
    """Return the MI follow-ups to ask after a rating on the given ruler, in asking order."""
    kind = validate_kind(kind)
    return tuple(FollowUp(kind, key, rating) for key in follow_up_keys(rating))


def ruler_change(kind: str, start: int, end: int) -> RulerChange:
    """Compare start and end ratings so content can word the change without judging it."""
    kind = validate_kind(kind)
    start = validate_rating(start)
    end = validate_rating(end)
    delta = end - start
    direction = UP if delta > 0 else DOWN if delta < 0 else SAME
    return RulerChange(kind, start, end, delta, direction, _MESSAGE_FOR_DIRECTION[direction])

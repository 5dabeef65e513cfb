"""Room-level distributions for the facilitator, suppressed for small groups.

Counts only, never identities: callers pass one value per parent (their latest answer)
and get back counts. Fewer than MIN_GROUP_SIZE answers are suppressed so that no
parent's rating or stage can be singled out in the room.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .rulers import MAX_RATING, MIN_RATING, validate_rating
from .stages import STAGES, validate_stage

MIN_GROUP_SIZE = 3


@dataclass(frozen=True)
class RatingHistogram:
    """Ruler ratings 0-10 counted for a room; counts[r] is how many parents chose r."""

    suppressed: bool
    counts: tuple[int, ...] = ()
    respondents: int | None = None


@dataclass(frozen=True)
class StageDistribution:
    """Stages counted for a room, every stage listed in TTM order (zeros included)."""

    suppressed: bool
    counts: tuple[tuple[str, int], ...] = ()
    respondents: int | None = None


def _answered(values: Iterable[object]) -> list[object]:
    """Drop unanswered (None) values; each remaining value stands for one parent."""
    return [value for value in values if value is not None]


def rating_histogram(ratings: Iterable[int | None]) -> RatingHistogram:
    """Count one rating per parent into 0..10, or a suppressed result under the minimum."""
    answered = [validate_rating(rating) for rating in _answered(ratings)]
    if len(answered) < MIN_GROUP_SIZE:
        return RatingHistogram(suppressed=True)
    counts = tuple(answered.count(r) for r in range(MIN_RATING, MAX_RATING + 1))
    return RatingHistogram(suppressed=False, counts=counts, respondents=len(answered))


def stage_distribution(stages: Iterable[str | None]) -> StageDistribution:
    """Count one stage per parent in TTM order, or a suppressed result under the minimum."""
    answered = [validate_stage(stage) for stage in _answered(stages)]
    if len(answered) < MIN_GROUP_SIZE:
        return StageDistribution(suppressed=True)
    counts = tuple((stage, answered.count(stage)) for stage in STAGES)
    return StageDistribution(suppressed=False, counts=counts, respondents=len(answered))

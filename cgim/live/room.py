"""The room at a glance for the facilitator: OARS cue card and anonymous MI distributions."""

from collections import Counter
from dataclasses import dataclass

from ..content.model import Language, Module
from ..journey.progress import Journey
from ..mi.aggregate import RatingHistogram, StageDistribution, rating_histogram, stage_distribution
from ..workshop.models import Workshop

NO_ANSWERS = "no_answers_default"


@dataclass(frozen=True)
class RoomMI:
    """Importance and confidence ratings and stages of change across the room; no names."""

    importance: RatingHistogram
    confidence: RatingHistogram
    stages: StageDistribution


def room_mi(modules: tuple[Module, ...], answers_by_parent: dict[int, dict]) -> RoomMI:
    """Each parent's latest ratings and stage, pooled; suppressed under three parents."""
    states = [Journey(modules, answers).state for answers in answers_by_parent.values()]
    return RoomMI(
        importance=rating_histogram(s.importance for s in states),
        confidence=rating_histogram(s.confidence for s in states),
        # A parent who has said nothing yet has no stage to count.
        stages=stage_distribution(s.stage if s.rule_id != NO_ANSWERS else None for s in states),
    )


def cue_module(
    language: Language, workshop: Workshop, current_modules: list, wanted: str | None
) -> Module:
    """The module whose OARS card to show: the one asked for, else where most parents are."""
    modules = language.modules_for(workshop.format_id)
    by_id = {m.id: m for m in modules}
    if wanted in by_id:
        return by_id[wanted]
    busiest = Counter(m for m in current_modules if m in by_id).most_common(1)
    return by_id[busiest[0][0]] if busiest else modules[0]

"""After a serious worry: what the parent is offered at once, and who may hear of it."""

from dataclasses import dataclass

from ..content.model import Language, Step
from ..ecomap import services as ecomaps
from ..ecomap.core.model import EcoMapError
from ..ecomap.core.worries import WORRIES, Worry
from ..parent.models import Parent
from ..timeutil import utcnow

# The content screen that says what to do if a child tells (content/<lang>/modules/keeping_safe).
IF_CHILD_TELLS = "safe-if-child-tells"


@dataclass(frozen=True)
class Worries:
    """An adult on the parent's map and the serious worries the parent noted about them."""

    label: str
    serious: tuple[Worry, ...]

    @property
    def steps(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """(what the parent noted, the first step for it): worries sharing a step, together."""
        grouped: dict[str, list[str]] = {}
        for worry in self.serious:
            grouped.setdefault(worry.first_step, []).append(worry.noticed)
        return tuple((tuple(noticed), step) for step, noticed in grouped.items())


def serious_worries_about(parent: Parent, person_id: str) -> Worries:
    """The adult's name and their serious worries, from the parent's own map only."""
    ecomap, _version = ecomaps.current(parent)
    person = next((p for p in ecomap.people if p.id == person_id), None)
    if person is None:
        raise EcoMapError(f"{person_id}: not on the map")
    return Worries(person.label, tuple(WORRIES[c] for c in person.serious_concerns))


def if_child_tells(language: Language) -> Step | None:
    """The 'if your child tells you' screen, shown from content (None if the content lacks it)."""
    return language.steps.get(IF_CHILD_TELLS)


def ask_to_talk(parent: Parent, wanted: bool) -> None:
    """'I'd like to talk to someone': a private request only the facilitator sees."""
    parent.safety_talk_requested_at = utcnow() if wanted else None

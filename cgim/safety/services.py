"""After a serious worry: what the parent is offered at once, and who may hear of it."""

from ..ecomap import services as ecomaps
from ..ecomap.core.model import EcoMapError
from ..ecomap.core.worries import WORRIES, Worry
from ..parent.models import Parent
from ..timeutil import utcnow


def serious_worries_about(parent: Parent, person_id: str) -> tuple[str, Worry | None, list[Worry]]:
    """(the adult's name, the first serious worry, all their serious worries) from the map."""
    ecomap, _version = ecomaps.current(parent)
    try:
        person = next(p for p in ecomap.people if p.id == person_id)
    except StopIteration:
        raise EcoMapError(f"{person_id}: not on the map") from None
    serious = [WORRIES[c] for c in person.serious_concerns]
    return person.label, (serious[0] if serious else None), serious


def note_serious_worry(parent: Parent) -> None:
    """Remember that this parent recorded a serious worry (staff see it unnamed, if at all)."""
    parent.serious_worry_at = utcnow()


def ask_to_talk(parent: Parent, wanted: bool) -> None:
    """'I'd like to talk to someone': a private request only the facilitator sees."""
    parent.safety_talk_requested_at = utcnow() if wanted else None

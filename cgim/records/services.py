"""A parent's record as staff see it: only in workshops they may see, every read logged."""

from sqlalchemy import select

from ..audit import services as audit
from ..auth.models import User
from ..ecomap.models import EcoMapRecord
from ..errors import NotFound
from ..extensions import db
from ..parent.models import Parent
from ..workshop import services as workshops


def parent_for(
    user: User, workshop_id: int, parent_id: int, action: str | None, what: str = ""
) -> Parent:
    """A parent of a workshop the user may see, with the read written to the audit log.

    With no action nothing is written yet: the caller records the outcome itself.
    """
    workshop = workshops.get_for(user, workshop_id)
    parent = db.session.get(Parent, parent_id)
    if parent is None or parent.workshop_id != workshop.id:
        raise NotFound()
    if action:
        audit.record(user, action, parent_id=parent.id, workshop_id=workshop.id, what=what)
    return parent


def shared_map(parent: Parent) -> EcoMapRecord | None:
    """The parent's map, only if they chose to share it."""
    record = db.session.scalar(select(EcoMapRecord).where(EcoMapRecord.parent_id == parent.id))
    return record if record is not None and record.shared else None

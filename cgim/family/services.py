"""A family's record as staff see it: only in workshops they may see, every read logged."""

from sqlalchemy import select

from ..auth.models import User
from ..ecomap.models import EcoMapRecord
from ..errors import NotFound
from ..extensions import db
from ..participant.models import Participant
from ..workshop import services as workshops
from .models import AuditEvent


def parent_for(user: User, workshop_id: int, participant_id: int, action: str) -> Participant:
    """A parent of a workshop the user may see, with the read written to the audit log."""
    workshop = workshops.get_for(user, workshop_id)
    parent = db.session.get(Participant, participant_id)
    if parent is None or parent.workshop_id != workshop.id:
        raise NotFound()
    db.session.add(AuditEvent(user_id=user.id, participant_id=parent.id, action=action))
    return parent


def shared_map(parent: Participant) -> EcoMapRecord | None:
    """The parent's map, only if they chose to share it."""
    record = db.session.scalar(select(EcoMapRecord).where(EcoMapRecord.participant_id == parent.id))
    return record if record is not None and record.shared else None


def audit_trail(parent: Participant) -> list[AuditEvent]:
    """Every staff read of this family's record, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.participant_id == parent.id)
        .order_by(AuditEvent.id.desc())
    )
    return list(db.session.scalars(query))

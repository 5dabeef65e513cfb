"""The audit log: every staff read of a parent's record is written here, and read back."""

from sqlalchemy import select

from ..auth.models import User
from ..extensions import db
from .models import AuditEvent


def record_read(user: User, parent_id: int, action: str) -> None:
    """Write down that a member of staff looked at (or changed) one parent's record."""
    db.session.add(AuditEvent(user_id=user.id, parent_id=parent_id, action=action))


def trail_of(parent_id: int) -> list[AuditEvent]:
    """Every staff read of this parent's record, newest first."""
    query = select(AuditEvent).where(AuditEvent.parent_id == parent_id)
    return list(db.session.scalars(query.order_by(AuditEvent.id.desc())))

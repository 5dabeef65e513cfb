"""The audit log: every staff read of family data and every staff write is written here.

Features call `record` (one row) or `record_seen` (a room read: one row per family shown,
at most one per COALESCE window, so a polling dashboard does not flood the log). `auth`,
which sits below the log, announces its writes (cgim/auth/announce.py); they land here too.
The log reads no feature's models above `auth`: it keeps their ids only.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from ..auth.announce import staff_wrote
from ..extensions import db
from ..timeutil import utcnow
from .models import AuditEvent

# A room read again within this time adds no row: the first one already says who saw whom.
COALESCE = timedelta(minutes=10)
WHAT_LENGTH = AuditEvent.__table__.c.what.type.length
NAME_LENGTH = AuditEvent.__table__.c.staff_name.type.length


def record(user, action: str, parent_id=None, workshop_id=None, what: str = "") -> AuditEvent:
    """Write down that a member of staff read or changed something; the caller commits.

    `user` is the signed-in staff member (id, organisation_id, name); `what` is a short
    detail in staff's words (a file type, a control), never a family's words.
    """
    event = AuditEvent(
        organisation_id=user.organisation_id,
        user_id=user.id,
        staff_name=(user.name or "")[:NAME_LENGTH],
        parent_id=parent_id,
        workshop_id=workshop_id,
        action=action,
        what=(what or "")[:WHAT_LENGTH],
    )
    db.session.add(event)
    return event


@staff_wrote.connect
def _announced(user, action: str, parent_id=None, workshop_id=None, what: str = "") -> None:
    """A write `auth` announced: recorded like any other."""
    record(user, action, parent_id=parent_id, workshop_id=workshop_id, what=what)


def record_seen(user, action: str, workshop_id: int, parent_ids) -> int:
    """A room read: one row per family shown (or one for the room if none is named).

    Families this staff member already saw this way in the last COALESCE get no new row.
    Returns how many rows were added.
    """
    wanted = list(dict.fromkeys(parent_ids)) or [None]
    recent = select(AuditEvent.parent_id).where(
        AuditEvent.user_id == user.id,
        AuditEvent.workshop_id == workshop_id,
        AuditEvent.action == action,
        AuditEvent.created_at >= utcnow() - COALESCE,
    )
    seen = set(db.session.scalars(recent))
    fresh = [pid for pid in wanted if pid not in seen]
    for pid in fresh:
        record(user, action, parent_id=pid, workshop_id=workshop_id)
    return len(fresh)


@dataclass(frozen=True)
class Page:
    """One page of audit rows, newest first, and where it stands among all of them."""

    events: list
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one, even when empty)."""
        return max(1, -(-self.total // self.size))

    @property
    def has_older(self) -> bool:
        """There is a later page (older rows)."""
        return self.number < self.pages

    @property
    def has_newer(self) -> bool:
        """There is an earlier page (newer rows)."""
        return self.number > 1


def page_of(query, number: int, size: int) -> Page:
    """The rows of a query of AuditEvent, newest first, `size` to a page."""
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    last = max(1, -(-total // size))
    number = min(max(1, number), last)
    rows = db.session.scalars(
        query.order_by(AuditEvent.id.desc()).limit(size).offset((number - 1) * size)
    )
    return Page(list(rows), number, size, total)


def trail_query(organisation_id: int, parent_id: int):
    """Every row about one family of the organisation."""
    return select(AuditEvent).where(
        AuditEvent.organisation_id == organisation_id, AuditEvent.parent_id == parent_id
    )


def trail_of(parent_id: int, organisation_id: int | None = None) -> list[AuditEvent]:
    """Every staff read of this parent's record (of one organisation, if given), newest first."""
    query = select(AuditEvent).where(AuditEvent.parent_id == parent_id)
    if organisation_id is not None:
        query = query.where(AuditEvent.organisation_id == organisation_id)
    return list(db.session.scalars(query.order_by(AuditEvent.id.desc())))

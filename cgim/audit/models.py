"""Audit log: every time staff read family data or change something, who, what and when."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class AuditEvent(db.Model):
    """One staff read or write: who (by id and name), which family or room, what, and when.

    The log sits below the features it records (every feature may write to it), so it points
    at users, families and workshops by id only, and outlives all three: a deleted parent's
    rows keep the id, a deleted account's rows keep the name it had.
    """

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    # Scopes the organisation's audit page, even after the staff member or family is gone.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    staff_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Kept when the parent deletes their data: the log must outlive the record it speaks of.
    # None for what is about no one family: a room read of the projector, a team change.
    parent_id: Mapped[int | None] = mapped_column("participant_id", index=True)
    workshop_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40))
    # A short detail in staff's words (a file type, a control): never a family's words.
    what: Mapped[str] = mapped_column(String(80), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

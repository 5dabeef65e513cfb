"""Words a parent chose to share with the room: shown only after the facilitator approves."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

STATUSES = ("waiting", "approved", "hidden")


class SharedText(db.Model):
    """One answer shared with the group, without a name."""

    __tablename__ = "shared_texts"
    __table_args__ = (UniqueConstraint("participant_id", "prompt_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    prompt_id: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

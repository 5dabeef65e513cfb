"""What happened after the ask, recorded when a parent comes back."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class Outcome(db.Model):
    """One follow-up: did they ask, what did the person say, and a private note."""

    __tablename__ = "outcomes"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    person: Mapped[str] = mapped_column(String(60))
    asked: Mapped[str] = mapped_column(String(10))  # asked | not_yet
    response: Mapped[str | None] = mapped_column(String(10))  # yes | maybe | no
    note: Mapped[str] = mapped_column(Text, default="")
    # The note stays private unless the parent ticks "share with my facilitator".
    share_note: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

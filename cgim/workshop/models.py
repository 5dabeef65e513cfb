"""Workshops: a format run for a group (or one family) by a member of staff."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..timeutil import utcnow


class Workshop(db.Model):
    """A workshop with its join code; parents join it on their tablets."""

    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    format_id: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(10))
    date: Mapped[date] = mapped_column(Date)
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Running the room: follow-me or free pace, the screen shown, results, pause, the end.
    mode: Mapped[str] = mapped_column(String(10), default="free")
    shown_module: Mapped[str | None] = mapped_column(String(60))
    shown_step: Mapped[int] = mapped_column(Integer, default=1)
    show_results: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Bumped by every facilitator control, so tablets polling the room see a new ETag.
    control_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    owner: Mapped[User] = relationship(lazy="joined")

    @property
    def is_open(self) -> bool:
        """Parents can join only while the workshop is open."""
        return self.closed_at is None


class CoFacilitator(db.Model):
    """A colleague from the same organisation who runs the workshop too."""

    __tablename__ = "co_facilitators"
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )

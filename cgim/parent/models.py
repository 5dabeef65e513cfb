"""Parents in a workshop and their answers, one row per parent and prompt."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow
from ..workshop.models import Workshop


class Parent(db.Model):
    """A parent, known only by the nickname they chose."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    nickname: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10))
    resume_code: Mapped[str] = mapped_column(String(10), unique=True)  # 8 before 0007
    # Random, kept in the parent's signed cookie: ids can be reused, tokens cannot.
    session_token: Mapped[str] = mapped_column(String(32))
    current_module: Mapped[str | None] = mapped_column(String(60))
    current_step: Mapped[int] = mapped_column(Integer, default=1)
    consented_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set when the parent taps "I'd like help"; cleared when the facilitator has come over.
    help_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # "I'd like to talk to someone" after a serious worry: a private request to the facilitator.
    safety_talk_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when the parent records a serious worry; staff see it only as an unnamed flag, and
    # only where the organisation chose that (Organisation.flag_serious_worries).
    serious_worry_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The tool screen the parent is in (e.g. "ecomap"), so follow-me never pulls them out.
    current_tool: Mapped[str | None] = mapped_column(String(30))
    workshop: Mapped[Workshop] = relationship(lazy="joined")


class Answer(db.Model):
    """A parent's answer to one prompt; saved by upsert so concurrent saves never collide."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("participant_id", "prompt_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    prompt_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SaveReceipt(db.Model):
    """A save the server has applied, by the client's key: a retried save is applied once."""

    __tablename__ = "save_receipts"
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


SHARED_STATUSES = ("waiting", "approved", "hidden")


class SharedText(db.Model):
    """Words a parent chose to share with the room, without a name; shown once approved."""

    __tablename__ = "shared_texts"
    __table_args__ = (UniqueConstraint("participant_id", "prompt_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    prompt_id: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

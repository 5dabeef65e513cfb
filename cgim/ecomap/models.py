"""A family's eco-map: one validated document with a version, its undo history and snapshots."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class EcoMapRecord(db.Model):
    """The current map of one parent; `version` rises with every save (optimistic locking)."""

    __tablename__ = "ecomaps"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    document: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The parent's choice: only a shared map is shown to their facilitator or clinician.
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EcoMapHistory(db.Model):
    """Earlier versions, newest last, so 'Undo' can step back."""

    __tablename__ = "ecomap_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    document: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EcoMapSnapshot(db.Model):
    """The map as it was at a moment worth keeping (the end of the workshop)."""

    __tablename__ = "ecomap_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(80))
    document: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

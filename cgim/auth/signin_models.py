"""Two-step sign-in secrets, recovery codes and wrong-password counts per account."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

# Who an organisation asks to use two-step sign-in (organisations.two_step_for).
TWO_STEP_FOR = ("nobody", "admins", "everyone")
# Idle minutes an organisation may choose before a staff session ends (organisations.idle_minutes).
IDLE_MINUTES = (5, 480)


class TwoStep(db.Model):
    """A staff member's confirmed authenticator app: its secret and the last code step used."""

    __tablename__ = "user_two_step"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    secret: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The 30-second step of the last code accepted: a code is never accepted twice.
    last_step: Mapped[int | None] = mapped_column(Integer)


class RecoveryCode(db.Model):
    """A one-time recovery code, stored hashed; its first characters find it without a scan."""

    __tablename__ = "two_step_recovery_codes"
    __table_args__ = (UniqueConstraint("user_id", "hint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    hint: Mapped[str] = mapped_column(String(8))
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SignInFailures(db.Model):
    """Wrong passwords and codes in a row for one email (known or not), kept as a hash of it."""

    __tablename__ = "sign_in_failures"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SignInUnlock(db.Model):
    """An admin unlocked this account while its email was locked (the email may also have an
    account in another organisation, whose lock must hold): its own password works again."""

    __tablename__ = "sign_in_unlocks"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    unlocked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

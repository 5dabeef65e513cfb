"""Organisations and staff accounts."""

from datetime import datetime
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..timeutil import utcnow

ROLES = ("admin", "facilitator", "clinician", "lead")
# What each role is called on screen; what each may do is in cgim/auth/access.py.
ROLE_NAMES = {
    "admin": _l("Admin"),
    "facilitator": _l("Facilitator"),
    "clinician": _l("Clinician"),
    "lead": _l("Programme lead"),
}


class Days(NamedTuple):
    """A retention setting in whole days: its default and the bounds an admin may choose."""

    default: int
    low: int
    high: int


# Ten years at most: longer is never "as long as needed" for a family's words.
RETENTION = {
    "keep_parents_days": Days(365, 1, 3650),
    "keep_audit_days": Days(730, 1, 3650),
    "resume_days": Days(30, 0, 365),
}


class Organisation(db.Model):
    """An agency running workshops; nothing crosses from one organisation to another."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # When a parent records a serious worry, may staff see a discreet flag ("a parent may
    # want a private word about safety", no name, no details)? The consent screen says which.
    flag_serious_worries: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Retention, enforced by `cgim purge`: days after a workshop closes that its parents' data
    # is kept, days an audit row is kept, and days a closed workshop's resume codes still work.
    keep_parents_days: Mapped[int] = mapped_column(
        Integer, default=RETENTION["keep_parents_days"].default, server_default="365"
    )
    keep_audit_days: Mapped[int] = mapped_column(
        Integer, default=RETENTION["keep_audit_days"].default, server_default="730"
    )
    resume_days: Mapped[int] = mapped_column(
        Integer, default=RETENTION["resume_days"].default, server_default="30"
    )
    # Sign-in rules (cgim/auth/two_step.py, signin.py): who must use two-step sign-in
    # ("nobody", "admins", "everyone"), and minutes without a request before a session ends.
    two_step_for: Mapped[str] = mapped_column(String(10), default="nobody", server_default="nobody")
    idle_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")


class User(UserMixin, db.Model):
    """A staff member: admin, facilitator, clinician or programme lead."""

    __tablename__ = "users"
    # An email is unique in its organisation only, so adding a colleague never tells an admin
    # whether another organisation has the address (cgim/auth/services.py signs in by password).
    __table_args__ = (
        UniqueConstraint("organisation_id", "email", name="uq_users_organisation_email"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    # Bumped at logout and password change so every older session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Account life cycle (cgim/auth/lifecycle.py): set while an admin has deactivated it.
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    organisation: Mapped[Organisation] = relationship(lazy="joined")

    def set_password(self, password: str) -> None:
        """Store a salted hash, never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """True if the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Flask-Login id that carries the session version, so logout revokes old cookies."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_admin(self) -> bool:
        """Admins manage the organisation's accounts and see all its workshops."""
        return self.role == "admin"

    @property
    def is_active(self) -> bool:
        """A deactivated account keeps no session and cannot sign in (Flask-Login asks this)."""
        return self.deactivated_at is None


class PasswordReset(db.Model):
    """A one-time link an admin hands a colleague: only a hash of its token is kept."""

    __tablename__ = "password_resets"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

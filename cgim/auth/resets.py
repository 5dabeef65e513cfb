"""One-time password reset links: an admin (or `cgim reset-password`) hands one over in person.

There is no mail server: the link is shown once and only a SHA-256 hash of its token is kept,
so a copy of the database opens no account. A link works once, for LINK_HOURS, and only for
an active account; using it sets a new password and ends every session of that account.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app, has_request_context, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import timeutil
from ..errors import InvalidInput
from ..extensions import db
from . import lifecycle, services
from .models import PasswordReset, User

LINK_HOURS = 24
# The address `cgim serve` listens on by default, for links printed when CGIM_PUBLIC_URL is unset.
SERVE_DEFAULT = "http://127.0.0.1:5000"


def digest(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def issue(user: User) -> tuple[str, datetime]:
    """A new link token for this account (older ones stop working) and when it expires."""
    if not user.is_active:
        raise InvalidInput("user", _l("This account is deactivated. Reactivate it first."))
    lifecycle.close_reset_links(user)
    token = secrets.token_urlsafe(32)
    expires = timeutil.utcnow() + timedelta(hours=LINK_HOURS)
    db.session.add(PasswordReset(user_id=user.id, token_hash=digest(token), expires_at=expires))
    return token, expires


def link_for(token: str) -> str:
    """The whole address to hand over: CGIM_PUBLIC_URL, else the page's own, else the default."""
    configured = current_app.config.get("CGIM_PUBLIC_URL")
    if has_request_context():
        base, path = configured or request.url_root, url_for("account.reset", token=token)
    else:
        with current_app.test_request_context():
            base, path = configured or SERVE_DEFAULT, url_for("account.reset", token=token)
    return base.rstrip("/") + path


def valid(token: str) -> PasswordReset | None:
    """The unused, unexpired link of an active account with this token, or None."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(select(PasswordReset).where(PasswordReset.token_hash == digest(token)))
    if link is None or link.used_at is not None or aware(link.expires_at) <= timeutil.utcnow():
        return None
    user = db.session.get(User, link.user_id)
    return link if user is not None and user.is_active else None


def user_of(link: PasswordReset) -> User:
    """The account a link belongs to."""
    return db.session.get(User, link.user_id)


def redeem(link: PasswordReset, new_password: str) -> User:
    """Set the new password; the link and every session of the account stop working."""
    user = user_of(link)
    lifecycle.set_password(user, new_password)  # closes this link with the others
    return user


def for_email(email: str, organisation_id: int | None = None) -> str:
    """`cgim reset-password EMAIL`: a new link for that account, in two lines (link last).

    One e-mail may have accounts in several organisations: then the organisation is needed.
    """
    query = select(User).where(User.email == services.normalise_email(email))
    if organisation_id is not None:
        query = query.where(User.organisation_id == organisation_id)
    accounts = list(db.session.scalars(query))
    if not accounts:
        raise InvalidInput("email", f"no account has the email {email.strip()!r}")
    if len(accounts) > 1:
        raise InvalidInput(
            "email",
            f"{email.strip()!r} has accounts in {len(accounts)} organisations: "
            "give --organisation NAME",
        )
    user = accounts[0]
    if not user.is_active:
        raise InvalidInput("email", f"the account {user.email} is deactivated; reactivate it first")
    token, expires = issue(user)
    db.session.commit()
    when = expires.strftime("%Y-%m-%d %H:%M UTC")
    return f"Reset link for {user.email} (works once, until {when}):\n{link_for(token)}"

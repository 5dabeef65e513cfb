"""Staff accounts: first-run set-up, adding colleagues, signing in and out."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from ..errors import Conflict, InvalidInput
from ..extensions import db
from . import passwords
from .models import RETENTION, ROLES, Organisation, User

# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("cgim-timing-equaliser")


def setup_needed() -> bool:
    """True until the first staff account exists."""
    return db.session.scalar(select(func.count(User.id))) == 0


def normalise_email(email: str) -> str:
    """Emails compare without case or surrounding spaces."""
    return email.strip().lower()


def create_user(
    organisation: Organisation, name: str, email: str, role: str, password: str
) -> User:
    """Add a staff account; the email must be new in this organisation (others' never count)."""
    if role not in ROLES:
        raise InvalidInput("role", _l("Please pick one of the roles shown."))
    passwords.check(password, email, name)
    email = normalise_email(email)
    if organisation.id is not None and db.session.scalar(
        select(User.id).where(User.organisation_id == organisation.id, User.email == email)
    ):
        raise InvalidInput("email", _l("Someone in your team already has this email."))
    user = User(organisation=organisation, name=name.strip(), email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def create_first_admin(organisation_name: str, name: str, email: str, password: str) -> User:
    """First run only: the organisation and its admin."""
    if not setup_needed():
        raise Conflict(_l("Set-up is already done."))
    organisation = Organisation(name=organisation_name.strip())
    db.session.add(organisation)
    return create_user(organisation, name, email, "admin", password)


def authenticate(email: str, password: str) -> User | None:
    """The account with this email and password, or None.

    One email may have an account in several organisations (each checks only its own): the
    password says which. Were one password to open two, the oldest account is the one.
    """
    query = select(User).where(User.email == normalise_email(email)).order_by(User.id)
    accounts = list(db.session.scalars(query))
    if not accounts:
        from werkzeug.security import check_password_hash

        check_password_hash(_DUMMY_HASH, password)
        return None
    # Every candidate is checked, so the time taken does not say which one matched.
    matching = [user for user in accounts if user.check_password(password)]
    # A deactivated account fails like a wrong password (cgim/auth/lifecycle.py).
    return next((user for user in matching if user.is_active), None)


def end_sessions(user: User) -> None:
    """Revoke every session cookie this user has, on any device."""
    user.session_version += 1


def load_user(user_id: str) -> User | None:
    """Flask-Login loader: the id carries the session version, so old cookies stop working."""
    try:
        uid, version = (int(part) for part in user_id.split(":"))
    except ValueError:
        return None
    user = db.session.get(User, uid)
    # Deactivated accounts lose every session at once (cgim/auth/lifecycle.py).
    return user if user and user.session_version == version and user.is_active else None


def colleagues(user: User) -> list[User]:
    """Everyone in the user's organisation, by name."""
    query = select(User).where(User.organisation_id == user.organisation_id).order_by(User.name)
    return list(db.session.scalars(query))


def set_retention(
    organisation: Organisation, keep_parents_days: int, resume_days: int, keep_audit_days: int
) -> None:
    """Change how long the organisation keeps data; a code never outlives the answers it opens."""
    chosen = {
        "keep_parents_days": keep_parents_days,
        "resume_days": resume_days,
        "keep_audit_days": keep_audit_days,
    }
    for name, days in chosen.items():
        if not RETENTION[name].low <= days <= RETENTION[name].high:
            raise InvalidInput(name, _l("Please choose a number of days within the limits."))
    if resume_days > keep_parents_days:
        raise InvalidInput(
            "resume_days", _l("Codes cannot work for longer than the answers they open are kept.")
        )
    for name, days in chosen.items():
        setattr(organisation, name, days)

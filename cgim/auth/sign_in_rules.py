"""An organisation's sign-in rules, and admins lifting a colleague's lock."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..errors import InvalidInput
from ..extensions import db
from . import lockout
from .models import Organisation, User
from .signin_models import IDLE_MINUTES, TWO_STEP_FOR


def set_rules(organisation: Organisation, two_step_for: str, idle_minutes: int) -> None:
    """Who must use two-step sign-in, and minutes without activity before a session ends."""
    if two_step_for not in TWO_STEP_FOR:
        raise InvalidInput("two_step_for", _l("Please pick one of the choices shown."))
    if not IDLE_MINUTES[0] <= idle_minutes <= IDLE_MINUTES[1]:
        raise InvalidInput("idle_minutes", _l("Please choose a number of minutes in the limits."))
    organisation.two_step_for = two_step_for
    organisation.idle_minutes = idle_minutes


def colleague(admin: User, user_id: int) -> User | None:
    """A member of the admin's own organisation, or None (another's staff stay unseen)."""
    return db.session.scalar(
        select(User).where(User.id == user_id, User.organisation_id == admin.organisation_id)
    )


def locked_colleague_ids(admin: User) -> set[int]:
    """Ids of the admin's colleagues whose accounts are locked now."""
    people = db.session.scalars(select(User).where(User.organisation_id == admin.organisation_id))
    return lockout.locked_users(list(people))


def unlock(user: User) -> None:
    """Lift the lock: the colleague can sign in again now (another organisation's stays)."""
    lockout.unlock(user)

"""A staff account's life: new password, role change, leaving (work handed over) and coming back.

Admins act only on their own organisation's accounts, and the organisation always keeps one
active admin. What a leaver holds (workshops now, cases later) belongs to features above this
one: each registers a Handover on the app (register_handover), so auth imports none of them.
"""

from collections.abc import Callable
from typing import NamedTuple

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import timeutil
from ..errors import Conflict, InvalidInput, NotFound
from ..extensions import db
from . import access, passwords, services
from .announce import announce
from .models import ROLE_NAMES, ROLES, PasswordReset, User

EXTENSION = "cgim.handovers"


class Handover(NamedTuple):
    """One kind of thing a staff member holds, which passes to a colleague when they leave."""

    count: Callable[[User], int]  # how many this person holds
    move: Callable[[User, User], int]  # give them all from leaver to successor; how many moved
    words: Callable[[int], str]  # "3 workshops", in the reader's language


def register_handover(app: Flask, handover: Handover) -> None:
    """A feature that owns staff's things says how they pass on (called from cgim/factory.py)."""
    app.extensions.setdefault(EXTENSION, []).append(handover)


def handovers() -> list[Handover]:
    """Every kind of thing a leaver hands over, as the app registered them."""
    return list(current_app.extensions.get(EXTENSION, []))


def holdings(user: User) -> list[str]:
    """What this person holds now, in words ("2 workshops"); empty when nothing."""
    found = [(h, h.count(user)) for h in handovers()]
    return [h.words(n) for h, n in found if n]


def member_of(admin: User, user_id: int) -> User:
    """A colleague in the admin's organisation; anyone else is 'not found'."""
    user = db.session.get(User, user_id)
    if user is None or user.organisation_id != admin.organisation_id:
        raise NotFound()
    return user


def active_colleagues(user: User, leaving_out: User | None = None) -> list[User]:
    """Active accounts of the user's organisation by name, without `leaving_out`."""
    query = select(User).where(
        User.organisation_id == user.organisation_id, User.deactivated_at.is_(None)
    )
    if leaving_out is not None:
        query = query.where(User.id != leaving_out.id)
    return list(db.session.scalars(query.order_by(User.name)))


def takers(admin: User, leaver: User) -> list[User]:
    """Who may take over a leaver's work: active colleagues who can run a room."""
    return [u for u in active_colleagues(admin, leaving_out=leaver) if access.can_run(u)]


def active_admins(organisation_id: int) -> int:
    """How many active admins the organisation has."""
    query = select(func.count(User.id)).where(
        User.organisation_id == organisation_id,
        User.role == "admin",
        User.deactivated_at.is_(None),
    )
    return db.session.scalar(query) or 0


def keeps_an_admin(member: User) -> bool:
    """True unless this change would leave the organisation without an active admin."""
    if not (member.is_admin and member.is_active):
        return True
    return active_admins(member.organisation_id) > 1


def set_password(user: User, new_password: str, field: str = "password") -> None:
    """A new password: it must be hard to guess; every session and open reset link ends."""
    passwords.check(new_password, user.email, user.name, field=field)
    user.set_password(new_password)
    services.end_sessions(user)
    close_reset_links(user)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """The person changes their own password; the current one proves it is them."""
    if not user.check_password(current_password):
        raise InvalidInput("current_password", _l("That is not your current password."))
    if current_password == new_password:
        raise InvalidInput("password", _l("Please choose a password you have not used here."))
    set_password(user, new_password)
    announce(user, "change password")


def close_reset_links(user: User) -> None:
    """Every reset link of this account stops working."""
    now = timeutil.utcnow()
    query = select(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None)
    )
    for link in db.session.scalars(query):
        link.used_at = now


def change_role(admin: User, member: User, role: str) -> None:
    """An admin gives a colleague another role; the last active admin stays an admin."""
    if role not in ROLES:
        raise InvalidInput("role", _l("Please pick one of the roles shown."))
    if role != "admin" and not keeps_an_admin(member):
        raise InvalidInput(
            "role", _l("Your organisation needs at least one admin. Make someone else admin first.")
        )
    member.role = role
    announce(admin, "change role", what=f"{member.name}: {ROLE_NAMES.get(role, role)}")


def successor_for(admin: User, member: User, successor_id: int | None) -> User:
    """The active colleague (not the leaver) who can run rooms and takes over the leaver's work."""
    successor = db.session.get(User, successor_id) if successor_id else None
    if (
        successor is None
        or successor.organisation_id != admin.organisation_id
        or not access.can_run(successor)
        or successor.id == member.id
    ):
        raise InvalidInput("successor", _l("Please choose who takes over their work."))
    return successor


def deactivate(admin: User, member: User, successor_id: int | None) -> tuple[User, list[str]]:
    """The leaver's sessions and reset links end, their work passes on: (successor, what moved)."""
    if member.id == admin.id:
        raise Conflict(_l("You cannot deactivate your own account."))
    if not member.is_active:
        raise Conflict(_l("This account is already deactivated."))
    if not keeps_an_admin(member):
        raise Conflict(_l("Your organisation needs at least one active admin."))
    successor = successor_for(admin, member, successor_id)
    moved = []
    for handover in handovers():
        number = handover.move(member, successor)
        if number:
            moved.append(handover.words(number))
    member.deactivated_at = timeutil.utcnow()
    services.end_sessions(member)
    close_reset_links(member)
    announce(admin, "deactivate account", what=member.name)
    if moved:
        announce(admin, "hand over work", what=f"{member.name} to {successor.name}")
    return successor, moved


def reactivate(admin: User, member: User) -> None:
    """The account may sign in again (with its old password or a new reset link)."""
    if member.organisation_id != admin.organisation_id:
        raise NotFound()
    if member.is_active:
        raise Conflict(_l("This account is already active."))
    member.deactivated_at = None
    announce(admin, "reactivate account", what=member.name)

"""Workshops: create, find (only where the user may look), co-facilitators, close."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..auth import access
from ..auth.models import User
from ..codes import JOIN_LENGTH, new_code
from ..errors import NotFound
from ..extensions import db
from ..timeutil import utcnow
from .models import CoFacilitator, Workshop


def visible_to(user: User):
    """Workshops a user may see: their own and those they co-facilitate, or (admins and
    programme leads, cgim/auth/access.py) all of the organisation's."""
    same_org = Workshop.organisation_id == user.organisation_id
    if access.can(user, access.ALL_WORKSHOPS):
        return same_org
    helping = select(CoFacilitator.workshop_id).where(CoFacilitator.user_id == user.id)
    return same_org & ((Workshop.owner_id == user.id) | Workshop.id.in_(helping))


def add_co_facilitator(workshop: Workshop, colleague_id: int) -> User:
    """Let a colleague from the same organisation run this workshop too."""
    colleague = db.session.get(User, colleague_id)
    if colleague is None or colleague.organisation_id != workshop.organisation_id:
        raise NotFound()
    # Deactivated accounts (cgim/auth/lifecycle.py) and programme leads run no room.
    if not access.can_run(colleague):
        raise NotFound()
    if not access.can(colleague, access.RUN_WORKSHOPS):  # a programme lead sees no families
        raise NotFound()
    if colleague.id != workshop.owner_id and not db.session.get(
        CoFacilitator, (workshop.id, colleague.id)
    ):
        db.session.add(CoFacilitator(workshop_id=workshop.id, user_id=colleague.id))
    return colleague


def co_facilitators(workshop: Workshop) -> list[User]:
    """Colleagues running the workshop with its owner."""
    query = (
        select(User)
        .join(CoFacilitator, CoFacilitator.user_id == User.id)
        .where(CoFacilitator.workshop_id == workshop.id)
    )
    return list(db.session.scalars(query.order_by(User.name)))


def workshops_for(user: User) -> list[Workshop]:
    """Workshops the user may see, newest first."""
    query = (
        select(Workshop).where(visible_to(user)).order_by(Workshop.date.desc(), Workshop.id.desc())
    )
    return list(db.session.scalars(query))


def get_for(user: User, workshop_id: int) -> Workshop:
    """One workshop the user may see; anything else is 'not found', never 'forbidden'."""
    workshop = db.session.scalar(
        select(Workshop).where(Workshop.id == workshop_id, visible_to(user))
    )
    if workshop is None:
        raise NotFound()
    return workshop


def create(user: User, title: str, format_id: str, language: str, on: date) -> Workshop:
    """A new workshop with a fresh join code."""
    for _attempt in range(10):
        workshop = Workshop(
            organisation_id=user.organisation_id,
            owner=user,
            title=title.strip(),
            format_id=format_id,
            language=language,
            date=on,
            join_code=new_code(JOIN_LENGTH),
        )
        try:
            with db.session.begin_nested():
                db.session.add(workshop)
            return workshop
        except IntegrityError:  # the code was taken: draw again
            continue
    raise RuntimeError("Could not find a free join code")


def close(workshop: Workshop) -> None:
    """No one new can join; parents keep their answers and resume codes."""
    if workshop.closed_at is None:
        workshop.closed_at = utcnow()


def reopen(workshop: Workshop) -> None:
    """Let parents join again."""
    workshop.closed_at = None


def find_open(code: str) -> Workshop | None:
    """The open workshop with this join code."""
    return db.session.scalar(
        select(Workshop).where(Workshop.join_code == code, Workshop.closed_at.is_(None))
    )

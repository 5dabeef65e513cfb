"""Organisations: add one (from the command line), find one, rename it, and its settings.

Names need not be unique once made: an admin renaming theirs must never learn, from a
refusal, what another organisation is called. The command line, which serves the host and
sees every organisation, refuses a new name already taken and accepts an id instead.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..errors import InvalidInput
from ..extensions import db
from .models import Organisation

NAME_LENGTH = Organisation.__table__.c.name.type.length


def clean_name(name: str) -> str:
    """The name as kept: spaces at the ends and runs of spaces inside removed; never empty."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidInput("name", _l("Please enter the organisation's name."))
    if len(cleaned) > NAME_LENGTH:
        raise InvalidInput("name", _l("Please use at most %(n)s characters.", n=NAME_LENGTH))
    return cleaned


def named(name: str) -> list[Organisation]:
    """Every organisation with this name (case and spacing ignored), oldest first."""
    wanted = " ".join((name or "").split()).lower()
    query = select(Organisation).where(func.lower(Organisation.name) == wanted)
    return list(db.session.scalars(query.order_by(Organisation.id)))


def everyone() -> list[Organisation]:
    """All organisations, oldest first (for the host's command line only)."""
    return list(db.session.scalars(select(Organisation).order_by(Organisation.id)))


def create(name: str) -> Organisation:
    """A new organisation; the caller commits. A name already taken is refused."""
    cleaned = clean_name(name)
    taken = named(cleaned)
    if taken:
        raise InvalidInput(
            "name",
            _l(
                "an organisation called '%(name)s' already exists (id %(id)s)",
                name=cleaned,
                id=taken[0].id,
            ),
        )
    organisation = Organisation(name=cleaned)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def rename(organisation: Organisation, name: str) -> None:
    """An admin changes their organisation's name (others' names are never compared)."""
    organisation.name = clean_name(name)

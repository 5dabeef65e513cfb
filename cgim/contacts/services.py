"""Which local contacts to show: the parent's (or staff member's) organisation's own."""

from flask import g
from flask_login import current_user
from sqlalchemy import delete, select

from ..extensions import db
from .models import LocalContact


def for_organisation(organisation_id: int | None) -> list[LocalContact]:
    """An organisation's contacts, in the order they were added."""
    if organisation_id is None:
        return []
    query = (
        select(LocalContact)
        .where(LocalContact.organisation_id == organisation_id)
        .order_by(LocalContact.id)
    )
    return list(db.session.scalars(query))


def for_current_person() -> list[LocalContact]:
    """Contacts for whoever is looking: a parent's workshop organisation, or staff's own."""
    parent = g.get("parent")
    if parent is not None:
        return for_organisation(parent.workshop.organisation_id)
    if current_user.is_authenticated:
        return for_organisation(current_user.organisation_id)
    return []


def add(organisation_id: int, name: str, phone: str, description: str) -> LocalContact:
    """Add a contact."""
    contact = LocalContact(
        organisation_id=organisation_id,
        name=name.strip(),
        phone=phone.strip(),
        description=description.strip(),
    )
    db.session.add(contact)
    return contact


def remove(organisation_id: int, contact_id: int) -> None:
    """Remove a contact of this organisation (others' are untouched)."""
    db.session.execute(
        delete(LocalContact).where(
            LocalContact.id == contact_id, LocalContact.organisation_id == organisation_id
        )
    )

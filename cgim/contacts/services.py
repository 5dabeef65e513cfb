"""Which help lines to show, and what staff hear of a serious worry: the organisation decides."""

from flask import g
from flask_login import current_user
from sqlalchemy import delete, select

from ..auth.models import Organisation
from ..extensions import db
from .models import LocalContact

LOCAL = "local"
NATIONAL = "national"
KINDS = (LOCAL, NATIONAL)


def for_organisation(organisation_id: int | None) -> list[LocalContact]:
    """An organisation's contacts: local lines first, then the national fallback, as added."""
    if organisation_id is None:
        return []
    query = select(LocalContact).where(LocalContact.organisation_id == organisation_id)
    rows = db.session.scalars(query.order_by(LocalContact.id))
    return sorted(rows, key=lambda c: c.kind == NATIONAL)  # stable: keeps the order added


def for_current_person() -> list[LocalContact]:
    """Contacts for whoever is looking: a parent's workshop organisation, or staff's own."""
    parent = g.get("parent")
    if parent is not None:
        return for_organisation(parent.workshop.organisation_id)
    if current_user.is_authenticated:
        return for_organisation(current_user.organisation_id)
    return []


def has_help_lines(organisation_id: int) -> bool:
    """True once the organisation has at least one help line for parents to call."""
    query = select(LocalContact.id).where(LocalContact.organisation_id == organisation_id)
    return db.session.scalars(query.limit(1)).first() is not None


def get(organisation_id: int, contact_id: int) -> LocalContact | None:
    """One of this organisation's contacts (None for another organisation's)."""
    contact = db.session.get(LocalContact, contact_id)
    return contact if contact and contact.organisation_id == organisation_id else None


def add(
    organisation_id: int, name: str, phone: str, description: str, kind: str = LOCAL
) -> LocalContact:
    """Add a contact."""
    contact = LocalContact(organisation_id=organisation_id)
    change(contact, name, phone, description, kind)
    db.session.add(contact)
    return contact


def change(contact: LocalContact, name: str, phone: str, description: str, kind: str) -> None:
    """Set a contact's words, number and kind (an unknown kind counts as local)."""
    contact.name = name.strip()
    contact.phone = phone.strip()
    contact.description = description.strip()
    contact.kind = kind if kind in KINDS else LOCAL


def remove(organisation_id: int, contact_id: int) -> None:
    """Remove a contact of this organisation (others' are untouched)."""
    db.session.execute(
        delete(LocalContact).where(
            LocalContact.id == contact_id, LocalContact.organisation_id == organisation_id
        )
    )


def flags_serious_worries(organisation_id: int | None) -> bool:
    """Does a serious worry show staff a discreet, unnamed sign? (The consent screen says.)"""
    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    return bool(organisation and organisation.flag_serious_worries)


def set_flag_serious_worries(organisation_id: int, on: bool) -> None:
    """The admin's choice about the unnamed sign, for every workshop of the organisation."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is not None:
        organisation.flag_serious_worries = on

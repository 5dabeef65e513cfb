"""The organisation's audit log, filtered by staff member, family and dates, with names to show.

The log sits below the features it speaks of (they write to it), so it reads the names of
families and workshops from their tables by name rather than importing their models.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select

from ..auth.models import User
from ..extensions import db
from .models import AuditEvent


def table(name: str):
    """A feature's table, as the app's models declared it."""
    return db.metadata.tables[name]


@dataclass(frozen=True)
class Filters:
    """What an admin narrowed the log to; None means any."""

    user_id: int | None = None
    workshop_id: int | None = None
    nickname: str | None = None
    parent_id: int | None = None
    since: date | None = None
    until: date | None = None


def query_for(organisation_id: int, filters: Filters) -> Select:
    """The organisation's rows that match every filter given."""
    query = select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
    if filters.user_id is not None:
        query = query.where(AuditEvent.user_id == filters.user_id)
    if filters.workshop_id is not None:
        query = query.where(AuditEvent.workshop_id == filters.workshop_id)
    if filters.parent_id is not None:
        query = query.where(AuditEvent.parent_id == filters.parent_id)
    if filters.nickname:
        query = query.where(AuditEvent.parent_id.in_(families_called(organisation_id, filters)))
    if filters.since is not None:
        query = query.where(AuditEvent.created_at >= start_of(filters.since))
    if filters.until is not None:
        query = query.where(AuditEvent.created_at < start_of(filters.until + timedelta(days=1)))
    return query


def start_of(day: date) -> datetime:
    """Midnight UTC at the start of a day (the log's times are UTC)."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def families_called(organisation_id: int, filters: Filters) -> Select:
    """Ids of the organisation's parents with this nickname (in the workshop, if one is chosen)."""
    parents, workshops = table("participants"), table("workshops")
    query = (
        select(parents.c.id)
        .join(workshops, parents.c.workshop_id == workshops.c.id)
        .where(
            workshops.c.organisation_id == organisation_id,
            func.lower(parents.c.nickname) == filters.nickname.strip().lower(),
        )
    )
    if filters.workshop_id is not None:
        query = query.where(workshops.c.id == filters.workshop_id)
    return query


def staff_of(organisation_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organisation's staff, by name, for the staff filter."""
    query = select(User.id, User.name).where(User.organisation_id == organisation_id)
    return [tuple(row) for row in db.session.execute(query.order_by(User.name, User.id))]


def workshops_of(organisation_id: int) -> list[tuple[int, str, date]]:
    """(id, title, date) of the organisation's workshops, newest first, for the family filter."""
    workshops = table("workshops")
    query = select(workshops.c.id, workshops.c.title, workshops.c.date).where(
        workshops.c.organisation_id == organisation_id
    )
    rows = db.session.execute(query.order_by(workshops.c.date.desc(), workshops.c.id.desc()))
    return [tuple(row) for row in rows]


@dataclass(frozen=True)
class Names:
    """Nicknames and workshop titles for the rows on show (only the organisation's own)."""

    families: dict
    workshops: dict

    def family(self, event: AuditEvent) -> str | None:
        """The family's nickname; None if the row names no family or the family is gone."""
        return self.families.get(event.parent_id)

    def workshop(self, event: AuditEvent) -> str | None:
        """The workshop's title; None if the row names none or it is gone."""
        return self.workshops.get(event.workshop_id)


def names_for(organisation_id: int, events: list[AuditEvent]) -> Names:
    """The names the rows point at, in two queries, never another organisation's."""
    parents, workshops = table("participants"), table("workshops")
    parent_ids = {e.parent_id for e in events if e.parent_id is not None}
    workshop_ids = {e.workshop_id for e in events if e.workshop_id is not None}
    families = {}
    if parent_ids:
        rows = db.session.execute(
            select(parents.c.id, parents.c.nickname)
            .join(workshops, parents.c.workshop_id == workshops.c.id)
            .where(parents.c.id.in_(parent_ids), workshops.c.organisation_id == organisation_id)
        )
        families = dict(rows.all())
    titles = {}
    if workshop_ids:
        rows = db.session.execute(
            select(workshops.c.id, workshops.c.title).where(
                workshops.c.id.in_(workshop_ids), workshops.c.organisation_id == organisation_id
            )
        )
        titles = dict(rows.all())
    return Names(families, titles)


def all_rows(organisation_id: int, filters: Filters, batch: int = 500):
    """Every matching row, newest first, read a batch at a time (for the CSV download)."""
    query = query_for(organisation_id, filters).order_by(AuditEvent.id.desc())
    last = None
    while True:
        step = query if last is None else query.where(AuditEvent.id < last)
        events = list(db.session.scalars(step.limit(batch)))
        if not events:
            return
        yield events
        last = events[-1].id

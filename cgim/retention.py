"""Retention: `cgim purge` deletes what is past each organisation's periods, in short steps.

Parents' data goes `keep_parents_days` after their workshop closed (a workshop still open
keeps it); audit rows go `keep_audit_days` after they were written. Each step deletes at
most BATCH parents (or audit rows) in one short transaction that takes SQLite's write lock
at BEGIN, so the purge can run from cron while the app serves.
"""

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Connection, Select, Table, delete, func, select

from .audit.models import AuditEvent
from .auth.models import Organisation
from .database import dependents, scrub, write_lock
from .extensions import db
from .parent.models import Parent
from .timeutil import utcnow
from .workshop.models import Workshop

BATCH = 200
PARENTS = "parents"
AUDIT = "audit events"
# Plain names for the tables that hang off a parent; a table added later shows its own name.
KINDS = {
    "answers": "answers",
    "save_receipts": "save receipts",
    "shared_texts": "shared words",
    "ecomaps": "eco-maps",
    "ecomap_history": "eco-map versions",
    "ecomap_snapshots": "eco-map snapshots",
    "outcomes": "follow-ups",
}


class Periods(NamedTuple):
    """One organisation's retention settings, read before any delete starts."""

    id: int
    keep_parents_days: int
    keep_audit_days: int


def kind_of(table: Table) -> str:
    """The words `cgim purge` prints for a table's rows."""
    return KINDS.get(table.name, table.name.replace("_", " "))


def parents_past(organisation: Periods, now: datetime) -> Select:
    """Ids of the organisation's parents whose workshop closed longer ago than it keeps data."""
    cutoff = now - timedelta(days=organisation.keep_parents_days)
    return (
        select(Parent.id)
        .join(Workshop, Parent.workshop_id == Workshop.id)
        .where(Workshop.organisation_id == organisation.id, Workshop.closed_at < cutoff)
    )


def audit_past(organisation: Periods, now: datetime) -> Select:
    """Ids of the organisation's audit rows written longer ago than it keeps them."""
    cutoff = now - timedelta(days=organisation.keep_audit_days)
    return select(AuditEvent.id).where(
        AuditEvent.organisation_id == organisation.id, AuditEvent.created_at < cutoff
    )


def kinds() -> list[str]:
    """Every kind purge reports, in the order it prints them."""
    hanging = dependents(db.metadata, Parent.__table__)
    return [PARENTS, *sorted({kind_of(t) for t in hanging}, key=_order), AUDIT]


def _order(kind: str) -> tuple[int, str]:
    """Known kinds in KINDS order, any others after them by name."""
    known = list(KINDS.values())
    return (known.index(kind), "") if kind in known else (len(known), kind)


def count_parents(connection: Connection, ids: Select) -> Counter:
    """How many parents, and rows of each table hanging off them, these ids stand for."""
    counts: Counter = Counter()
    counts[PARENTS] = connection.scalar(select(func.count()).select_from(ids.subquery())) or 0
    for table in dependents(db.metadata, Parent.__table__):
        column = _parent_column(table)
        query = select(func.count()).select_from(table).where(column.in_(ids))
        counts[kind_of(table)] += connection.scalar(query) or 0
    return counts


def delete_parents(connection: Connection, ids: list[int]) -> Counter:
    """Delete these parents and everything of theirs, children first; counts what went."""
    counts: Counter = Counter()
    for table in reversed(dependents(db.metadata, Parent.__table__)):
        result = connection.execute(delete(table).where(_parent_column(table).in_(ids)))
        counts[kind_of(table)] += result.rowcount
    result = connection.execute(delete(Parent).where(Parent.id.in_(ids)))
    counts[PARENTS] += result.rowcount
    return counts


def _parent_column(table: Table):
    """The column of `table` that points at a parent."""
    parents = Parent.__table__
    return next(fk.parent for fk in table.foreign_keys if fk.column.table is parents)


def periods() -> list[Periods]:
    """Every organisation's retention settings."""
    query = select(
        Organisation.id, Organisation.keep_parents_days, Organisation.keep_audit_days
    ).order_by(Organisation.id)
    with db.engine.connect() as connection:
        return [Periods(*row) for row in connection.execute(query)]


def purge(dry_run: bool = False, now: datetime | None = None) -> dict[str, int]:
    """Delete (or, dry run, only count) what each organisation keeps no longer, by kind."""
    now = now or utcnow()
    counts = dict.fromkeys(kinds(), 0)
    for organisation in periods():
        found = (_count if dry_run else _delete)(organisation, now)
        for kind, number in found.items():
            counts[kind] += number
    if not dry_run and any(counts.values()):
        touched = [Parent.__table__, *dependents(db.metadata, Parent.__table__)]
        scrub(db.engine, [t.name for t in touched] + [AuditEvent.__tablename__])
    return counts


def _count(organisation: Periods, now: datetime) -> Counter:
    """What purge would delete for one organisation."""
    with db.engine.connect() as connection:
        counts = count_parents(connection, parents_past(organisation, now))
        audit = select(func.count()).select_from(audit_past(organisation, now).subquery())
        counts[AUDIT] = connection.scalar(audit) or 0
    return counts


def _delete(organisation: Periods, now: datetime) -> Counter:
    """Delete one organisation's expired parents, then its expired audit rows, batch by batch."""
    counts = in_batches(parents_past(organisation, now), delete_parents)
    counts.update(in_batches(audit_past(organisation, now), delete_audit))
    return counts


def delete_audit(connection: Connection, ids: list[int]) -> Counter:
    """Delete these audit rows."""
    result = connection.execute(delete(AuditEvent).where(AuditEvent.id.in_(ids)))
    return Counter({AUDIT: result.rowcount})


def in_batches(ids: Select, delete_batch: Callable[[Connection, list[int]], Counter]) -> Counter:
    """Delete BATCH ids at a time, each batch in its own short transaction; counts what went."""
    counts: Counter = Counter()
    while True:
        with write_lock(), db.engine.begin() as connection:
            batch = list(connection.scalars(ids.limit(BATCH)))
            if not batch:
                return counts
            counts.update(delete_batch(connection, batch))

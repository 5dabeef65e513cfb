"""Load and save a parent's eco-map: versions checked on every save, undo, import, snapshots."""

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict
from ..extensions import db
from ..parent.models import Parent
from ..timeutil import utcnow
from .core.model import Child, EcoMap
from .models import EcoMapHistory, EcoMapRecord, EcoMapSnapshot

HISTORY_KEPT = 30


class StaleVersion(Conflict):
    """Someone saved the map since this copy was loaded (another tablet, another tab)."""


def record_of(parent: Parent, child_label: str = "My child") -> EcoMapRecord:
    """The parent's map record, created empty on first use (only in requests that write)."""
    record = stored(parent)
    if record is None:
        empty = EcoMap(child=Child(label=child_label))
        record = EcoMapRecord(parent_id=parent.id, document=empty.to_dict(), version=1)
        db.session.add(record)
        db.session.flush()
    return record


def stored(parent: Parent) -> EcoMapRecord | None:
    """The parent's saved map, if they have saved one (never creates: reads must not write)."""
    return db.session.scalar(select(EcoMapRecord).where(EcoMapRecord.parent_id == parent.id))


def current(parent: Parent, child_label: str = "My child") -> tuple[EcoMap, int]:
    """The parent's map and its version; version 0 is the empty map nobody has saved yet."""
    return as_map(stored(parent), child_label)


def as_map(record: EcoMapRecord | None, child_label: str = "My child") -> tuple[EcoMap, int]:
    """A stored record as (map, version); no record is the empty map at version 0."""
    if record is None:
        return EcoMap(child=Child(label=child_label)), 0
    return EcoMap.from_dict(record.document), record.version


def save(parent: Parent, ecomap: EcoMap, expected_version: int) -> int:
    """Store a new version if nobody saved since `expected_version`; returns the new version.

    One conditional UPDATE: two tablets saving at once cannot both win, on SQLite or PostgreSQL.
    """
    if expected_version == 0 and stored(parent) is None:
        return first_save(parent, ecomap)
    record = record_of(parent)
    previous = record.document
    result = db.session.execute(
        update(EcoMapRecord)
        .where(EcoMapRecord.id == record.id, EcoMapRecord.version == expected_version)
        .values(document=ecomap.to_dict(), version=expected_version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise StaleVersion("The map was changed on another screen.")
    db.session.add(EcoMapHistory(parent_id=parent.id, document=previous))
    trim_history(parent)
    db.session.expire(record)
    return expected_version + 1


def first_save(parent: Parent, ecomap: EcoMap) -> int:
    """The first save creates the record; a second tablet's first save at once is stale."""
    empty = current(parent)[0].to_dict()
    try:
        with db.session.begin_nested():
            db.session.add(EcoMapRecord(parent_id=parent.id, document=ecomap.to_dict(), version=1))
    except IntegrityError:
        raise StaleVersion("The map was changed on another screen.") from None
    db.session.add(EcoMapHistory(parent_id=parent.id, document=empty))  # Undo returns to it
    return 1


def trim_history(parent: Parent) -> None:
    """Keep only the newest versions for undo."""
    keep = (
        select(EcoMapHistory.id)
        .where(EcoMapHistory.parent_id == parent.id)
        .order_by(EcoMapHistory.id.desc())
        .limit(HISTORY_KEPT)
    )
    db.session.execute(
        delete(EcoMapHistory).where(
            EcoMapHistory.parent_id == parent.id,
            EcoMapHistory.id.not_in(keep.scalar_subquery()),
        )
    )


def can_undo(parent: Parent) -> bool:
    """True when there is an earlier version to go back to."""
    count = select(func.count(EcoMapHistory.id)).where(EcoMapHistory.parent_id == parent.id)
    return db.session.scalar(count) > 0


def undo(parent: Parent, expected_version: int) -> int:
    """Go back one change (itself a new version, so other tablets notice)."""
    last = db.session.scalar(
        select(EcoMapHistory)
        .where(EcoMapHistory.parent_id == parent.id)
        .order_by(EcoMapHistory.id.desc())
        .limit(1)
    )
    if last is None:
        return expected_version
    earlier = EcoMap.from_dict(last.document)
    version = save(parent, earlier, expected_version)
    # The save above stored the undone version as history; drop it and the one restored.
    newest = db.session.scalar(
        select(EcoMapHistory.id)
        .where(EcoMapHistory.parent_id == parent.id)
        .order_by(EcoMapHistory.id.desc())
        .limit(1)
    )
    db.session.execute(delete(EcoMapHistory).where(EcoMapHistory.id.in_([last.id, newest])))
    return version


def take_snapshot(parent: Parent, label: str) -> EcoMapSnapshot:
    """Keep the map as it is now."""
    snapshot = EcoMapSnapshot(parent_id=parent.id, label=label, document=record_of(parent).document)
    db.session.add(snapshot)
    return snapshot


def latest_snapshot(parent: Parent) -> EcoMapSnapshot | None:
    """The most recent snapshot, if any."""
    return db.session.scalar(
        select(EcoMapSnapshot)
        .where(EcoMapSnapshot.parent_id == parent.id)
        .order_by(EcoMapSnapshot.id.desc())
        .limit(1)
    )


def snapshot_workshop(workshop_id: int, label: str) -> int:
    """Snapshot every map in a workshop (at its end); returns how many were kept."""
    records = db.session.execute(
        select(EcoMapRecord.parent_id, EcoMapRecord.document)
        .join(Parent, Parent.id == EcoMapRecord.parent_id)
        .where(Parent.workshop_id == workshop_id)
    ).all()
    for parent_id, document in records:
        db.session.add(EcoMapSnapshot(parent_id=parent_id, label=label, document=document))
    return len(records)

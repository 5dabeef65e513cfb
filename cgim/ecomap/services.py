"""Load and save a parent's eco-map: versions checked on every save, undo, import, snapshots."""

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict
from ..extensions import db
from ..parent.models import Parent
from ..timeutil import utcnow
from .core.model import Child, EcoMap
from .core.repair import repair_document
from .models import EcoMapHistory, EcoMapRecord, EcoMapSnapshot

log = logging.getLogger(__name__)
HISTORY_KEPT = 30
# In a list of worries a parent means to take away: this key names worries of any person.
ANY_PERSON = "*"
Removals = Mapping[str, Collection[str]]


class StaleVersion(Conflict):
    """Someone saved the map since this copy was loaded (another tablet, another tab)."""


class WorriesWouldGo(Conflict):
    """A save would take away worries nobody said they mean to take away: nothing is saved."""

    def __init__(self, taken: dict[str, tuple[str, ...]]):
        super().__init__("This would take away worries the parent noted.")
        self.taken = taken


@dataclass(frozen=True)
class Saved:
    """A save that went through: the new version, and who gained a serious worry in it."""

    version: int
    serious: tuple[str, ...] = ()


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
    return loaded(record.document, f"eco-map record {record.id}"), record.version


def loaded(document: object, where: str) -> EcoMap:
    """A stored document as a map: one that no longer parses is repaired and logged, never a 500.

    The repaired map is what the parent sees and edits; their next save stores it (a read
    never writes). The log names the row and the field paths, never the family's words.
    """
    ecomap, repairs = repair_document(document)
    if repairs:
        log.warning("%s could not be read as stored; repaired: %s", where, "; ".join(repairs))
    return ecomap


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


def save_keeping_worries(
    parent: Parent, ecomap: EcoMap, expected_version: int, meant: Removals | None = None
) -> Saved:
    """Save like `save`, but refuse to take away any worry not named in `meant`.

    A worry is only ever removed on purpose (issue 10): a stale copy is StaleVersion before
    anything else, and a new serious worry is noted on the parent at once.
    """
    before, version = current(parent)
    if version != expected_version:
        raise StaleVersion("The map was changed on another screen.")
    unmeant = not_meant(taken_away(before, ecomap), meant or {})
    if unmeant:
        raise WorriesWouldGo(unmeant)
    saved = Saved(save(parent, ecomap, expected_version), gained_serious(before, ecomap))
    if saved.serious:
        note_serious_worry(parent)
    return saved


def taken_away(before: EcoMap, after: EcoMap) -> dict[str, tuple[str, ...]]:
    """The worries on `before` that `after` no longer has, by person (people removed too)."""
    kept = {p.id: set(p.concerns) for p in after.people}
    gone = {
        p.id: tuple(c for c in p.concerns if c not in kept.get(p.id, ())) for p in before.people
    }
    return {pid: worries for pid, worries in gone.items() if worries}


def not_meant(taken: dict[str, tuple[str, ...]], meant: Removals) -> dict[str, tuple[str, ...]]:
    """Of the worries taken away, those nobody named (by person, or for anyone)."""
    anyone = set(meant.get(ANY_PERSON, ()))
    left = {
        pid: tuple(w for w in worries if w not in anyone and w not in meant.get(pid, ()))
        for pid, worries in taken.items()
    }
    return {pid: worries for pid, worries in left.items() if worries}


def gained_serious(before: EcoMap, after: EcoMap) -> tuple[str, ...]:
    """The people who have a serious worry in `after` that they did not have in `before`."""
    had = {p.id: set(p.serious_concerns) for p in before.people}
    return tuple(p.id for p in after.people if set(p.serious_concerns) - had.get(p.id, set()))


def note_serious_worry(parent: Parent) -> None:
    """Remember that this parent recorded a serious worry (staff see it unnamed, if at all)."""
    parent.serious_worry_at = utcnow()


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


def before_undo(parent: Parent) -> EcoMap | None:
    """The map Undo would go back to, or None when there is nothing to undo."""
    last = db.session.scalar(
        select(EcoMapHistory)
        .where(EcoMapHistory.parent_id == parent.id)
        .order_by(EcoMapHistory.id.desc())
        .limit(1)
    )
    return None if last is None else loaded(last.document, f"eco-map history {last.id}")


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
    earlier = loaded(last.document, f"eco-map history {last.id}")
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

"""Merge a plan part saved from a form with what another screen saved meanwhile, field by field.

Pure. A form carries a fingerprint of the part it was drawn from (one short hash per field),
so a save knows, for each field, whether this screen changed it and whether another screen
did. A field only one side changed takes that side's value; a field both changed to different
words is a conflict: nothing is saved and the parent sees both. Nothing is ever lost silently.
"""

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ecomap.core.model import Person

PAIR = re.compile(r"^([a-z_]+):([0-9a-f]{12})$")


def digest(value: object) -> str:
    """A short, stable hash of one stored value (the same value gives the same hash anywhere)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def fingerprint(stored: Mapping[str, object]) -> str:
    """What a form was drawn from, as text for a hidden field: 'field:hash' pairs."""
    return ".".join(f"{key}:{digest(value)}" for key, value in sorted(stored.items()))


def read_fingerprint(text: object) -> dict[str, str]:
    """The field hashes in a fingerprint; anything malformed is left out (treated as unseen)."""
    if not isinstance(text, str):
        return {}
    pairs = (PAIR.match(pair) for pair in text.split("."))
    return {m.group(1): m.group(2) for m in pairs if m}


@dataclass(frozen=True)
class Merged:
    """The part to store (this screen's words where both changed) and the fields in conflict."""

    stored: dict[str, Any]
    conflicts: tuple[str, ...]


def merge(
    drawn: object,
    empty: Mapping[str, Any],
    current: Mapping[str, Any],
    posted: Mapping[str, Any],
) -> Merged:
    """Three-way merge of `posted` onto `current`, from the fingerprint the form was drawn from.

    A form drawn from nothing (no or a broken fingerprint) counts as drawn from the empty part,
    so it can fill empty fields but never silently replace words another screen saved.
    """
    base = {key: digest(value) for key, value in empty.items()} | read_fingerprint(drawn)
    stored: dict[str, Any] = {}
    conflicts = []
    for key in sorted(set(current) | set(posted)):
        mine, theirs = posted.get(key), current.get(key)
        i_changed = digest(mine) != base.get(key)
        they_changed = digest(theirs) != base.get(key)
        if mine != theirs and i_changed and they_changed:
            conflicts.append(key)
        stored[key] = mine if i_changed or key not in current else theirs
    return Merged(stored, tuple(conflicts))


@dataclass(frozen=True)
class Saved:
    """What a save did: stored, or refused with what to show the parent again.

    `stored` is the part as merged (this screen's words where both screens changed a field),
    `theirs` the part as the other screen left it, and `drawn` its fingerprint, so the form
    shown again is drawn from the newest state.
    """

    stored: Mapping[str, Any]
    theirs: Mapping[str, Any]
    drawn: str
    conflicts: tuple[str, ...] = ()
    stale_map: bool = False
    version: int = 0  # the newest map version (safety plans)
    person: Person | None = None  # the adult as the newest map has them (safety plans)
    new_serious: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        """True when nothing was stored: a field changed on both screens, or the map did."""
        return bool(self.conflicts or self.stale_map)


@dataclass(frozen=True)
class WorryChange:
    """Worries to add from a safety plan, and those the parent confirmed they no longer have."""

    add: tuple[str, ...] = ()
    no_longer: tuple[str, ...] = ()

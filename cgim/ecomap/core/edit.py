"""Pure edits of an eco-map: add, change and remove people and ties; each returns a new map."""

import re
from dataclasses import replace

from .model import EcoMap, EcoMapError, Person, Tie

MAX_PEOPLE = 200  # far more than any family draws; keeps one document small


def new_person_id(ecomap: EcoMap, label: str) -> str:
    """A readable, unused id from the label ('Aunt Rosa' -> 'aunt-rosa', then 'aunt-rosa-2')."""
    base = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:30] or "person"
    taken = {p.id for p in ecomap.people} | {ecomap.child.id, ecomap.caregiver.id}
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def person(ecomap: EcoMap, person_id: str) -> Person:
    """One person on the map, or EcoMapError."""
    for found in ecomap.people:
        if found.id == person_id:
            return found
    raise EcoMapError(f"people: no person with id {person_id!r}")


def put_person(ecomap: EcoMap, updated: Person) -> EcoMap:
    """Add a person, or replace the one with the same id (keeping their place in the list)."""
    ids = [p.id for p in ecomap.people]
    if updated.id in ids:
        people = tuple(updated if p.id == updated.id else p for p in ecomap.people)
    elif len(ids) >= MAX_PEOPLE:
        raise EcoMapError(f"people: a map holds at most {MAX_PEOPLE} people")
    else:
        people = (*ecomap.people, updated)
    return replace(ecomap, people=people)


def remove_person(ecomap: EcoMap, person_id: str) -> EcoMap:
    """Remove a person and every line to them."""
    person(ecomap, person_id)
    people = tuple(p for p in ecomap.people if p.id != person_id)
    ties = tuple(t for t in ecomap.ties if person_id not in (t.a, t.b))
    return replace(ecomap, people=people, ties=ties)


def tie_between(ecomap: EcoMap, a: str, b: str) -> Tie | None:
    """The line between two people, whichever way round it was drawn."""
    return next((t for t in ecomap.ties if {t.a, t.b} == {a, b}), None)


def put_tie(ecomap: EcoMap, tie: Tie) -> EcoMap:
    """Draw a line, replacing any line already between the same two people."""
    if tie.a == tie.b:
        raise EcoMapError("ties: a line needs two different people")
    known = set(ecomap.labels())
    for end in (tie.a, tie.b):
        if end not in known:
            raise EcoMapError(f"ties: no person with id {end!r}")
    kept = tuple(t for t in ecomap.ties if {t.a, t.b} != {tie.a, tie.b})
    return replace(ecomap, ties=(*kept, tie))


def remove_tie(ecomap: EcoMap, a: str, b: str) -> EcoMap:
    """Remove the line between two people, if there is one."""
    return replace(ecomap, ties=tuple(t for t in ecomap.ties if {t.a, t.b} != {a, b}))

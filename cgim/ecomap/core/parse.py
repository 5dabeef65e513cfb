"""Checking a plain dict (parsed JSON) against eco-map document v1 and building the EcoMap.

Every problem raises one ``EcoMapError`` whose message names the field path and, for
choices, the allowed values (``people[2].sector: 'famly' is not one of family, ...``), so
a parent, a clinician or another tool can fix the file without reading code.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ...boundary.rules import TOO_LONG, problem_in
from .model import (
    CAREGIVER_ID,
    CHILD_FEELS,
    CHILD_ID,
    CONCERNS,
    CONTACTS,
    FITS,
    FLOWS,
    FORMAT,
    PARENT_TRUST,
    SECTORS,
    SUPPORTS,
    TIE_KINDS,
    VERSION,
    Caregiver,
    Child,
    EcoMap,
    EcoMapError,
    Person,
    Tie,
)

MAX_TEXT = 200
_MISSING = object()


class _Fields:
    """Reads typed fields from one JSON object, naming the path in every error."""

    def __init__(self, raw: Any, path: str):
        if not isinstance(raw, Mapping):
            raise EcoMapError(f"{path or 'document'}: must be an object, not {_kind(raw)}")
        self.raw, self.path = raw, path
        self.seen: set[str] = set()

    def fail(self, key: str, message: str) -> EcoMapError:
        """Build an error for one field of this object."""
        return EcoMapError(f"{self.path}.{key}: {message}" if self.path else f"{key}: {message}")

    def get(self, key: str, default: Any = _MISSING) -> Any:
        """Return a raw value, or raise if it is required and missing."""
        self.seen.add(key)
        if key in self.raw and self.raw[key] is not None:
            return self.raw[key]
        if default is _MISSING:
            raise self.fail(key, "is required")
        return default

    def text(self, key: str, default: Any = _MISSING) -> str:
        """A short string without control characters; ids and labels must not be blank."""
        value = self.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {_kind(value)}")
        return _clean_text(value, lambda msg: self.fail(key, msg), blank_ok=default == "")

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = _MISSING) -> Any:
        """One value from a fixed list."""
        value = self.get(key, default)
        if value is not None and value not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def choices(self, key: str, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
        """A list of distinct values, from a fixed list unless ``allowed`` is None."""
        values = self.get(key, [])
        if not isinstance(values, list):
            raise self.fail(key, f"must be a list, not {_kind(values)}")
        for i, value in enumerate(values):
            where = f"{key}[{i}]"
            if allowed is None:
                if not isinstance(value, str):
                    raise self.fail(where, f"must be text, not {_kind(value)}")
                _clean_text(value, lambda msg, w=where: self.fail(w, msg), blank_ok=False)
            elif value not in allowed:
                raise self.fail(where, f"{value!r} is not one of {', '.join(allowed)}")
            if value in values[:i]:
                raise self.fail(where, f"{value!r} is listed twice")
        return tuple(values)

    def number(self, key: str, low: float, high: float, whole: bool) -> Any:
        """An optional number in [low, high]; ``whole`` asks for an integer."""
        value = self.get(key, None)
        if value is None:
            return None
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value):
            raise self.fail(key, f"must be {'a whole number' if whole else 'a number'}")
        if not low <= value <= high:
            raise self.fail(key, f"{value!r} is not between {low:g} and {high:g}")
        return value if whole else float(value)

    def flag(self, key: str) -> bool:
        """A true/false field, false when missing."""
        value = self.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {_kind(value)}")
        return value

    def extra(self) -> dict[str, Any]:
        """Fields not read so far: kept as they are for the round trip."""
        return {k: v for k, v in self.raw.items() if k not in self.seen}


def _kind(value: Any) -> str:
    """Name a JSON value's type the way a person would."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names |= {list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _clean_text(value: str, fail: Any, blank_ok: bool) -> str:
    """Check length, blankness and control characters of user text."""
    if not blank_ok and not value.strip():
        raise fail("must not be blank")
    # The one rule for text (cgim/boundary): XML 1.0 cannot carry these characters, SVG and
    # GraphML output must stay well-formed, and a lone surrogate cannot be written as UTF-8.
    problem = problem_in(value, MAX_TEXT)
    if problem == TOO_LONG:
        raise fail(f"is longer than {MAX_TEXT} characters")
    if problem:
        raise fail("contains control characters or a broken character")
    return value


def parse_ecomap(raw: Any) -> EcoMap:
    """Check a plain dict against document v1 and build the EcoMap."""
    top = _Fields(raw, "")
    top.choice("format", (FORMAT,))
    version = top.get("version")
    if version != VERSION or isinstance(version, bool):
        raise top.fail("version", f"{version!r} is not one of {VERSION}")
    child = _parse_child(_Fields(top.get("child", {}), "child"))
    caregiver = _parse_caregiver(_Fields(top.get("caregiver", {}), "caregiver"))
    people = tuple(
        _parse_person(_Fields(p, f"people[{i}]")) for i, p in enumerate(_items(top, "people"))
    )
    _check_unique_ids(child, caregiver, people)
    known = {child.id, caregiver.id} | {p.id for p in people}
    ties = _parse_ties(_items(top, "ties"), known)
    return EcoMap(child, caregiver, people, ties, top.extra())


def _items(top: _Fields, key: str) -> list[Any]:
    """A top-level list, empty when missing."""
    items = top.get(key, [])
    if not isinstance(items, list):
        raise top.fail(key, f"must be a list, not {_kind(items)}")
    return items


def _parse_child(f: _Fields) -> Child:
    """Build the child from its fields."""
    return Child(
        id=f.text("id", CHILD_ID),
        label=f.text("label", "Child"),
        age=f.number("age", 0, 30, whole=True),
        interests=f.choices("interests", None),
        extra=f.extra(),
    )


def _parse_caregiver(f: _Fields) -> Caregiver:
    """Build the caregiver from its fields."""
    return Caregiver(id=f.text("id", CAREGIVER_ID), label=f.text("label", "Me"), extra=f.extra())


def _parse_person(f: _Fields) -> Person:
    """Build one person from its fields."""
    return Person(
        id=f.text("id"),
        label=f.text("label"),
        sector=f.choice("sector", SECTORS, "other"),
        role=f.text("role", ""),
        closeness=f.number("closeness", 1, 3, whole=True),
        contact=f.choice("contact", CONTACTS, None),
        support=f.choices("support", SUPPORTS),
        child_feels=f.choice("child_feels", CHILD_FEELS, "unknown"),
        parent_trust=f.choice("parent_trust", PARENT_TRUST, "unknown"),
        fit=f.choices("fit", FITS),
        concerns=f.choices("concerns", CONCERNS),
        professional=f.flag("professional"),
        x=f.number("x", -1, 1, whole=False),
        y=f.number("y", -1, 1, whole=False),
        extra=f.extra(),
    )


def _check_unique_ids(child: Child, caregiver: Caregiver, people: tuple[Person, ...]) -> None:
    """Ids name nodes and tie ends, so each must be used once."""
    seen = {child.id: "child.id"}
    if caregiver.id in seen:
        raise EcoMapError(f"caregiver.id: {caregiver.id!r} is already used by child.id")
    seen[caregiver.id] = "caregiver.id"
    for i, person in enumerate(people):
        if person.id in seen:
            raise EcoMapError(f"people[{i}].id: {person.id!r} is already used by {seen[person.id]}")
        seen[person.id] = f"people[{i}].id"


def _parse_ties(items: list[Any], known: set[str]) -> tuple[Tie, ...]:
    """Build the ties: both ends known, no self-ties, at most one tie per pair."""
    ties: list[Tie] = []
    pairs: dict[frozenset[str], int] = {}
    for i, raw in enumerate(items):
        f = _Fields(raw, f"ties[{i}]")
        a, b = f.text("a"), f.text("b")
        for key, end in (("a", a), ("b", b)):
            if end not in known:
                raise f.fail(key, f"{end!r} is not a known id (the child, caregiver or a person)")
        if a == b:
            raise EcoMapError(f"ties[{i}]: a and b are both {a!r}; a tie joins two people")
        pair = frozenset((a, b))
        if pair in pairs:
            raise EcoMapError(f"ties[{i}]: {a!r} and {b!r} are already tied in ties[{pairs[pair]}]")
        pairs[pair] = i
        kind = f.choice("kind", TIE_KINDS)
        ties.append(Tie(a, b, kind, f.choice("flow", FLOWS, "none"), f.extra()))
    return tuple(ties)

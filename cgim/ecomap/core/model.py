"""The eco-map document, version 1 (design.md 4.2), as frozen dataclasses.

``cgim.ecomap.core.parse.parse_ecomap`` (or ``EcoMap.from_dict``) checks a plain dict and
builds these; ``EcoMap.to_dict`` writes the document back. Fields this version does not
know are kept in ``extra`` and written back, so a newer tool's data survives a round trip
through this one. Missing optional facts stay missing (``None``) rather than being guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from . import worries

FORMAT = "cgim-ecomap"
VERSION = 1
CHILD_ID = "child"
CAREGIVER_ID = "me"

SECTORS = ("family", "friends", "school", "faith_community", "activities", "services", "other")
CONTACTS = ("daily", "weekly", "monthly", "rarely", "never")
SUPPORTS = ("emotional", "practical", "informational", "companionship")
CHILD_FEELS = ("likes", "neutral", "uneasy", "unknown")
PARENT_TRUST = ("high", "some", "low", "unknown")
FITS = (
    "shares_interests",
    "lives_nearby",
    "reliable",
    "available_weekly",
    "knows_child_needs",
    "positive_role_model",
)
CONCERNS = (
    "ignores_boundaries",
    "secrets",
    "favouritism",
    "seeks_time_alone",
    "gifts",
    "substance_misuse",
    "violence",
    "harm_to_children",
    "unreliable",
    "other",
)
# What each worry does is defined once, in worries.py (not suggested, or a caution).
SERIOUS_CONCERNS = worries.SERIOUS
LESSER_CONCERNS = worries.CAUTIONS
TIE_KINDS = ("strong", "moderate", "tenuous", "stressful")
FLOWS = ("a_to_b", "b_to_a", "both", "none")


class EcoMapError(ValueError):
    """A problem in an eco-map document, worded as 'where: what is wrong'."""


@dataclass(frozen=True)
class Child:
    """The child at the centre of the map (the ego)."""

    id: str = CHILD_ID
    label: str = "Child"
    age: int | None = None
    interests: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Caregiver:
    """The parent or carer drawing the map ("me")."""

    id: str = CAREGIVER_ID
    label: str = "Me"
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Person:
    """One adult in the child's life, as the caregiver sees them."""

    id: str
    label: str
    sector: str = "other"
    role: str = ""
    closeness: int | None = None
    contact: str | None = None
    support: tuple[str, ...] = ()
    child_feels: str = "unknown"
    parent_trust: str = "unknown"
    fit: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    professional: bool = False
    x: float | None = None
    y: float | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def serious_concerns(self) -> tuple[str, ...]:
        """The concerns that rule this adult out as a mentor."""
        return tuple(c for c in self.concerns if c in SERIOUS_CONCERNS)


@dataclass(frozen=True)
class Tie:
    """A line on the map between two people; ``flow`` is the direction support goes."""

    a: str
    b: str
    kind: str
    flow: str = "none"
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class EcoMap:
    """A whole, valid eco-map document."""

    child: Child = field(default_factory=Child)
    caregiver: Caregiver = field(default_factory=Caregiver)
    people: tuple[Person, ...] = ()
    ties: tuple[Tie, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @classmethod
    def from_dict(cls, raw: Any) -> EcoMap:
        """Parse and check a plain dict; raises EcoMapError naming the field."""
        from .parse import parse_ecomap  # parse builds on this module

        return parse_ecomap(raw)

    def to_dict(self) -> dict[str, Any]:
        """Return the v1 JSON document, unknown fields included."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "child": _fields_dict(self.child),
            "caregiver": _fields_dict(self.caregiver),
            "people": [_fields_dict(p) for p in self.people],
            "ties": [_fields_dict(t) for t in self.ties],
        } | dict(self.extra)

    def labels(self) -> dict[str, str]:
        """Map every id on the map (child, caregiver, people) to its label."""
        found = {self.child.id: self.child.label, self.caregiver.id: self.caregiver.label}
        return found | {p.id: p.label for p in self.people}


def _fields_dict(part: Any) -> dict[str, Any]:
    """One part of the document as JSON values in contract order; unknown facts left out."""
    out = {}
    for f in fields(part):
        value = getattr(part, f.name)
        if f.name != "extra" and value is not None:
            out[f.name] = list(value) if isinstance(value, tuple) else value
    return out | dict(part.extra)

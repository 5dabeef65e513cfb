"""The analysis result (design.md 4.3) as frozen dataclasses whose ``to_dict`` is the contract.

Field names and order are exactly the JSON keys other tools test against.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, fields
from typing import Any, ClassVar


class _Plain:
    """Gives result dataclasses a ``to_dict`` with exactly their field names (design.md 4.3)."""

    # Every subclass is a dataclass; saying so lets ``fields(self)`` type-check.
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        """The object as plain JSON-ready values."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    """Tuples to lists and nested results to dicts."""
    if isinstance(value, _Plain):
        return value.to_dict()
    return [_plain(v) for v in value] if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Candidate(_Plain):
    """An adult who could be asked, with the score and the reasons behind it."""

    id: str
    label: str
    score: float
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]
    support: tuple[str, ...]


@dataclass(frozen=True)
class NotSuggested(_Plain):
    """An adult left out of the suggestions, and every reason why."""

    id: str
    label: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Introducer(_Plain):
    """An adult not yet close to the child, and the trusted adult who could introduce them."""

    id: str
    via: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SinglePoint(_Plain):
    """A kind of support that only one adult gives."""

    support: str
    id: str


@dataclass(frozen=True)
class Health(_Plain):
    """Whole-network measures: counts, gaps, single points, strain, bridges, isolates."""

    adults: int
    supportive_adults: int
    support_gaps: tuple[str, ...]
    single_points: tuple[SinglePoint, ...]
    stressful_share: float
    bridges: tuple[str, ...]
    isolated: tuple[str, ...]


@dataclass(frozen=True)
class Analysis(_Plain):
    """The whole result of analysing one eco-map (design.md 4.3)."""

    candidates: tuple[Candidate, ...]
    not_suggested: tuple[NotSuggested, ...]
    introducers: tuple[Introducer, ...]
    health: Health

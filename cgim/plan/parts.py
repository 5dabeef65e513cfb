"""The parts of a parent's plan as typed values, and their stored JSON (the shape kept today).

Pure: no Flask and no database. `from_stored` never raises, so any row written by an
earlier version still loads: a missing, unknown or wrongly typed field gets its default.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol


class StoredPart(Protocol):
    """Any plan part: it knows its stored JSON (the shape merging compares field by field)."""

    def to_stored(self) -> dict[str, Any]:
        """The stored object."""
        ...


def text(value: object) -> str:
    """A stored string; anything else (None from an unticked radio, a number, a list) is ''."""
    return value if isinstance(value, str) else ""


def flag(value: object) -> bool:
    """A stored tick box; only a real true counts as ticked."""
    return value is True


def texts(value: object) -> tuple[str, ...]:
    """A stored list of choices; non-string items are dropped, a non-list is empty."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def mapping(value: object) -> Mapping[str, Any]:
    """A stored object, or an empty one when the row holds something else."""
    return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True)
class ChildChoice:
    """The child's own order of the shortlist (person ids, first choice first) and their words.

    Stored as two rows; `from_stored` and `to_stored` use {"child_ranking", "child_said"}.
    """

    ranking: tuple[str, ...] = ()
    said: str = ""

    @classmethod
    def from_stored(cls, value: object) -> "ChildChoice":
        """The child's choice from its two stored values."""
        stored = mapping(value)
        return cls(ranking=texts(stored.get("child_ranking")), said=text(stored.get("child_said")))

    def to_stored(self) -> dict[str, Any]:
        """Both stored values; no words is None, which removes that row."""
        return {"child_ranking": list(self.ranking), "child_said": self.said or None}

    def place_of(self, person_id: str) -> int | None:
        """The place the child gave this person (1 is first), or None if not ranked."""
        return self.ranking.index(person_id) + 1 if person_id in self.ranking else None


@dataclass(frozen=True)
class SafetyPlan:
    """A safety and visibility plan for one adult.

    `rules` are the family rule ideas ticked (option ids of the content's family-rules step),
    `own_rules` any others in the parent's words. Each rule_* is a rule about one topic, as
    earlier versions asked; they are kept and shown wherever a parent wrote one.
    """

    settings: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    own_rules: str = ""
    drop_ins: str = ""
    ask_child: tuple[str, ...] = ()
    if_crossed: str = ""
    rule_gifts: str = ""
    rule_rides: str = ""
    rule_phones: str = ""
    rule_hugs: str = ""
    rule_alone: str = ""

    @classmethod
    def from_stored(cls, value: object) -> "SafetyPlan":
        """A safety plan from its stored object (or from the form's data: same names)."""
        stored = mapping(value)
        return cls(
            settings=texts(stored.get("settings")),
            rules=texts(stored.get("rules")),
            ask_child=texts(stored.get("ask_child")),
            **{name: text(stored.get(name)) for name in TEXT_FIELDS},
        )

    def to_stored(self) -> dict[str, Any]:
        """The stored object: every field by name, choices as lists."""
        return {
            "settings": list(self.settings),
            "rules": list(self.rules),
            "ask_child": list(self.ask_child),
            **{name: getattr(self, name) for name in TEXT_FIELDS},
        }

    def rule(self, key: str) -> str:
        """The family's rule for one of RULE_KEYS (e.g. 'gifts'); '' for an unknown key."""
        return getattr(self, f"rule_{key}") if key in RULE_KEYS else ""

    def topic_rules(self) -> tuple[tuple[str, str], ...]:
        """(topic key, words) for each rule written per topic, as earlier versions asked."""
        return tuple((key, self.rule(key)) for key in RULE_KEYS if self.rule(key))


RULE_KEYS = tuple(
    f.name.removeprefix("rule_") for f in fields(SafetyPlan) if f.name.startswith("rule_")
)
TEXT_FIELDS = tuple(f.name for f in fields(SafetyPlan) if f.type is str)


@dataclass(frozen=True)
class Ask:
    """The plan for the first ask: who (an id from the shortlist, or a name typed), what, how."""

    person: str = ""
    person_other: str = ""
    support: str = ""
    what: str = ""
    how_often: str = ""
    how_long: str = ""
    who_i_am: str = ""
    why_you: str = ""
    easy_no: str = ""
    thanks: str = ""
    channel: str = ""
    when: str = ""
    if_no: str = ""
    first_talk: tuple[str, ...] = ()

    @classmethod
    def from_stored(cls, value: object) -> "Ask":
        """The ask from its stored object (or from the form's data: same names)."""
        stored = mapping(value)
        words = {f.name: text(stored.get(f.name)) for f in fields(cls) if f.type is str}
        return cls(first_talk=texts(stored.get("first_talk")), **words)

    def to_stored(self) -> dict[str, Any]:
        """The stored object: every field by name, choices as lists."""
        return asdict(self) | {"first_talk": list(self.first_talk)}


@dataclass(frozen=True)
class Rehearsal:
    """Practising the words: confidence before and after ('0'..'10', '' if not picked)."""

    before: str = ""
    read_aloud: bool = False
    partner: bool = False
    after: str = ""

    @classmethod
    def from_stored(cls, value: object) -> "Rehearsal":
        """The rehearsal from its stored object (or from the form's data: same names)."""
        stored = mapping(value)
        return cls(
            before=text(stored.get("before")),
            read_aloud=flag(stored.get("read_aloud")),
            partner=flag(stored.get("partner")),
            after=text(stored.get("after")),
        )

    def to_stored(self) -> dict[str, Any]:
        """The stored object."""
        return asdict(self)


@dataclass(frozen=True)
class PlanParts:
    """Every part of one parent's plan, read together (the take-home page needs them all)."""

    ask: Ask = field(default_factory=Ask)
    child: ChildChoice = field(default_factory=ChildChoice)
    rehearsal: Rehearsal = field(default_factory=Rehearsal)
    safety: Mapping[str, SafetyPlan] = field(default_factory=dict)  # person id -> plan

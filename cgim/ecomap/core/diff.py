"""What changed between two versions of a map (a snapshot and now), in plain terms."""

from dataclasses import dataclass, fields

from .model import EcoMap, Person

COMPARED = (
    "label",
    "sector",
    "role",
    "closeness",
    "contact",
    "support",
    "child_feels",
    "parent_trust",
    "fit",
    "concerns",
    "professional",
)


@dataclass(frozen=True)
class Changes:
    """People added, removed or changed, and lines drawn or removed (labels, not ids)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[tuple[str, tuple[str, ...]], ...]  # (label, names of fields that changed)
    ties_added: tuple[tuple[str, str], ...]
    ties_removed: tuple[tuple[str, str], ...]

    @property
    def none(self) -> bool:
        """True when nothing changed."""
        return not any(getattr(self, f.name) for f in fields(self))


def changed_fields(before: Person, after: Person) -> tuple[str, ...]:
    """Names of the facts that differ for one person."""
    return tuple(name for name in COMPARED if getattr(before, name) != getattr(after, name))


def compare(before: EcoMap, after: EcoMap) -> Changes:
    """Everything that differs from `before` to `after`."""
    old = {p.id: p for p in before.people}
    new = {p.id: p for p in after.people}
    labels = before.labels() | after.labels()
    changed = tuple(
        (new[i].label, diff) for i in new if i in old and (diff := changed_fields(old[i], new[i]))
    )
    old_ties = {frozenset((t.a, t.b)) for t in before.ties}
    new_ties = {frozenset((t.a, t.b)) for t in after.ties}

    def named(pairs: set[frozenset[str]]) -> tuple[tuple[str, str], ...]:
        # A tie joins two different ids (parse and edit refuse self-ties): two labels a pair.
        ends = [sorted(labels.get(x, x) for x in pair) for pair in pairs]
        return tuple(sorted((a, b) for a, b in ends))

    return Changes(
        added=tuple(new[i].label for i in new if i not in old),
        removed=tuple(old[i].label for i in old if i not in new),
        changed=changed,
        ties_added=named(new_ties - old_ties),
        ties_removed=named(old_ties - new_ties),
    )

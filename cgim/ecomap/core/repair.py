"""Repairing a stored eco-map that no longer loads: keep every value that can be kept.

A map stored by an earlier version, or a value that got past the checks, must still open, so
a parent never loses their map to one bad character. `repair_document` drops or resets only
the values the parser refuses, one at a time, and says which by field path (never the
family's words). A valid worry is never dropped, and neither is a person who has one.
"""

from __future__ import annotations

import re
from typing import Any

from . import model
from .model import CAREGIVER_ID, CHILD_ID, CONCERNS, FORMAT, VERSION, EcoMap, EcoMapError
from .parse import MAX_TEXT, parse_ecomap
from .stored_text import clean_document, clean_text, has_surrogate

MAX_ROUNDS = 2_000
CHOICES = {"sector": model.SECTORS, "contact": model.CONTACTS}
CHOICES |= {"child_feels": model.CHILD_FEELS, "parent_trust": model.PARENT_TRUST}
LISTS = {"support": model.SUPPORTS, "fit": model.FITS, "concerns": CONCERNS}
RESET = ("closeness", "x", "y", "professional", *CHOICES)  # removing the value means its default
_PATH = re.compile(r"([a-z_]+)((?:\[\d+\])?)")


def repair_document(raw: Any) -> tuple[EcoMap, list[str]]:
    """A valid map from a stored document, and what was changed (field paths only)."""
    if not has_surrogate(raw):
        try:
            return parse_ecomap(raw), []
        except EcoMapError:
            pass
    doc, repairs = clean_document(raw)
    if not isinstance(doc, dict):
        return _last_resort({}, [*repairs, "document: not an eco-map; started an empty one"])
    for _round in range(min(MAX_ROUNDS, 10 + 2 * _size(doc))):
        try:
            return parse_ecomap(doc), repairs
        except EcoMapError as err:  # every fix changes the document, so this ends
            fixed = _fix(doc, str(err).split(": ", 1)[0])
            if fixed is None:
                break
            repairs.append(fixed)
    return _last_resort(doc, repairs)


def _size(value: Any) -> int:
    """How many values a document holds, without recursion."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return seen


def tokens(path: str) -> list[str | int] | None:
    """A parser's field path ('people[2].support[0]') as steps, or None if it is not one."""
    steps: list[str | int] = []
    for part in path.split("."):
        found = _PATH.fullmatch(part)
        if found is None:
            return None
        steps.append(found.group(1))
        if found.group(2):
            steps.append(int(found.group(2)[1:-1]))
    return steps


def _fix(doc: dict[str, Any], path: str) -> str | None:
    """Change the one value the parser refused at `path`; what was done, or None if unsure."""
    steps = tokens(path)
    if steps is None:
        return None
    head, rest = steps[0], steps[1:]
    if head in ("format", "version") and not rest:
        doc[head] = FORMAT if head == "format" else VERSION
        return f"{path}: set to eco-map {head} {doc[head]}"
    if head in ("child", "caregiver"):
        return _fix_end(doc, head, rest, path)
    if head == "people":
        return _fix_person(doc, rest, path)
    if head == "ties":
        return _fix_tie(doc, rest, path)
    return None


def _fix_end(doc: dict[str, Any], which: str, rest: list[str | int], path: str) -> str | None:
    """The child or the caregiver: the defaults stand in for what cannot be read."""
    part = doc.get(which)
    if not rest or not isinstance(part, dict):
        doc[which] = {}
        return f"{path}: could not be read; the defaults are used"
    key = rest[0]
    if key == "id" and len(rest) == 1:
        other = doc.get("child" if which == "caregiver" else "caregiver")
        taken = other.get("id", CHILD_ID) if isinstance(other, dict) else None
        wanted = CHILD_ID if which == "child" else CAREGIVER_ID
        part["id"] = wanted if wanted != taken else _fresh_id(doc, which)
        return f"{path}: given a new id"
    if key == "label" and len(rest) == 1:
        return _fix_text(part, "label", None, path)
    if key == "age" and len(rest) == 1:
        part.pop("age", None)
        return f"{path}: left empty"
    if key == "interests":
        return _fix_list(part, "interests", None, rest[1:], path)
    return None


def _fix_person(doc: dict[str, Any], rest: list[str | int], path: str) -> str | None:
    """One person: reset or drop the refused value; the person and their worries stay."""
    people = doc.get("people")
    if not rest:
        doc["people"] = list(people.values()) if isinstance(people, dict) else []
        return f"{path}: not a list; the people found are kept"
    index = rest[0]
    if not isinstance(people, list) or not isinstance(index, int) or index >= len(people):
        return None
    person = people[index]
    if len(rest) == 1 or not isinstance(person, dict):
        if isinstance(person, dict):
            return None  # an object refused as a whole: not a case this parser has
        del people[index]  # not an object, so it holds no person and no worry
        return f"{path}: not a person; left out"
    key = rest[1]
    if key == "id" and len(rest) == 2:
        old = person.get("id")
        person["id"] = _fresh_id(doc, "person")
        _retarget(doc, old, person["id"])
        return f"{path}: given a new id"
    if key in ("label", "role") and len(rest) == 2:
        return _fix_text(person, str(key), f"Person {index + 1}" if key == "label" else "", path)
    if key in RESET and len(rest) == 2:
        person.pop(str(key), None)
        return f"{path}: set to its default"
    if key in LISTS:
        return _fix_list(person, str(key), LISTS[str(key)], rest[2:], path)
    return None


def _fix_tie(doc: dict[str, Any], rest: list[str | int], path: str) -> str | None:
    """A line between two people: a bad direction is reset, anything else drops the line."""
    ties = doc.get("ties")
    if not rest:
        doc["ties"] = []
        return f"{path}: not a list; lines left out"
    index = rest[0]
    if not isinstance(ties, list) or not isinstance(index, int) or index >= len(ties):
        return None
    tie = ties[index]
    if rest[1:] == ["flow"] and isinstance(tie, dict):
        tie.pop("flow", None)
        return f"{path}: set to its default"
    del ties[index]
    return f"ties[{index}]: line left out"


def _fix_text(part: dict[str, Any], key: str, fallback: str | None, path: str) -> str | None:
    """Text cut to length, or the fallback (None: the parser's default) when none is left."""
    value = part.get(key)
    text = clean_text(value)[:MAX_TEXT] if isinstance(value, str) else ""
    if text.strip() and text != value:
        part[key] = text
        return f"{path}: cut to {MAX_TEXT} characters"
    if fallback is None or fallback == value:
        if key not in part:
            return None
        part.pop(key)
    else:
        part[key] = fallback
    return f"{path}: could not be read; the default is used"


def _fix_list(
    part: dict[str, Any],
    key: str,
    allowed: tuple[str, ...] | None,
    rest: list[str | int],
    path: str,
) -> str | None:
    """A list of choices: one refused item is put right or left out; a non-list becomes one."""
    values = part.get(key)
    if not rest:
        part[key] = [values] if isinstance(values, str) else []
        return f"{path}: not a list; made into one"
    index = rest[0]
    if len(rest) != 1 or not isinstance(values, list) or not isinstance(index, int):
        return None
    if index >= len(values):
        return None
    value = values[index]
    fixed = _normal(value, allowed)
    if fixed is not None and fixed != value and fixed not in values:
        values[index] = fixed
        return f"{path}: written the standard way"
    del values[index]  # a repeat (the first one stays), or a value that is not a choice
    return f"{path}: left out (a repeat, or not one of the choices)"


def _normal(value: Any, allowed: tuple[str, ...] | None) -> str | None:
    """A choice written another way ('Violence ') as the format spells it, or None."""
    if not isinstance(value, str):
        return None
    if allowed is None:
        text = value[:MAX_TEXT]
        return text if text.strip() else None
    spelled = value.strip().lower().replace(" ", "_").replace("-", "_")
    return spelled if spelled in allowed else None


def _ids(doc: dict[str, Any]) -> set[str]:
    """Every id used in the document now (the child, the caregiver, the people)."""
    parts = [doc.get("child"), doc.get("caregiver")]
    people = doc.get("people")
    parts += people if isinstance(people, list) else []
    found = {i for p in parts if isinstance(p, dict) and isinstance(i := p.get("id"), str)}
    return found | {CHILD_ID, CAREGIVER_ID}


def _fresh_id(doc: dict[str, Any], stem: str) -> str:
    """An id nobody in the document uses; the same document always gets the same one."""
    used = _ids(doc)
    n = 1
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def _retarget(doc: dict[str, Any], old: Any, new: str) -> None:
    """Lines to an id that was unusable (not one shared with anyone) follow its new id."""
    ties = doc.get("ties")
    if not isinstance(old, str) or old in _ids(doc) or not isinstance(ties, list):
        return
    for tie in ties:
        for end in ("a", "b"):
            if isinstance(tie, dict) and tie.get(end) == old:
                tie[end] = new


def _last_resort(doc: dict[str, Any], repairs: list[str]) -> tuple[EcoMap, list[str]]:
    """The child, the caregiver, and every person by name with their worries; no lines."""
    base: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for keep in (("child", "caregiver"), ("child",), ()):
        try:
            start = parse_ecomap(base | {k: doc.get(k) for k in keep})
            break
        except EcoMapError:
            continue
    else:  # pragma: no cover - the empty document always parses
        start = EcoMap()
    people = doc.get("people")
    found = people.values() if isinstance(people, dict) else people
    kept = []
    for i, person in enumerate(found if isinstance(found, list) else []):
        if isinstance(person, dict):
            kept.append(_bare_person(person, i))
    ids, n = {start.child.id, start.caregiver.id}, 0
    for person in kept:
        while f"person-{n}" in ids or n == 0:
            n += 1
        person["id"] = f"person-{n}"
        ids.add(person["id"])
    ecomap = parse_ecomap(start.to_dict() | {"people": kept, "ties": []})
    return ecomap, [*repairs, "people: kept by name with their worries only; lines left out"]


def _bare_person(person: dict[str, Any], index: int) -> dict[str, Any]:
    """A person as little as can be kept: a name and the valid worries, nothing else."""
    label = person.get("label")
    text = clean_text(label)[:MAX_TEXT] if isinstance(label, str) else ""
    raw = person.get("concerns")
    listed = raw if isinstance(raw, list) else [raw]
    worries = {_normal(c, CONCERNS) for c in listed} - {None}
    return {
        "label": text if text.strip() else f"Person {index + 1}",
        "concerns": [c for c in CONCERNS if c in worries],
    }

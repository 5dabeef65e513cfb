"""Stored text made showable: hidden characters out, so a value that got in still renders.

A lone surrogate cannot be written as UTF-8 (the page, the PDF and the CSV all fail on it),
and control characters other than tab, newline and carriage return break SVG, GraphML and
PostgreSQL. Values already stored are cleaned when they are read, never refused.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ...boundary.rules import SURROGATE, problem_in
from ...boundary.rules import cleaned as cleaned_by_the_rules
from .model import Caregiver, Child, Person, Tie

REPLACEMENT = "\ufffd"  # what a reader sees where a broken character was
MAX_DEPTH = 100  # far deeper than any map or answer; deeper values are dropped, not walked
# The fields the format names; other keys may be a family's words, so paths never show them.
KNOWN_KEYS = frozenset(
    {"format", "version", "child", "caregiver", "people", "ties"}
    | {f.name for part in (Child, Caregiver, Person, Tie) for f in fields(part)}
)


def clean_text(value: str, surrogate: str = "") -> str:
    """The text without control characters; a lone surrogate becomes `surrogate`.

    A surrogate pair split into two code units is joined back into its one character.
    """
    if problem_in(value, len(value)) is None:
        return value
    joined = value.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    return cleaned_by_the_rules(joined, len(joined), surrogate)  # the boundary's one rule


def clean_value(value: Any, depth: int = 0) -> Any:
    """Stored JSON with every text cleaned (keys too), a lone surrogate shown as U+FFFD.

    Values nested deeper than any answer holds are dropped, so reading never recurses far.
    """
    if isinstance(value, str):
        return clean_text(value, REPLACEMENT)
    if isinstance(value, list):
        return [clean_value(v, depth + 1) for v in value] if depth < MAX_DEPTH else []
    if isinstance(value, dict):
        if depth >= MAX_DEPTH:
            return {}
        return {
            clean_text(k, REPLACEMENT) if isinstance(k, str) else k: clean_value(v, depth + 1)
            for k, v in value.items()
        }
    return value


def has_surrogate(value: Any) -> bool:
    """True when any text in stored JSON (keys too) holds a lone surrogate (cannot be shown)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                return True
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
            stack.extend(k for k in item if isinstance(k, str))
    return False


def clean_document(raw: Any) -> tuple[Any, list[str]]:
    """A copy of a stored map with hidden characters out of every text, and where they were."""
    repairs: list[str] = []
    return _cleaned(raw, "document", 0, repairs), repairs


def _cleaned(value: Any, path: str, depth: int, repairs: list[str]) -> Any:
    """A copy with hidden characters taken out of every text, keys too; notes where."""
    if isinstance(value, str):
        text = clean_text(value)
        if text != value:
            repairs.append(f"{path}: hidden characters taken out")
        return text
    if depth > MAX_DEPTH and isinstance(value, list | dict):
        repairs.append(f"{path}: nested too deeply; left out")
        return None
    if isinstance(value, list):
        return [_cleaned(v, f"{path}[{i}]", depth + 1, repairs) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value
    out: dict[Any, Any] = {}
    changed = []
    for key, item in value.items():
        name = clean_text(key) if isinstance(key, str) else key
        where = _step(path, name)
        if name == key:
            out[key] = _cleaned(item, where, depth + 1, repairs)
        else:
            changed.append((name, where, item))
    for name, where, item in changed:  # a clean key wins over one that only looked like it
        repairs.append(f"{where}: hidden characters taken out of the field name")
        if name not in out:
            out[name] = _cleaned(item, where, depth + 1, repairs)
    return out


def _step(path: str, key: Any) -> str:
    """The path one level down; keys the format does not know are not named (they may be words)."""
    name = key if key in KNOWN_KEYS else "(another field)"
    return name if path == "document" else f"{path}.{name}"

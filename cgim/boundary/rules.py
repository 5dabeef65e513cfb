"""What text and JSON the app accepts: the one definition every entry point uses.

Text may not hold NUL, lone surrogates (they cannot be written as UTF-8) or control
characters other than tab and newline (a vertical tab pasted from a word processor breaks
SVG, GraphML and PostgreSQL). JSON bodies are objects, bounded in size and depth, with
numbers a database column can hold. Nothing here knows about Flask.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# The longest value any field takes; forms set tighter limits with their own validators.
MAX_VALUE = 20_000
MAX_DEPTH = 20
MAX_ITEMS = 2_000
# JSON numbers: whole numbers a 64-bit column and a JavaScript number both hold exactly.
MAX_WHOLE = 2**53 - 1
MAX_DIGITS = 40
# Kept: tab, newline and carriage return (a browser sends CRLF in a textarea). Refused: other
# C0 and C1 controls, the Unicode line and paragraph separators (PDF layout fails on them) and
# lone surrogates. Cleaning turns the separators into a space: they parted two words.
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SEPARATORS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


class BadInput(ValueError):
    """A value the app will not take; ``field`` names where it came from."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem


# Problems, as short codes the web side turns into words in the reader's language.
HIDDEN_CHARACTER = "hidden character"
TOO_LONG = "too long"
TOO_BIG = "a number is too big"


def problem_in(value: str, limit: int = MAX_VALUE) -> str | None:
    """What is wrong with one text value (HIDDEN_CHARACTER or TOO_LONG), or None."""
    if _BAD.search(value):
        return HIDDEN_CHARACTER
    if len(value) > limit:
        return TOO_LONG
    return None


def cleaned(value: str, limit: int = MAX_VALUE, surrogate: str = "") -> str:
    """The value with the characters we cannot keep taken out, cut to ``limit``.

    What a form shows back, so the person keeps everything they typed that we can store;
    a lone surrogate becomes ``surrogate`` (U+FFFD where stored text is shown).
    """
    if not _BAD.search(value):
        return value[:limit]
    spaced = _SEPARATORS.sub(" ", SURROGATE.sub(surrogate, value))
    return _BAD.sub("", spaced)[:limit]


def check_text(field: str, value: str, limit: int = MAX_VALUE) -> str:
    """The value if it is acceptable text, else BadInput naming the field."""
    problem = problem_in(value, limit)
    if problem:
        raise BadInput(field, problem)
    return value


@dataclass(frozen=True)
class JsonLimits:
    """How much JSON one request body may hold."""

    depth: int = MAX_DEPTH
    items: int = MAX_ITEMS
    text: int = MAX_VALUE


def load_json(data: bytes | str, limits: JsonLimits = JsonLimits()) -> dict[str, Any]:
    """Parse a JSON body: an object, bounded, with acceptable text and numbers, or BadInput."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("", "not UTF-8 text") from None
    try:
        value = json.loads(
            data,
            parse_int=_whole,
            parse_float=_fraction,
            parse_constant=_no_constant,
        )
    except RecursionError:
        raise BadInput("", "nested too deeply") from None
    except ValueError as exc:
        if isinstance(exc, BadInput):
            raise
        raise BadInput("", "not JSON") from None
    if not isinstance(value, dict):
        raise BadInput("", "must be a JSON object")
    check_json_value(value, limits)
    return value


def check_json_value(value: Any, limits: JsonLimits = JsonLimits(), path: str = "") -> None:
    """Walk parsed JSON without recursion: depth, counts and every text (keys too)."""
    stack: list[tuple[Any, str, int]] = [(value, path, 0)]
    seen = 0
    while stack:
        item, where, depth = stack.pop()
        seen += 1
        if depth > limits.depth:
            raise BadInput(where, "nested too deeply")
        if seen > limits.items * 10:
            raise BadInput(where, "too many values")
        if isinstance(item, str):
            check_text(where, item, limits.text)
        elif isinstance(item, dict):
            if len(item) > limits.items:
                raise BadInput(where, "too many values")
            for key, child in item.items():
                check_text(where, key, 200)
                stack.append((child, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(item, list):
            if len(item) > limits.items:
                raise BadInput(where, "too many values")
            stack.extend((child, f"{where}[{i}]", depth + 1) for i, child in enumerate(item))


def _whole(text: str) -> int:
    """A JSON integer a database column can hold."""
    if len(text) > MAX_DIGITS or abs(int(text)) > MAX_WHOLE:
        raise BadInput("", TOO_BIG)
    return int(text)


def _fraction(text: str) -> float:
    """A JSON fraction that is a real, finite number."""
    if len(text) > MAX_DIGITS:
        raise BadInput("", TOO_BIG)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise BadInput("", TOO_BIG)
    return value


def _no_constant(text: str) -> Any:
    """NaN and Infinity are not JSON."""
    raise BadInput("", f"{text} is not a number")

"""How values become text cells, in CSV and in GraphML attributes: lists, formulas, quoting."""

from __future__ import annotations

import re
from typing import Any

# Formula starts (some spreadsheets skip a tab, CR or LF first), and ' so the guard reverses.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "'")
_NUMBER = re.compile(r"-?\d+(\.\d+)?(e[+-]?\d+)?")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines' breaks


def join_list(values: Any) -> str:
    """Encode a list as comma-separated text, escaping commas inside items."""
    return ",".join(v.replace("\\", "\\\\").replace(",", "\\,") for v in values)


def split_list(text: str) -> list[str]:
    """Decode ``join_list`` text back into a list."""
    if not text:
        return []
    items, current, chars = [], [], iter(text)
    for char in chars:
        if char == "\\":
            current.append(next(chars, ""))
        elif char == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*items, "".join(current)]


def csv_line(values: list[Any]) -> str:
    """One CSV row (no line end) from cell values, each defused and quoted as it needs."""
    return ",".join(_quoted(_cell(value)) for value in values)


def _cell(value: Any) -> str:
    """One CSV cell's text: lists joined, booleans as true/false, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = join_list(value) if isinstance(value, list) else str(value)
    risky = text[:1] in _FORMULA_START or text.lstrip(" \t\r\n")[:1] in _FORMULA_START
    return "'" + text if risky and not _NUMBER.fullmatch(text) else text


def _quoted(text: str) -> str:
    """The cell as CSV (RFC 4180): quoted when defused or holding a comma, quote or line break."""
    if text[:1] == "'" or "," in text or '"' in text or _LINE_BREAK.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text

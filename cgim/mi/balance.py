"""Decisional balance: four boxes, summarised in the order MI recommends.

The summary ends with the costs of staying the same and then the gains of change, so the
last thing the parent hears is their own case for change (Miller & Rollnick 2013; see
docs/mi-rules.md). The parent's own words are kept; empty boxes are skipped.
"""

from collections.abc import Mapping
from dataclasses import dataclass

STAYING_SAME_GOOD = "staying_same_good"
STAYING_SAME_NOT_SO_GOOD = "staying_same_not_so_good"
CHANGE_GOOD = "change_good"
CHANGE_NOT_SO_GOOD = "change_not_so_good"

# The order the boxes are asked in (a plain 2x2 grid).
BOX_KEYS = (STAYING_SAME_GOOD, STAYING_SAME_NOT_SO_GOOD, CHANGE_GOOD, CHANGE_NOT_SO_GOOD)

# The order they are summarised in: sustain side first, change side last.
SUMMARY_ORDER = (STAYING_SAME_GOOD, CHANGE_NOT_SO_GOOD, STAYING_SAME_NOT_SO_GOOD, CHANGE_GOOD)


@dataclass(frozen=True)
class BalanceBox:
    """One filled box of the balance: its key and the parent's own words."""

    key: str
    text: str


def balance_summary(boxes: Mapping[str, str | None]) -> tuple[BalanceBox, ...]:
    """Return the filled boxes in MI summary order, ending with the gains of change."""
    unknown = sorted(set(boxes) - set(BOX_KEYS))
    if unknown:
        raise ValueError(f"unknown decisional balance boxes {unknown}; expected {BOX_KEYS}")
    summary = []
    for key in SUMMARY_ORDER:
        text = boxes.get(key)
        if text is None:
            continue
        if not isinstance(text, str):
            raise ValueError(f"box {key!r} must hold text, got {type(text).__name__}")
        if text.strip():
            summary.append(BalanceBox(key, text.strip()))
    return tuple(summary)

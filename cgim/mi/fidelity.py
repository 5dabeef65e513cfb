"""Content fidelity rules for MI: pure checks over plain text and records.

``cgim content check`` feeds these with the loaded content and fails on any problem:

- a question asking why a rating is not higher ("why not a 10?", "why isn't it
  higher?", "why a 6 and not a 9?", "what stops you being a 10?", "why only a 4?"):
  it draws out reasons against change (Miller & Rollnick 2013);
- a ruler without all of its follow-ups (rulers.FOLLOW_UP_KEYS), or with unknown ones;
- an information block without its ask-before and ask-after elicit steps
  (Elicit-Provide-Elicit).

Problems are developer-facing strings that start with the step id.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .rulers import FOLLOW_UP_KEYS

_WIDE = r"[^.?!;\n]"  # within one sentence
_NARROW = r"[^.?!;,\n]"  # within one clause
_NEG = r"(?:\bnot\b|n['’]t\b|\brather\s+than\b|\binstead\s+of\b)"
_NO_UNIT = r"(?!\s*(?:%|percent|minutes?|mins?|hours?|days?|weeks?|months?|years?)\b)"
_ADJ = r"(?:important|confident|ready|sure|certain|motivated|willing)"
_HIGHER = rf"(?:higher|highest|greater|bigger|(?:10|ten){_NO_UNIT}|more\s+{_ADJ})\b"
_NUMBER_WORD = r"(?:\d{1,2}|\{\w*\}|zero|one|two|three|four|five|six|seven|eight|nine)"
_STOP = r"\b(?:stops?|stopping|keeps?|keeping|prevents?|preventing|holds?|holding)\b"

_WHY_NOT_HIGHER = (
    # "why not a 10", "why isn't it higher", "why a 6 rather than a 10"
    re.compile(rf"\bwhy\b{_WIDE}*?{_NEG}{_NARROW}*?\b{_HIGHER}", re.IGNORECASE),
    # "why not more?", "why isn't it more?"
    re.compile(rf"\bwhy\b{_WIDE}*?{_NEG}(?:\s+(?:it|you|this|that))?\s+more\s*(?:[?.!]|$)", re.I),
    # "what stops you from being a 10", "what's keeping you from going higher"
    re.compile(rf"{_STOP}{_NARROW}*?\bfrom\b{_NARROW}*?\b{_HIGHER}", re.IGNORECASE),
    # "why only a 4?", "why only {rating}?"
    re.compile(rf"\bwhy\b{_NARROW}*?\bonly\s+(?:an?\s+)?{_NUMBER_WORD}(?!\w)", re.IGNORECASE),
)
# "why a 6 and not a 9": flagged only when the second number is the higher one
_NUMBER_PAIR = re.compile(
    rf"\bwhy\b{_WIDE}*?\b(\d{{1,2}})\b{_WIDE}*?{_NEG}{_NARROW}*?\b(\d{{1,2}})\b", re.IGNORECASE
)
# "why a {n} and not a 9": a template's rating against a fixed number can ask for a higher one
_PLACEHOLDER_PAIR = re.compile(
    rf"\bwhy\b{_WIDE}*?\{{\w*\}}{_WIDE}*?{_NEG}{_NARROW}*?\b\d{{1,2}}\b", re.IGNORECASE
)


@dataclass(frozen=True)
class QuestionRecord:
    """Any text a parent is asked (question, hint or follow-up), with its step id."""

    step_id: str
    text: str


@dataclass(frozen=True)
class RulerRecord:
    """A ruler step and the words content gives for each follow-up key."""

    step_id: str
    follow_ups: Mapping[str, str]


@dataclass(frozen=True)
class InfoBlockRecord:
    """An information block and whether content asks before and after offering it."""

    step_id: str
    has_ask_before: bool
    has_ask_after: bool


def asks_why_not_higher(text: str) -> bool:
    """Tell whether a text asks why a rating is not higher (it evokes sustain talk)."""
    if any(pattern.search(text) for pattern in _WHY_NOT_HIGHER) or _PLACEHOLDER_PAIR.search(text):
        return True
    return any(int(b) > int(a) for a, b in _NUMBER_PAIR.findall(text))


def check_question(record: QuestionRecord) -> list[str]:
    """Return a problem if the question asks why a rating is not higher."""
    if asks_why_not_higher(record.text):
        return [
            f"{record.step_id}: asks why a rating is not higher, which draws out reasons "
            f"against change; ask why it is not lower instead: {record.text!r}"
        ]
    return []


def check_ruler(record: RulerRecord) -> list[str]:
    """Return problems for missing, empty, unknown or why-not-higher ruler follow-ups."""
    problems = []
    for key in FOLLOW_UP_KEYS:
        text = record.follow_ups.get(key)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{record.step_id}: ruler has no '{key}' follow-up")
    for key in record.follow_ups:
        if key not in FOLLOW_UP_KEYS:
            problems.append(
                f"{record.step_id}: ruler follow-up '{key}' is unknown; "
                f"expected {', '.join(FOLLOW_UP_KEYS)}"
            )
    for text in record.follow_ups.values():
        if isinstance(text, str):
            problems.extend(check_question(QuestionRecord(record.step_id, text)))
    return problems


def check_info_block(record: InfoBlockRecord) -> list[str]:
    """Return problems if an information block lacks an elicit step before or after it."""
    problems = []
    if not record.has_ask_before:
        problems.append(
            f"{record.step_id}: information block has no ask-before step "
            "(Elicit-Provide-Elicit: ask what they already know first)"
        )
    if not record.has_ask_after:
        problems.append(
            f"{record.step_id}: information block has no ask-after step "
            "(Elicit-Provide-Elicit: ask what they make of it)"
        )
    return problems


def check_fidelity(
    questions: Iterable[QuestionRecord] = (),
    rulers: Iterable[RulerRecord] = (),
    info_blocks: Iterable[InfoBlockRecord] = (),
) -> list[str]:
    """Run every fidelity rule and return all problems, in input order."""
    problems: list[str] = []
    for question in questions:
        problems.extend(check_question(question))
    for ruler in rulers:
        problems.extend(check_ruler(ruler))
    for block in info_blocks:
        problems.extend(check_info_block(block))
    return problems

"""Short codes people read aloud and type on a tablet: no look-alike characters."""

import math
import re
import secrets

# No 0/O, 1/I/L: they are misread from a projector and mistyped on a tablet.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_LENGTH = 6
# Ten characters, typed as two groups of five (ABCDE-23456): long enough that the service's
# failed-guess budget gives an attacker under one chance in a million a day (docs/security.md).
RESUME_LENGTH = 10
# Codes given out before: they keep working, with a failed-guess budget of their own.
LEGACY_RESUME_LENGTH = 8


def new_code(length: int) -> str:
    """A random code of the given length from the safe alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(typed: str, length: int) -> str | None:
    """The code a person meant, ignoring case, spaces and dashes; None if it cannot be one."""
    code = re.sub(r"[\s\-]", "", typed or "").upper()
    if len(code) != length or any(ch not in ALPHABET for ch in code):
        return None
    return code


def normalise_resume(typed: str) -> str | None:
    """A resume code of either length (new or from before), or None."""
    return normalise(typed, RESUME_LENGTH) or normalise(typed, LEGACY_RESUME_LENGTH)


def display_resume(code: str) -> str:
    """A resume code in two halves, easier to copy down: ABCDE-23456 (ABCD-EFGH before)."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def first_half(code: str) -> str:
    """The first group of a resume code: half-seen codes are limited by it."""
    return code[: len(code) // 2]


def daily_odds(alphabet: int, length: int, families: int, guesses: int) -> float:
    """The chance that `guesses` distinct random codes hit at least one of `families` codes."""
    space = alphabet**length
    if families >= space:
        return 1.0
    # 1 - (1 - families/space)^guesses, computed without losing the tiny numbers.
    return -math.expm1(guesses * math.log1p(-families / space))

"""Short codes people read aloud and type on a tablet: no look-alike characters."""

import re
import secrets

# No 0/O, 1/I/L: they are misread from a projector and mistyped on a tablet.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_LENGTH = 6
RESUME_LENGTH = 8


def new_code(length: int) -> str:
    """A random code of the given length from the safe alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(typed: str, length: int) -> str | None:
    """The code a person meant, ignoring case, spaces and dashes; None if it cannot be one."""
    code = re.sub(r"[\s\-]", "", typed or "").upper()
    if len(code) != length or any(ch not in ALPHABET for ch in code):
        return None
    return code


def display_resume(code: str) -> str:
    """A resume code in two halves, easier to copy down: ABCD-EFGH."""
    return f"{code[:4]}-{code[4:]}"

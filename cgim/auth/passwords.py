"""Is a new staff password hard enough to guess? One check for set-up, team, change and reset.

zxcvbn estimates how many guesses a password takes, knowing common passwords, words, names,
dates, keyboard runs, sequences and repeats; we add invisible characters and the account's
own name or email, which it only half catches. The message says why, in plain words.
"""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

from ..errors import InvalidInput

MIN_LENGTH = 10
# zxcvbn refuses longer input; the first 72 characters decide (a longer one is rarely weaker).
LOOKED_AT = 72
# 3 means about 10^8 guesses or more: beyond guessing online within the sign-in limits.
GOOD_SCORE = 3
# Letters and digits that must be left once the account's name and email are taken out.
OWN_WORDS_LEFT = 6

TRY = _l("Try three or four words you will remember, with spaces between them.")
MESSAGES = {
    "short": _l("Use at least 10 letters, numbers or symbols you can see."),
    "personal": _l(
        "This password is made from the account's name or email, so it is easy to guess."
    ),
    "repeat": _l("This password repeats letters or a pattern, so it is easy to guess."),
    "sequence": _l(
        "This password follows a simple order, like 1234 or qwerty, so it is easy to guess."
    ),
    "common": _l("This password is one of the most used passwords, so it is easy to guess."),
    "weak": _l("This password is too easy to guess."),
}


def visible(password: str) -> str:
    """The password as NFKC text without invisible format characters (zero-width spaces)."""
    text = unicodedata.normalize("NFKC", password)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def personal_words(email: str = "", name: str = "") -> list[str]:
    """The account's own words a guesser tries first: its name and email, and their parts."""
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    parts = [email, local, domain, *re.split(r"[^\w]+", local), domain.split(".")[0]]
    parts += [name.strip().lower(), *re.split(r"[^\w]+", name.lower())]
    return sorted({p for p in parts if len(p) >= 3}, key=len, reverse=True)


def made_of_own_words(text: str, words: list[str]) -> bool:
    """True when little is left of the password once the account's own words are taken out."""
    rest = text.lower()
    found = False
    for word in words:
        if word in rest:
            found = True
            rest = rest.replace(word, "")
    return found and len(re.sub(r"[\W_]+", "", rest)) < OWN_WORDS_LEFT


def weakness(password: str, email: str = "", name: str = "") -> str | None:
    """Why this password is too easy to guess (a MESSAGES key), or None when it is fine."""
    text = visible(password)
    if len(text.strip()) < MIN_LENGTH:
        return "short"
    words = personal_words(email, name)
    if made_of_own_words(text, words):
        return "personal"
    result = zxcvbn(text[:LOOKED_AT], user_inputs=words)
    if result["score"] >= GOOD_SCORE:
        return None
    patterns = {m["pattern"] for m in result["sequence"]}
    dictionaries = {m.get("dictionary_name") for m in result["sequence"]}
    if "user_inputs" in dictionaries:
        return "personal"
    if "repeat" in patterns:
        return "repeat"
    if "passwords" in dictionaries:
        return "common"
    if patterns & {"sequence", "spatial"}:
        return "sequence"
    return "weak"


def problem(password: str, email: str = "", name: str = "") -> str | None:
    """The message to show beside the password field, or None when the password is fine."""
    reason = weakness(password, email, name)
    if reason is None:
        return None
    return f"{MESSAGES[reason]} {TRY}" if reason != "short" else str(MESSAGES[reason])


def check(password: str, email: str = "", name: str = "", field: str = "password") -> None:
    """Raise InvalidInput naming the field when the password is too easy to guess."""
    message = problem(password, email, name)
    if message:
        raise InvalidInput(field, message)

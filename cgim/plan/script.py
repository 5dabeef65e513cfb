"""Assemble the parent's words for the first ask: who I am and why you, the ask, an easy no, thanks.

Pure: the sentence frames come in as `words` (already in the parent's language), so this
module knows no language and no web code.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AskParts:
    """What the parent wrote or chose while planning the ask."""

    person: str = ""
    who_i_am: str = ""
    why_you: str = ""
    what: str = ""
    how_often: str = ""
    how_long: str = ""
    easy_no: str = ""
    thanks: str = ""


@dataclass(frozen=True)
class Script:
    """The script in four parts, each a paragraph the parent can read aloud."""

    opening: str
    ask: str
    easy_no: str
    thanks: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The parts that have words, in order."""
        return tuple(p for p in (self.opening, self.ask, self.easy_no, self.thanks) if p)


def fill(frame: str, **values: str) -> str:
    """Put values into a frame like 'Hi {person},'; unknown braces stay as they are."""
    for name, value in values.items():
        frame = frame.replace("{" + name + "}", value)
    return frame


def ask_sentence(parts: AskParts, words: dict[str, str]) -> str:
    """'Would you be willing to X, every week, for the next 3 months?' from the parts given."""
    if not parts.what:
        return ""
    sentence = fill(words["ask"], what=parts.what)
    if parts.how_often:
        sentence = fill(words["ask_often"], ask=sentence, how_often=parts.how_often)
    if parts.how_long:
        sentence = fill(words["ask_long"], ask=sentence, how_long=parts.how_long)
    return fill(words["ask_end"], ask=sentence)


def build_script(parts: AskParts, words: dict[str, str]) -> Script:
    """The script: the parent's own words first, gentle defaults only where they wrote nothing."""
    clean = AskParts(**{k: " ".join(str(v).split()) for k, v in parts.__dict__.items()})
    greeting = fill(words["greeting"], person=clean.person) if clean.person else ""
    opening = " ".join(p for p in (greeting, clean.who_i_am, clean.why_you) if p)
    return Script(
        opening=opening,
        ask=ask_sentence(clean, words),
        easy_no=clean.easy_no or words["easy_no"],
        thanks=clean.thanks or words["thanks"],
    )

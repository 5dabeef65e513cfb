"""Ambivalence themes from the research, and their detection from tagged answers.

The themes are the barriers caregivers named in Weiler, Keyzers, Scafe, Anderson &
Cavell (2020), "My village fell apart" (pride about asking, unsafe or unreliable adults,
too few candidates), plus the time and cost worry the workshop also meets. Content tags
the options that reveal a theme; a detected theme unlocks the prompts written for it.
"""

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

PRIDE = "pride"
SAFETY_WORRY = "safety_worry"
RELIABILITY_WORRY = "reliability_worry"
NO_ONE_TO_ASK = "no_one_to_ask"
TIME_COST = "time_cost"
THEMES = (PRIDE, SAFETY_WORRY, RELIABILITY_WORRY, NO_ONE_TO_ASK, TIME_COST)

OptionKey = TypeVar("OptionKey", bound=Hashable)


def validate_theme(theme: object) -> str:
    """Return a known theme name, or raise ValueError so content typos fail loudly."""
    if not isinstance(theme, str) or theme not in THEMES:
        raise ValueError(f"unknown ambivalence theme {theme!r}; expected one of {THEMES}")
    return theme


def detect_themes(
    option_themes: Mapping[OptionKey, str], selected: Iterable[OptionKey]
) -> tuple[str, ...]:
    """Return the themes the parent's selected options reveal, once each, in THEMES order."""
    # Option ids are unique only within a step: key both arguments by (step_id, option_id).
    for theme in option_themes.values():
        validate_theme(theme)
    found = {option_themes[key] for key in selected if key in option_themes}
    return tuple(theme for theme in THEMES if theme in found)

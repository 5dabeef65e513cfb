"""The short English names the drawing shows, one source for the SVG and the web's labels.

Only the names the pure drawing itself needs live here (sectors, rings, kinds of line); the
web's ``cgim.ecomap.labels`` translates these same strings and adds the rest. ``N_`` only
marks a string for ``pybabel extract``: the core never translates.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark text for the message catalogue and return it unchanged."""
    return text


SECTOR_NAMES = {
    "family": N_("Family"),
    "friends": N_("Friends and neighbours"),
    "school": N_("School"),
    "faith_community": N_("Faith and community"),
    "activities": N_("Activities and sport"),
    "services": N_("Services and professionals"),
    "other": N_("Somewhere else"),
}
# closeness to the child, innermost ring first
CLOSENESS_NAMES = {3: N_("Very close"), 2: N_("Quite close"), 1: N_("Not very close")}
TIE_KIND_NAMES = {
    "strong": N_("Strong"),
    "moderate": N_("Good"),
    "tenuous": N_("Weak or on and off"),
    "stressful": N_("Stressful"),
}

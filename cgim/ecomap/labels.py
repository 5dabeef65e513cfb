"""Every short label of the eco-map's vocabulary, keyed by the document's values: one source.

Forms, the editor, the results, the plan and the staff record all take their words from here
(templates as the ``ecomap_labels`` global), in the order the forms ask. The names the pure
drawing also shows (sectors, closeness, kinds of line) come from ``core.labels`` and are
translated here. Full sentences the analysis says stay in ``core.wording``; content option
labels stay in ``content/``.
"""

from collections.abc import Mapping
from types import MappingProxyType

from flask_babel import lazy_gettext as _l

from .core import labels as drawn


def _translated(english: Mapping) -> dict:
    """The drawing's English names, translated when shown (pybabel finds them in core)."""
    return {value: _l(name) for value, name in english.items()}


SECTOR = _translated(drawn.SECTOR_NAMES)
CLOSENESS = _translated(drawn.CLOSENESS_NAMES)
TIE_KIND = _translated(drawn.TIE_KIND_NAMES)
CONTACT = {
    "daily": _l("Every day"),
    "weekly": _l("Every week"),
    "monthly": _l("Every month"),
    "rarely": _l("Now and then"),
    "never": _l("Not at the moment"),
}
SUPPORT = {
    "emotional": _l("Someone to talk to"),
    "practical": _l("Practical help, like rides"),
    "informational": _l("Advice and know-how, like homework or forms"),
    "companionship": _l("Fun and shared interests"),
}
# The same help inside a sentence ("Nobody gives %(kind)s yet"): the label without its example.
SUPPORT_PHRASE = {
    "emotional": _l("someone to talk to"),
    "practical": _l("practical help"),
    "informational": _l("advice and know-how"),
    "companionship": _l("fun and shared interests"),
}
CHILD_FEELS = {
    "likes": _l("Likes being with them"),
    "neutral": _l("Is okay with them"),
    "uneasy": _l("Seems uneasy with them"),
    "unknown": _l("I'm not sure"),
}
PARENT_TRUST = {
    "high": _l("A lot"),
    "some": _l("Some"),
    "low": _l("Not much"),
    "unknown": _l("Not sure yet"),
}
FIT = {
    "shares_interests": _l("Shares my child's interests"),
    "lives_nearby": _l("Lives nearby"),
    "reliable": _l("Keeps their word"),
    "available_weekly": _l("Could make time each week"),
    "knows_child_needs": _l("Understands my child's needs"),
    "positive_role_model": _l("Is a good example"),
}
CONCERN = {
    "ignores_boundaries": _l("Ignores limits we set"),
    "secrets": _l("Asks my child to keep secrets"),
    "favouritism": _l("Treats my child as 'special', more than other children"),
    "seeks_time_alone": _l("Often wants to be alone with my child"),
    "gifts": _l("Gives gifts or money for no clear reason"),
    "unreliable": _l("Often lets people down"),
    "substance_misuse": _l("Drinks or uses drugs in a way that worries me"),
    "violence": _l("Has been violent"),
    "harm_to_children": _l("Has harmed a child"),
    "other": _l("Something else feels wrong"),
}
FLOW = {
    "both": _l("Both help each other"),
    "a_to_b": _l("The first helps the second"),
    "b_to_a": _l("The second helps the first"),
    "none": _l("Neither, really"),
}

# By the document's field names, as templates and the editor's script read them.
LABELS = MappingProxyType(
    {
        "sector": SECTOR,
        "closeness": CLOSENESS,
        "contact": CONTACT,
        "support": SUPPORT,
        "support_phrase": SUPPORT_PHRASE,
        "child_feels": CHILD_FEELS,
        "parent_trust": PARENT_TRUST,
        "fit": FIT,
        "concerns": CONCERN,
        "kind": TIE_KIND,
        "flow": FLOW,
    }
)

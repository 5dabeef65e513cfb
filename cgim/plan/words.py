"""The sentence frames of the ask script, in the parent's language."""

from flask_babel import gettext as _


def script_words() -> dict[str, str]:
    """Frames for build_script; {person}, {what}, {how_often}, {how_long}, {ask} are filled in."""
    return {
        "greeting": _("Hi {person},"),
        "ask": _("Would you be willing to {what}"),
        "ask_often": _("{ask}, {how_often}"),
        "ask_long": _("{ask}, {how_long}"),
        "ask_end": _("{ask}?"),
        "easy_no": _("It is fine to say no, or not now. I will understand."),
        "thanks": _("Thank you for thinking about it."),
    }

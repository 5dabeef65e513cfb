"""The organisation's settings forms: shape checks only (the services check the rest)."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import AnyOf, DataRequired, Length

from ..auth.forms import RetentionForm
from ..forms import Form, choices

__all__ = ["NameForm", "RetentionForm", "WorryFlagForm"]


class NameForm(Form):
    """The organisation's name, as staff and parents read it."""

    name = StringField(
        _l("Organisation name"),
        validators=[
            DataRequired(_l("Please enter the organisation's name.")),
            Length(max=120, message=_l("Please use at most 120 characters.")),
        ],
    )


class WorryFlagForm(Form):
    """Whether a parent's serious worry shows staff a discreet sign (no name, no details)."""

    flag = RadioField(
        _l("What staff see"),
        choices=choices(
            [
                ("off", _l("Staff are not told")),
                ("on", _l("Staff see a discreet sign, with no name and no details")),
            ]
        ),
        validators=[AnyOf(("off", "on"), message=_l("Please pick one of the two choices."))],
        validate_choice=False,  # the plain words above, not WTForms' own
    )

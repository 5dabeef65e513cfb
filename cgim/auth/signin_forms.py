"""Forms of two-step sign-in and the organisation's sign-in rules: shape checks only."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from ..forms import Form, choices
from .signin_models import IDLE_MINUTES


class ConfirmAppForm(Form):
    """Set-up: the code the new authenticator app shows proves it was added."""

    code = StringField(
        _l("The 6-digit code your app shows"),
        validators=[DataRequired(_l("Please type the code from your app.")), Length(max=20)],
    )


class SignInCodeForm(Form):
    """The second step of signing in."""

    code = StringField(
        _l("Code from your app, or a recovery code"),
        validators=[DataRequired(_l("Please type the code from your app.")), Length(max=40)],
    )
    remember = BooleanField(_l("Remember this device for 30 days"))


class PasswordCheckForm(Form):
    """Your password again, before turning two-step sign-in off or making new codes."""

    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Please enter your password."))]
    )


class MinutesField(IntegerField):
    """A whole number of minutes; anything else gets plain words, not WTForms' own."""

    def process_formdata(self, valuelist):
        """Read the number, or say what is wrong with it."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Please enter a whole number of minutes, like 30.")) from None


class SignInRulesForm(Form):
    """An admin chooses who must use two-step sign-in and when idle sessions end."""

    two_step_for = SelectField(
        _l("Who must use two-step sign-in"),
        choices=choices(
            [
                ("nobody", _l("Nobody has to (anyone may turn it on)")),
                ("admins", _l("Admins")),
                ("everyone", _l("Everyone")),
            ]
        ),
    )
    idle_minutes = MinutesField(
        _l("Sign staff out after this many minutes without activity"),
        validators=[
            DataRequired(_l("Please enter a whole number of minutes, like 30.")),
            NumberRange(
                *IDLE_MINUTES,
                _l(
                    "Please choose from %(low)s to %(high)s minutes.",
                    low=IDLE_MINUTES[0],
                    high=IDLE_MINUTES[1],
                ),
            ),
        ],
    )

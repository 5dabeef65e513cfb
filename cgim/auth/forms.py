"""Staff forms: shape checks only."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Regexp

from ..forms import Form, choices
from .models import RETENTION

EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Please enter an email address."))
MIN_PASSWORD = 10


def password_field(label):
    """A new password: long enough to resist guessing."""
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Please choose a password.")),
            Length(MIN_PASSWORD, 200, _l("Use at least 10 characters.")),
        ],
    )


class AccountFields(Form):
    """Name, email and password, shared by set-up and adding a colleague."""

    name = StringField(
        _l("Your name"), validators=[DataRequired(_l("Please enter a name.")), Length(max=120)]
    )
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(_l("Please enter an email address.")), EMAIL, Length(max=254)],
    )
    password = password_field(_l("Password (at least 10 characters)"))


class SetupForm(AccountFields):
    """First run: the organisation and its first admin."""

    organisation = StringField(
        _l("Organisation name"),
        validators=[DataRequired(_l("Please enter your organisation's name.")), Length(max=120)],
    )
    confirm = PasswordField(
        _l("Password again"), validators=[EqualTo("password", _l("The two passwords differ."))]
    )


class UserForm(AccountFields):
    """An admin adds a colleague."""

    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Please enter a name.")), Length(max=120)]
    )
    role = SelectField(
        _l("Role"),
        choices=choices(
            [
                ("facilitator", _l("Facilitator (runs group workshops)")),
                ("clinician", _l("Clinician (works with one family at a time)")),
                ("lead", _l("Programme lead (sees figures, never a family's answers)")),
                ("admin", _l("Admin (manages accounts and settings)")),
            ]
        ),
    )
    password = password_field(_l("First password (at least 10 characters)"))


class LoginForm(Form):
    """Staff sign-in."""

    email = EmailField(
        _l("Email"), validators=[DataRequired(_l("Please enter your email address."))]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Please enter your password."))]
    )


class DaysField(IntegerField):
    """A whole number of days; anything else gets plain words, not WTForms' own."""

    def process_formdata(self, valuelist):
        """Read the number, or say what is wrong with it."""
        if valuelist and not str(valuelist[0]).strip():
            self.data = None
            raise ValueError(_l("Please enter a number of days."))
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Please enter a whole number of days, like 365.")) from None


def days_field(label, name: str) -> DaysField:
    """Days for one retention setting, within the bounds the organisation may choose."""
    days = RETENTION[name]
    return DaysField(
        label,
        validators=[
            NumberRange(
                days.low,
                days.high,
                _l("Please choose from %(low)s to %(high)s days.", low=days.low, high=days.high),
            )
        ],
    )


class RetentionForm(Form):
    """An admin chooses how long the organisation keeps data (`cgim purge` deletes the rest)."""

    keep_parents_days = days_field(
        _l("Parents' answers, maps and plans: days kept after their workshop closes"),
        "keep_parents_days",
    )
    resume_days = days_field(
        _l("Resume codes: days they still work after their workshop closes"), "resume_days"
    )
    keep_audit_days = days_field(_l("Audit log: days each entry is kept"), "keep_audit_days")

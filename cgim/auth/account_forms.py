"""Forms of the account life cycle: own password, reset link, role, deactivation. Shape only."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField
from wtforms.validators import DataRequired, EqualTo

from ..forms import Form, choices
from .forms import password_field
from .models import ROLES

ROLE_WORDS = {
    "facilitator": _l("Facilitator (runs workshops)"),
    "clinician": _l("Clinician (works with one family)"),
    "lead": _l("Programme lead (sees figures, no family data)"),
    "admin": _l("Admin (manages accounts)"),
}


def role_choices():
    """Every role the app knows, in plain words."""
    return choices((role, ROLE_WORDS.get(role, role.title())) for role in ROLES)


def confirm_field():
    """The new password typed a second time."""
    return PasswordField(
        _l("New password again"),
        validators=[EqualTo("password", _l("The two passwords differ."))],
    )


class NewPasswordForm(Form):
    """A new password, typed twice: the reset link's page."""

    password = password_field(_l("New password (at least 10 characters)"))
    confirm = confirm_field()


class ChangePasswordForm(NewPasswordForm):
    """Your own new password; the current one proves it is you."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Please enter your current password."))],
    )
    password = password_field(_l("New password (at least 10 characters)"))
    confirm = confirm_field()


class RoleForm(Form):
    """An admin gives a colleague another role (the service checks the value)."""

    role = SelectField(_l("Role"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()


class DeactivateForm(Form):
    """An admin deactivates a colleague and picks who takes over their work."""

    successor = SelectField(_l("Who takes over their workshops?"), validate_choice=False)

    def __init__(self, colleagues, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.successor.choices = choices((str(u.id), u.name) for u in colleagues)

    def successor_id(self) -> int | None:
        """The chosen id, or None when the value is not a number."""
        value = str(self.successor.data or "")
        return int(value) if value.isdigit() and len(value) < 10 else None

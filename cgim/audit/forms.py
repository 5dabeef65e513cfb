"""The audit log's filters: staff member, family (nickname and workshop), and dates."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import Length, Optional, Regexp

from ..forms import Form, choices

ANY = ""


class FilterForm(Form):
    """Narrow the log down. Sent by GET and changes nothing, so it carries no CSRF token
    (a token in an address would end up in bookmarks and logs)."""

    class Meta:
        csrf = False

    staff = SelectField(_l("Staff member"), validators=[Optional()])
    workshop = SelectField(_l("Workshop"), validators=[Optional()])
    nickname = StringField(_l("Family's name or nickname"), validators=[Optional(), Length(max=40)])
    family = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,9}$")])
    since = DateField(
        _l("From (day)"), validators=[Optional()], format="%Y-%m-%d", render_kw={"type": "date"}
    )
    until = DateField(
        _l("To (day)"), validators=[Optional()], format="%Y-%m-%d", render_kw={"type": "date"}
    )

    def set_choices(self, staff, workshops) -> None:
        """Fill the pickers with the organisation's staff and workshops."""
        self.staff.choices = choices([(ANY, _l("Anyone")), *((str(i), n) for i, n in staff)])
        self.workshop.choices = choices(
            [
                (ANY, _l("Any workshop")),
                *((str(i), f"{t} ({d.isoformat()})") for i, t, d in workshops),
            ]
        )

    def validate(self, extra_validators=None) -> bool:
        """The fields' checks, and a date range that runs forwards."""
        valid = super().validate(extra_validators)
        for day in (self.since, self.until):
            if day.raw_data and day.raw_data[0] and day.data is None:
                day.errors = [_l("Please type a day like 2026-12-01.")]
        if valid and self.since.data and self.until.data and self.until.data < self.since.data:
            self.until.errors = [*self.until.errors, _l("Please pick a day on or after the first.")]
            return False
        return valid

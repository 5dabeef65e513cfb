"""Workshop forms: shape checks only; choices come from content."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from ..forms import Form, choices, language_choices


class WorkshopForm(Form):
    """Create a workshop: title, format, language and date."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Please give the workshop a title.")), Length(max=120)],
    )
    format_id = SelectField(_l("Format"))
    language = SelectField(_l("Language"))
    date = DateField(
        _l("Date"), default=date.today, validators=[DataRequired(_l("Please pick a date."))]
    )

    def set_choices(self, library) -> None:
        """Offer the formats and languages the content provides."""
        reference = library.language(None)
        self.format_id.choices = choices(
            (f.id, f"{f.title} ({f.minutes // 60} h {f.minutes % 60:02d} min)")
            for f in reference.formats.values()
        )
        self.language.choices = language_choices(library)

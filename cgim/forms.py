"""Shared by the feature forms: the empty (CSRF-only) form and choice helpers."""

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices(library) -> list[SelectChoice]:
    """Every content language, by its own name."""
    return choices((code, lang.name) for code, lang in library.languages.items())


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""

"""Shared by the feature forms: the base form, the empty (CSRF-only) form and choice helpers."""

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices(library) -> list[SelectChoice]:
    """Every content language, by its own name."""
    return choices((code, lang.name) for code, lang in library.languages.items())


class Form(FlaskForm):
    """The base of every form: its text fields pass the one input boundary (cgim/boundary)."""


class EmptyForm(Form):
    """A form with only the CSRF token, for buttons that change something."""

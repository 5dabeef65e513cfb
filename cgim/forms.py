"""Shared by the feature forms: the base form, the empty (CSRF-only) form and choice helpers."""

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.fields.choices import SelectChoice

from .boundary.rules import TOO_BIG
from .inputs import problems, words_for

# Whole numbers a form takes fit a 32-bit column: ids, versions, counts, ages.
MAX_FORM_NUMBER = 2**31 - 1


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices(library) -> list[SelectChoice]:
    """Every content language, by its own name."""
    return choices((code, lang.name) for code, lang in library.languages.items())


class Form(FlaskForm):
    """The base of every form: what the input boundary (cgim/boundary) found is said here.

    The boundary has already taken out characters no field may hold; this puts its message
    beside the field, so the person sees what to fix and keeps the rest of what they typed.
    """

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, then the boundary's findings and number bounds."""
        valid = super().validate(extra_validators)
        found = problems()
        for field in self:
            problem = found.get(field.name)
            if problem:
                field.errors = [*field.errors, words_for(problem)]
                valid = False
            number = field.data if isinstance(field, IntegerField) else None
            if number is not None and abs(number) > MAX_FORM_NUMBER:
                field.errors = [*field.errors, words_for(TOO_BIG)]
                valid = False
        return valid


class EmptyForm(Form):
    """A form with only the CSRF token, for buttons that change something."""

"""Shared by the feature forms: the base form, the empty (CSRF-only) form and choice helpers."""

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto, _is_submitted
from werkzeug.datastructures import CombinedMultiDict
from wtforms import IntegerField
from wtforms.fields.choices import SelectChoice

from .boundary.rules import TOO_BIG, TOO_LONG
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

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            """Forms read form fields only: a JSON body sent to a form is no form data."""
            if formdata is not _Auto:
                return formdata
            if not _is_submitted():
                return None
            if request.files:
                return CombinedMultiDict((request.files, request.form))
            return request.form or None

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, then the boundary's findings and number bounds."""
        too_big = [f for f in self if _number(f) is not None and abs(_number(f)) > MAX_FORM_NUMBER]
        for field in too_big:
            field.data = None  # so no validator does arithmetic on a 400-digit number
        valid = super().validate(extra_validators)
        found = problems()
        for field in self:
            problem = TOO_BIG if field in too_big else found.get(field.name)
            if problem:
                # The cause is shown first, but a field's own length limit says more.
                said = [words_for(problem)]
                field.errors = (
                    [*field.errors, *said] if problem == TOO_LONG else [*said, *field.errors]
                )
                valid = False
        return valid


def _number(field):
    """An integer field's whole number, else None."""
    return field.data if isinstance(field, IntegerField) else None


class EmptyForm(Form):
    """A form with only the CSRF token, for buttons that change something."""

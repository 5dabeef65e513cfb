"""Parent forms: joining, resuming, and one form per step built from its content prompt."""

import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..content import model
from ..formutil import choices


class CodeForm(FlaskForm):
    """Type the join code from the screen."""

    code = StringField(
        _l("Workshop code"),
        validators=[DataRequired(_l("Please type the code from the screen.")), Length(max=20)],
    )


class NameForm(FlaskForm):
    """A first name or nickname, and a language."""

    nickname = StringField(
        _l("Your first name or a nickname"),
        validators=[
            DataRequired(_l("Please type a name. A nickname is fine.")),
            Length(max=40, message=_l("Please use 40 letters or fewer.")),
        ],
    )
    language = SelectField(_l("Language"))


class ResumeForm(FlaskForm):
    """Type the resume code to carry on from another tablet."""

    code = StringField(
        _l("Your resume code"),
        validators=[DataRequired(_l("Please type your resume code.")), Length(max=20)],
    )


def _text_field(step: model.Step):
    limit = model.MAX_TEXT[step.kind]
    field = StringField if step.kind == model.SHORT_TEXT else TextAreaField
    message = _l("Please keep this to %(limit)s characters or fewer.", limit=limit)
    return field(step.question, validators=[Optional(), Length(max=limit, message=message)])


def _choice_field(step: model.Step):
    options = choices((o.id, o.label) for o in step.options)
    if step.kind == model.SINGLE_CHOICE:
        return RadioField(step.question, choices=options, validators=[Optional()])
    return SelectMultipleField(step.question, choices=options, validators=[Optional()])


def _scale_field(step: model.Step):
    numbers = choices((str(n), str(n)) for n in model.SCALE_RANGE)
    return RadioField(step.question, choices=numbers, validators=[Optional()])


FIELD_BUILDERS = {
    **dict.fromkeys(model.TEXT_KINDS, _text_field),
    **dict.fromkeys(model.CHOICE_KINDS, _choice_field),
    model.SCALE: _scale_field,
}


def step_form_class(step: model.Step) -> type[FlaskForm]:
    """A form with one field named after the step's prompt id (none for reading steps)."""
    fields = {"save_key": HiddenField(default=lambda: uuid.uuid4().hex)}
    if step.asks:
        fields["answer"] = FIELD_BUILDERS[step.kind](step)
    return type(f"StepForm_{step.id.replace('-', '_')}", (FlaskForm,), fields)


def form_value(step: model.Step, stored):
    """An answer as the form field holds it."""
    if stored is None:
        return None
    if step.kind == model.SCALE:
        return str(stored)
    return stored

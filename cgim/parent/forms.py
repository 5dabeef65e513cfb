"""Parent forms: joining, resuming, and one form per step built from its content prompt."""

import uuid

from flask_babel import lazy_gettext as _l
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
from ..forms import Form, choices
from ..mi.rulers import follow_up_keys


class CodeForm(Form):
    """Type the join code from the screen."""

    code = StringField(
        _l("Workshop code"),
        validators=[DataRequired(_l("Please type the code from the screen.")), Length(max=20)],
    )


class NameForm(Form):
    """A first name or nickname, and a language."""

    nickname = StringField(
        _l("Your first name or a nickname"),
        validators=[
            DataRequired(_l("Please type a name. A nickname is fine.")),
            Length(max=40, message=_l("Please use 40 letters or fewer.")),
        ],
    )
    language = SelectField(_l("Language"))


class ResumeForm(Form):
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
    if step.kind in model.ONE_CHOICE_KINDS:
        return RadioField(step.question, choices=options, validators=[Optional()])
    return SelectMultipleField(step.question, choices=options, validators=[Optional()])


def _number_field(step: model.Step):
    numbers = choices((str(n), str(n)) for n in model.SCALE_RANGE)
    return RadioField(step.question, choices=numbers, validators=[Optional()])


FIELD_BUILDERS = {
    **dict.fromkeys(model.TEXT_KINDS, _text_field),
    **dict.fromkeys((*model.CHOICE_KINDS, model.SCENARIO), _choice_field),
    **dict.fromkeys(model.NUMBER_KINDS, _number_field),
}


def part_keys(step: model.Step, answers: dict) -> tuple[str, ...]:
    """The text boxes of a balance, or the follow-up questions a rating calls for."""
    if step.kind == model.BALANCE:
        return tuple(key for key, _label in step.boxes)
    rating = answers.get(step.follows)
    return follow_up_keys(rating) if isinstance(rating, int) else ()


def step_form(step: model.Step, answers: dict) -> Form:
    """The form of one screen, filled with the parent's stored answer."""
    fields = {"save_key": HiddenField(default=lambda: uuid.uuid4().hex)}
    stored = answers.get(step.id)
    data = {}
    if step.kind in model.TEXT_MAP_KINDS:
        limit = model.MAX_TEXT[step.kind]
        message = _l("Please keep this to %(limit)s characters or fewer.", limit=limit)
        for key in part_keys(step, answers):
            fields[f"part_{key}"] = TextAreaField(
                key, validators=[Optional(), Length(max=limit, message=message)]
            )
            data[f"part_{key}"] = (stored or {}).get(key) if isinstance(stored, dict) else None
    elif step.asks:
        fields["answer"] = FIELD_BUILDERS[step.kind](step)
        data["answer"] = (
            str(stored) if step.kind in model.NUMBER_KINDS and stored is not None else stored
        )
    form = type(f"StepForm_{step.id.replace('-', '_')}", (Form,), fields)(data=data)
    form.parts = part_keys(step, answers) if step.kind in model.TEXT_MAP_KINDS else ()
    form.answer_errors = form.answer.errors if "answer" in fields else []
    return form


def answer_data(step: model.Step, form: Form):
    """What the parent sent, in the shape clean_answer expects."""
    if step.kind in model.TEXT_MAP_KINDS:
        return {key: form[f"part_{key}"].data for key in form.parts}
    return form.answer.data

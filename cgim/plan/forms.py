"""Forms for the plan: the child's order, a safety plan, the ask, the rehearsal, a follow-up."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from ..ecomap.forms import CONCERNS, SUPPORT
from ..forms import Form, choices

SHORT = [Optional(), Length(max=200, message=_l("Please keep this to 200 characters or fewer."))]
LONG = [Optional(), Length(max=2000, message=_l("Please keep this to 2000 characters or fewer."))]
SETTINGS = choices(
    [
        ("group", _l("In a group, with other children")),
        ("public", _l("In public places, like a park or library")),
        ("our_home", _l("At our home, with me there")),
        ("with_others", _l("At their home, with other adults around")),
        ("calls_i_see", _l("Calls or messages I can see")),
    ]
)
# Topics earlier versions asked a rule for, one text box each: kept for plans that have them.
RULES = (
    ("gifts", _l("Gifts and money")),
    ("rides", _l("Rides")),
    ("phones", _l("Phones and messages")),
    ("hugs", _l("Hugs and touch")),
    ("alone", _l("Being alone together")),
)
ASK_CHILD = choices(
    [
        ("who", _l("Who was there?")),
        ("what", _l("What did you do?")),
        ("where", _l("Where did you go?")),
        ("when", _l("When did you start and finish?")),
        ("feel", _l("How did it feel?")),
    ]
)
CHANNELS = choices(
    [("in_person", _l("In person")), ("phone", _l("On the phone")), ("message", _l("By message"))]
)
FIRST_TALK = choices(
    [
        ("pickups", _l("Who picks up and drops off")),
        ("times", _l("Days and times")),
        ("contact", _l("How we reach each other")),
        ("child_enjoys", _l("What my child enjoys")),
        ("rules", _l("Our family rules")),
    ]
)
NUMBERS = choices((str(n), str(n)) for n in range(11))


class PlanPartForm(Form):
    """A plan part's form: it carries what it was drawn from, so no save undoes another."""

    drawn = HiddenField()


class SafetyPlanForm(PlanPartForm):
    """A safety and visibility plan for one adult, and the worries about them.

    The rule ideas are the content's family rules (choices set from content per request).
    `worries` can only add; `no_longer` removes, and only once `confirm_no_longer` is ticked.
    """

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    settings = SelectMultipleField(
        _l("Where will they spend time together at first? Tick any."),
        choices=SETTINGS,
        validators=[Optional()],
    )
    rules = SelectMultipleField(
        _l("Your family rules with this adult. Tick any."), choices=[], validators=[Optional()]
    )
    own_rules = TextAreaField(_l("Any other rules, in your own words"), validators=LONG)
    drop_ins = StringField(_l("When could you drop in or check in?"), validators=SHORT)
    ask_child = SelectMultipleField(
        _l("What will you ask your child after each visit? Tick any."),
        choices=ASK_CHILD,
        validators=[Optional()],
    )
    if_crossed = TextAreaField(_l("If a limit is crossed, what will you do?"), validators=LONG)
    worries = SelectMultipleField(
        _l("Add a worry about this person. Tick any. It stays private."),
        choices=CONCERNS,
        validators=[Optional()],
    )
    no_longer = SelectMultipleField(
        _l("I no longer worry about this"), choices=CONCERNS, validators=[Optional()]
    )
    confirm_no_longer = BooleanField()  # "Yes, take them away", on the second press
    keep_worries = BooleanField()  # "No, keep them": the plan is saved, the worries stay


for _key, _label in RULES:
    setattr(SafetyPlanForm, f"rule_{_key}", StringField(_label, validators=SHORT))


class AskForm(PlanPartForm):
    """Plan the first ask: who, what kind of help, a small first step, and the words."""

    person = SelectField(_l("Who will you ask?"), validators=[Optional()])
    person_other = StringField(_l("Or type the name of someone else"), validators=SHORT)
    support = RadioField(_l("What kind of help?"), choices=SUPPORT, validators=[Optional()])
    what = StringField(_l("What is the small first ask?"), validators=SHORT)
    how_often = StringField(_l("How often?"), validators=SHORT)
    how_long = StringField(_l("For how long, to start with?"), validators=SHORT)
    who_i_am = TextAreaField(_l("Say who you are and how you know them"), validators=LONG)
    why_you = TextAreaField(_l("Why you thought of them"), validators=LONG)
    easy_no = StringField(_l("An easy way for them to say no"), validators=SHORT)
    thanks = StringField(_l("How you will thank them"), validators=SHORT)
    channel = RadioField(_l("How will you ask?"), choices=CHANNELS, validators=[Optional()])
    when = StringField(_l("When will you ask?"), validators=SHORT)
    if_no = TextAreaField(_l("If they say no or not now, what will you do?"), validators=LONG)
    first_talk = SelectMultipleField(
        _l("For the first conversation, talk about… Tick any."),
        choices=FIRST_TALK,
        validators=[Optional()],
    )


class RehearseForm(PlanPartForm):
    """Practise the words, with a confidence rating before and after."""

    before = RadioField(
        _l("Before practising: how confident do you feel about asking? (0 to 10)"),
        choices=NUMBERS,
        validators=[Optional()],
    )
    read_aloud = BooleanField(_l("I read it aloud"))
    partner = BooleanField(_l("I practised with a partner"))
    after = RadioField(
        _l("After practising: how confident do you feel now? (0 to 10)"),
        choices=NUMBERS,
        validators=[Optional()],
    )


class FollowUpForm(Form):
    """Coming back: what happened."""

    person = StringField(_l("Who did you plan to ask?"), validators=SHORT)
    asked = RadioField(
        _l("Did you ask?"),
        choices=choices([("asked", _l("Yes, I asked")), ("not_yet", _l("Not yet"))]),
        default="not_yet",
    )
    response = RadioField(
        _l("What did they say?"),
        choices=choices([("yes", _l("Yes")), ("maybe", _l("Maybe, or not now")), ("no", _l("No"))]),
        validators=[Optional()],
    )
    note = TextAreaField(_l("Anything you want to remember? (private)"), validators=LONG)
    # The one choice that lets staff see this follow-up at all (cgim/live/progress.py).
    share_note = BooleanField(
        _l("Share this with my facilitator: who you asked, what they said, and your note")
    )

"""Eco-map forms: a person (the guided questions), a line between two people, an import."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from ..forms import choices

SECTORS = choices(
    [
        ("family", _l("Family")),
        ("friends", _l("Friends and neighbours")),
        ("school", _l("School")),
        ("faith_community", _l("Faith and community")),
        ("activities", _l("Activities and sport")),
        ("services", _l("Services and professionals")),
        ("other", _l("Somewhere else")),
    ]
)
CLOSENESS = choices(
    [("3", _l("Very close")), ("2", _l("Quite close")), ("1", _l("Not very close"))]
)
CONTACT = choices(
    [
        ("daily", _l("Every day")),
        ("weekly", _l("Every week")),
        ("monthly", _l("Every month")),
        ("rarely", _l("Now and then")),
        ("never", _l("Not at the moment")),
    ]
)
SUPPORT = choices(
    [
        ("emotional", _l("Someone to talk to")),
        ("practical", _l("Practical help, like rides")),
        ("informational", _l("Advice and know-how, like homework or forms")),
        ("companionship", _l("Fun and shared interests")),
    ]
)
CHILD_FEELS = choices(
    [
        ("likes", _l("Likes being with them")),
        ("neutral", _l("Is okay with them")),
        ("uneasy", _l("Seems uneasy with them")),
        ("unknown", _l("I'm not sure")),
    ]
)
PARENT_TRUST = choices(
    [
        ("high", _l("A lot")),
        ("some", _l("Some")),
        ("low", _l("Not much")),
        ("unknown", _l("Not sure yet")),
    ]
)
FIT = choices(
    [
        ("shares_interests", _l("Shares my child's interests")),
        ("lives_nearby", _l("Lives nearby")),
        ("reliable", _l("Keeps their word")),
        ("available_weekly", _l("Could make time each week")),
        ("knows_child_needs", _l("Understands my child's needs")),
        ("positive_role_model", _l("Is a good example")),
    ]
)
CONCERNS = choices(
    [
        ("ignores_boundaries", _l("Ignores limits we set")),
        ("secrets", _l("Asks my child to keep secrets")),
        ("favouritism", _l("Treats my child as 'special', more than other children")),
        ("seeks_time_alone", _l("Often wants to be alone with my child")),
        ("gifts", _l("Gives gifts or money for no clear reason")),
        ("unreliable", _l("Often lets people down")),
        ("substance_misuse", _l("Drinks or uses drugs in a way that worries me")),
        ("violence", _l("Has been violent")),
        ("harm_to_children", _l("Has harmed a child")),
        ("other", _l("Something else feels wrong")),
    ]
)
TIE_KINDS = choices(
    [
        ("strong", _l("Strong")),
        ("moderate", _l("Good")),
        ("tenuous", _l("Weak or on and off")),
        ("stressful", _l("Stressful")),
    ]
)
FLOWS = choices(
    [
        ("both", _l("Both help each other")),
        ("a_to_b", _l("The first helps the second")),
        ("b_to_a", _l("The second helps the first")),
        ("none", _l("Neither, really")),
    ]
)


class VersionedForm(FlaskForm):
    """Every change says which version of the map it was made on."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class PersonForm(VersionedForm):
    """The guided questions about one adult."""

    label = StringField(
        _l("Their name or initials"),
        validators=[DataRequired(_l("Please type a name or initials.")), Length(max=60)],
    )
    role = StringField(
        _l("Who are they to your child? (optional)"), validators=[Optional(), Length(max=60)]
    )
    sector = RadioField(
        _l("Where do they fit in your child's life?"), choices=SECTORS, default="family"
    )
    closeness = RadioField(_l("How close are they to your child?"), choices=CLOSENESS, default="2")
    bond = RadioField(
        _l("How is their bond with your child?"), choices=TIE_KINDS, default="moderate"
    )
    contact = RadioField(
        _l("How often does your child see them?"), choices=CONTACT, default="weekly"
    )
    support = SelectMultipleField(
        _l("What do they give your child? Tick any."), choices=SUPPORT, validators=[Optional()]
    )
    child_feels = RadioField(
        _l("How does your child feel with them?"), choices=CHILD_FEELS, default="unknown"
    )
    parent_trust = RadioField(
        _l("How much do you trust them?"), choices=PARENT_TRUST, default="unknown"
    )
    fit = SelectMultipleField(
        _l("What else is true? Tick any."), choices=FIT, validators=[Optional()]
    )
    concerns = SelectMultipleField(
        _l("Any worries? Tick any. It stays private."), choices=CONCERNS, validators=[Optional()]
    )
    professional = BooleanField(_l("They help my child as part of their job"))


class TieForm(VersionedForm):
    """A line between two people on the map."""

    a = SelectField(_l("First person"))
    b = SelectField(_l("Second person"))
    kind = RadioField(_l("What is their bond like?"), choices=TIE_KINDS, default="moderate")
    flow = RadioField(_l("Who helps whom?"), choices=FLOWS, default="both")


class ImportForm(FlaskForm):
    """Load a map from a file (JSON or GraphML)."""

    file = FileField(
        _l("Map file (.json or .graphml)"), validators=[FileRequired(_l("Please choose a file."))]
    )

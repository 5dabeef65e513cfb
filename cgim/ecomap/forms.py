"""Eco-map forms: a person (four short screens), a line between two people, an import."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from ..forms import Form, choices
from . import labels

# Every option's words come from labels.py, in the order asked; the values are the document's.
SECTORS = choices(labels.SECTOR.items())
CLOSENESS = choices((str(value), label) for value, label in labels.CLOSENESS.items())
CONTACT = choices(labels.CONTACT.items())
SUPPORT = choices(labels.SUPPORT.items())
CHILD_FEELS = choices(labels.CHILD_FEELS.items())
PARENT_TRUST = choices(labels.PARENT_TRUST.items())
FIT = choices(labels.FIT.items())
CONCERNS = choices(labels.CONCERN.items())
TIE_KINDS = choices(labels.TIE_KIND.items())
FLOWS = choices(labels.FLOW.items())
# "Not sure" is an answer of its own: it stores nothing (no closeness, no contact).
UNSURE = "unsure"
CLOSENESS_ASKED = [*CLOSENESS, *choices([(UNSURE, _l("I'm not sure"))])]
CONTACT_ASKED = [*CONTACT, *choices([(UNSURE, _l("I'm not sure"))])]


class VersionedForm(Form):
    """Every change says which version of the map it was made on."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class WhoForm(VersionedForm):
    """Screen 1 of a person: who they are."""

    label = StringField(
        _l("Their name or initials"),
        validators=[DataRequired(_l("Please type a name or initials.")), Length(max=60)],
    )
    role = StringField(
        _l("Who are they to your child? (optional)"), validators=[Optional(), Length(max=60)]
    )
    sector = RadioField(
        _l("Where do they fit in your child's life?"), choices=SECTORS, validators=[Optional()]
    )
    professional = BooleanField(_l("They help my child as part of their job"))


class CloseForm(VersionedForm):
    """Screen 2: how close they are and how often the child sees them; nothing is assumed."""

    closeness = RadioField(
        _l("How close are they to your child?"), choices=CLOSENESS_ASKED, validators=[Optional()]
    )
    bond = RadioField(
        _l("How is their bond with your child?"), choices=TIE_KINDS, validators=[Optional()]
    )
    contact = RadioField(
        _l("How often does your child see them?"), choices=CONTACT_ASKED, validators=[Optional()]
    )


class GiveForm(VersionedForm):
    """Screen 3: what they give, how the child feels with them, how much the parent trusts them."""

    support = SelectMultipleField(
        _l("What do they give your child? Tick any."), choices=SUPPORT, validators=[Optional()]
    )
    child_feels = RadioField(
        _l("How does your child feel with them?"), choices=CHILD_FEELS, validators=[Optional()]
    )
    parent_trust = RadioField(
        _l("How much do you trust them?"), choices=PARENT_TRUST, validators=[Optional()]
    )
    fit = SelectMultipleField(
        _l("What else is true? Tick any."), choices=FIT, validators=[Optional()]
    )


class WorriesForm(VersionedForm):
    """Screen 4: worries to add (never confirmed) and ones the parent no longer has (confirmed)."""

    concerns = SelectMultipleField(
        _l("Any worries? Tick any. It stays private."), choices=CONCERNS, validators=[Optional()]
    )
    no_longer = SelectMultipleField(
        _l("I no longer worry about this"), choices=CONCERNS, validators=[Optional()]
    )


class TakeAwayForm(VersionedForm):
    """The second screen before worries go: which ones, and where to go after."""

    worry = SelectMultipleField(choices=CONCERNS, validators=[DataRequired()])
    then = HiddenField()


class TieForm(VersionedForm):
    """A line between two people on the map."""

    a = SelectField(_l("First person"))
    b = SelectField(_l("Second person"))
    kind = RadioField(_l("What is their bond like?"), choices=TIE_KINDS, default="moderate")
    flow = RadioField(_l("Who helps whom?"), choices=FLOWS, default="both")


class ImportForm(Form):
    """Load a map from a file (JSON or GraphML), on the version the page was drawn from."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    file = FileField(
        _l("Map file (.json or .graphml)"), validators=[FileRequired(_l("Please choose a file."))]
    )


class ImportAgainForm(VersionedForm):
    """The map read from a file, kept while the parent decides (their file is never lost)."""

    document = HiddenField(validators=[DataRequired()])
    meant = HiddenField()  # JSON {person id: [worries]}: the ones the parent was shown

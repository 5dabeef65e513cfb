"""Glue between eco-map forms and the pure model: form to person, choices, uploads."""

from dataclasses import replace

from .core import formats
from .core.edit import new_person_id, tie_between
from .core.model import EcoMap, EcoMapError, Person, Tie
from .forms import PersonForm, TieForm

# The kinds of file a map downloads as, with their media types.
EXPORTS = {
    "json": "application/json",
    "graphml": "application/xml",
    "csv": "text/csv",
    "svg": "image/svg+xml",
}
PERSON_FIELDS = (
    "label",
    "role",
    "sector",
    "contact",
    "support",
    "child_feels",
    "parent_trust",
    "fit",
    "concerns",
    "professional",
)


def person_from_form(form: PersonForm, ecomap: EcoMap, existing: Person | None) -> Person:
    """The person the form describes; an existing person keeps their id, place and extras."""
    values = {name: form[name].data for name in PERSON_FIELDS}
    values["label"], values["role"] = values["label"].strip(), (values["role"] or "").strip()
    values["closeness"] = int(form.closeness.data)
    for name in ("support", "fit", "concerns"):
        values[name] = tuple(values[name] or ())
    if existing:
        return replace(existing, **values)
    return Person(id=new_person_id(ecomap, values["label"]), **values)


def bond_tie(ecomap: EcoMap, person: Person, kind: str) -> Tie:
    """The line between the child and this person; support flows to the child if they give any."""
    flow = "b_to_a" if person.support else "none"
    old = tie_between(ecomap, ecomap.child.id, person.id)
    return Tie(
        a=ecomap.child.id,
        b=person.id,
        kind=kind,
        flow=old.flow if old and not person.support else flow,
    )


def fill_person_form(form: PersonForm, ecomap: EcoMap, person: Person) -> None:
    """Show a person's facts in the form (on GET)."""
    for name in PERSON_FIELDS:
        form[name].data = (
            list(getattr(person, name))
            if name in ("support", "fit", "concerns")
            else getattr(person, name)
        )
    form.closeness.data = str(person.closeness or 2)
    tie = tie_between(ecomap, ecomap.child.id, person.id)
    form.bond.data = tie.kind if tie else "moderate"


def set_tie_choices(form: TieForm, ecomap: EcoMap) -> None:
    """Everyone on the map can be joined by a line."""
    everyone = [(pid, label) for pid, label in ecomap.labels().items()]
    form.a.choices = form.b.choices = [(pid, label) for pid, label in everyone]


def load_upload(upload) -> EcoMap:
    """A map from an uploaded .json or .graphml file; EcoMapError says what is wrong."""
    suffix = "." + (upload.filename or "").rsplit(".", 1)[-1].lower()
    raw = upload.read(formats.MAX_IMPORT_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EcoMapError("the file is not text (UTF-8)") from None
    return formats.loads(text, suffix)

"""Glue between eco-map forms and the pure model: the person's screens, saving, uploads."""

from dataclasses import replace

from flask import flash
from flask_babel import gettext as _

from ..extensions import db
from ..parent.session import signed_in_parent
from . import labels, services
from .core import edit, formats
from .core.edit import new_person_id, tie_between
from .core.model import CONCERNS, EcoMap, EcoMapError, Person, Tie
from .forms import UNSURE, CloseForm, GiveForm, TieForm, WhoForm, WorriesForm

# The kinds of file a map downloads as, with their media types.
EXPORTS = {
    "json": "application/json",
    "graphml": "application/xml",
    "csv": "text/csv",
    "svg": "image/svg+xml",
}
# A person is asked about on four short screens, in this order (issue 10: nothing invented).
PARTS = ("who", "close", "give", "worries")
FORMS = {"who": WhoForm, "close": CloseForm, "give": GiveForm, "worries": WorriesForm}
# The form fields each screen asks; a post that carries another screen's fields saves them too.
ASKS = {
    "who": ("label", "role", "sector", "professional"),
    "close": ("closeness", "bond", "contact"),
    "give": ("support", "child_feels", "parent_trust", "fit"),
    "worries": ("concerns",),
}


def next_part(part: str) -> str | None:
    """The screen after this one, or None after the last."""
    place = PARTS.index(part) + 1
    return PARTS[place] if place < len(PARTS) else None


def also_posted(formdata, part: str) -> list[str]:
    """The other screens whose questions this post answers too (a whole person at once)."""
    return [
        other
        for other in PARTS[1:]
        if other != part and any(name in formdata for name in ASKS[other])
    ]


def fill(part: str, form, ecomap: EcoMap, person: Person) -> None:
    """Show what is known about a person on one screen; what is not known stays unticked."""
    if part == "who":
        form.label.data, form.role.data = person.label, person.role
        form.sector.data, form.professional.data = person.sector, person.professional
    elif part == "close":
        tie = tie_between(ecomap, ecomap.child.id, person.id)
        form.closeness.data = None if person.closeness is None else str(person.closeness)
        form.contact.data, form.bond.data = person.contact, tie.kind if tie else None
    elif part == "give":
        form.support.data, form.fit.data = list(person.support), list(person.fit)
        form.child_feels.data = known(person.child_feels)
        form.parent_trust.data = known(person.parent_trust)


def known(value: str) -> str | None:
    """An answer to show ticked: "unknown" is what nobody said, so nothing is ticked."""
    return None if value == "unknown" else value


def answers(part: str, form, person: Person | None) -> dict:
    """The facts one screen sets; a question left unanswered stores "not known", never a guess."""
    if part == "who":
        sector = form.sector.data or (person.sector if person else "other")
        role = (form.role.data or "").strip()
        return {"label": form.label.data.strip(), "role": role, "sector": sector} | {
            "professional": bool(form.professional.data)
        }
    if part == "close":
        closeness = form.closeness.data
        contact = form.contact.data
        return {
            "closeness": None if closeness in (None, "", UNSURE) else int(closeness),
            "contact": None if contact in (None, "", UNSURE) else contact,
        }
    return {
        "support": tuple(form.support.data or ()),
        "fit": tuple(form.fit.data or ()),
        "child_feels": form.child_feels.data or "unknown",
        "parent_trust": form.parent_trust.data or "unknown",
    }


def apply(part: str, form, ecomap: EcoMap, person: Person | None) -> tuple[EcoMap, Person]:
    """The map with one screen's answers about a person (a new person on the first screen)."""
    values = answers(part, form, person)
    if person is None:
        person = Person(id=new_person_id(ecomap, values["label"]), label=values["label"])
    updated = replace(person, **values)
    changed = edit.put_person(ecomap, updated)
    tie = tie_between(changed, changed.child.id, updated.id)
    kind = form.bond.data if part == "close" else tie.kind if tie and part == "give" else None
    if kind:
        changed = edit.put_tie(changed, bond_tie(changed, updated, kind))
    return changed, updated


def with_worries(ecomap: EcoMap, person: Person, adding=(), removing=()) -> EcoMap:
    """The map with worries added to and taken from one person, kept in the table's order."""
    kept = [c for c in person.concerns if c not in removing]
    kept += [c for c in CONCERNS if c in adding and c not in kept]
    return edit.put_person(ecomap, replace(person, concerns=tuple(kept)))


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


def save_or_explain(
    ecomap: EcoMap, version: int, done: str, meant: services.Removals | None = None
) -> services.Saved | None:
    """Save a change; if another screen saved first, or worries would go, say so, save nothing."""
    try:
        saved = services.save_keeping_worries(signed_in_parent(), ecomap, version, meant)
    except services.StaleVersion:
        db.session.rollback()
        flash(stale_words())
        return None
    except services.WorriesWouldGo as refused:
        db.session.rollback()
        what = worry_list(refused.taken, services.current(signed_in_parent())[0])
        flash(_("Nothing was changed: this would take away these worries: %(what)s.", what=what))
        return None
    db.session.commit()
    flash(done)
    return saved


def stale_words() -> str:
    """The message for a save refused because another screen saved first."""
    return _(
        "The map was changed on another screen. Here is the newest map. "
        "Please make your change again."
    )


def worry_items(taken: dict[str, tuple[str, ...]], ecomap: EcoMap) -> list[str]:
    """'Rosa: Asks my child to keep secrets', one line per person, for worries that would go."""
    names = ecomap.labels()
    return [
        f"{names.get(pid, pid)}: {', '.join(str(labels.CONCERN[w]) for w in worries)}"
        for pid, worries in taken.items()
    ]


def worry_list(taken: dict[str, tuple[str, ...]], ecomap: EcoMap) -> str:
    """The same lines in one sentence, for a message or a JSON error."""
    return "; ".join(worry_items(taken, ecomap))


def removals_from(raw) -> dict[str, list[str]]:
    """The worries a request means to take away: a list (anyone's) or {person id: [worries]}."""
    if raw is None:
        return {}
    if isinstance(raw, list) and all(isinstance(w, str) for w in raw):
        return {services.ANY_PERSON: raw}
    if isinstance(raw, dict) and all(
        isinstance(ws, list) and all(isinstance(w, str) for w in ws) for ws in raw.values()
    ):
        return {str(pid): ws for pid, ws in raw.items()}
    raise EcoMapError("remove_worries: a list of worries, or {person id: [worries]}")


def refresh_version(form, version: int) -> None:
    """A form shown again after a refused save carries the newest version."""
    form.version.data = version
    form.version.raw_data = [str(version)]


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

"""A person on the eco-map, asked about on four short screens; a worry goes only when confirmed.

Each screen saves what it asks (on the version it was drawn from) and moves on; a stale save
is refused (409) with the newest answers shown and what the parent ticked kept. Adding a
worry never needs confirming; taking one away is a second screen with Yes and No.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..parent.session import parent_required, signed_in_parent
from . import services
from .blueprint import bp
from .core import edit
from .core.model import CONCERNS, EcoMap, EcoMapError, Person
from .core.worries import WORRIES
from .forms import TakeAwayForm, WorriesForm
from .web import (
    FORMS,
    PARTS,
    also_posted,
    apply,
    fill,
    next_part,
    refresh_version,
    with_worries,
    worry_list,
)


@bp.route("/me/ecomap/people/new", methods=["GET", "POST"])
@bp.route("/me/ecomap/people/<person_id>", methods=["GET", "POST"])
@parent_required
def person(person_id: str | None = None):
    """One screen about a person: who they are first, then ?part=close, give or worries."""
    part = request.args.get("part", "who") if person_id else "who"
    if part not in PARTS:
        abort(404)
    ecomap, version = services.current(signed_in_parent())
    if request.method == "POST" and gone_meanwhile(ecomap, person_id):
        return redirect(url_for("ecomap.editor"))
    existing = find_person(ecomap, person_id)
    form = FORMS[part](version=version)
    if request.method == "GET" and existing:
        fill(part, form, ecomap, existing)
    if not form.validate_on_submit():
        return show(part, form, existing)
    if part == "worries":
        return save_worries(ecomap, existing, form)
    changed, updated = apply(part, form, ecomap, existing)
    changed, updated = answered_too(changed, updated, part)
    if changed == ecomap:
        return redirect(after(part, updated.id))
    try:
        saved = services.save_keeping_worries(signed_in_parent(), changed, form.version.data)
    except services.StaleVersion:
        return refused(part, form, existing)
    db.session.commit()
    new = existing is None
    flash(_("%(name)s is on the map.", name=updated.label) if new else _("Saved."))
    if updated.id in saved.serious:
        return redirect(url_for("safety.next_step", person_id=updated.id))
    return redirect(after(part, updated.id))


def find_person(ecomap: EcoMap, person_id: str | None) -> Person | None:
    """The person being asked about, or None when adding; unknown ids are 404."""
    if person_id is None:
        return None
    try:
        return edit.person(ecomap, person_id)
    except EcoMapError:
        abort(404)


def gone_meanwhile(ecomap: EcoMap, person_id: str | None) -> bool:
    """True (and the parent is told) when a saved screen's person left the map on another one."""
    if person_id is None or any(p.id == person_id for p in ecomap.people):
        return False
    flash(_("This person was taken off the map on another screen. Nothing was saved."))
    return True


def answered_too(ecomap: EcoMap, person: Person, part: str) -> tuple[EcoMap, Person]:
    """A post that also answers later screens (a whole person at once) saves those answers too."""
    for other in also_posted(request.form, part):
        form = FORMS[other](meta={"csrf": False})
        if not form.validate():
            abort(400)
        if other == "worries":  # only ever adds: taking a worry away is its own screen
            ecomap = with_worries(ecomap, person, adding=form.concerns.data or ())
        else:
            ecomap, person = apply(other, form, ecomap, person)
        person = edit.person(ecomap, person.id)
    return ecomap, person


def after(part: str, person_id: str) -> str:
    """Where the parent goes once a screen is saved: the next screen, then the map."""
    following = next_part(part)
    if following is None:
        return url_for("ecomap.editor")
    return url_for("ecomap.person", person_id=person_id, part=following)


def show(part: str, form, person: Person | None, status: int = 200, newest: bool = False):
    """Render one screen, with the step it is and (after a refused save) the newest answers."""
    template = "ecomap/person_worries.html" if part == "worries" else "ecomap/person.html"
    current = person.concerns if person else ()
    return render_template(
        template,
        form=form,
        part=part,
        existing=person,
        step=PARTS.index(part) + 1,
        steps=len(PARTS),
        newest=person if newest else None,
        current=[WORRIES[c] for c in current],
        others=[WORRIES[c] for c in CONCERNS if c not in current],
    ), status


def refused(part: str, form, person: Person | None):
    """Another screen saved first: keep what the parent answered, show the newest, say so (409)."""
    db.session.rollback()
    ecomap, version = services.current(signed_in_parent())
    refresh_version(form, version)
    now = next((p for p in ecomap.people if person and p.id == person.id), None)
    if person and now is None:
        flash(_("%(name)s was taken off the map on another screen.", name=person.label))
        return redirect(url_for("ecomap.editor"))
    flash(
        _(
            "The map was changed on another screen. Here is what it says now. Your answers "
            "are kept below: check them and save again."
        )
    )
    return show(part, form, now, 409, newest=now is not None)


def save_worries(ecomap: EcoMap, person: Person, form):
    """Add the worries ticked at once; ask before taking any away."""
    adding = [c for c in form.concerns.data or () if c not in person.concerns]
    removing = [c for c in person.concerns if c in (form.no_longer.data or ())]
    version, then = form.version.data, ""
    if adding:
        changed = with_worries(ecomap, person, adding=adding)
        try:
            saved = services.save_keeping_worries(signed_in_parent(), changed, version)
        except services.StaleVersion:
            return refused("worries", form, person)
        db.session.commit()
        version, then = saved.version, "safety" if person.id in saved.serious else ""
    elif removing and version != services.current(signed_in_parent())[1]:
        return refused("worries", form, person)
    if removing:
        confirm = TakeAwayForm(formdata=None, version=version, worry=removing, then=then)
        return render_template(
            "ecomap/person_take_away.html",
            form=confirm,
            existing=person,
            worries=[WORRIES[c] for c in removing],
            still_serious=any(WORRIES[c].serious for c in person.concerns if c not in removing),
            step=len(PARTS),
            steps=len(PARTS),
        )
    return finish(person, then)


@bp.post("/me/ecomap/people/<person_id>/take-away")
@parent_required
def take_away(person_id: str):
    """The parent's answer to "You are taking away these worries. Are you sure?"."""
    ecomap, _version = services.current(signed_in_parent())
    if gone_meanwhile(ecomap, person_id):
        return redirect(url_for("ecomap.editor"))
    existing = find_person(ecomap, person_id)
    form = TakeAwayForm()
    if not form.validate_on_submit():
        return redirect(url_for("ecomap.person", person_id=person_id, part="worries"))
    if request.form.get("answer") != "yes":
        flash(_("Nothing was taken away. Your worries are kept."))
        return finish(existing, form.then.data)
    removing = [c for c in existing.concerns if c in form.worry.data]
    if not removing:  # already gone, taken away on another screen
        return finish(existing, form.then.data)
    changed = with_worries(ecomap, existing, removing=removing)
    try:
        services.save_keeping_worries(
            signed_in_parent(), changed, form.version.data, {person_id: removing}
        )
    except services.StaleVersion:
        again = WorriesForm(formdata=None, no_longer=form.worry.data)
        return refused("worries", again, existing)
    db.session.commit()
    flash(_("Taken away: %(what)s.", what=worry_list({person_id: tuple(removing)}, ecomap)))
    return finish(existing, form.then.data)


def finish(person: Person, then: str):
    """After the last screen: the next step after a new serious worry, or back to the map."""
    if then == "safety":
        return redirect(url_for("safety.next_step", person_id=person.id))
    flash(_("Your answers about %(name)s are saved.", name=person.label))
    return redirect(url_for("ecomap.editor"))

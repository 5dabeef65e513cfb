"""The parent's eco-map: draw it with forms (JavaScript adds dragging), see suggestions, export."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from ..extensions import db
from ..parent.session import parent_required, signed_in_parent, workshop_return
from . import services
from .core import edit, formats
from .core.analysis import analyse
from .core.diff import compare
from .core.layout import browser_constants
from .core.model import EcoMap, EcoMapError
from .core.svg import describe, render_svg
from .forms import ImportForm, PersonForm, TieForm, VersionedForm
from .web import (
    EXPORTS,
    bond_tie,
    fill_person_form,
    load_upload,
    person_from_form,
    set_tie_choices,
)

bp = Blueprint("ecomap", __name__)


def save_or_explain(ecomap: EcoMap, version: int, done: str):
    """Save a change; if another screen saved first, say so and keep the parent here."""
    try:
        services.save(signed_in_parent(), ecomap, version)
    except services.StaleVersion:
        db.session.rollback()
        flash(
            _(
                "The map was changed on another screen. Here is the newest map. "
                "Please make your change again."
            )
        )
        return False
    db.session.commit()
    flash(done)
    return True


@bp.get("/me/ecomap")
@parent_required
def editor():
    """The map, the people on it, and ways to change it."""
    parent = signed_in_parent()
    record = services.stored(parent)
    ecomap, version = services.as_map(record)
    db.session.commit()
    tie_form = TieForm(version=version)
    set_tie_choices(tie_form, ecomap)
    return render_template(
        "ecomap/editor.html",
        ecomap=ecomap,
        version=version,
        tie_form=tie_form,
        layout=browser_constants(),
        form=VersionedForm(version=version),
        description=describe(ecomap, ecomap.labels()),
        can_undo=services.can_undo(parent),
        snapshot=services.latest_snapshot(parent),
        shared=bool(record and record.shared),
        back=workshop_return(request.args.get("back")),
    )


@bp.route("/me/ecomap/people/new", methods=["GET", "POST"])
@bp.route("/me/ecomap/people/<person_id>", methods=["GET", "POST"])
@parent_required
def person(person_id: str | None = None):
    """Add a person, or change what is known about one, with the guided questions."""
    ecomap, version = services.current(signed_in_parent())
    existing = find_person(ecomap, person_id)
    form = PersonForm(version=version)
    if request.method == "GET" and existing:
        fill_person_form(form, ecomap, existing)
    if form.validate_on_submit():
        updated = person_from_form(form, ecomap, existing)
        changed = edit.put_tie(
            edit.put_person(ecomap, updated), bond_tie(ecomap, updated, form.bond.data)
        )
        if save_or_explain(
            changed, form.version.data, _("%(name)s is on the map.", name=updated.label)
        ):
            return redirect(url_for("ecomap.editor"))
        form.version.data = services.current(signed_in_parent())[1]
    return render_template("ecomap/person.html", form=form, existing=existing)


def find_person(ecomap: EcoMap, person_id: str | None):
    """The person being edited, or None when adding; unknown ids are 404."""
    if person_id is None:
        return None
    try:
        return edit.person(ecomap, person_id)
    except EcoMapError:
        abort(404)


@bp.post("/me/ecomap/people/<person_id>/delete")
@parent_required
def delete_person(person_id: str):
    """Take a person off the map (Undo brings them back)."""
    ecomap, _version = services.current(signed_in_parent())
    form = VersionedForm()
    gone = find_person(ecomap, person_id)
    if form.validate_on_submit():
        save_or_explain(
            edit.remove_person(ecomap, person_id),
            form.version.data,
            _("%(name)s is off the map. Tap Undo to bring them back.", name=gone.label),
        )
    return redirect(url_for("ecomap.editor"))


@bp.post("/me/ecomap/ties")
@parent_required
def add_tie():
    """Draw a line between two people."""
    ecomap, _version = services.current(signed_in_parent())
    form = TieForm()
    set_tie_choices(form, ecomap)
    if not form.validate_on_submit() or form.a.data == form.b.data:
        flash(_("Please pick two different people."))
        return redirect(url_for("ecomap.editor"))
    tie = edit.Tie(a=form.a.data, b=form.b.data, kind=form.kind.data, flow=form.flow.data)
    save_or_explain(edit.put_tie(ecomap, tie), form.version.data, _("The line is drawn."))
    return redirect(url_for("ecomap.editor"))


@bp.post("/me/ecomap/ties/remove")
@parent_required
def remove_tie():
    """Remove the line between two people."""
    ecomap, _version = services.current(signed_in_parent())
    form = VersionedForm()
    if form.validate_on_submit():
        a, b = request.form.get("a", ""), request.form.get("b", "")
        save_or_explain(edit.remove_tie(ecomap, a, b), form.version.data, _("The line is removed."))
    return redirect(url_for("ecomap.editor"))


@bp.post("/me/ecomap/undo")
@parent_required
def undo():
    """Step back one change."""
    form = VersionedForm()
    if form.validate_on_submit():
        try:
            services.undo(signed_in_parent(), form.version.data)
            db.session.commit()
            flash(_("The last change is undone."))
        except services.StaleVersion:
            db.session.rollback()
            flash(_("The map was changed on another screen. Here is the newest map."))
    return redirect(url_for("ecomap.editor"))


@bp.get("/me/ecomap.<kind>")
@parent_required
def export(kind: str):
    """Download the map as JSON, GraphML, CSV or a drawing (SVG, ?initials=1 for initials only)."""
    if kind not in EXPORTS:
        abort(404)
    ecomap, _version = services.current(signed_in_parent())
    db.session.commit()
    if kind == "svg":
        body = render_svg(ecomap, initials_only=request.args.get("initials") == "1")
    else:
        body = formats.dumps(ecomap, f".{kind}")
    filename = f"eco-map.{kind}"
    disposition = "inline" if kind == "svg" else f'attachment; filename="{filename}"'
    return Response(body, mimetype=EXPORTS[kind], headers={"Content-Disposition": disposition})


@bp.post("/me/ecomap/share")
@parent_required
def share():
    """The parent decides whether their facilitator or clinician may see the map."""
    if VersionedForm().validate_on_submit():
        record = services.record_of(signed_in_parent())
        record.shared = request.form.get("share") == "yes"
        db.session.commit()
        flash(
            _("Your map is shared with your facilitator.")
            if record.shared
            else _("Your map is private again.")
        )
    return redirect(url_for("ecomap.editor"))


@bp.get("/me/ecomap/results")
@parent_required
def results():
    """Who could be a good fit, and why; gaps; who could introduce you."""
    ecomap, _version = services.current(signed_in_parent())
    db.session.commit()
    return render_template("ecomap/results.html", ecomap=ecomap, analysis=analyse(ecomap))


@bp.post("/me/ecomap/snapshot")
@parent_required
def snapshot():
    """Keep the map as it is now, to compare with later."""
    if VersionedForm().validate_on_submit():
        services.take_snapshot(signed_in_parent(), _("Saved by you"))
        db.session.commit()
        flash(_("The map is saved as it is now. Later you can see what changed."))
    return redirect(url_for("ecomap.editor"))


@bp.get("/me/ecomap/changes")
@parent_required
def changes():
    """What changed since the last snapshot (the end of the workshop, or one the parent saved)."""
    parent = signed_in_parent()
    kept = services.latest_snapshot(parent)
    ecomap, _version = services.current(parent)
    db.session.commit()
    diff = compare(EcoMap.from_dict(kept.document), ecomap) if kept else None
    return render_template("ecomap/changes.html", snapshot=kept, diff=diff)


@bp.route("/me/ecomap/import", methods=["GET", "POST"])
@parent_required
def import_map():
    """Replace the map with one from a file (Undo brings the old one back)."""
    form = ImportForm()
    if form.validate_on_submit():
        try:
            loaded = load_upload(form.file.data)
        except EcoMapError as problem:
            form.file.errors.append(
                _("We could not read that file: %(problem)s", problem=str(problem))
            )
        else:
            version = services.current(signed_in_parent())[1]
            if save_or_explain(loaded, version, _("The map from the file is loaded.")):
                return redirect(url_for("ecomap.editor"))
    return render_template("ecomap/import.html", form=form)


@bp.get("/me/ecomap/document")
@parent_required
def document():
    """The map as JSON with its version, for the drawing editor."""
    ecomap, version = services.current(signed_in_parent())
    db.session.commit()
    return jsonify(version=version, document=ecomap.to_dict())


@bp.put("/me/ecomap/document")
@parent_required
def save_document():
    """Save the whole map from the drawing editor; 409 with the newest map if it changed."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        return jsonify(error=_("We could not read that map.")), 400
    try:
        ecomap = EcoMap.from_dict(data.get("document"))
        version = services.save(signed_in_parent(), ecomap, data["version"])
    except EcoMapError as problem:
        return jsonify(error=str(problem)), 400
    except services.StaleVersion:
        db.session.rollback()
        latest, version = services.current(signed_in_parent())
        return jsonify(
            error=_("The map was changed on another screen."),
            version=version,
            document=latest.to_dict(),
        ), 409
    db.session.commit()
    return jsonify(version=version)

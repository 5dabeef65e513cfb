"""The parent's eco-map: draw it with forms (JavaScript adds dragging), see suggestions, export."""

from flask import (
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
from ..inputs import json_body
from ..parent.session import parent_required, signed_in_parent, workshop_return
from . import import_views, person_views, services
from .blueprint import bp
from .core import edit, formats
from .core.analysis import analyse
from .core.diff import compare
from .core.layout import browser_constants
from .core.model import EcoMap, EcoMapError
from .core.svg import describe, render_svg
from .core.worries import WORRIES
from .forms import TieForm, VersionedForm
from .web import (
    EXPORTS,
    removals_from,
    save_or_explain,
    set_tie_choices,
    stale_words,
    worry_items,
    worry_list,
)

# The person's screens and the import are routes on the same blueprint, in their own modules.
__all__ = ["bp", "import_views", "person_views"]


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


@bp.post("/me/ecomap/people/<person_id>/delete")
@parent_required
def delete_person(person_id: str):
    """Take a person off the map (Undo brings them back); with worries, only once confirmed."""
    ecomap, version = services.current(signed_in_parent())
    form = VersionedForm()
    gone = person_views.find_person(ecomap, person_id)
    answer = request.form.get("answer")
    if not form.validate_on_submit() or answer == "no":
        return redirect(url_for("ecomap.editor"))
    if gone.concerns and answer != "yes":
        if form.version.data != version:
            flash(stale_words())
            return redirect(url_for("ecomap.editor"))
        worries = [WORRIES[c] for c in gone.concerns]
        return render_template("ecomap/person_delete.html", form=form, gone=gone, worries=worries)
    save_or_explain(
        edit.remove_person(ecomap, person_id),
        form.version.data,
        _("%(name)s is off the map. Tap Undo to bring them back.", name=gone.label),
        {person_id: gone.concerns},
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
    """Step back one change; if that would take worries away, ask first."""
    form = VersionedForm()
    answer = request.form.get("answer")
    if not form.validate_on_submit() or answer == "no":
        return redirect(url_for("ecomap.editor"))
    parent = signed_in_parent()
    ecomap, version = services.current(parent)
    earlier = services.before_undo(parent)
    taken = services.taken_away(ecomap, earlier) if earlier else {}
    if taken and answer != "yes" and form.version.data == version:
        return render_template(
            "ecomap/undo_confirm.html", form=form, items=worry_items(taken, ecomap)
        )
    try:
        services.undo(parent, form.version.data)
        back = services.gained_serious(ecomap, earlier) if earlier else ()
        if back:  # a serious worry came back: it gets the same next step as a new one
            services.note_serious_worry(parent)
        db.session.commit()
        flash(_("The last change is undone."))
    except services.StaleVersion:
        db.session.rollback()
        flash(_("The map was changed on another screen. Here is the newest map."))
        back = ()
    if back:
        return redirect(url_for("safety.next_step", person_id=back[0]))
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
    diff = (
        compare(services.loaded(kept.document, f"eco-map snapshot {kept.id}"), ecomap)
        if kept
        else None
    )
    return render_template("ecomap/changes.html", snapshot=kept, diff=diff)


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
    """Save the whole map from the drawing editor: 409 with the newest map if it changed, 422 if
    it would take away worries not named in ``remove_worries``; ``next`` after a serious worry."""
    data = json_body()
    if not isinstance(data, dict) or type(data.get("version")) is not int:
        return jsonify(error=_("We could not read that map.")), 400
    parent = signed_in_parent()
    try:
        meant = removals_from(data.get("remove_worries"))
        saved = services.save_keeping_worries(
            parent, EcoMap.from_dict(data.get("document")), data["version"], meant
        )
    except EcoMapError as problem:
        return jsonify(error=str(problem)), 400
    except (services.StaleVersion, services.WorriesWouldGo) as refused:
        db.session.rollback()
        latest, version = services.current(parent)
        body = {"version": version, "document": latest.to_dict()}
        if isinstance(refused, services.StaleVersion):
            return jsonify(error=_("The map was changed on another screen."), **body), 409
        return jsonify(
            error=refusal_words(refused, latest),
            **body,
            would_remove=[
                {"person": pid, "label": latest.labels().get(pid, pid), "worries": list(worries)}
                for pid, worries in refused.taken.items()
            ],
        ), 422
    db.session.commit()
    if saved.serious:
        next_url = url_for("safety.next_step", person_id=saved.serious[0])
        return jsonify(version=saved.version, next=next_url)
    return jsonify(version=saved.version)


def refusal_words(refused: services.WorriesWouldGo, ecomap: EcoMap) -> str:
    """Why a whole-map save was refused, in words, naming the worries it would take away."""
    return _(
        "Nothing was saved: this would take away worries you noted (%(what)s). "
        "To take them away, name them in remove_worries.",
        what=worry_list(refused.taken, ecomap),
    )

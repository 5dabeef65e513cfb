"""Loading a map from a file: the version the page was drawn from is checked, and a file that
would take away worries is loaded only once the parent says Yes (the file is kept meanwhile)."""

import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..parent.session import parent_required, signed_in_parent
from . import services
from .blueprint import bp
from .core.model import EcoMap, EcoMapError
from .forms import ImportAgainForm, ImportForm
from .web import load_upload, removals_from, worry_items


@bp.route("/me/ecomap/import", methods=["GET", "POST"])
@parent_required
def import_map():
    """Replace the map with one from a file (Undo brings the old one back)."""
    form = ImportForm(version=services.current(signed_in_parent())[1])
    if form.validate_on_submit():
        try:
            loaded = load_upload(form.file.data)
        except EcoMapError as problem:
            form.file.errors.append(
                _("We could not read that file: %(problem)s", problem=str(problem))
            )
        else:
            return load_map(loaded, form.version.data, {})
    return render_template("ecomap/import.html", form=form)


@bp.post("/me/ecomap/import/again")
@parent_required
def import_again():
    """The parent's answer on loading a file after all: another screen saved, or worries go."""
    form = ImportAgainForm()
    if not form.validate_on_submit() or request.form.get("answer") != "yes":
        flash(_("Your map is kept as it was. The file was not loaded."))
        return redirect(url_for("ecomap.editor"))
    try:
        loaded = EcoMap.from_dict(json.loads(form.document.data))
        meant = removals_from(json.loads(form.meant.data or "null"))
    except (ValueError, EcoMapError):
        abort(400)
    return load_map(loaded, form.version.data, meant)


def load_map(loaded: EcoMap, drawn: int, meant: services.Removals):
    """Save a map from a file; if stale, or unnamed worries would go, ask (the file is kept)."""
    parent = signed_in_parent()
    try:
        saved = services.save_keeping_worries(parent, loaded, drawn, meant)
    except (services.StaleVersion, services.WorriesWouldGo) as refused:
        db.session.rollback()
        ecomap, version = services.current(parent)
        taken = services.taken_away(ecomap, loaded)
        form = ImportAgainForm(
            formdata=None,
            version=version,
            document=json.dumps(loaded.to_dict()),
            meant=json.dumps({pid: list(worries) for pid, worries in taken.items()}),
        )
        stale = isinstance(refused, services.StaleVersion)
        return render_template(
            "ecomap/import_again.html",
            form=form,
            ecomap=ecomap,
            stale=stale,
            items=worry_items(taken, ecomap),
        ), (409 if stale else 422)
    db.session.commit()
    flash(_("The map from the file is loaded."))
    if saved.serious:
        return redirect(url_for("safety.next_step", person_id=saved.serious[0]))
    return redirect(url_for("ecomap.editor"))

"""Staff view of one family: progress, and the eco-map if the parent shared it (audited)."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..audit import services as audit
from ..database import writes_on_read
from ..ecomap import services as ecomaps
from ..ecomap.core import formats
from ..ecomap.core.analysis import analyse
from ..ecomap.core.model import EcoMap, EcoMapError
from ..ecomap.core.svg import describe, render_svg
from ..ecomap.forms import ImportForm
from ..ecomap.web import EXPORTS, load_upload, worry_list
from ..extensions import db
from ..journey.progress import Journey
from ..library import language_for
from ..parent.services import answers_of, modules_of
from . import services

bp = Blueprint("records", __name__, url_prefix="/workshops/<id:workshop_id>/parents/<id:parent_id>")


@bp.get("/")
@login_required
@writes_on_read
def record(workshop_id: int, parent_id: int):
    """One parent: how far they are and, if shared, their map and its suggestions."""
    parent = services.parent_for(current_user, workshop_id, parent_id, "view record")
    shared = services.shared_map(parent)
    ecomap = EcoMap.from_dict(shared.document) if shared else None
    language = language_for(parent.language)
    overview = Journey(modules_of(parent, language), answers_of(parent)).overview(
        parent.current_module, parent.current_step
    )
    db.session.commit()
    return render_template(
        "records/record.html",
        parent=parent,
        overview=overview,
        ecomap=ecomap,
        analysis=analyse(ecomap) if ecomap else None,
        form=ImportForm(version=shared.version if shared else None),
        description=describe(ecomap, ecomap.labels()) if ecomap else "",
        trail=audit.trail_of(parent.id),
    )


@bp.get("/ecomap.<kind>")
@login_required
@writes_on_read
def export(workshop_id: int, parent_id: int, kind: str):
    """The family's shared map as JSON, GraphML, CSV or SVG."""
    parent = services.parent_for(current_user, workshop_id, parent_id, f"export map {kind}")
    shared = services.shared_map(parent)
    if kind not in EXPORTS or shared is None:
        abort(404)
    db.session.commit()
    ecomap = EcoMap.from_dict(shared.document)
    initials = request.args.get("initials") == "1"
    body = (
        render_svg(ecomap, initials_only=initials)
        if kind == "svg"
        else formats.dumps(ecomap, f".{kind}")
    )
    disposition = (
        "inline" if kind == "svg" else f'attachment; filename="eco-map-{parent.id}.{kind}"'
    )
    return Response(body, mimetype=EXPORTS[kind], headers={"Content-Disposition": disposition})


@bp.post("/ecomap/import")
@login_required
def import_map(workshop_id: int, parent_id: int):
    """Load a map file into a family's shared map (the family's own Undo can reverse it).

    Checked on the version the page was drawn from (the newest when the page sends none), and
    never taking away a worry the family noted: only the family can do that.
    """
    parent = services.parent_for(current_user, workshop_id, parent_id, "import map")
    shared = services.shared_map(parent)
    form = ImportForm(version=shared.version if shared else None)
    if shared is None:
        abort(404)
    if form.validate_on_submit():
        flash(load_for_family(parent, form))
    else:
        db.session.commit()
        flash(_("Please choose a file."))
    return redirect(url_for("records.record", workshop_id=workshop_id, parent_id=parent_id))


def load_for_family(parent, form: ImportForm) -> str:
    """Save the uploaded map for the family, or say why not; returns the words to show."""
    try:
        loaded = load_upload(form.file.data)
        ecomaps.save_keeping_worries(parent, loaded, form.version.data)
    except EcoMapError as problem:
        db.session.rollback()
        return _("We could not read that file: %(problem)s", problem=str(problem))
    except ecomaps.StaleVersion:
        db.session.rollback()
        return _("The family's map changed since you opened this page. Nothing was loaded.")
    except ecomaps.WorriesWouldGo as refused:
        db.session.rollback()
        ecomap = ecomaps.current(parent)[0]
        return _(
            "Nothing was loaded: the file would take away worries the family noted "
            "(%(what)s). Only the family can take a worry away.",
            what=worry_list(refused.taken, ecomap),
        )
    db.session.commit()
    return _("The map from the file is loaded.")

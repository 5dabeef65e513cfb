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
from flask_login import current_user

from ..audit import services as audit
from ..auth.access import READ_FAMILIES, requires
from ..database import writes_on_read
from ..ecomap import services as ecomaps
from ..ecomap.core import formats
from ..ecomap.core.analysis import analyse
from ..ecomap.core.model import EcoMapError
from ..ecomap.core.svg import describe, render_svg
from ..ecomap.forms import ImportForm
from ..ecomap.web import EXPORTS, load_upload, worry_list
from ..extensions import db
from ..journey.progress import Journey
from ..library import language_for
from ..parent.services import answers_of, modules_of
from . import services

bp = Blueprint("records", __name__, url_prefix="/workshops/<id:workshop_id>/parents/<id:parent_id>")
TRAIL_PAGE = 20


@bp.get("/")
@requires(READ_FAMILIES)
@writes_on_read
def record(workshop_id: int, parent_id: int):
    """One parent: how far they are and, if shared, their map and its suggestions."""
    parent = services.parent_for(current_user, workshop_id, parent_id, "view record")
    shared = services.shared_map(parent)
    ecomap = ecomaps.as_map(shared)[0] if shared else None
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
        trail=audit.page_of(
            audit.trail_query(current_user.organisation_id, parent.id),
            request.args.get("trail", 1, type=int),
            TRAIL_PAGE,
        ),
    )


@bp.get("/ecomap.<kind>")
@requires(READ_FAMILIES)
@writes_on_read
def export(workshop_id: int, parent_id: int, kind: str):
    """The family's shared map as JSON, GraphML, CSV or SVG."""
    parent = services.parent_for(current_user, workshop_id, parent_id, "export map", kind)
    shared = services.shared_map(parent)
    if kind not in EXPORTS or shared is None:
        abort(404)
    db.session.commit()
    ecomap = ecomaps.as_map(shared)[0]
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
@requires(READ_FAMILIES)
def import_map(workshop_id: int, parent_id: int):
    """Load a map file into a family's shared map (the family's own Undo can reverse it).

    Checked on the version the page was drawn from (the newest when the page sends none), and
    never taking away a worry the family noted: only the family can do that.
    """
    parent = services.parent_for(current_user, workshop_id, parent_id, None)
    shared = services.shared_map(parent)
    form = ImportForm(version=shared.version if shared else None)
    if shared is None:
        abort(404)
    loaded, words = (
        load_for_family(parent, form)
        if form.validate_on_submit()
        else (False, _("Please choose a file."))
    )
    flash(words)
    what = "loaded" if loaded else "not loaded"
    audit.record(
        current_user, "import map", parent_id=parent.id, workshop_id=workshop_id, what=what
    )
    db.session.commit()
    return redirect(url_for("records.record", workshop_id=workshop_id, parent_id=parent_id))


def load_for_family(parent, form: ImportForm) -> tuple[bool, str]:
    """Save the uploaded map for the family (the caller commits), or say why not.

    Returns (loaded, the words to show).
    """
    try:
        loaded = load_upload(form.file.data)
        ecomaps.save_keeping_worries(parent, loaded, form.version.data)
    except EcoMapError as problem:
        db.session.rollback()
        return False, _("We could not read that file: %(problem)s", problem=str(problem))
    except ecomaps.StaleVersion:
        db.session.rollback()
        return False, _("The family's map changed since you opened this page. Nothing was loaded.")
    except ecomaps.WorriesWouldGo as refused:
        db.session.rollback()
        ecomap = ecomaps.current(parent)[0]
        return False, _(
            "Nothing was loaded: the file would take away worries the family noted "
            "(%(what)s). Only the family can take a worry away.",
            what=worry_list(refused.taken, ecomap),
        )
    return True, _("The map from the file is loaded.")

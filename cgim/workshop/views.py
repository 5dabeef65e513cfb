"""Staff screens for workshops: list, create, follow progress, QR code, close."""

import io

import segno
from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import EmptyForm
from ..ecomap import services as ecomaps
from ..extensions import db
from . import room, services
from .forms import WorkshopForm

bp = Blueprint("workshop", __name__, url_prefix="/workshops")


def library():
    """The loaded content."""
    return current_app.extensions["cgim_content"]


def join_url(code: str) -> str:
    """The address parents open; CGIM_PUBLIC_URL wins when the laptop's own address is not it."""
    base = current_app.config.get("CGIM_PUBLIC_URL") or request.url_root
    return base.rstrip("/") + url_for("participant.join_code", code=code)


@bp.get("/")
@login_required
def index():
    """The workshops this member of staff runs (all of the organisation's for admins)."""
    return render_template("workshop/index.html", workshops=services.workshops_for(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Create a workshop."""
    form = WorkshopForm()
    form.set_choices(library())
    if form.validate_on_submit():
        workshop = services.create(
            current_user, form.title.data, form.format_id.data, form.language.data, form.date.data
        )
        db.session.commit()
        flash(
            _("Workshop created. Parents can join with the code %(code)s.", code=workshop.join_code)
        )
        return redirect(url_for("workshop.show", workshop_id=workshop.id))
    return render_template("workshop/new.html", form=form, formats=library().language(None).formats)


@bp.get("/<id:workshop_id>")
@login_required
def show(workshop_id: int):
    """Join code, QR code and every parent's progress."""
    workshop = services.get_for(current_user, workshop_id)
    content = library().language(workshop.language)
    answers = services.answers_by_parent(workshop)
    parents = services.progress(workshop, library(), answers)
    modules = content.modules_for(workshop.format_id)
    return render_template(
        "workshop/show.html",
        workshop=workshop,
        format=content.formats.get(workshop.format_id),
        parents=parents,
        join_url=join_url(workshop.join_code),
        form=EmptyForm(),
        modules=modules,
        cue=room.cue_module(
            content, workshop, [p.module_id for p in parents], request.args.get("module")
        ),
        room=room.room_mi(modules, answers),
    )


@bp.get("/<id:workshop_id>/qr.svg")
@login_required
def qr(workshop_id: int):
    """The join QR code as SVG, large enough to scan from across a room."""
    workshop = services.get_for(current_user, workshop_id)
    out = io.BytesIO()
    segno.make(join_url(workshop.join_code), error="m").save(
        out, kind="svg", scale=10, border=2, title=_("QR code to join the workshop")
    )
    return Response(out.getvalue(), mimetype="image/svg+xml")


@bp.post("/<id:workshop_id>/close")
@login_required
def close(workshop_id: int):
    """Stop new parents joining."""
    workshop = services.get_for(current_user, workshop_id)
    if EmptyForm().validate_on_submit():
        if workshop.is_open:
            ecomaps.snapshot_workshop(workshop.id, _("End of the workshop"))
        services.close(workshop)
        db.session.commit()
        flash(_("The workshop is closed. Parents keep their answers and resume codes."))
    return redirect(url_for("workshop.show", workshop_id=workshop.id))


@bp.post("/<id:workshop_id>/reopen")
@login_required
def reopen(workshop_id: int):
    """Let parents join again."""
    workshop = services.get_for(current_user, workshop_id)
    if EmptyForm().validate_on_submit():
        services.reopen(workshop)
        db.session.commit()
        flash(_("The workshop is open again."))
    return redirect(url_for("workshop.show", workshop_id=workshop.id))

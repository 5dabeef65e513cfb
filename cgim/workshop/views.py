"""Staff screens for workshops: list, create, and the join QR code."""

import io

import segno
from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..audit import services as audit
from ..auth.access import CREATE_WORKSHOPS, LIST_WORKSHOPS, RUN_WORKSHOPS, requires
from ..extensions import db
from ..library import language_for, library
from . import services
from .forms import WorkshopForm
from .links import join_url

bp = Blueprint("workshop", __name__, url_prefix="/workshops")


@bp.get("/")
@requires(LIST_WORKSHOPS)
def index():
    """The workshops this member of staff runs (all of the organisation's for admins)."""
    return render_template("workshop/index.html", workshops=services.workshops_for(current_user))


@bp.route("/new", methods=["GET", "POST"])
@requires(CREATE_WORKSHOPS)
def new():
    """Create a workshop."""
    form = WorkshopForm()
    form.set_choices(library())
    if form.validate_on_submit():
        workshop = services.create(
            current_user, form.title.data, form.format_id.data, form.language.data, form.date.data
        )
        audit.record(current_user, "create workshop", workshop_id=workshop.id)
        db.session.commit()
        flash(
            _("Workshop created. Parents can join with the code %(code)s.", code=workshop.join_code)
        )
        return redirect(url_for("live.workshop", workshop_id=workshop.id))
    return render_template("workshop/new.html", form=form, formats=language_for(None).formats)


@bp.get("/<id:workshop_id>/qr.svg")
@requires(RUN_WORKSHOPS)
def qr(workshop_id: int):
    """The join QR code as SVG, large enough to scan from across a room."""
    workshop = services.get_for(current_user, workshop_id)
    out = io.BytesIO()
    segno.make(join_url(workshop.join_code), error="m").save(
        out, kind="svg", scale=10, border=2, title=_("QR code to join the workshop")
    )
    return Response(out.getvalue(), mimetype="image/svg+xml")

"""The next step after a serious worry, shown at once: what to do now and whom to call."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..audit import services as audit
from ..auth.access import RUN_WORKSHOPS, requires
from ..ecomap.core.model import EcoMapError
from ..extensions import db
from ..forms import EmptyForm
from ..library import language_for
from ..parent.models import Parent
from ..parent.session import parent_required, signed_in_parent, workshop_return
from ..workshop import services as workshops
from . import services

bp = Blueprint("safety", __name__)


def local_back(raw: str | None) -> str | None:
    """A parent page to go back to (the map, a person, a safety plan); None for anything else."""
    if not raw or not raw.startswith("/me/") or "//" in raw or "\\" in raw:
        return None
    return raw


@bp.get("/me/safety/next-step/<person_id>")
@parent_required
def next_step(person_id: str):
    """What to do now about an adult the parent has a serious worry about."""
    parent = signed_in_parent()
    try:
        worries = services.serious_worries_about(parent, person_id)
    except EcoMapError:
        abort(404)
    return render_template(
        "safety/next_step.html",
        person_id=person_id,
        worries=worries,
        tells=services.if_child_tells(language_for(parent.language)),
        talk_asked=parent.safety_talk_requested_at is not None,
        back=local_back(request.args.get("back")),
        workshop_back=workshop_return(None),
        form=EmptyForm(),
    )


@bp.post("/me/safety/talk")
@parent_required
def talk():
    """The parent would like a private word with their facilitator (or no longer needs one)."""
    wanted = request.form.get("talk") != "no"
    if EmptyForm().validate_on_submit():
        services.ask_to_talk(signed_in_parent(), wanted)
        db.session.commit()
        flash(
            _("Thank you. Your facilitator will find a quiet moment to talk with you.")
            if wanted
            else _("That is fine. You can ask again at any time.")
        )
    person_id = request.form.get("person", "")
    if not person_id:
        return redirect(url_for("parent.me"))
    back = local_back(request.form.get("back"))
    return redirect(url_for("safety.next_step", person_id=person_id, back=back))


@bp.post("/workshops/<id:workshop_id>/talk/<id:parent_id>")
@requires(RUN_WORKSHOPS)
def talk_done(workshop_id: int, parent_id: int):
    """The facilitator has had the private word: clear the request from the dashboard."""
    workshop = workshops.get_for(current_user, workshop_id)
    parent = db.session.get(Parent, parent_id)
    if EmptyForm().validate_on_submit() and parent and parent.workshop_id == workshop.id:
        services.ask_to_talk(parent, False)
        audit.record(current_user, "clear talk request", parent.id, workshop.id)
        db.session.commit()
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))

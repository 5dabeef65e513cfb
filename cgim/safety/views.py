"""The next step after a serious worry, shown at once: what to do now and whom to call."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..ecomap.core.model import EcoMapError
from ..extensions import db
from ..forms import EmptyForm
from ..parent.session import parent_required, signed_in_parent
from . import services

bp = Blueprint("safety", __name__)


@bp.get("/me/safety/next-step/<person_id>")
@parent_required
def next_step(person_id: str):
    """What to do now about an adult the parent has a serious worry about."""
    parent = signed_in_parent()
    try:
        label, worry, worries = services.serious_worries_about(parent, person_id)
    except EcoMapError:
        abort(404)
    return render_template(
        "safety/next_step.html", label=label, worry=worry, worries=worries, form=EmptyForm()
    )


@bp.post("/me/safety/talk")
@parent_required
def talk():
    """The parent would like a private word with their facilitator about safety."""
    if EmptyForm().validate_on_submit():
        services.ask_to_talk(signed_in_parent(), True)
        db.session.commit()
        flash(_("Thank you. Your facilitator will find a quiet moment to talk with you."))
    return redirect(url_for("parent.me"))

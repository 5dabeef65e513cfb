"""The take-home plan on screen and as a PDF, and the follow-up visit."""

from pathlib import Path

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..participant.session import current_participant, participant_required, workshop_return
from ..plan import services as plans
from ..plan.forms import FollowUpForm
from ..plan.next_step import next_step
from .services import gather

bp = Blueprint("takehome", __name__)
PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "print.css"


def plan_for_request():
    """The plan of the signed-in parent; ?initials=1 draws the map with initials only."""
    parent = current_participant()
    resume_url = url_for("participant.resume", code=parent.resume_code, _external=True)
    return gather(parent, request.args.get("initials") == "1", resume_url)


@bp.get("/me/plan")
@participant_required
def page():
    """The plan on screen, with buttons to print it or download the PDF."""
    plan = plan_for_request()
    db.session.commit()
    return render_template(
        "takehome/page.html", plan=plan, back=workshop_return(request.args.get("back"))
    )


@bp.get("/me/plan.pdf")
@participant_required
def pdf():
    """The plan as a PDF, made here on the server (no internet needed)."""
    from weasyprint import CSS, HTML

    plan = plan_for_request()
    db.session.commit()
    html = render_template("takehome/pdf.html", plan=plan)
    document = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="my-plan.pdf"'})  # fmt: skip


@bp.route("/me/plan/follow-up", methods=["GET", "POST"])
@participant_required
def follow_up():
    """Coming back: did you ask, what did they say; the app suggests the next step."""
    parent = current_participant()
    ask = plans.get(parent, "ask") or {}
    form = FollowUpForm(person=ask.get("person_other") or "")
    suggestion = None
    if form.validate_on_submit():
        response = form.response.data if form.asked.data == "asked" else None
        if form.asked.data == "asked" and response is None:
            form.response.errors = [_("Please pick what they said.")]
        else:
            plans.record_outcome(parent, form.person.data or "", form.asked.data, response,
                                 form.note.data or "", form.share_note.data)  # fmt: skip
            db.session.commit()
            flash(_("Thank you. It is saved."))
            return redirect(
                url_for("takehome.follow_up", next=next_step(form.asked.data, response))
            )
    suggestion = request.args.get("next")
    return render_template("takehome/follow_up.html", form=form, suggestion=suggestion,
                           outcomes=plans.outcomes_of(parent))  # fmt: skip

"""The plan and its tools: the child's order, safety plans, the ask, practising it, own words,
the take-home plan (screen and PDF) and the follow-up visit."""

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
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField

from .. import paths
from ..ecomap import services as ecomaps
from ..ecomap.core import edit
from ..extensions import db
from ..forms import choices
from ..journey.own_words import own_words as summarise_own_words
from ..journey.progress import Journey
from ..library import language_for
from ..parent import services as parents
from ..parent.session import parent_required, signed_in_parent, workshop_return
from . import services
from .forms import LONG, RULES, AskForm, FollowUpForm, RehearseForm, SafetyPlanForm
from .next_step import next_step
from .parts import Ask, ChildChoice, Rehearsal, SafetyPlan
from .take_home import gather

bp = Blueprint("plan", __name__)
PRINT_CSS = paths.STATIC / "css" / "print.css"


def render_tool(template: str, **context):
    """Render a plan page with its 'Back to the workshop' link."""
    return render_template(template, back=workshop_return(request.args.get("back")), **context)


@bp.route("/me/plan/child", methods=["GET", "POST"])
@parent_required
def child_voice():
    """The child puts the shortlist in their own order."""
    parent = signed_in_parent()
    plan = services.all_parts(parent)
    adults = services.shortlist(parent, ask=plan.ask)
    places = choices([("", _("Not sure"))] + [(str(n), str(n)) for n in range(1, len(adults) + 1)])
    fields = {
        f"rank_{i}": SelectField(_("Place for %(name)s", name=a.label), choices=places)
        for i, a in enumerate(adults)
    }
    fields["child_said"] = TextAreaField(_("What did your child say? (optional)"), validators=LONG)
    data = {f"rank_{i}": str(plan.child.place_of(a.id) or "") for i, a in enumerate(adults)}
    form = type("ChildForm", (FlaskForm,), fields)(data=data | {"child_said": plan.child.said})
    if form.validate_on_submit():
        chosen = [
            (int(form[f"rank_{i}"].data), a.id)
            for i, a in enumerate(adults)
            if form[f"rank_{i}"].data
        ]
        choice = ChildChoice(
            ranking=tuple(pid for _place, pid in sorted(chosen)),
            said=(form.child_said.data or "").strip(),
        )
        services.save_child_choice(parent, choice)
        db.session.commit()
        flash(_("Your child's choices are saved."))
        return redirect(url_for("plan.child_voice"))
    return render_tool("plan/child.html", form=form, adults=list(enumerate(adults)))


@bp.get("/me/plan/safety")
@parent_required
def safety():
    """The adults to make a safety plan for."""
    parent = signed_in_parent()
    plan = services.all_parts(parent)
    adults = [a for a in services.shortlist(parent, ask=plan.ask) if a.id != "by-hand"]
    done = {a.id for a in adults if a.id in plan.safety}
    return render_tool("plan/safety_list.html", adults=adults, done=done)


@bp.route("/me/plan/safety/<person_id>", methods=["GET", "POST"])
@parent_required
def safety_for(person_id: str):
    """A safety and visibility plan for one adult; worries named here go onto the map."""
    parent = signed_in_parent()
    ecomap, _version = ecomaps.current(parent)
    try:
        person = edit.person(ecomap, person_id)
    except edit.EcoMapError:
        abort(404)
    stored = services.safety_plan_of(parent, person_id)
    form = SafetyPlanForm(data={**stored.to_stored(), "worries": list(person.concerns)})
    if form.validate_on_submit():
        # The form's field names are the stored names; worries go onto the map instead.
        services.save_safety_plan(parent, person_id, SafetyPlan.from_stored(form.data))
        try:
            services.set_worries(parent, person_id, form.worries.data or [])
        except ecomaps.StaleVersion:
            db.session.rollback()
            flash(_("The map was changed on another screen. Please save again."))
            return render_tool("plan/safety.html", form=form, person=person, rules=RULES)
        db.session.commit()
        flash(_("The safety plan for %(name)s is saved.", name=person.label))
        return redirect(url_for("plan.safety"))
    return render_tool("plan/safety.html", form=form, person=person, rules=RULES)


@bp.route("/me/plan/ask", methods=["GET", "POST"])
@parent_required
def ask():
    """Plan the first ask and build the words for it."""
    parent = signed_in_parent()
    stored = services.ask_of(parent)
    adults = services.shortlist(parent, ask=stored)
    form = AskForm(data=stored.to_stored())
    form.person.choices = choices(
        [("", _("Someone else (type the name below)"))]
        + [(a.id, a.label) for a in adults if a.id != "by-hand"]
    )
    if form.validate_on_submit():
        services.save_ask(parent, Ask.from_stored(form.data))
        db.session.commit()
        flash(_("Your plan for the ask is saved. Here are your words."))
        return redirect(url_for("plan.rehearse"))
    return render_tool(
        "plan/ask.html", form=form, script=services.script_of(parent, stored, adults)
    )


@bp.route("/me/plan/rehearse", methods=["GET", "POST"])
@parent_required
def rehearse():
    """Read the words aloud, practise with a partner, and see confidence before and after."""
    parent = signed_in_parent()
    plan = services.all_parts(parent)
    form = RehearseForm(data=plan.rehearsal.to_stored())
    if form.validate_on_submit():
        services.save_rehearsal(parent, Rehearsal.from_stored(form.data))
        db.session.commit()
        flash(_("Well done for practising."))
        return redirect(url_for("plan.rehearse"))
    return render_tool(
        "plan/rehearse.html",
        form=form,
        script=services.script_of(parent, plan.ask),
        rehearsal=plan.rehearsal,
    )


@bp.get("/me/own-words")
@parent_required
def own_words():
    """What the parent has said about wanting, being able to, and planning to reach out."""
    parent = signed_in_parent()
    language = language_for(parent.language)
    path = Journey(parents.modules_of(parent, language), parents.answers_of(parent))
    final = path.modules[-1]
    return render_template(
        "plan/own_words.html",
        words=summarise_own_words(path),
        next_module=final,
        next_number=(path.visible(final) or [1])[0],
    )


def plan_for_request():
    """The plan of the signed-in parent; ?initials=1 draws the map with initials only."""
    parent = signed_in_parent()
    resume_url = url_for("parent.resume", code=parent.resume_code, _external=True)
    return gather(parent, request.args.get("initials") == "1", resume_url)


@bp.get("/me/plan")
@parent_required
def page():
    """The plan on screen, with buttons to print it or download the PDF."""
    plan = plan_for_request()
    db.session.commit()
    return render_template(
        "plan/page.html", plan=plan, back=workshop_return(request.args.get("back"))
    )


@bp.get("/me/plan.pdf")
@parent_required
def pdf():
    """The plan as a PDF, made here on the server (no internet needed)."""
    from weasyprint import CSS, HTML

    plan = plan_for_request()
    db.session.commit()
    html = render_template("plan/pdf.html", plan=plan)
    document = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])
    return Response(
        document,
        mimetype="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="my-plan.pdf"'},
    )


@bp.route("/me/plan/follow-up", methods=["GET", "POST"])
@parent_required
def follow_up():
    """Coming back: did you ask, what did they say; the app suggests the next step."""
    parent = signed_in_parent()
    form = FollowUpForm(person=services.ask_of(parent).person_other)
    suggestion = None
    if form.validate_on_submit():
        response = form.response.data if form.asked.data == "asked" else None
        if form.asked.data == "asked" and response is None:
            form.response.errors = [_("Please pick what they said.")]
        else:
            services.record_outcome(
                parent,
                form.person.data or "",
                form.asked.data,
                response,
                form.note.data or "",
                form.share_note.data,
            )
            db.session.commit()
            flash(_("Thank you. It is saved."))
            return redirect(url_for("plan.follow_up", next=next_step(form.asked.data, response)))
    suggestion = request.args.get("next")
    return render_template(
        "plan/follow_up.html",
        form=form,
        suggestion=suggestion,
        outcomes=services.outcomes_of(parent),
    )

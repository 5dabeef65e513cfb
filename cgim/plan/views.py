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

from .. import paths
from ..ecomap import services as ecomaps
from ..ecomap.core import edit
from ..ecomap.core.worries import SERIOUS
from ..extensions import db
from ..forms import choices
from ..journey.own_words import own_words as summarise_own_words
from ..journey.progress import Journey
from ..library import language_for
from ..parent import services as parents
from ..parent.session import parent_required, signed_in_parent, workshop_return
from . import services, web
from .forms import RULES, AskForm, FollowUpForm, RehearseForm, SafetyPlanForm
from .merge import WorryChange
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
    form_class = web.child_form(adults)
    data = {f"rank_{i}": str(plan.child.place_of(a.id) or "") for i, a in enumerate(adults)}
    form = form_class(
        data=data | {"child_said": plan.child.said, "drawn": services.drawn_from(plan.child)}
    )
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
        saved = services.save_child_choice(parent, choice, form.drawn.data)
        if not saved.refused:
            db.session.commit()
            flash(_("Your child's choices are saved."))
            return redirect(url_for("plan.child_voice"))
        db.session.rollback()
        merged = ChildChoice.from_stored(saved.stored)
        data = {f"rank_{i}": str(merged.place_of(a.id) or "") for i, a in enumerate(adults)}
        form = web.shown_again(form_class, saved, **data, child_said=merged.said)
        names = {"child_ranking": _("Your child's order"), "child_said": _("What your child said")}
        conflicts = web.conflict_words(form, saved, names)
        return render_tool(
            "plan/child.html", form=form, adults=list(enumerate(adults)), **conflicts
        ), 409
    return render_tool("plan/child.html", form=form, adults=list(enumerate(adults)))


@bp.get("/me/plan/safety")
@parent_required
def safety():
    """The adults to make a safety plan for."""
    parent = signed_in_parent()
    plan = services.all_parts(parent)
    adults = [a for a in services.shortlist(parent, ask=plan.ask) if a.id != "by-hand"]
    done = {a.id for a in adults if a.id in plan.safety}
    tells = web.if_child_tells(language_for(parent.language))
    return render_tool("plan/safety_list.html", adults=adults, done=done, tells=tells)


@bp.route("/me/plan/safety/<person_id>", methods=["GET", "POST"])
@parent_required
def safety_for(person_id: str):
    """A safety and visibility plan for one adult; worries added here go onto the map."""
    parent = signed_in_parent()
    ecomap, version = ecomaps.current(parent)
    try:
        person = edit.person(ecomap, person_id)
    except edit.EcoMapError:
        if request.method == "POST":  # taken off the map on another screen since it was drawn
            return gone_from_map()
        abort(404)
    language = language_for(parent.language)
    ideas = web.rule_ideas(language)
    plan, drawn = services.safety_draft(parent, person_id, tuple(c.value for c in ideas))
    form = SafetyPlanForm(data={**plan.to_stored(), "drawn": drawn, "version": version})
    form.rules.choices = ideas
    page = {
        "tells": web.if_child_tells(language),
        "rules": RULES,
        "effects": web.EFFECTS,
        "serious": SERIOUS,
    }
    if not form.validate_on_submit():
        return render_tool("plan/safety.html", form=form, person=person, **page)
    if form.keep_worries.data:
        form.no_longer.data = []
    if form.no_longer.data and not form.confirm_no_longer.data:
        # Taking a worry away is never a slip: the parent confirms it on this same screen.
        return render_tool("plan/safety.html", form=form, person=person, confirm=True, **page)
    return save_safety_plan(parent, person, form, page)


def save_safety_plan(parent, person, form: SafetyPlanForm, page: dict):
    """Save a posted safety plan; refused, show the newest map and keep what was typed (409)."""
    worries = WorryChange(tuple(form.worries.data or ()), tuple(form.no_longer.data or ()))
    plan = SafetyPlan.from_stored(form.data)
    try:
        saved = services.save_safety_plan(
            parent, person.id, plan, form.drawn.data, form.version.data, worries
        )
    except edit.EcoMapError:  # taken off the map on another screen just now
        db.session.rollback()
        return gone_from_map()
    if saved.refused:
        db.session.rollback()
        ticked = {"worries": list(worries.add), "no_longer": list(worries.no_longer)}
        again = web.shown_again(SafetyPlanForm, saved, version=saved.version, **ticked)
        again.rules.choices = form.rules.choices
        words = web.conflict_words(again, saved)
        return render_tool(
            "plan/safety.html", form=again, person=saved.person, **page, **words
        ), 409
    db.session.commit()
    if saved.new_serious:  # what to do now, at once (the safety package's next-step screen)
        back = url_for("plan.safety")
        return redirect(url_for("safety.next_step", person_id=person.id, back=back))
    flash(_("The safety plan for %(name)s is saved.", name=person.label))
    return redirect(url_for("plan.safety"))


def gone_from_map():
    """A safety plan saved for someone no longer on the map: say so, back to the list."""
    flash(_("This person was taken off the map on another screen. Nothing was saved."))
    return redirect(url_for("plan.safety"))


@bp.route("/me/plan/ask", methods=["GET", "POST"])
@parent_required
def ask():
    """Plan the first ask and build the words for it."""
    parent = signed_in_parent()
    stored = services.ask_of(parent)
    adults = services.shortlist(parent, ask=stored)
    people = choices(
        [("", _("Someone else (type the name below)"))]
        + [(a.id, a.label) for a in adults if a.id != "by-hand"]
    )
    form = AskForm(data=stored.to_stored() | {"drawn": services.drawn_from(stored)})
    form.person.choices = people
    if form.validate_on_submit():
        saved = services.save_ask(parent, Ask.from_stored(form.data), form.drawn.data)
        if not saved.refused:
            db.session.commit()
            flash(_("Your plan for the ask is saved. Here are your words."))
            return redirect(url_for("plan.rehearse"))
        db.session.rollback()
        form = web.shown_again(AskForm, saved)
        form.person.choices = people
        script = services.script_of(parent, Ask.from_stored(saved.theirs), adults)
        return render_tool(
            "plan/ask.html", form=form, script=script, **web.conflict_words(form, saved)
        ), 409
    return render_tool(
        "plan/ask.html", form=form, script=services.script_of(parent, stored, adults)
    )


@bp.route("/me/plan/rehearse", methods=["GET", "POST"])
@parent_required
def rehearse():
    """Read the words aloud, practise with a partner, and see confidence before and after."""
    parent = signed_in_parent()
    plan = services.all_parts(parent)
    form = RehearseForm(
        data=plan.rehearsal.to_stored() | {"drawn": services.drawn_from(plan.rehearsal)}
    )
    page = {"script": services.script_of(parent, plan.ask), "rehearsal": plan.rehearsal}
    if form.validate_on_submit():
        saved = services.save_rehearsal(parent, Rehearsal.from_stored(form.data), form.drawn.data)
        if not saved.refused:
            db.session.commit()
            flash(_("Well done for practising."))
            return redirect(url_for("plan.rehearse"))
        db.session.rollback()
        form = web.shown_again(RehearseForm, saved)
        return render_tool(
            "plan/rehearse.html", form=form, **page, **web.conflict_words(form, saved)
        ), 409
    return render_tool("plan/rehearse.html", form=form, **page)


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

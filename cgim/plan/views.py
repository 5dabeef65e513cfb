"""Making the plan: the child's order, a safety plan per adult, the ask, and practising it."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField

from ..ecomap import services as ecomaps
from ..ecomap.core import edit
from ..extensions import db
from ..formutil import choices
from ..participant.session import current_participant, participant_required, workshop_return
from . import services
from .forms import LONG, RULES, AskForm, RehearseForm, SafetyPlanForm
from .script import AskParts, build_script
from .words import script_words

bp = Blueprint("plan", __name__, url_prefix="/me/plan")
ASK_TEXT = ("person_other", "what", "how_often", "how_long", "who_i_am", "why_you", "easy_no",
            "thanks", "when", "if_no")  # fmt: skip


def page(template: str, **context):
    """Render a plan page with its 'Back to the workshop' link."""
    return render_template(template, back=workshop_return(request.args.get("back")), **context)


@bp.route("/child", methods=["GET", "POST"])
@participant_required
def child_voice():
    """The child puts the shortlist in their own order."""
    parent = current_participant()
    adults = services.shortlist(parent)
    places = choices([("", _("Not sure"))] + [(str(n), str(n)) for n in range(1, len(adults) + 1)])
    ranked = dict((a.id, place) for a, place in services.in_child_order(parent, adults))
    fields = {f"rank_{i}": SelectField(_("Place for %(name)s", name=a.label), choices=places)
              for i, a in enumerate(adults)}  # fmt: skip
    fields["child_said"] = TextAreaField(_("What did your child say? (optional)"), validators=LONG)
    data = {f"rank_{i}": str(ranked.get(a.id) or "") for i, a in enumerate(adults)}
    form = type("ChildForm", (FlaskForm,), fields)(
        data=data | {"child_said": services.get(parent, "child_said")}
    )
    if form.validate_on_submit():
        chosen = [
            (int(form[f"rank_{i}"].data), a.id)
            for i, a in enumerate(adults)
            if form[f"rank_{i}"].data
        ]
        services.put(parent, "child_ranking", [pid for _place, pid in sorted(chosen)])
        services.put(parent, "child_said", (form.child_said.data or "").strip() or None)
        db.session.commit()
        flash(_("Your child's choices are saved."))
        return redirect(url_for("plan.child_voice"))
    return page("plan/child.html", form=form, adults=list(enumerate(adults)))


@bp.get("/safety")
@participant_required
def safety():
    """The adults to make a safety plan for."""
    parent = current_participant()
    adults = [a for a in services.shortlist(parent) if a.id != "by-hand"]
    done = {a.id for a in adults if services.get(parent, f"safety.{a.id}")}
    return page("plan/safety_list.html", adults=adults, done=done)


@bp.route("/safety/<person_id>", methods=["GET", "POST"])
@participant_required
def safety_for(person_id: str):
    """A safety and visibility plan for one adult; worries named here go onto the map."""
    parent = current_participant()
    ecomap, _version = ecomaps.current(parent)
    try:
        person = edit.person(ecomap, person_id)
    except edit.EcoMapError:
        abort(404)
    stored = services.get(parent, f"safety.{person_id}") or {}
    form = SafetyPlanForm(data={**stored, "worries": list(person.concerns)})
    if form.validate_on_submit():
        plan = {
            name: form[name].data for name in ("settings", "drop_ins", "ask_child", "if_crossed")
        }
        plan |= {f"rule_{key}": form[f"rule_{key}"].data for key, _label in RULES}
        services.put(parent, f"safety.{person_id}", plan)
        try:
            services.set_worries(parent, person_id, form.worries.data or [])
        except ecomaps.StaleVersion:
            db.session.rollback()
            flash(_("The map was changed on another screen. Please save again."))
            return page("plan/safety.html", form=form, person=person, rules=RULES)
        db.session.commit()
        flash(_("The safety plan for %(name)s is saved.", name=person.label))
        return redirect(url_for("plan.safety"))
    return page("plan/safety.html", form=form, person=person, rules=RULES)


@bp.route("/ask", methods=["GET", "POST"])
@participant_required
def ask():
    """Plan the first ask and build the words for it."""
    parent = current_participant()
    adults = services.shortlist(parent)
    stored = services.get(parent, "ask") or {}
    form = AskForm(data=stored)
    form.person.choices = choices(
        [("", _("Someone else (type the name below)"))]
        + [(a.id, a.label) for a in adults if a.id != "by-hand"]
    )
    if form.validate_on_submit():
        services.put(
            parent, "ask", {name: form[name].data for name in form.data if name != "csrf_token"}
        )
        db.session.commit()
        flash(_("Your plan for the ask is saved. Here are your words."))
        return redirect(url_for("plan.rehearse"))
    return page("plan/ask.html", form=form, script=script_of(parent, stored, adults))


def script_of(parent, stored: dict, adults=None):
    """The assembled script from the stored ask."""
    adults = adults if adults is not None else services.shortlist(parent)
    names = {a.id: a.label for a in adults}
    person = names.get(stored.get("person") or "", "") or stored.get("person_other", "")
    parts = AskParts(
        person=person,
        **{k: stored.get(k) or "" for k in ASK_TEXT if k in AskParts.__dataclass_fields__},
    )
    return build_script(parts, script_words())


@bp.route("/rehearse", methods=["GET", "POST"])
@participant_required
def rehearse():
    """Read the words aloud, practise with a partner, and see confidence before and after."""
    parent = current_participant()
    stored = services.get(parent, "rehearsal") or {}
    form = RehearseForm(data=stored)
    if form.validate_on_submit():
        services.put(
            parent,
            "rehearsal",
            {k: form[k].data for k in ("before", "read_aloud", "partner", "after")},
        )
        db.session.commit()
        flash(_("Well done for practising."))
        return redirect(url_for("plan.rehearse"))
    return page("plan/rehearse.html", form=form, script=script_of(parent, services.get(parent, "ask") or {}),
                stored=stored)  # fmt: skip

"""The parent's screens: join, consent, module steps, autosave, resume and delete."""

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from .. import codes, guesses
from ..content.answers import AnswerProblem, clean_answer
from ..content.model import TEXT_KINDS
from ..errors import NotFound
from ..extensions import db
from ..forms import EmptyForm, language_choices
from ..inputs import json_body
from ..journey.progress import Journey
from ..journey.words import step_words
from ..library import language_for, library
from ..workshop import pacing
from ..workshop.services import find_open
from . import services
from .forms import CodeForm, NameForm, ResumeForm, answer_data, step_form
from .models import Parent
from .session import (
    parent_required,
    sign_in,
    sign_out,
    sign_out_everywhere,
    signed_in_parent,
)

bp = Blueprint("parent", __name__)


@bp.route("/join", methods=["GET", "POST"])
def join():
    """Type the code shown on the screen."""
    form = CodeForm()
    if form.validate_on_submit():
        attempt = guesses.Attempt("join")
        refused = attempt.refusal()
        if refused:
            form.code.errors.append(refused.message())
            return render_template("parent/join.html", form=form), 429
        code = codes.normalise(form.code.data, codes.JOIN_LENGTH)
        if code and find_open(code):
            return redirect(url_for("parent.join_code", code=code))
        attempt.failed()
        form.code.errors.append(
            _(
                "We could not find an open workshop with that code. "
                "Please check it with your facilitator."
            )
        )
        return render_template("parent/join.html", form=form), 404
    return render_template("parent/join.html", form=form)


@bp.route("/join/<code>", methods=["GET", "POST"])
def join_code(code: str):
    """Pick a name and a language; nothing is stored until the parent agrees."""
    attempt = guesses.Attempt("join")
    refused = attempt.refusal()
    workshop = None if refused else find_open(codes.normalise(code, codes.JOIN_LENGTH) or "")
    if workshop is None:
        form = CodeForm(formdata=None, code=code[:20])
        # Errors are a tuple until a form is validated; this one never was.
        form.code.errors = [
            refused.message()
            if refused
            else _("This workshop code is not open. Please check it with your facilitator.")
        ]
        if not refused:
            attempt.failed()
        return render_template("parent/join.html", form=form), 429 if refused else 404
    form = NameForm(language=workshop.language)
    form.language.choices = language_choices(library())
    if form.validate_on_submit():
        session["joining"] = {
            "code": workshop.join_code,
            "nickname": form.nickname.data.strip(),
            "language": form.language.data,
        }
        return redirect(url_for("parent.consent", code=workshop.join_code))
    return render_template("parent/name.html", form=form, workshop=workshop)


@bp.route("/join/<code>/consent", methods=["GET", "POST"])
def consent(code: str):
    """What is kept, who sees it, how to delete it; 'Yes' creates the parent."""
    joining = session.get("joining") or {}
    workshop = find_open(joining.get("code", ""))
    if workshop is None or workshop.join_code != code:
        return redirect(url_for("parent.join_code", code=code))
    form = EmptyForm()
    if form.validate_on_submit():
        parent = services.join(workshop, joining["nickname"], joining["language"])
        db.session.commit()
        sign_in(parent)
        return redirect(url_for("parent.me"))
    return render_template(
        "parent/consent.html",
        form=form,
        workshop=workshop,
        nickname=joining.get("nickname", ""),
    )


@bp.post("/join/<code>/decline")
def decline(code: str):
    """The parent said no: forget the name they typed."""
    if EmptyForm().validate_on_submit():
        session.pop("joining", None)
    return render_template("parent/declined.html")


@bp.route("/resume", methods=["GET", "POST"])
def resume():
    """Carry on from another tablet with the resume code."""
    form = ResumeForm(code=request.args.get("code", "")[:20])  # the plan's QR code fills it in
    if form.validate_on_submit():
        code = codes.normalise_resume(form.code.data)
        attempt = resume_attempt(code)
        refused = attempt.refusal() if attempt else None
        if refused:
            form.code.errors.append(refused.message())
            return render_template("parent/resume.html", form=form), 429
        parent = services.by_resume_code(code) if code else None
        if parent and services.codes_expired(parent):
            form.code.errors.append(
                _(
                    "This workshop has ended, so its codes no longer open answers. "
                    "Ask your facilitator if you need help."
                )
            )
            return render_template("parent/resume.html", form=form), 410
        if parent:
            sign_in(parent)
            flash(_("Welcome back, %(name)s. Your answers are here.", name=parent.nickname))
            return redirect(url_for("parent.me"))
        if attempt:
            attempt.failed()
        form.code.errors.append(
            _("We could not find that code. It has 10 letters and numbers, like ABCDE-23456.")
        )
        return render_template("parent/resume.html", form=form), 404
    return render_template("parent/resume.html", form=form)


def resume_attempt(code: str | None) -> guesses.Attempt | None:
    """The guess a well-formed code makes (codes of the old length have their own budget)."""
    if code is None:
        return None  # cannot match any family: nothing to count
    kind = "resume" if len(code) == codes.RESUME_LENGTH else "resume-legacy"
    return guesses.Attempt(kind, target=codes.first_half(code))


@bp.get("/me")
@parent_required
def me():
    """The parent's modules, how far they are, and their resume code."""
    parent = signed_in_parent()
    overview = journey(parent).overview(parent.current_module, parent.current_step)
    return render_template("parent/me.html", overview=overview, form=EmptyForm())


def journey(parent: Parent) -> Journey:
    """The parent's path as their answers shape it now."""
    content = language_for(parent.language)
    return Journey(services.modules_of(parent, content), services.answers_of(parent))


@bp.route("/me/<module_id>/<int:number>", methods=["GET", "POST"])
@parent_required
def step(module_id: str, number: int):
    """One screen of a module; POST saves the answer, then moves back or on."""
    parent = signed_in_parent()
    content = language_for(parent.language)
    module, current = services.find_step(parent, content, module_id, number)
    wait_at = pacing.may_view(content, parent.workshop, module_id, number)
    if wait_at:
        flash(_("The group moves on together. Your facilitator will take you to the next screen."))
        return redirect(url_for("parent.step", module_id=wait_at[0], number=wait_at[1]))
    path = journey(parent)
    form = step_form(current, path.answers)
    if form.validate_on_submit():
        if current.asks:
            try:
                value = clean_answer(current, answer_data(current, form))
            except AnswerProblem as problem:
                said = [problem_message(problem)]
                if "answer" in form:  # beside the field; the map's parts show answer_errors
                    form.answer.errors = [*form.answer.errors, *said]
                form.answer_errors = [*form.answer_errors, *said]
                return render_step(path, module, current, number, form), 400
            services.save_answer(parent, current.id, value, services.valid_key(form.save_key.data))
            if current.kind in TEXT_KINDS:
                shared = request.form.get("share") == "yes" and not current.private
                services.share_text(parent, current.id, value, shared)
            if feedback_unseen(current, value):
                db.session.commit()
                return redirect(url_for("parent.step", module_id=module.id, number=number))
            path = journey(parent)
        return move_on(parent, path, module, number, request.form.get("go", "next"))
    return render_step(path, module, current, number, form), 400 if form.errors else 200


def feedback_unseen(step, value) -> bool:
    """A scenario answer whose feedback the parent has not been shown yet."""
    return (
        step.kind == "scenario" and value is not None and request.form.get("feedback_for") != value
    )


def move_on(parent, path: Journey, module, number: int, going: str):
    """Remember the parent's place and show the next (or previous) screen."""
    target = path.neighbour(module, number, going)
    services.move_to(parent, *(target or path.after(module)))
    db.session.commit()
    if target:
        return redirect(url_for("parent.step", module_id=target[0], number=target[1]))
    if going == "next" and path.is_last_before_final(module):
        return redirect(url_for("plan.own_words"))
    return redirect(url_for("parent.me", done=module.id if going == "next" else None))


def problem_message(problem: AnswerProblem) -> str:
    """Plain words for an answer that cannot be stored."""
    if problem.code == "too_long":
        return _("Please keep this to %(limit)s characters or fewer.", limit=problem.limit)
    if problem.code == "not_a_number":
        return _("Please choose a number from 0 to 10.")
    return _("Please choose one of the answers shown.")


def render_step(path: Journey, module, current, number, form):
    """The step page with its progress bars and any MI words it needs."""
    return render_template(
        "parent/step.html",
        module=module,
        step=current,
        number=number,
        form=form,
        place=path.place(module, number),
        mi=step_words(current, path.answers),
        shared=current.id in services.shared_prompts(signed_in_parent()),
        help_form=EmptyForm(),
    )


@bp.post("/me/answers")
@parent_required
def autosave():
    """Save one answer as the parent types (JSON); a repeated key is acknowledged, not reapplied."""
    parent = signed_in_parent()
    data = json_body()
    if not isinstance(data, dict) or not isinstance(data.get("prompt"), str):
        return jsonify(error=_("We could not read that answer.")), 400
    key = data.get("key")
    if key is not None and services.valid_key(key) is None:
        return jsonify(error=_("We could not read that answer.")), 400
    try:
        current = services.step_by_id(parent, language_for(parent.language), data["prompt"])
        value = clean_answer(current, data.get("value"))
    except NotFound:
        return jsonify(error=_("That question is not part of your workshop.")), 404
    except AnswerProblem as problem:
        return jsonify(error=problem_message(problem)), 400
    applied = services.save_answer(parent, current.id, value, key)
    db.session.commit()
    return jsonify(saved=True, repeated=not applied)


@bp.route("/me/delete", methods=["GET", "POST"])
@parent_required
def delete():
    """The parent removes everything they wrote, from their own screen."""
    form = EmptyForm()
    if form.validate_on_submit():
        services.delete_everything(signed_in_parent())
        db.session.commit()
        sign_out()
        session.clear()
        return render_template("parent/deleted.html")
    return render_template("parent/delete.html", form=form)


@bp.post("/me/leave")
@parent_required
def leave():
    """Finish for now on this tablet; the resume code brings everything back."""
    if EmptyForm().validate_on_submit():
        sign_out_everywhere(signed_in_parent())
        db.session.commit()
        flash(_("You have left this tablet. Your answers are saved."))
    return redirect(url_for("home.index"))

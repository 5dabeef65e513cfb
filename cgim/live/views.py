"""Running the room: workshop page, dashboard, projector, controls, shared words, help, polling."""

from flask import (
    Blueprint,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..audit import services as audit
from ..auth.access import RUN_WORKSHOPS, can_run, requires
from ..auth.services import colleagues
from ..ecomap import services as ecomaps
from ..extensions import db
from ..forms import EmptyForm
from ..inputs import json_body, whole_number
from ..library import language_for, library
from ..parent import services as parent_services
from ..parent.models import Parent
from ..parent.session import parent_required, signed_in_parent
from ..workshop import pacing
from ..workshop import services as workshops
from ..workshop.links import join_url
from . import progress, room, services, tools
from .seen import logs_room_read

bp = Blueprint("live", __name__)


def conditional(fingerprint, render, mimetype: str):
    """304 when the poller already has this state (nothing rendered), else 200 with its ETag.

    The ETag comes from the room's data, not the HTML: forms in the HTML carry CSRF tokens
    that change every second and would make every poll look new.
    """
    tag = services.etag_of(fingerprint)
    if tag in request.if_none_match:
        response = make_response("", 304)
    else:
        response = make_response(render())
        response.mimetype = mimetype
    response.set_etag(tag)
    response.headers["Cache-Control"] = "no-cache"
    return response


def fingerprint(context: dict) -> list:
    """Everything a live region shows, as plain values."""
    workshop = context["workshop"]
    people = [(row, services.is_stuck(row.last_seen_at)) for row in context["parents"]]
    waiting = [(t.id, t.text, t.status) for t in context["waiting"]]
    return [
        workshop.control_version,
        workshop.join_code,
        people,
        context["counts"],
        waiting,
        context["results"],
        context["texts"],
        context["talks"],
        context["worry_flag"],
        context["tools"],
    ]


def room_now(workshop):
    """Everything the dashboard and projector show about the room right now."""
    language = language_for(workshop.language)
    order = pacing.steps_in_order(language, workshop)
    index = pacing.position(language, workshop, workshop.shown_module, workshop.shown_step)
    module, number, step = order[index]
    parents = progress.progress(workshop, library(), progress.answers_by_parent(workshop))
    return {
        "workshop": workshop,
        "module": module,
        "number": number,
        "step": step,
        "started": workshop.shown_module is not None,
        "parents": parents,
        "counts": services.counts_per_step(language, workshop),
        "results": services.room_results(workshop, step) if workshop.show_results else None,
        "texts": services.approved_texts(workshop, step.id),
        "waiting": services.waiting_texts(workshop),
        "talks": services.talk_requests(workshop),  # named, private: never on the projector
        "worry_flag": services.unnamed_worries(workshop),
        "tools": services.tools_in_use(workshop),
        "tool_places": tools.PLACES,
        "is_stuck": services.is_stuck,
        "join_url": join_url(workshop.join_code),
    }


def live_fragment(workshop, template: str):
    """(The live region as a 304-aware response if ?part=1 was asked, else None; the context)."""
    context = room_now(workshop)
    if not request.args.get("part"):
        return None, context
    return conditional(
        fingerprint(context), lambda: render_template(template, **context), "text/html"
    ), context


@bp.get("/workshops/<id:workshop_id>")
@requires(RUN_WORKSHOPS)
@logs_room_read("view workshop page")
def workshop(workshop_id: int):
    """Join code, QR code and every parent's progress."""
    workshop = workshops.get_for(current_user, workshop_id)
    content = language_for(workshop.language)
    answers = progress.answers_by_parent(workshop)
    parents = progress.progress(workshop, library(), answers)
    modules = content.modules_for(workshop.format_id)
    return render_template(
        "live/workshop.html",
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
        worry_flag=services.unnamed_worries(workshop),
    )


@bp.post("/workshops/<id:workshop_id>/close")
@requires(RUN_WORKSHOPS)
def close(workshop_id: int):
    """Stop new parents joining."""
    workshop = workshops.get_for(current_user, workshop_id)
    if EmptyForm().validate_on_submit():
        if workshop.is_open:
            ecomaps.snapshot_workshop(workshop.id, _("End of the workshop"))
        workshops.close(workshop)
        audit.record(current_user, "close workshop", workshop_id=workshop.id)
        db.session.commit()
        flash(_("The workshop is closed. Parents keep their answers and resume codes."))
    return redirect(url_for("live.workshop", workshop_id=workshop.id))


@bp.post("/workshops/<id:workshop_id>/reopen")
@requires(RUN_WORKSHOPS)
def reopen(workshop_id: int):
    """Let parents join again."""
    workshop = workshops.get_for(current_user, workshop_id)
    if EmptyForm().validate_on_submit():
        workshops.reopen(workshop)
        audit.record(current_user, "reopen workshop", workshop_id=workshop.id)
        db.session.commit()
        flash(_("The workshop is open again."))
    return redirect(url_for("live.workshop", workshop_id=workshop.id))


@bp.get("/workshops/<id:workshop_id>/live")
@requires(RUN_WORKSHOPS)
@logs_room_read("view dashboard")
def dashboard(workshop_id: int):
    """The facilitator's live view and controls (the table refreshes itself)."""
    workshop = workshops.get_for(current_user, workshop_id)
    fragment, context = live_fragment(workshop, "live/_dashboard_live.html")
    if fragment:
        return fragment
    co = workshops.co_facilitators(workshop)
    taken = {workshop.owner_id} | {c.id for c in co}
    helpers = [u for u in colleagues(current_user) if u.id not in taken and can_run(u)]
    modules = language_for(workshop.language).modules_for(workshop.format_id)
    return render_template(
        "live/dashboard.html", **context, form=EmptyForm(), helpers=helpers, co=co, modules=modules
    )


@bp.get("/workshops/<id:workshop_id>/projector")
@requires(RUN_WORKSHOPS)
@logs_room_read("view projector", names_families=False)
def projector(workshop_id: int):
    """Large type for the room: join code first, then the screen the facilitator shows."""
    workshop = workshops.get_for(current_user, workshop_id)
    fragment, context = live_fragment(workshop, "live/_projector_live.html")
    return fragment or render_template("live/projector.html", **context)


@bp.post("/workshops/<id:workshop_id>/control")
@requires(RUN_WORKSHOPS)
def control(workshop_id: int):
    """Follow-me or free, show a screen, results on or off, pause, end."""
    workshop = workshops.get_for(current_user, workshop_id)
    action = request.form.get("action", "")
    if EmptyForm().validate_on_submit() and action in pacing.ACTIONS:
        number = request.form.get("number", "1")
        pacing.control(
            workshop,
            language_for(workshop.language),
            action,
            request.form.get("module"),
            whole_number(number) or 1,
        )
        audit.record(current_user, "control room", workshop_id=workshop.id, what=action)
        db.session.commit()
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))


@bp.post("/workshops/<id:workshop_id>/texts/<id:text_id>")
@requires(RUN_WORKSHOPS)
def text_status(workshop_id: int, text_id: int):
    """Approve shared words for the projector, or hide them."""
    workshop = workshops.get_for(current_user, workshop_id)
    if EmptyForm().validate_on_submit():
        shared = services.set_text_status(workshop, text_id, request.form.get("status", ""))
        if shared:
            audit.record(current_user, "review words", shared.parent_id, workshop.id, shared.status)
        db.session.commit()
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))


@bp.post("/workshops/<id:workshop_id>/help/<id:parent_id>")
@requires(RUN_WORKSHOPS)
def help_done(workshop_id: int, parent_id: int):
    """The facilitator has come over: clear the parent's help request."""
    workshop = workshops.get_for(current_user, workshop_id)
    parent = db.session.get(Parent, parent_id)
    if (
        EmptyForm().validate_on_submit()
        and parent is not None
        and parent.workshop_id == workshop.id
    ):
        services.set_help(parent, False)
        audit.record(current_user, "clear help request", parent.id, workshop.id)
        db.session.commit()
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))


@bp.post("/workshops/<id:workshop_id>/colleagues")
@requires(RUN_WORKSHOPS)
def add_colleague(workshop_id: int):
    """Add a co-facilitator from the same organisation."""
    workshop = workshops.get_for(current_user, workshop_id)
    colleague_id = whole_number(request.form.get("colleague"))
    if EmptyForm().validate_on_submit() and colleague_id:
        colleague = workshops.add_co_facilitator(workshop, colleague_id)
        audit.record(current_user, "add co-facilitator", None, workshop.id, colleague.name)
        db.session.commit()
        flash(_("%(name)s can now run this workshop too.", name=colleague.name))
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))


@bp.get("/me/live.json")
def tablet():
    """What this tablet should do now (follow the facilitator, pause, go to the plan).

    Polled every few seconds by every tablet, so it reads five columns in one query.
    """
    pid, token = (session.get("parent") or [None, None])[:2]
    state = services.tablet_state_for(pid, token)
    if state is None:
        return jsonify(error="not signed in"), 401
    return conditional(state, lambda: jsonify(state).get_data(as_text=True), "application/json")


@bp.app_template_global()
def page_tool() -> str:
    """The tool this page belongs to, for <body data-tool> ("" if none)."""
    return tools.tool_of(request.endpoint, request.blueprint)


@bp.post("/me/here")
@parent_required
def here():
    """The tablet opened a screen or a tool: the dashboard shows where the parent is, at once.

    {"module": ..., "number": ...} for a module screen (which also leaves any tool), or
    {"tool": ...} for a tool page, {"tool": null} for any other page.
    """
    data = json_body()
    if not isinstance(data, dict):
        return jsonify(error="module and number, or tool, needed"), 400
    parent = signed_in_parent()
    if "tool" in data and "module" not in data:
        if not tools.known(data["tool"]):
            return jsonify(error="unknown tool"), 400
        services.enter_tool(parent, data["tool"])
    else:
        module_id, number = data.get("module"), data.get("number")
        if not isinstance(module_id, str) or type(number) is not int:  # true is not 1
            return jsonify(error="module and number needed"), 400
        language = language_for(parent.language)
        parent_services.find_step(parent, language, module_id, number)  # 404 if not theirs
        parent_services.move_to(parent, module_id, number)
        services.enter_tool(parent, None)
    db.session.commit()
    return jsonify(ok=True)


@bp.post("/me/help")
@parent_required
def ask_for_help():
    """'I'd like help': the facilitator's dashboard shows it."""
    if EmptyForm().validate_on_submit():
        wanted = request.form.get("help") != "no"
        services.set_help(signed_in_parent(), wanted)
        db.session.commit()
        if request.accept_mimetypes.best == "application/json":
            return jsonify(help=wanted)
        flash(_("Your facilitator will come over.") if wanted else _("Thank you."))
    back = request.form.get("next", "")
    local = back.startswith("/") and not back.startswith("//") and "\\" not in back
    return redirect(back if local else url_for("parent.me"))

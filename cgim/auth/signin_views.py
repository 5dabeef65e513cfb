"""Sign-in rules an admin sets, unlocking a colleague, and the idle-session clock for pages."""

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import InvalidInput
from ..extensions import db
from ..forms import EmptyForm
from . import sign_in_rules, signin
from .access import admin_required
from .announce import announce
from .signin_forms import SignInRulesForm

bp = Blueprint("signin", __name__)
bp.before_app_request(signin.before_request)


@bp.app_context_processor
def sign_in_helpers():
    """For the Team page: whether a colleague is locked (worked out once per page)."""

    def is_locked(user) -> bool:
        if "locked_colleagues" not in g:
            g.locked_colleagues = sign_in_rules.locked_colleague_ids(current_user)
        return user.id in g.locked_colleagues

    def idle_seconds() -> int:
        return signin.idle_limit(current_user)

    return {"sign_in_locked": is_locked, "idle_seconds": idle_seconds}


@bp.route("/team/sign-in", methods=["GET", "POST"])
@admin_required
def rules():
    """Admins choose who must use two-step sign-in and when idle sessions end."""
    organisation = current_user.organisation
    form = SignInRulesForm(obj=organisation)
    if form.validate_on_submit():
        try:
            sign_in_rules.set_rules(organisation, form.two_step_for.data, form.idle_minutes.data)
            announce(current_user, "change settings", what="sign-in rules")
        except InvalidInput as problem:
            getattr(form, problem.field).errors.append(str(problem.message))
        else:
            db.session.commit()
            flash(_("Sign-in rules saved. They apply from each person's next sign-in."))
            return redirect(url_for("signin.rules"))
    status = 400 if form.errors else 200
    return render_template("auth/sign_in_rules.html", form=form), status


@bp.post("/team/<id:user_id>/unlock")
@admin_required
def unlock(user_id: int):
    """An admin lifts a colleague's lock after too many wrong tries."""
    user = sign_in_rules.colleague(current_user, user_id)
    if user is None:
        abort(404)
    if EmptyForm().validate_on_submit():
        sign_in_rules.unlock(user)
        announce(current_user, "unlock account", what=user.name)
        db.session.commit()
        flash(_("%(name)s can sign in again now.", name=user.name))
    return redirect(url_for("auth.team"))


@bp.get("/account/idle")
def idle():
    """How many seconds this staff session has left; asking does not count as activity."""
    return jsonify(seconds_left=signin.seconds_left())


@bp.post("/account/stay")
def stay():
    """'Stay signed in': the clock starts again (0 if the session has already ended)."""
    if current_user.is_authenticated:
        session[signin.SEEN] = signin.now_ts()
    return jsonify(seconds_left=signin.seconds_left())

"""First-run set-up, staff sign-in and sign-out, and the team page."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import InvalidInput
from ..extensions import db, limiter
from ..forms import EmptyForm
from . import services
from .access import admin_required
from .forms import LoginForm, SetupForm, UserForm

bp = Blueprint("auth", __name__)


def failed(response) -> bool:
    """Rate limits count only failed attempts, so a busy room of staff is never locked out."""
    return response.status_code != 302


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """First run only: create the organisation and its first admin."""
    if not services.setup_needed():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        user = services.create_first_admin(
            form.organisation.data, form.name.data, form.email.data, form.password.data
        )
        db.session.commit()
        login_user(user)
        flash(_("Welcome! Your organisation is ready."))
        return redirect(url_for("workshop.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"], deduct_when=failed)
def login():
    """Staff sign-in."""
    if services.setup_needed():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user:
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(_("That email and password do not match an account."))
    return render_template("auth/login.html", form=form)


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in."""
    parts = urlsplit(target or "")
    local = bool(target) and not parts.scheme and not parts.netloc
    if local and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("workshop.index")


@bp.post("/logout")
@login_required
def logout():
    """Sign out everywhere: every session cookie of this account stops working."""
    if EmptyForm().validate_on_submit():
        services.end_sessions(current_user)
        db.session.commit()
        logout_user()
        flash(_("You are signed out."))
    return redirect(url_for("home.index"))


@bp.route("/team", methods=["GET", "POST"])
@admin_required
def team():
    """Admins see their colleagues and add facilitator and clinician accounts."""
    form = UserForm()
    if form.validate_on_submit():
        try:
            services.create_user(
                current_user.organisation,
                form.name.data,
                form.email.data,
                form.role.data,
                form.password.data,
            )
        except InvalidInput as problem:
            getattr(form, problem.field).errors.append(str(problem.message))
        else:
            db.session.commit()
            flash(_("Account added for %(name)s.", name=form.name.data))
            return redirect(url_for("auth.team"))
    return render_template("auth/team.html", form=form, users=services.colleagues(current_user))

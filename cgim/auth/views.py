"""First-run set-up, staff sign-in and sign-out, and the team page."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import guesses
from ..errors import InvalidInput
from ..extensions import db
from ..forms import EmptyForm
from . import services
from .access import admin_required
from .forms import LoginForm, RetentionForm, SetupForm, UserForm

bp = Blueprint("auth", __name__)


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
def login():
    """Staff sign-in; wrong passwords are counted per account, browser, address and overall."""
    if services.setup_needed():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = guesses.Attempt("login", target=services.normalise_email(form.email.data))
        refused = attempt.refusal()
        if refused:
            form.password.errors.append(refused.message())
            return render_template("auth/login.html", form=form), 429
        user = services.authenticate(form.email.data, form.password.data)
        if user:
            login_user(user)
            guesses.trust_this_device("staff")
            return redirect(safe_next(request.args.get("next")))
        attempt.failed()
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
    return team_page(form, RetentionForm(obj=current_user.organisation))


@bp.post("/team/retention")
@admin_required
def retention():
    """Admins choose how long their organisation keeps parents' data, codes and audit rows."""
    form = RetentionForm()
    if form.validate_on_submit():
        try:
            services.set_retention(
                current_user.organisation,
                form.keep_parents_days.data,
                form.resume_days.data,
                form.keep_audit_days.data,
            )
        except InvalidInput as problem:
            getattr(form, problem.field).errors.append(str(problem.message))
        else:
            db.session.commit()
            flash(_("Saved. Data older than this is deleted when cgim purge next runs."))
            return redirect(url_for("auth.team"))
    return team_page(UserForm(formdata=None), form), 400


def team_page(form: UserForm, retention_form: RetentionForm):
    """The team page: accounts, the form to add one, and how long data is kept."""
    return render_template(
        "auth/team.html",
        form=form,
        retention=retention_form,
        users=services.colleagues(current_user),
    )

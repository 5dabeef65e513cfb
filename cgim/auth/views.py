"""First-run set-up, staff sign-in and sign-out, and the team page."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import InvalidInput
from ..extensions import db
from ..forms import EmptyForm
from . import services, signin
from .access import admin_required, can
from .announce import announce
from .forms import LoginForm, SetupForm, UserForm
from .models import ROLE_NAMES

bp = Blueprint("auth", __name__)


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """First run only: create the organisation and its first admin."""
    if not services.setup_needed():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            user = services.create_first_admin(
                form.organisation.data, form.name.data, form.email.data, form.password.data
            )
        except InvalidInput as problem:  # e.g. a password too easy to guess (passwords.py)
            db.session.rollback()
            getattr(form, problem.field).errors.append(str(problem.message))
            return render_template("auth/setup.html", form=form)
        db.session.commit()
        login_user(user)
        flash(_("Welcome! Your organisation is ready."))
        return redirect(url_for("workshop.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Staff sign-in: the password step (cgim/auth/signin.py counts, locks, asks for the code)."""
    if services.setup_needed():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        outcome = signin.with_password(
            form.email.data, form.password.data, request.args.get("next")
        )
        if outcome.go:
            return redirect(outcome.go)
        form.password.errors.append(outcome.problem)
        return render_template("auth/login.html", form=form), outcome.status
    return render_template("auth/login.html", form=form)


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
            announce(
                current_user, "add account", what=f"{form.name.data}, {role_name(form.role.data)}"
            )
            db.session.commit()
            flash(_("Account added for %(name)s.", name=form.name.data))
            return redirect(url_for("auth.team"))
    return team_page(form)


def team_page(form: UserForm):
    """The team page: accounts and the form to add one (settings are on /team/settings)."""
    return render_template("auth/team.html", form=form, users=services.colleagues(current_user))


@bp.app_template_global("can")
def can_here(permission: str) -> bool:
    """For templates: may the signed-in staff member do this? (cgim/auth/access.py decides.)"""
    return can(current_user, permission)


@bp.app_template_global()
def role_name(role: str) -> str:
    """A role as staff read it, e.g. "Programme lead"."""
    return str(ROLE_NAMES.get(role, role))

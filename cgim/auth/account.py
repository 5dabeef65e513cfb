"""Your own account: see it, change your password; and the page a reset link opens."""

from flask import Blueprint, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import guesses
from ..errors import InvalidInput
from ..extensions import db
from . import lifecycle, resets
from .account_forms import ROLE_WORDS, ChangePasswordForm, NewPasswordForm

bp = Blueprint("account", __name__)


def account_page(form: ChangePasswordForm, status: int = 200):
    """Who you are here, and the form to change your password."""
    return render_template("auth/account.html", form=form, role_words=ROLE_WORDS), status


@bp.get("/account")
@login_required
def index():
    """Your name, email, role and organisation, and a new password."""
    return account_page(ChangePasswordForm(formdata=None))


@bp.post("/account/password")
@login_required
def password():
    """A new password; every other session of this account ends, this one carries on."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return account_page(form)
    # Wrong current passwords count against the account like wrong sign-ins.
    attempt = guesses.Attempt("login", target=current_user.email)
    refused = attempt.refusal()
    if refused:
        form.current_password.errors.append(refused.message())
        return account_page(form, 429)
    user = current_user._get_current_object()
    try:
        lifecycle.change_password(user, form.current_password.data, form.password.data)
    except InvalidInput as problem:
        db.session.rollback()
        if problem.field == "current_password":
            attempt.failed()
        getattr(form, problem.field).errors.append(str(problem.message))
        return account_page(form)
    db.session.commit()
    login_user(user)  # the new session version: this browser stays signed in
    flash(_("Your password is changed. Any other device signed in as you is now signed out."))
    return redirect(url_for("account.index"))


def private(response):
    """A page whose address holds a secret: never stored by the browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    """The link an admin handed over: choose a new password, then sign in with it."""
    link = resets.valid(token)
    if link is None:
        page = render_template("auth/reset_gone.html")
        return private(make_response(page, 404))
    user = resets.user_of(link)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            resets.redeem(link, form.password.data)
        except InvalidInput as problem:
            db.session.rollback()
            getattr(form, problem.field).errors.append(str(problem.message))
        else:
            db.session.commit()
            if current_user.is_authenticated:
                logout_user()
            flash(_("Your new password is saved. Please sign in with it."))
            return redirect(url_for("auth.login"))
    page = render_template("auth/reset.html", form=form, user=user)
    return private(make_response(page))

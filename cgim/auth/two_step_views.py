"""Two-step sign-in pages: set it up at /account/two-step, and the code step of signing in."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import guesses
from ..extensions import db
from . import signin, two_step
from .signin_forms import ConfirmAppForm, PasswordCheckForm, SignInCodeForm

bp = Blueprint("two_step", __name__)
NEW_SECRET = "two_step_new"  # noqa: S105 (a session key, not a secret)


def new_secret() -> str:
    """The secret being set up in this browser: the same one until it is confirmed."""
    secret = session.get(NEW_SECRET)
    if not isinstance(secret, str) or len(secret) != 32:
        secret = two_step.new_secret()
        session[NEW_SECRET] = secret
    return secret


@bp.route("/account/two-step", methods=["GET", "POST"])
@login_required
def setup():
    """Turn two-step sign-in on (QR code, the key in text, one code), or see that it is on."""
    if two_step.is_on(current_user):
        return on_page()
    form, secret = ConfirmAppForm(), new_secret()
    if form.validate_on_submit():
        made = two_step.turn_on(current_user, secret, form.code.data)
        if made:
            db.session.commit()
            session.pop(NEW_SECRET, None)
            return codes_page(made, signin.setup_done(), first=True)
        form.code.errors.append(
            _("That code did not work. Check the app shows this account, then try the new code.")
        )
    return render_template(
        "auth/two_step/setup.html",
        form=form,
        secret=two_step.grouped(secret),
        required=signin.SETUP in session,
    )


@bp.get("/account/two-step/qr.svg")
@login_required
def qr():
    """The QR code of the secret being set up, for the authenticator app to scan."""
    secret = session.get(NEW_SECRET)
    if not isinstance(secret, str) or two_step.is_on(current_user):
        abort(404)
    title = _("QR code to add your account to an authenticator app")
    return Response(two_step.qr_svg(current_user, secret, title), mimetype="image/svg+xml")


def on_page(form: PasswordCheckForm | None = None, status: int = 200):
    """Two-step sign-in is on: how many recovery codes are left, new codes, turning it off."""
    page = render_template(
        "auth/two_step/on.html",
        record=two_step.record_of(current_user),
        left=two_step.recovery_codes_left(current_user),
        required=two_step.required_for(current_user),
        form=form or PasswordCheckForm(formdata=None),
    )
    return page, status


def codes_page(made: list[str], carry_on: str, first: bool = False):
    """The recovery codes, shown once: they are stored hashed and cannot be shown again."""
    return render_template("auth/two_step/codes.html", codes=made, carry_on=carry_on, first=first)


def password_ok(form: PasswordCheckForm) -> bool:
    """The signed-in user typed their own password (wrong ones count like sign-in guesses)."""
    if not form.validate_on_submit():
        return False
    attempt = guesses.Attempt("login", target=current_user.email)
    refused = attempt.refusal()
    if refused:
        form.password.errors.append(refused.message())
        return False
    if current_user.check_password(form.password.data):
        return True
    attempt.failed()
    form.password.errors.append(_("That is not your password. Please try again."))
    return False


@bp.post("/account/two-step/off")
@login_required
def turn_off():
    """Turn two-step sign-in off, or start again on a new phone if the organisation asks for it."""
    if not two_step.is_on(current_user):
        return redirect(url_for("two_step.setup"))
    form = PasswordCheckForm()
    if not password_ok(form):
        return on_page(form, 400)
    two_step.turn_off(current_user)
    db.session.commit()
    if two_step.required_for(current_user):
        # A new phone: the organisation's rule holds them at set-up until it is on again.
        session[signin.SETUP] = url_for("workshop.index")
        flash(_("Now set up two-step sign-in on your new phone."))
    else:
        flash(_("Two-step sign-in is off. You can turn it on again at any time."))
    return redirect(url_for("two_step.setup"))


@bp.post("/account/two-step/recovery-codes")
@login_required
def new_codes():
    """Ten new recovery codes; the old ones stop working."""
    if not two_step.is_on(current_user):
        return redirect(url_for("two_step.setup"))
    form = PasswordCheckForm()
    if not password_ok(form):
        return on_page(form, 400)
    made = two_step.new_recovery_codes(current_user)
    db.session.commit()
    return codes_page(made, url_for("two_step.setup"))


@bp.route("/login/code", methods=["GET", "POST"])
def code():
    """The second step of signing in: a code from the app, or a recovery code."""
    if signin.pending_user() is None:
        flash(_("Please sign in again."))
        return redirect(url_for("auth.login"))
    form = SignInCodeForm()
    if form.validate_on_submit():
        outcome = signin.with_code(form.code.data)
        if outcome.go:
            if outcome.note:
                flash(outcome.note)
            response = redirect(outcome.go)
            if form.remember.data and current_user.is_authenticated:
                two_step.remember_cookie(response, current_user)
            return response
        form.code.errors.append(outcome.problem)
        return render_template("auth/two_step/code.html", form=form), outcome.status
    return render_template("auth/two_step/code.html", form=form)

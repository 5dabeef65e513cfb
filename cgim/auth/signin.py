"""Signing staff in: the password, then the two-step code or its set-up; idle sessions end.

Between the password and the code the browser holds only a short-lived note (PENDING) of who
it is; the session is made once both are right. A user whose organisation asks for two-step
sign-in and who has not set it up is signed in but sent to set-up (SETUP) before anything else.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from .. import guesses, timeutil
from ..extensions import db
from . import lockout, services, two_step
from .models import User

PENDING = "two_step_pending"
SETUP = "two_step_setup"
SEEN = "staff_seen"
PENDING_MINUTES = 10
# The last request's time is written again only after this many seconds: fewer new cookies.
SEEN_EVERY = 15
# Endpoints that neither count as activity nor need two-step set-up first.
QUIET = {"signin.idle", "static"}
DURING_SETUP = {
    "two_step.setup",
    "two_step.qr",
    "auth.logout",
    "signin.idle",
    "signin.stay",
    "static",
}


@dataclass(frozen=True)
class Outcome:
    """Where a sign-in step leads, or why it did not (words and a status), and a note to show."""

    go: str | None = None
    problem: str | None = None
    status: int = 200
    note: str | None = None


def now_ts() -> int:
    """Seconds since the epoch, from the app's one clock."""
    return int(timeutil.utcnow().timestamp())


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in."""
    parts = urlsplit(target or "")
    local = bool(target) and not parts.scheme and not parts.netloc
    if local and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("workshop.index")


def _joined(*parts: str | None) -> str:
    """Messages as one line (a field shows one error)."""
    return " ".join(str(part) for part in parts if part)


def _budgets(email: str) -> tuple[guesses.Attempt, Outcome | None]:
    """The guess budgets of this browser, address and service: the try, and any refusal."""
    attempt = guesses.Attempt("login", target=email)
    refused = attempt.refusal()
    return attempt, Outcome(problem=refused.message(), status=429) if refused else None


def _refused(refused: lockout.Refused) -> Outcome:
    """The account's own wait or lock, as the page says it."""
    db.session.commit()
    return Outcome(problem=refused.message, status=429)


def with_password(email: str, password: str, next_url: str | None) -> Outcome:
    """The first step: a wrong password is counted; a right one signs in or asks for the code."""
    email = services.normalise_email(email)
    attempt, refused = _budgets(email)
    if refused:
        return refused
    claim = lockout.claim(email)
    if isinstance(claim, lockout.Refused):
        # Locked: only an account an admin has unlocked since may go on (its own password).
        user = lockout.passed_account(email, password) if claim.locked else None
        if user is None:
            return _refused(claim)
    else:
        user = services.authenticate(email, password)
    if user is None:
        attempt.failed()
        db.session.commit()
        wrong = _("That email and password do not match an account.")
        return Outcome(problem=_joined(wrong, lockout.after_failure(claim)))
    guesses.trust_this_device("staff")
    if two_step.is_on(user) and not two_step.is_remembered(user):
        if isinstance(claim, lockout.Claim):
            lockout.give_back(claim)
        db.session.commit()
        session[PENDING] = {"id": user.get_id(), "at": now_ts(), "next": safe_next(next_url)}
        return Outcome(go=url_for("two_step.code"))
    return Outcome(go=finish(user, next_url))


def pending_user() -> User | None:
    """Who passed the password step in this browser in the last few minutes, if anyone."""
    found = session.get(PENDING)
    if not isinstance(found, dict) or not isinstance(found.get("id"), str):
        return None
    if now_ts() - int(found.get("at") or 0) > PENDING_MINUTES * 60:
        session.pop(PENDING, None)
        return None
    user = services.load_user(found["id"])
    return user if user is not None and two_step.is_on(user) else None


def with_code(typed: str) -> Outcome:
    """The second step: an app code or a recovery code, counted like passwords."""
    user = pending_user()
    if user is None:
        return Outcome(go=url_for("auth.login"), note=_("Please sign in again."))
    attempt, refused = _budgets(user.email)
    if refused:
        return refused
    claim = lockout.claim(user.email)
    if isinstance(claim, lockout.Refused) and not (claim.locked and lockout.has_pass(user)):
        return _refused(claim)
    kind = two_step.check_code(user, typed)
    if kind is None:
        attempt.failed()
        db.session.commit()
        wrong = _(
            "That code did not work. Please check it, or wait for the next one, and try again."
        )
        counted = lockout.after_failure(claim) if isinstance(claim, lockout.Claim) else None
        return Outcome(problem=_joined(wrong, counted))
    note = None
    if kind == "recovery":
        left = two_step.recovery_codes_left(user)
        note = ngettext(
            "You used a recovery code. You have %(num)s left.",
            "You used a recovery code. You have %(num)s left.",
            left,
        )
    return Outcome(go=finish(user, session[PENDING].get("next")), note=note)


def finish(user: User, next_url: str | None) -> str:
    """Both steps done: the session starts; set-up first if the organisation asks for it."""
    lockout.signed_in(user)
    db.session.commit()
    session.pop(PENDING, None)
    login_user(user)
    session[SEEN] = now_ts()
    target = safe_next(next_url)
    if two_step.required_for(user) and not two_step.is_on(user):
        session[SETUP] = target
        return url_for("two_step.setup")
    return target


def idle_limit(user: User) -> int:
    """Seconds without a request after which this user's session ends."""
    return int(user.organisation.idle_minutes) * 60


def seconds_left() -> int:
    """How long this staff session lasts without another request (0 when signed out)."""
    if not current_user.is_authenticated:
        return 0
    seen = session.get(SEEN)
    if not isinstance(seen, int):
        return idle_limit(current_user)
    return max(0, idle_limit(current_user) - (now_ts() - seen))


def before_request():
    """End an idle staff session; count this request as activity; hold back until set-up."""
    if request.endpoint in (None, "static") or not current_user.is_authenticated:
        return None
    if isinstance(session.get(SEEN), int) and seconds_left() <= 0:
        minutes = current_user.organisation.idle_minutes
        logout_user()
        session.pop(SEEN, None)
        session.pop(SETUP, None)
        # Also after a script's request: the sign-in page it leads to then says why.
        flash(
            ngettext(
                "You were signed out after %(num)s minute without activity. Please sign in again.",
                "You were signed out after %(num)s minutes without activity. Please sign in again.",
                minutes,
            )
        )
        return None
    seen = session.get(SEEN)
    stale = not isinstance(seen, int) or now_ts() - seen >= SEEN_EVERY
    if request.endpoint not in QUIET and stale:
        session[SEEN] = now_ts()
    if SETUP in session and request.endpoint not in DURING_SETUP:
        return redirect(url_for("two_step.setup"))
    return None


def setup_done() -> str:
    """Two-step sign-in is set up: where the person was going before set-up held them."""
    return safe_next(session.pop(SETUP, None))

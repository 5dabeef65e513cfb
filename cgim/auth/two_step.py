"""Two-step sign-in: authenticator codes (TOTP), one-time recovery codes, remembered devices."""

import hashlib
import io
import re
from datetime import timedelta

import pyotp
import segno
from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import codes, timeutil
from ..extensions import db
from .announce import announce
from .models import User
from .signin_models import RecoveryCode, TwoStep

ISSUER = "Caring Adults"
STEP_SECONDS = 30
RECOVERY_CODES = 10
RECOVERY_LENGTH = 12  # 31**12 codes; the first HINT characters find the row
HINT = 4
REMEMBER_COOKIE = "cgim_device"
REMEMBER_DAYS = 30


def record_of(user: User) -> TwoStep | None:
    """The user's confirmed authenticator, or None when two-step sign-in is off."""
    return db.session.get(TwoStep, user.id)


def is_on(user: User) -> bool:
    """True when the user has confirmed an authenticator app."""
    return record_of(user) is not None


def required_for(user: User) -> bool:
    """The organisation asks this user to use two-step sign-in."""
    rule = user.organisation.two_step_for
    return rule == "everyone" or (rule == "admins" and user.is_admin)


def new_secret() -> str:
    """A fresh random secret for an authenticator app (base32, 160 bits)."""
    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(user: User, secret: str, title: str) -> bytes:
    """The QR code an authenticator app scans to add this account."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=6, border=2, title=title)
    return out.getvalue()


def matching_step(secret: str, typed: str, after: int | None = None) -> int | None:
    """The 30-second step whose code was typed (now, or one step either side), or None."""
    code = re.sub(r"\s", "", typed or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = timeutil.utcnow()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=offset * STEP_SECONDS)
        step = totp.timecode(moment)
        if (after is None or step > after) and totp.at(moment) == code:
            return step
    return None


def turn_on(user: User, secret: str, typed: str) -> list[str] | None:
    """Confirm a new authenticator with one of its codes; the new recovery codes, or None."""
    step = matching_step(secret, typed)
    if step is None:
        return None
    record = record_of(user) or TwoStep(user_id=user.id)
    record.secret, record.last_step, record.confirmed_at = secret, step, timeutil.utcnow()
    db.session.add(record)
    announce(user, "set up two-step")
    return new_recovery_codes(user)


def turn_off(user: User) -> None:
    """Forget the authenticator and recovery codes; remembered devices stop working with them."""
    db.session.execute(delete(TwoStep).where(TwoStep.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    announce(user, "remove two-step")


def normalise_recovery(typed: str) -> str | None:
    """A recovery code as stored, ignoring case, spaces and dashes; None if it cannot be one."""
    return codes.normalise(typed, RECOVERY_LENGTH)


def display_recovery(code: str) -> str:
    """A recovery code in groups of four: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_recovery_codes(user: User) -> list[str]:
    """Ten new one-time codes (the old ones stop working), shown once and stored hashed."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    made: dict[str, str] = {}
    while len(made) < RECOVERY_CODES:
        code = codes.new_code(RECOVERY_LENGTH)
        made.setdefault(code[:HINT], code)
    for hint, code in made.items():
        db.session.add(
            RecoveryCode(user_id=user.id, hint=hint, code_hash=generate_password_hash(code))
        )
    db.session.flush()
    return [display_recovery(code) for code in made.values()]


def recovery_codes_left(user: User) -> int:
    """How many recovery codes the user has not used yet."""
    query = select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
    )
    return len(db.session.scalars(query).all())


def check_code(user: User, typed: str) -> str | None:
    """Accept an app code (never the same one twice) or an unused recovery code (then used up).

    Returns "app" or "recovery" for the kind accepted, None for a wrong code.
    """
    record = record_of(user)
    if record is None:
        return None
    step = matching_step(record.secret, typed, after=record.last_step)
    if step is not None:
        record.last_step = step
        return "app"
    code = normalise_recovery(typed)
    if code is None:
        return None
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.hint == code[:HINT],
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None or not check_password_hash(found.code_hash, code):
        return None
    found.used_at = timeutil.utcnow()
    return "recovery"


def _serializer() -> URLSafeTimedSerializer:
    """Signs remembered-device cookies with the app's secret key."""
    return URLSafeTimedSerializer(current_app.secret_key, salt="cgim-remember-device")


def _stamp(user: User, record: TwoStep) -> str:
    """Changes when two-step is turned off and on again or the password changes."""
    material = f"{user.id}|{record.secret}|{record.confirmed_at:%Y%m%d%H%M%S}|{user.password_hash}"
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def remember_token(user: User) -> str:
    """The cookie value that lets this browser skip the code for REMEMBER_DAYS."""
    record = record_of(user)
    assert record is not None
    return _serializer().dumps({"u": user.id, "s": _stamp(user, record)})


def is_remembered(user: User) -> bool:
    """This browser holds a valid, unexpired, unrevoked remembered-device cookie for the user."""
    record, token = record_of(user), request.cookies.get(REMEMBER_COOKIE)
    if record is None or not token:
        return False
    try:
        found = _serializer().loads(token, max_age=REMEMBER_DAYS * 24 * 60 * 60)
    except BadSignature:
        return False
    return isinstance(found, dict) and found == {"u": user.id, "s": _stamp(user, record)}


def remember_cookie(response, user: User) -> None:
    """Set the remembered-device cookie on a response (sign-in pages only, HTTP only)."""
    response.set_cookie(
        REMEMBER_COOKIE,
        remember_token(user),
        max_age=REMEMBER_DAYS * 24 * 60 * 60,
        path="/login",
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure,
    )

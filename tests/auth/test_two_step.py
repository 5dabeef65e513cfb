"""Two-step sign-in: set-up with a QR code and the key in text, codes at sign-in, recovery codes,
remembered devices, and organisations that require it."""

import time

import pyotp
import pytest
from sqlalchemy import select

from cgim.auth import lockout, two_step
from cgim.auth.models import Organisation, User
from cgim.auth.signin_models import RecoveryCode, TwoStep
from cgim.extensions import db
from tests.auth.signin_helpers import (
    LOCKED,
    codes_on,
    email_of,
    from_address,
    secret_on,
    sign_in,
    signed_in,
    turn_on,
)

pytestmark = pytest.mark.usefixtures("quick_hashing")
WRONG_CODE = "That code did not work. Please check it, or wait for the next one, and try again."


def next_code(secret: str) -> str:
    """The app's next code: the one set-up used is never accepted twice (and is still showing)."""
    return pyotp.TOTP(secret).at(time.time() + two_step.STEP_SECONDS)


def again(client, app, user_id: int, **kwargs):
    """Sign out, then give the password again."""
    client.post("/logout")
    return sign_in(client, email_of(app, user_id), **kwargs)


def give_code(client, code: str, remember: bool = False):
    """POST the code step."""
    data = {"code": code, **({"remember": "y"} if remember else {})}
    return client.post("/login/code", data=data)


def require(app, org_id: int, who: str) -> None:
    """The organisation asks `who` to use two-step sign-in."""
    with app.app_context():
        db.session.get(Organisation, org_id).two_step_for = who
        db.session.commit()


def test_set_up_shows_a_qr_code_and_the_key_then_a_code_turns_it_on(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    page = client.get("/account/two-step").text
    secret = secret_on(page)
    assert len(secret) == 32
    assert 'src="/account/two-step/qr.svg"' in page and "alt=" in page
    qr = client.get("/account/two-step/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data

    wrong = client.post("/account/two-step", data={"code": "000000"})
    assert "That code did not work." in wrong.text
    assert secret_on(wrong.text) == secret  # the same key until it is confirmed
    done = client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()})

    codes = codes_on(done.text)
    assert len(codes) == len(set(codes)) == 10
    assert "We will not show them again." in done.text
    with app.app_context():
        assert db.session.get(TwoStep, user_id).secret == secret
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10
        assert not any(code.replace("-", "") in h or code in h for h in stored for code in codes)
    on = client.get("/account/two-step").text
    assert "Two-step sign-in is on" in on and "You have 10 recovery codes left." in on
    assert codes[0] not in on
    assert client.get("/account/two-step/qr.svg").status_code == 404


def test_sign_in_then_asks_for_the_code(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    secret, _codes = turn_on(client)

    response = again(client, app, user_id)

    assert response.location == "/login/code"
    assert not signed_in(client)
    page = client.get("/login/code").text
    assert "Code from your app, or a recovery code" in page
    wrong = give_code(client, "123456")
    assert wrong.status_code == 200 and WRONG_CODE in wrong.text
    assert not signed_in(client)
    assert give_code(client, next_code(secret)).location == "/workshops/"
    assert signed_in(client)


def test_a_code_works_only_once(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    secret, _codes = turn_on(client)
    used = pyotp.TOTP(secret).now()  # the one set-up just accepted
    again(client, app, user_id)
    refused = give_code(client, used)
    assert WRONG_CODE in refused.text
    assert not signed_in(client)


def test_the_code_step_needs_the_password_first(client, make_user):
    make_user()
    response = client.get("/login/code")
    assert response.location == "/login"
    assert "Please sign in again." in client.get("/login").text
    assert give_code(client, "123456").location == "/login"


def test_the_code_step_expires(app, clock, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    turn_on(client)
    again(client, app, user_id)
    clock.advance(minutes=11)
    assert client.get("/login/code").location == "/login"


def test_a_recovery_code_works_once(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    _secret, codes = turn_on(client)

    again(client, app, user_id)
    used = give_code(client, codes[3].lower().replace("-", " "))
    assert used.location == "/workshops/"
    assert "You used a recovery code. You have 9 left." in client.get("/workshops/").text

    again(client, app, user_id)
    assert WRONG_CODE in give_code(client, codes[3]).text
    assert not signed_in(client)
    assert give_code(client, codes[4]).location == "/workshops/"


def test_wrong_codes_count_like_wrong_passwords(app, clock, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    secret, _codes = turn_on(client)
    client.post("/logout")
    for n in range(lockout.LOCK_AFTER):
        clock.advance(seconds=lockout.wait_after(n) + 1)
        # The right password does not wipe out wrong codes: they go on counting.
        assert sign_in(client, email_of(app, user_id)).location == "/login/code"
        assert WRONG_CODE in give_code(client, "000000").text
    right = give_code(client, pyotp.TOTP(secret).at(clock.now))
    assert right.status_code == 429
    assert LOCKED in right.text.replace("&#39;", "'")
    assert sign_in(from_address(app, "127.0.20.1"), email_of(app, user_id)).status_code == 429


def test_a_remembered_device_skips_the_code_until_revoked(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    secret, _codes = turn_on(client)
    again(client, app, user_id)
    assert give_code(client, next_code(secret), remember=True).location == "/workshops/"
    cookie = client.get_cookie(two_step.REMEMBER_COOKIE, path="/login")
    assert cookie is not None and cookie.http_only

    assert again(client, app, user_id).location == "/workshops/"  # no code this time
    elsewhere = from_address(app, "127.0.21.1")  # the cookie stays on the device it was set on
    assert sign_in(elsewhere, email_of(app, user_id)).location == "/login/code"

    with app.app_context():  # a password change revokes it
        user = db.session.get(User, user_id)
        user.set_password("a brand new password")
        db.session.commit()
    assert again(client, app, user_id, password="a brand new password").location == "/login/code"


def test_turning_off_and_on_forgets_remembered_devices(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    secret, _codes = turn_on(client)
    again(client, app, user_id)
    give_code(client, next_code(secret), remember=True)

    wrong = client.post("/account/two-step/off", data={"password": "not my password"})
    assert wrong.status_code == 400 and "That is not your password." in wrong.text
    off = client.post("/account/two-step/off", data={"password": "correct horse battery"})
    assert off.location == "/account/two-step"
    with app.app_context():
        assert db.session.get(TwoStep, user_id) is None
        assert db.session.scalars(select(RecoveryCode)).all() == []
    assert again(client, app, user_id).location == "/workshops/"  # no code while it is off

    turn_on(client)
    assert again(client, app, user_id).location == "/login/code"  # the old device is forgotten


def test_new_recovery_codes_replace_the_old_ones(app, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    _secret, old = turn_on(client)
    page = client.post(
        "/account/two-step/recovery-codes", data={"password": "correct horse battery"}
    )
    new = codes_on(page.text)
    assert len(new) == 10 and not set(new) & set(old)
    again(client, app, user_id)
    assert WRONG_CODE in give_code(client, old[0]).text
    assert give_code(client, new[0]).location == "/workshops/"


@pytest.mark.parametrize(
    ("rule", "role", "asked"),
    [
        ("admins", "admin", True),
        ("admins", "facilitator", False),
        ("everyone", "facilitator", True),
        ("nobody", "admin", False),
    ],
)
def test_an_organisation_can_require_it(app, client, make_user, rule, role, asked):
    user_id, org_id = make_user(role)
    require(app, org_id, rule)

    response = sign_in(client, email_of(app, user_id), query_string={"next": "/workshops/new"})

    if not asked:
        assert response.location == "/workshops/new"
        return
    assert response.location == "/account/two-step"
    for held in ("/workshops/", "/workshops/new", "/team", "/"):
        assert client.get(held).location == "/account/two-step"
    assert client.get("/account/idle").status_code == 200
    page = client.get("/account/two-step").text
    assert "Your organisation asks you to use two-step sign-in." in page
    done = client.post("/account/two-step", data={"code": pyotp.TOTP(secret_on(page)).now()})
    assert 'href="/workshops/new"' in done.text  # carry on where they were going
    assert signed_in(client)


def test_it_stays_on_when_the_organisation_requires_it(app, client, make_user, login):
    user_id, org_id = make_user("admin")
    login(client, user_id)
    turn_on(client)
    require(app, org_id, "everyone")
    page = client.get("/account/two-step").text
    assert "Turn two-step sign-in off" not in page
    assert "Set up on a new phone" in page

    moved = client.post("/account/two-step/off", data={"password": "correct horse battery"})

    assert moved.location == "/account/two-step"
    assert client.get("/workshops/").location == "/account/two-step"  # held until set up again
    setup = client.get("/account/two-step").text
    assert "Your organisation asks you to use two-step sign-in." in setup
    done = client.post("/account/two-step", data={"code": pyotp.TOTP(secret_on(setup)).now()})
    assert len(codes_on(done.text)) == 10
    assert signed_in(client)


def test_an_admin_sets_the_sign_in_rules(app, client, make_user, login):
    admin_id, org_id = make_user("admin")
    login(client, admin_id)
    assert "Change sign-in rules" in client.get("/team").text
    bad = client.post("/team/sign-in", data={"two_step_for": "admins", "idle_minutes": "2"})
    assert bad.status_code == 400 and "Please choose from 5 to 480 minutes." in bad.text
    assert 'value="2"' in bad.text
    words = client.post("/team/sign-in", data={"two_step_for": "admins", "idle_minutes": "soon"})
    assert "Please enter a whole number of minutes, like 30." in words.text
    odd = client.post("/team/sign-in", data={"two_step_for": "martians", "idle_minutes": "30"})
    assert odd.status_code == 400 and "Not a valid choice" in odd.text

    saved = client.post("/team/sign-in", data={"two_step_for": "everyone", "idle_minutes": "45"})

    assert saved.location == "/team/sign-in"
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        assert (org.two_step_for, org.idle_minutes) == ("everyone", 45)
    team = client.get("/team").text
    assert "Everyone must use two-step sign-in." in team
    assert "Staff are signed out after 45 minutes without activity." in team


def test_sign_in_rules_are_for_admins_only(app, client, make_user, login):
    user_id, org_id = make_user("facilitator")
    login(client, user_id)
    assert client.get("/team/sign-in").status_code == 404
    assert client.post("/team/sign-in", data={"two_step_for": "nobody"}).status_code == 404
    with app.app_context():
        assert db.session.get(Organisation, org_id).two_step_for == "nobody"


def test_two_step_pages_need_sign_in(client, make_user):
    make_user()
    for path in ("/account/two-step", "/account/two-step/qr.svg"):
        assert client.get(path).location.startswith("/login")
    assert client.post("/account/two-step/off").location.startswith("/login")

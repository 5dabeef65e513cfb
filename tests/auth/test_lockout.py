"""Wrong passwords per account: a growing wait, then a lock that holds on any address until an
admin lifts it (or a day passes); emails nobody has behave the same."""

import pytest
from markupsafe import escape
from sqlalchemy import select

from cgim.auth import lockout
from cgim.auth.models import Organisation, User
from cgim.auth.signin_models import SignInFailures
from cgim.extensions import db
from tests.auth.signin_helpers import LOCKED, WRONG, email_of, from_address, sign_in, signed_in

pytestmark = pytest.mark.usefixtures("quick_hashing")


def text(response) -> str:
    """The page with apostrophes as typed (Jinja escapes them)."""
    return response.text.replace("&#39;", "'")


def fail_until_locked(app, clock, email: str, net: str = "127.0.8") -> list:
    """Ten wrong passwords, each from a new browser on a new address, waiting as asked."""
    answers = []
    for n in range(lockout.LOCK_AFTER):
        clock.advance(seconds=lockout.wait_after(n) + 1)
        answer = sign_in(from_address(app, f"{net}.{n + 1}"), email, "wrong password")
        assert answer.status_code == 200, answer.text
        answers.append(answer)
    return answers


def test_the_wait_grows_then_the_account_locks():
    assert [lockout.wait_after(n) for n in range(11)] == [
        0,
        0,
        0,
        30,
        60,
        120,
        240,
        480,
        900,
        900,
        900,
    ]


def test_after_three_wrong_passwords_the_next_try_waits_even_with_the_right_one(
    app, clock, make_user
):
    user_id, _org = make_user()
    email = email_of(app, user_id)
    for n in range(2):
        assert WRONG in sign_in(from_address(app, f"127.0.9.{n}"), email, "wrong").text
    third = sign_in(from_address(app, "127.0.9.3"), email, "wrong")
    assert WRONG in third.text
    assert "Please wait 30 seconds before you try again." in third.text

    clock.advance(seconds=20)
    early = from_address(app, "127.0.9.4")
    refused = sign_in(early, email)  # the right password, from a new address, too soon

    assert refused.status_code == 429
    assert "Please wait 10 seconds before you try again." in refused.text
    assert f'value="{email}"' in refused.text
    assert not signed_in(early)
    clock.advance(seconds=11)
    assert sign_in(early, email).status_code == 302
    assert signed_in(early)


def test_a_right_password_starts_the_count_again(app, clock, make_user):
    user_id, _org = make_user()
    email = email_of(app, user_id)
    browser = from_address(app, "127.0.10.1")
    for _ in range(2):
        sign_in(browser, email, "wrong")
    assert sign_in(browser, email).status_code == 302
    browser.post("/logout")
    for _ in range(2):
        assert "Please wait" not in sign_in(browser, email, "wrong").text
    with app.app_context():
        row = db.session.get(SignInFailures, lockout.key_for(email))
        assert row.failures == 2


@pytest.mark.parametrize("known", [True, False], ids=["account", "unknown-email"])
def test_ten_wrong_passwords_from_rotating_addresses_lock_the_account(app, clock, make_user, known):
    user_id, _org = make_user()
    other_id, _org = make_user()
    email = email_of(app, user_id) if known else "nobody@example.org"

    answers = fail_until_locked(app, clock, email)

    assert LOCKED in text(answers[-1])  # the tenth says so at once
    clock.advance(minutes=120)  # long after every wait and every guess window
    fresh = from_address(app, "127.0.11.1")
    locked = sign_in(fresh, email.upper())  # the right password, a new address and browser
    assert locked.status_code == 429
    page = text(locked)
    assert LOCKED in page
    assert "This account is locked to keep it safe, after too many wrong tries." in page
    assert "If nobody can, it unlocks by itself after 24 hours." in page
    assert f'value="{escape(email.upper())}"' in locked.text
    assert not signed_in(fresh)
    # Nothing else is locked: another account signs in from the same browser and address.
    assert sign_in(fresh, email_of(app, other_id)).status_code == 302


def test_the_lock_lifts_by_itself_after_a_day(app, clock, make_user):
    user_id, _org = make_user()
    email = email_of(app, user_id)
    fail_until_locked(app, clock, email)
    clock.advance(minutes=24 * 60 - 1)
    assert sign_in(from_address(app, "127.0.12.1"), email).status_code == 429

    clock.advance(minutes=2)

    assert sign_in(from_address(app, "127.0.12.2"), email).status_code == 302
    with app.app_context():  # a day-old row is gone, and signing in cleared the account's
        assert db.session.scalars(select(SignInFailures)).all() == []


def test_an_admin_unlocks_a_locked_colleague(app, clock, client, make_user, login):
    admin_id, org_id = make_user("admin")
    with app.app_context():
        org = db.session.get(Organisation, org_id)
    user_id, _org = make_user(organisation=org, name="Fran Facilitator")
    email = email_of(app, user_id)
    fail_until_locked(app, clock, email)
    login(client, admin_id)

    team = text(client.get("/team"))
    assert team.count("Locked after too many wrong tries") == 1
    assert "Unlock Fran Facilitator" in team
    response = client.post(f"/team/{user_id}/unlock")

    assert response.location == "/team"
    after = text(client.get("/team"))
    assert "Fran Facilitator can sign in again now." in after
    assert "Locked after too many wrong tries" not in after
    fran = from_address(app, "127.0.13.1")
    assert sign_in(fran, email).status_code == 302
    assert signed_in(fran)


@pytest.mark.parametrize("who", ["other-admin", "facilitator"])
def test_only_an_admin_of_the_same_organisation_can_unlock(
    app, clock, client, make_user, login, who
):
    _admin, org_id = make_user("admin")
    with app.app_context():
        org = db.session.get(Organisation, org_id)
    user_id, _org = make_user(organisation=org)
    email = email_of(app, user_id)
    fail_until_locked(app, clock, email)
    if who == "other-admin":
        stranger, _other = make_user("admin")
    else:
        stranger, _same = make_user("facilitator", organisation=org)
    login(client, stranger)

    assert client.post(f"/team/{user_id}/unlock").status_code == 404
    assert client.post("/team/2147483647/unlock").status_code == 404
    assert sign_in(from_address(app, "127.0.14.1"), email).status_code == 429


def test_tries_at_the_same_moment_check_one_password(app, clock, make_user, monkeypatch):
    """A try is counted before its password is checked: one that read an old count loses."""
    email = email_of(app, make_user()[0])
    with app.test_request_context(method="POST"):
        read_first = lockout._current(lockout.key_for(email), clock.now)  # nothing yet
        assert isinstance(lockout.claim(email), lockout.Claim)  # another try got in first
        with monkeypatch.context() as patch:
            patch.setattr(lockout, "_current", lambda key, now: read_first)
            assert lockout.claim(email) == lockout.Refused(lockout.wait_message(1))
        read_second = lockout._current(lockout.key_for(email), clock.now)
        assert isinstance(lockout.claim(email), lockout.Claim)
        with monkeypatch.context() as patch:
            patch.setattr(lockout, "_current", lambda key, now: read_second)
            assert lockout.claim(email) == lockout.Refused(lockout.wait_message(1))
        db.session.commit()
        assert db.session.get(SignInFailures, lockout.key_for(email)).failures == 2


# --- one email with accounts in two organisations ------------------------------------------
SHARED = "sam@shared.example"
OTHER_PASSWORD = "the other organisation's password"


def two_accounts(app, make_user) -> dict:
    """Sam at Riverside and Sam at Hilltop (own password), each organisation with an admin."""
    people = {}
    for place in ("river", "hill"):
        admin_id, org_id = make_user("admin")
        with app.app_context():
            org = db.session.get(Organisation, org_id)
        sam_id, _org = make_user(organisation=org, email=SHARED, name=f"Sam {place.title()}")
        people[place] = {"sam": sam_id, "admin": admin_id}
    with app.app_context():
        db.session.get(User, people["hill"]["sam"]).set_password(OTHER_PASSWORD)
        db.session.commit()
    return people


def test_signing_in_to_one_account_does_not_reset_tries_at_another(app, clock, make_user):
    two_accounts(app, make_user)
    for n in range(lockout.LOCK_AFTER - 1):  # someone guesses at Hilltop's Sam
        clock.advance(seconds=lockout.wait_after(n) + 1)
        sign_in(from_address(app, f"127.0.15.{n + 1}"), SHARED, "wrong")
    clock.advance(seconds=lockout.wait_after(9) + 1)
    assert sign_in(from_address(app, "127.0.16.1"), SHARED).status_code == 302  # Riverside's

    clock.advance(seconds=1)
    tenth = sign_in(from_address(app, "127.0.16.2"), SHARED, "wrong")

    assert LOCKED in text(tenth)  # the guesses at Hilltop's Sam kept counting
    clock.advance(minutes=60)
    hill = sign_in(from_address(app, "127.0.16.3"), SHARED, OTHER_PASSWORD)
    assert hill.status_code == 429


def test_an_admin_unlocks_their_colleague_and_not_another_organisations(
    app, clock, make_user, login, new_client
):
    people = two_accounts(app, make_user)
    fail_until_locked(app, clock, SHARED)
    river_admin = login(new_client(), people["river"]["admin"])
    hill_admin = login(new_client(), people["hill"]["admin"])
    assert "Unlock Sam River" in text(river_admin.get("/team"))

    assert river_admin.post(f"/team/{people['river']['sam']}/unlock").location == "/team"

    assert "Unlock Sam River" not in text(river_admin.get("/team"))
    river_sam = from_address(app, "127.0.17.1")
    assert sign_in(river_sam, SHARED).status_code == 302
    assert signed_in(river_sam)
    guess = sign_in(from_address(app, "127.0.17.2"), SHARED, "a guess at Hilltop")
    assert guess.status_code == 429  # Hilltop's Sam stays locked: no guess is checked
    assert sign_in(from_address(app, "127.0.17.3"), SHARED, OTHER_PASSWORD).status_code == 429
    assert "Unlock Sam Hill" in text(hill_admin.get("/team"))
    assert hill_admin.post(f"/team/{people['river']['sam']}/unlock").status_code == 404

    hill_admin.post(f"/team/{people['hill']['sam']}/unlock")

    assert sign_in(from_address(app, "127.0.17.4"), SHARED, OTHER_PASSWORD).status_code == 302

"""One-time reset links: made by an admin or `cgim reset-password`, used once, within 24 hours."""

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from cgim.auth.models import PasswordReset
from cgim.cli import cli
from cgim.extensions import db
from tests.auth.account_helpers import (
    NEW_PASSWORD,
    link_on,
    path_of,
    reset_rows,
    sign_in,
    signed_in,
    team,
    user,
)

GONE = "This link does not work"


def make_link(client, member: int) -> str:
    """The admin's button on a colleague's page: the whole link shown once."""
    page = client.post(f"/team/{member}/reset-link")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    return link_on(page.text)


def use(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    """Choose a new password on the link's page."""
    return client.post(path, data={"password": password, "confirm": confirm or password})


@pytest.fixture
def admin_and_ben(app, client, make_user, login):
    """An admin signed in on `client`, and Ben, a facilitator: (admin id, ben id)."""
    admin, ben = team(app, make_user, "admin", "facilitator")
    login(client, admin)
    return admin, ben


def test_the_link_sets_a_new_password_once_and_ends_old_sessions(
    app, client, new_client, admin_and_ben, login
):
    _admin, ben = admin_and_ben
    bens_laptop = login(new_client(), ben)
    link = make_link(client, ben)
    assert link.startswith("http://localhost/reset/")
    visitor = new_client()
    page = visitor.get(path_of(link))
    assert page.status_code == 200 and user(app, ben).email in page.text
    assert page.headers["Cache-Control"] == "no-store"

    done = use(visitor, path_of(link))

    assert done.status_code == 302 and done.location == "/login"
    assert not signed_in(bens_laptop)
    assert sign_in(new_client(), app, ben).status_code == 200  # the old password fails
    assert sign_in(visitor, app, ben, NEW_PASSWORD).status_code == 302
    again = new_client().get(path_of(link))
    assert again.status_code == 404 and GONE in again.text
    assert use(new_client(), path_of(link), "another fine passphrase").status_code == 404


def test_only_a_hash_of_the_token_is_kept(app, client, admin_and_ben):
    _admin, ben = admin_and_ben
    token = make_link(client, ben).rsplit("/", 1)[1]
    assert len(token) >= 40
    [(stored, used)] = reset_rows(app, ben)
    assert stored == hashlib.sha256(token.encode()).hexdigest() and not used
    with app.app_context():
        dumped = repr(db.session.execute(select(PasswordReset.__table__)).all())
    assert token not in dumped


def test_a_weak_new_password_is_refused_and_the_link_still_works(app, client, admin_and_ben):
    _admin, ben = admin_and_ben
    path = path_of(make_link(client, ben))
    visitor = app.test_client()

    weak = use(visitor, path, "1234567890")
    differ = use(visitor, path, NEW_PASSWORD, "something else entirely")

    assert weak.status_code == 200 and "one of the most used passwords" in weak.text
    assert differ.status_code == 200 and "The two passwords differ." in differ.text
    assert use(visitor, path).status_code == 302


def test_the_link_stops_working_after_24_hours(app, client, admin_and_ben, clock):
    _admin, ben = admin_and_ben
    path = path_of(make_link(client, ben))
    clock.advance(minutes=23 * 60 + 59)
    assert app.test_client().get(path).status_code == 200
    clock.advance(minutes=2)
    late = app.test_client()
    assert late.get(path).status_code == 404
    assert use(late, path).status_code == 404
    assert sign_in(app.test_client(), app, ben, NEW_PASSWORD).status_code == 200


def test_a_new_link_replaces_the_old_one(app, client, admin_and_ben):
    _admin, ben = admin_and_ben
    first = path_of(make_link(client, ben))
    second = path_of(make_link(client, ben))
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200
    assert [used for _hash, used in reset_rows(app, ben)] == [True, False]


def test_deactivating_stops_the_link_and_no_link_is_made_for_a_leaver(app, client, admin_and_ben):
    admin, ben = admin_and_ben
    path = path_of(make_link(client, ben))
    client.post(f"/team/{ben}/deactivate", data={"successor": str(admin)})
    assert app.test_client().get(path).status_code == 404
    refused = client.post(f"/team/{ben}/reset-link")
    assert refused.status_code == 302 and len(reset_rows(app, ben)) == 1


def test_changing_the_password_stops_open_links(app, client, admin_and_ben, login):
    _admin, ben = admin_and_ben
    path = path_of(make_link(client, ben))
    bens = login(app.test_client(), ben)
    from tests.conftest import PASSWORD

    data = {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert bens.post("/account/password", data=data).status_code == 302
    assert app.test_client().get(path).status_code == 404


def test_the_link_uses_the_public_address_when_one_is_set(app, client, admin_and_ben):
    _admin, ben = admin_and_ben
    app.config["CGIM_PUBLIC_URL"] = "https://cgim.example.org/"
    assert make_link(client, ben).startswith("https://cgim.example.org/reset/")


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "%00", "a/b"])
def test_made_up_links_are_a_calm_404(client, token):
    response = client.get(f"/reset/{token}")
    assert response.status_code == 404


def test_the_command_prints_a_working_link(app, make_user):
    app.config["CGIM_PUBLIC_URL"] = "http://192.168.1.20:5000"
    (ben,) = team(app, make_user, "facilitator")
    email = user(app, ben).email

    result = app.test_cli_runner().invoke(cli, ["reset-password", email.upper()])

    assert result.exit_code == 0, result.output
    first, link = result.stdout.strip().splitlines()
    assert first.startswith(f"Reset link for {email} (works once, until ")
    assert link.startswith("http://192.168.1.20:5000/reset/")
    visitor = app.test_client()
    assert use(visitor, path_of(link)).status_code == 302
    assert sign_in(visitor, app, ben, NEW_PASSWORD).status_code == 302


def test_the_command_without_a_public_address_uses_the_serve_default(app, make_user):
    (ben,) = team(app, make_user, "facilitator")
    result = app.test_cli_runner().invoke(cli, ["reset-password", user(app, ben).email])
    assert result.stdout.strip().splitlines()[-1].startswith("http://127.0.0.1:5000/reset/")


def test_the_command_refuses_unknown_and_deactivated_accounts_in_one_line(app, make_user):
    admin, ben = team(app, make_user, "admin", "facilitator")
    with app.app_context():
        from cgim.auth.models import User
        from cgim.timeutil import utcnow

        db.session.get(User, ben).deactivated_at = utcnow() - timedelta(days=1)
        db.session.commit()
    runner = app.test_cli_runner()
    for email, words in [
        ("nobody@example.org", "no account has the email 'nobody@example.org'"),
        (user(app, ben).email, "is deactivated; reactivate it first"),
    ]:
        result = runner.invoke(cli, ["reset-password", email])
        assert result.exit_code == 2
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("Error: ") and words in line
    assert reset_rows(app, ben) == [] and reset_rows(app, admin) == []


def test_an_email_in_two_organisations_needs_the_organisation(app, make_user):
    first, _org = make_user(email="sam@example.org")
    second, other_org = make_user(email="sam@example.org")
    runner = app.test_cli_runner()
    unclear = runner.invoke(cli, ["reset-password", "sam@example.org"])
    assert unclear.exit_code == 2
    [line] = unclear.stderr.strip().splitlines()
    assert "has accounts in 2 organisations: give --organisation NAME" in line
    assert reset_rows(app, first) == [] and reset_rows(app, second) == []
    chosen = runner.invoke(
        cli, ["reset-password", "sam@example.org", "--organisation", str(other_org)]
    )
    assert chosen.exit_code == 0, chosen.output
    assert reset_rows(app, first) == [] and len(reset_rows(app, second)) == 1

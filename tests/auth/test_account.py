"""/account: who you are here, and changing your own password (other sessions end)."""

from tests.auth.account_helpers import NEW_PASSWORD, sign_in, signed_in, team, user
from tests.conftest import PASSWORD


def change(client, current: str = PASSWORD, new: str = NEW_PASSWORD, confirm: str | None = None):
    """POST the change-password form."""
    data = {"current_password": current, "password": new, "confirm": confirm or new}
    return client.post("/account/password", data=data)


def error_of(page: str, field: str) -> str:
    """The message shown beside one field."""
    return page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0].replace("&#39;", "'")


def test_the_account_page_needs_sign_in(client):
    assert client.get("/account").status_code == 302
    assert "/login" in client.get("/account").location
    assert change(client).status_code == 302


def test_the_account_page_shows_who_you_are(app, client, make_user, login):
    (ben,) = team(app, make_user, "facilitator")
    login(client, ben)
    page = client.get("/account")
    me = user(app, ben)
    assert page.status_code == 200
    for text in (me.name, me.email, me.organisation.name, "Facilitator (runs workshops)"):
        assert text in page.text
    assert 'href="/account"' in page.text  # the staff menu leads here


def test_changing_the_password_ends_other_sessions_and_keeps_this_one(
    app, client, new_client, make_user, login
):
    (ben,) = team(app, make_user, "facilitator")
    login(client, ben)
    phone = login(new_client(), ben)
    assert signed_in(phone)

    response = change(client)

    assert response.status_code == 302 and response.location == "/account"
    assert "Any other device signed in as you is now signed out." in client.get("/account").text
    assert signed_in(client)
    assert not signed_in(phone)
    assert sign_in(new_client(), app, ben).status_code == 200  # the old password fails
    assert sign_in(new_client(), app, ben, NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_changes_nothing(app, client, make_user, login):
    (ben,) = team(app, make_user, "facilitator")
    login(client, ben)
    before = user(app, ben).password_hash

    page = change(client, current="not my password")

    assert page.status_code == 200
    assert error_of(page.text, "current_password") == "That is not your current password."
    assert user(app, ben).password_hash == before
    assert signed_in(client)


def test_a_weak_or_mistyped_new_password_is_refused_beside_its_field(app, client, make_user, login):
    (ben,) = team(app, make_user, "facilitator")
    login(client, ben)
    before = user(app, ben).password_hash

    weak = change(client, new="password12")
    differ = change(client, confirm="kettle river blue socks")
    same = change(client, new=PASSWORD)

    assert "one of the most used passwords" in error_of(weak.text, "password")
    assert error_of(differ.text, "confirm") == "The two passwords differ."
    assert error_of(same.text, "password") == "Please choose a password you have not used here."
    assert PASSWORD not in weak.text + differ.text
    assert user(app, ben).password_hash == before


def test_wrong_current_passwords_count_like_wrong_sign_ins(app, client, make_user, login):
    app.config["CGIM_GUESS_LIMITS"] = {"login": {"target": "3 per 15 minutes"}}
    (ben,) = team(app, make_user, "facilitator")
    login(client, ben)
    before = user(app, ben).password_hash
    for _ in range(3):
        assert change(client, current="a wrong guess").status_code == 200

    refused = change(client)  # even the right one waits now

    assert refused.status_code == 429
    assert "too many wrong passwords" in refused.text
    assert user(app, ben).password_hash == before

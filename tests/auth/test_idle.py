"""Idle staff sessions end after the organisation's minutes; the page warns and can keep them."""

import re

import pytest

from cgim.auth.models import Organisation
from cgim.extensions import db
from tests.auth.signin_helpers import signed_in


def set_idle_minutes(app, org_id: int, minutes: int) -> None:
    """Change an organisation's idle minutes directly."""
    with app.app_context():
        db.session.get(Organisation, org_id).idle_minutes = minutes
        db.session.commit()


def test_a_session_ends_after_thirty_minutes_without_a_request(
    app, clock, client, make_user, login
):
    user_id, _org = make_user()
    login(client, user_id)
    for _ in range(3):  # each request starts the half hour again
        clock.advance(minutes=29)
        assert signed_in(client)

    clock.advance(minutes=30, seconds=1)
    response = client.get("/workshops/")

    assert response.location.startswith("/login")
    page = client.get(response.location).text
    assert "You were signed out after 30 minutes without activity. Please sign in again." in page
    assert not signed_in(client)
    assert client.get("/account/idle").json == {"seconds_left": 0}


def test_the_organisation_chooses_the_minutes(app, clock, client, make_user, login):
    user_id, org_id = make_user()
    set_idle_minutes(app, org_id, 10)
    login(client, user_id)
    clock.advance(minutes=9)
    assert signed_in(client)
    clock.advance(minutes=10, seconds=1)
    assert not signed_in(client)


def test_asking_how_long_is_left_is_not_activity(app, clock, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    clock.advance(minutes=20)
    assert client.get("/account/idle").json == {"seconds_left": 600}
    clock.advance(minutes=9)
    assert client.get("/account/idle").json == {"seconds_left": 60}
    clock.advance(minutes=1, seconds=1)
    assert client.get("/account/idle").json == {"seconds_left": 0}
    assert not signed_in(client)


def test_stay_signed_in_starts_the_clock_again(app, clock, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    clock.advance(minutes=28)
    assert client.post("/account/stay").json == {"seconds_left": 1800}
    clock.advance(minutes=29)
    assert signed_in(client)


def test_stay_after_the_end_says_so(app, clock, client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    clock.advance(minutes=31)
    assert client.post("/account/stay", headers={"Accept": "application/json"}).json == {
        "seconds_left": 0
    }
    assert not signed_in(client)


def test_another_device_is_not_signed_out(app, clock, new_client, make_user, login):
    user_id, _org = make_user()
    idle, busy = login(new_client(), user_id), login(new_client(), user_id)
    for _ in range(4):
        clock.advance(minutes=10)
        assert signed_in(busy)
    assert not signed_in(idle)
    assert signed_in(busy)


def test_staff_pages_carry_the_warning_and_its_script(app, client, make_user, login):
    user_id, org_id = make_user()
    set_idle_minutes(app, org_id, 45)
    login(client, user_id)
    page = client.get("/workshops/").text
    warning = re.search(r'<div id="idle-warning"[^>]*>', page, re.S).group(0)
    assert 'data-seconds="2700"' in warning
    assert 'data-status="/account/idle"' in warning and 'data-stay="/account/stay"' in warning
    assert f'data-user="{user_id}"' in warning
    assert "signed out in 2 minutes" in page.replace("&#39;", "'")
    assert "Stay signed in" in page
    assert 'src="/static/js/idle.js"' in page
    assert "<script>" not in page  # no inline script (the CSP forbids it)


@pytest.mark.parametrize("path", ["/", "/login", "/join"])
def test_no_warning_for_people_not_signed_in(client, make_user, path):
    make_user()
    page = client.get(path).text
    assert "idle-warning" not in page and "idle.js" not in page

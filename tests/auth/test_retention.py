"""The settings page's "How long we keep data" form: admins only, whole days within bounds."""

import pytest
from markupsafe import escape

from cgim.auth.models import Organisation, User
from cgim.extensions import db
from tests.conftest import PASSWORD, form_token

GOOD = {"keep_parents_days": "90", "resume_days": "14", "keep_audit_days": "400"}


def settings_of(app, org_id: int) -> tuple[int, int, int]:
    """An organisation's (parents, resume, audit) days."""
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        return org.keep_parents_days, org.resume_days, org.keep_audit_days


def test_the_settings_page_shows_the_current_settings(client, make_user, login):
    admin, _org = make_user("admin")
    page = login(client, admin).get("/team/settings").text
    assert "How long we keep data" in page
    for name, days in (("keep_parents_days", 365), ("resume_days", 30), ("keep_audit_days", 730)):
        assert f'name="{name}" type="number" value="{days}"' in page


def test_an_admin_changes_the_settings_of_their_own_organisation(app, client, make_user, login):
    admin, org = make_user("admin")
    _other_admin, other_org = make_user("admin")
    login(client, admin)
    response = client.post("/team/settings/retention", data=GOOD)
    assert response.status_code == 302 and response.location == "/team/settings"
    assert "Saved." in client.get("/team/settings").text
    assert settings_of(app, org) == (90, 14, 400)
    assert settings_of(app, other_org) == (365, 30, 730)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("keep_parents_days", "1.5", "Please enter a whole number of days, like 365."),
        ("keep_parents_days", "", "Please enter a number of days."),
        ("keep_parents_days", "0", "Please choose from 1 to 3650 days."),
        ("keep_parents_days", "3651", "Please choose from 1 to 3650 days."),
        ("keep_audit_days", "forever", "Please enter a whole number of days, like 365."),
        ("keep_audit_days", "9" * 5000, "Please enter a whole number of days, like 365."),
        ("resume_days", "-1", "Please choose from 0 to 365 days."),
        ("resume_days", "120", "Codes cannot work for longer than the answers they open are kept."),
    ],
)
def test_bad_settings_are_refused_with_a_message_and_change_nothing(
    app, client, make_user, login, field, typed, message
):
    admin, org = make_user("admin")
    login(client, admin)
    response = client.post("/team/settings/retention", data={**GOOD, field: typed})
    assert response.status_code == 400
    assert str(escape(message)) in response.text
    assert f'name="{field}" type="number" value="{escape(typed)}"' in response.text
    assert settings_of(app, org) == (365, 30, 730)


def test_zero_resume_days_is_allowed(app, client, make_user, login):
    admin, org = make_user("admin")
    login(client, admin)
    assert (
        client.post("/team/settings/retention", data={**GOOD, "resume_days": "0"}).status_code
        == 302
    )
    assert settings_of(app, org) == (90, 0, 400)


@pytest.mark.parametrize("role", ["facilitator", "clinician"])
def test_only_admins_see_or_change_the_settings(app, client, make_user, login, role):
    user, org = make_user(role)
    login(client, user)
    assert client.post("/team/settings/retention", data=GOOD).status_code == 404
    assert settings_of(app, org) == (365, 30, 730)


def test_signed_out_visitors_are_sent_to_sign_in(app, client, make_user):
    _admin, org = make_user("admin")
    assert client.post("/team/settings/retention", data=GOOD).status_code == 302
    assert settings_of(app, org) == (365, 30, 730)


def test_the_form_needs_its_csrf_token(app, csrf_app, make_user):
    admin, org = make_user("admin")
    client = csrf_app.test_client()
    page = client.get("/login").text
    with app.app_context():
        email = db.session.get(User, admin).email
    signed_in = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": form_token(page)}
    )
    assert signed_in.status_code == 302
    assert client.post("/team/settings/retention", data=GOOD).status_code == 400
    token = form_token(client.get("/team/settings").text)
    assert (
        client.post("/team/settings/retention", data={**GOOD, "csrf_token": token}).status_code
        == 302
    )
    assert settings_of(app, org) == (90, 14, 400)

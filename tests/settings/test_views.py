"""Each organisation's settings page: its admins only, its own organisation only.

Retention's own rules (bounds, whole days) are in tests/auth/test_retention.py.
"""

import functools

import pytest
from markupsafe import escape
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.audit.models import AuditEvent
from cgim.auth import models as auth_models
from cgim.auth.models import Organisation, User
from cgim.extensions import db
from tests.conftest import PASSWORD, form_token


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def settings_of(app, org_id: int) -> tuple:
    """(name, parents' days, worry sign) of an organisation."""
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        return org.name, org.keep_parents_days, org.flag_serious_worries


@pytest.fixture
def two_admins(app, make_user, login, new_client):
    """Signed-in admins of two organisations, each with a help line: (client, org id) twice."""
    pairs = []
    for line in ("Family Line One", "Family Line Two"):
        user, org = make_user("admin")
        client = login(new_client(), user)
        client.post("/team/contacts/", data={"name": line, "phone": "0800 1", "kind": "local"})
        pairs.append((client, org))
    return pairs


def test_the_page_shows_this_organisations_settings_only(app, two_admins):
    (mine, org), (_theirs, other) = two_admins
    page = mine.get("/team/settings")

    assert page.status_code == 200
    name = settings_of(app, org)[0]
    assert f"Settings for {escape(name)}" in page.text
    assert f'value="{escape(name)}"' in page.text
    assert 'name="keep_parents_days" type="number" value="365"' in page.text
    assert "Family Line One" in page.text
    assert "Family Line Two" not in page.text
    assert settings_of(app, other)[0] not in page.text
    assert 'value="off" checked' in page.text


def test_an_admin_renames_their_organisation(app, two_admins):
    (mine, org), (_theirs, other) = two_admins
    before = settings_of(app, other)
    taken = before[0]  # another organisation's name: allowed, and nothing is said about it

    response = mine.post("/team/settings/name", data={"name": f"  {taken}  "})

    assert (response.status_code, response.location) == (302, "/team/settings")
    assert "Saved. Staff now see the new name." in mine.get("/team/settings").text
    assert settings_of(app, org)[0] == taken
    assert settings_of(app, other) == before
    assert f"Your team at {escape(taken)}" in mine.get("/team").text
    with app.app_context():
        logged = db.session.scalars(select(AuditEvent.action).where(AuditEvent.what == "name"))
        assert list(logged) == ["change settings"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Please enter the organisation's name."), ("x" * 121, "at most 120 characters")],
)
def test_a_bad_name_is_a_message_beside_the_field(app, two_admins, typed, message):
    (mine, org), _other = two_admins
    before = settings_of(app, org)
    response = mine.post("/team/settings/name", data={"name": typed})

    assert response.status_code == 400
    assert message in response.text
    assert f'name="name" required type="text" value="{typed}"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert settings_of(app, org) == before


def test_the_serious_worry_sign_is_chosen_here_and_told_to_parents(
    app, two_admins, make_user, make_workshop, new_client
):
    (mine, org), (_theirs, other) = two_admins
    response = mine.post("/team/settings/serious-worries", data={"flag": "on"})

    assert response.location == "/team/settings"
    assert settings_of(app, org)[2] is True
    assert settings_of(app, other)[2] is False
    assert 'value="on" checked' in mine.get("/team/settings").text
    with app.app_context():
        colleague = User(organisation_id=org, email="f@example.org", name="F", role="facilitator")
        colleague.set_password(PASSWORD)
        db.session.add(colleague)
        db.session.commit()
        colleague_id = colleague.id
    _id, code = make_workshop(colleague_id)
    parent = new_client()
    parent.post("/join", data={"code": code})
    parent.post(f"/join/{code}", data={"nickname": "Sam", "language": "en"})
    consent = parent.get(f"/join/{code}/consent").text
    assert "your facilitator may see a small sign" in consent


def test_a_missing_choice_is_a_message_and_changes_nothing(app, two_admins):
    (mine, org), _other = two_admins
    response = mine.post("/team/settings/serious-worries", data={"flag": "maybe"})
    assert response.status_code == 400
    assert "Please pick one of the two choices." in response.text
    assert settings_of(app, org)[2] is False


@pytest.mark.parametrize("role", ["facilitator", "clinician", "lead"])
def test_only_admins_see_or_change_the_settings(app, make_user, login, new_client, role):
    admin, org = make_user("admin")
    with app.app_context():
        organisation = db.session.get(Organisation, org)
    user, _org = make_user(role, organisation=organisation)
    before = settings_of(app, org)
    staff = login(new_client(), user)

    assert staff.get("/team/settings").status_code == 404
    for path, data in (
        ("/team/settings/name", {"name": "Mine now"}),
        ("/team/settings/retention", {"keep_parents_days": "9", "resume_days": "1"}),
        ("/team/settings/serious-worries", {"flag": "on"}),
    ):
        assert staff.post(path, data=data).status_code == 404
    assert settings_of(app, org) == before
    assert 'href="/team/settings"' not in staff.get("/workshops/").text
    assert 'href="/team/settings"' in login(new_client(), admin).get("/workshops/").text


def test_signed_out_visitors_are_sent_to_sign_in(app, client, make_user):
    _admin, org = make_user("admin")
    assert client.get("/team/settings").location == "/login?next=%2Fteam%2Fsettings"
    assert client.post("/team/settings/name", data={"name": "X"}).status_code == 302
    assert settings_of(app, org)[0] != "X"


def test_the_forms_need_their_csrf_token(app, csrf_app, make_user):
    admin, org = make_user("admin")
    client = csrf_app.test_client()
    with app.app_context():
        email = db.session.get(User, admin).email
    token = form_token(client.get("/login").text)
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})

    assert client.post("/team/settings/name", data={"name": "Forged"}).status_code == 400
    assert settings_of(app, org)[0] != "Forged"
    token = form_token(client.get("/team/settings").text)
    saved = client.post("/team/settings/name", data={"name": "Real", "csrf_token": token})
    assert saved.status_code == 302
    assert settings_of(app, org)[0] == "Real"

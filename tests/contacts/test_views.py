"""Admins keep their organisation's local help lines; nobody else sees or changes them.

That parents see them on the safety screens and in their plan is in tests/plan.
"""

import functools

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation
from cgim.contacts.models import LocalContact
from cgim.extensions import db

LINE = {"name": "Family Line", "phone": "0800 111 222", "description": "Free, day and night"}


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def stored(app) -> list[tuple]:
    """Every contact as (organisation id, name, phone, description)."""
    with app.app_context():
        rows = db.session.scalars(select(LocalContact).order_by(LocalContact.id))
        return [(c.organisation_id, c.name, c.phone, c.description) for c in rows]


def contact_ids(app) -> list[int]:
    """Every contact's id."""
    with app.app_context():
        return list(db.session.scalars(select(LocalContact.id).order_by(LocalContact.id)))


@pytest.fixture
def admin(client, make_user, login):
    """A signed-in admin: (client, organisation id)."""
    user_id, org_id = make_user("admin")
    return login(client, user_id), org_id


def test_an_admin_adds_and_removes_a_contact(app, admin):
    staff, org_id = admin
    assert "None yet." in staff.get("/team/contacts/").text

    added = staff.post("/team/contacts/", data={**LINE, "name": "  Family Line  "})

    assert added.location == "/team/contacts/"
    page = staff.get("/team/contacts/").text
    assert "Contact added." in page
    assert "<strong>Family Line</strong> 0800 111 222 Free, day and night" in page
    assert stored(app) == [(org_id, "Family Line", "0800 111 222", "Free, day and night")]

    [contact_id] = contact_ids(app)
    removed = staff.post(f"/team/contacts/{contact_id}/remove")
    assert removed.location == "/team/contacts/"
    page = staff.get("/team/contacts/").text
    assert "Contact removed." in page
    assert "None yet." in page
    assert stored(app) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Please type a name."),
        ({"name": "x" * 121}, "Field cannot be longer than 120 characters."),
        ({"description": "x" * 301}, "Field cannot be longer than 300 characters."),
    ],
)
def test_form_errors_re_render_and_store_nothing(app, admin, changes, message):
    staff, _org = admin
    response = staff.post("/team/contacts/", data={**LINE, **changes})
    assert response.status_code == 200
    assert message in response.text
    assert stored(app) == []


def test_contacts_belong_to_one_organisation(app, admin, make_user, login, new_client):
    staff, _org = admin
    staff.post("/team/contacts/", data=LINE)
    [ours] = contact_ids(app)
    other = login(new_client(), make_user("admin")[0])

    assert "Family Line" not in other.get("/team/contacts/").text
    assert other.post(f"/team/contacts/{ours}/remove").status_code == 404
    assert [row[1] for row in stored(app)] == ["Family Line"]  # still there
    assert other.post(f"/team/contacts/{999_999}/remove").status_code == 404  # the same answer


@pytest.mark.parametrize("role", ["facilitator", "clinician"])
def test_only_admins_reach_the_contacts(app, admin, make_user, login, new_client, role):
    staff, org_id = admin
    staff.post("/team/contacts/", data=LINE)
    [ours] = contact_ids(app)
    with app.app_context():
        org = db.session.get(Organisation, org_id)
    colleague = login(new_client(), make_user(role, organisation=org)[0])

    assert colleague.get("/team/contacts/").status_code == 404
    assert colleague.post("/team/contacts/", data={**LINE, "name": "Theirs"}).status_code == 404
    assert colleague.post(f"/team/contacts/{ours}/remove").status_code == 404
    anonymous = new_client()
    assert anonymous.get("/team/contacts/").location.startswith("/login?next=")
    assert anonymous.post(f"/team/contacts/{ours}/remove").location.startswith("/login?next=")
    assert [row[1] for row in stored(app)] == ["Family Line"]

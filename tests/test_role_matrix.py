"""Every role against every staff URL, in two organisations made by `cgim org create`.

The URLs come from the app itself, so a new staff page joins the matrix on its own; each
must say which permission it needs (`requires(...)` in cgim/auth/access.py), or be one's own
account. In their own organisation a role reaches what its permissions allow and gets 404
for the rest; staff of the other organisation get 404 on every page about one of its things,
and its words never appear on their own pages. Nothing a refused request asked for happens.
"""

import functools

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import access
from cgim.auth import models as auth_models
from cgim.auth.access import PERMISSIONS
from cgim.auth.models import ROLES, Organisation, User
from cgim.contacts.models import LocalContact
from cgim.extensions import db
from cgim.workshop.models import Workshop
from tests.staff_world import build_world, permission_of, requests_of, staff_rules


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def state(app, org) -> tuple:
    """What a refused request must leave as it was in one organisation."""
    with app.app_context():
        rooms = db.session.execute(
            select(Workshop.id, Workshop.closed_at, Workshop.control_version)
            .where(Workshop.organisation_id == org.id)
            .order_by(Workshop.id)
        ).all()
        people = db.session.execute(
            select(User.id, User.role, User.deactivated_at, User.session_version)
            .where(User.organisation_id == org.id)
            .order_by(User.id)
        ).all()
        organisation = db.session.get(Organisation, org.id)
        settings = (
            organisation.name,
            organisation.keep_parents_days,
            organisation.flag_serious_worries,
        )
        lines = db.session.scalars(
            select(LocalContact.name).where(LocalContact.organisation_id == org.id)
        ).all()
        return rooms, people, settings, lines


@pytest.fixture
def world(app, make_workshop, join, new_client, parent_id, login):
    """Two organisations, each with every role (tests/staff_world.py)."""
    return build_world(app, make_workshop, join, new_client, parent_id, login)


def sweep(client, requests) -> dict[tuple[str, str], tuple[int, str, str]]:
    """Every request once: (method, url) -> (status, where it redirects, body)."""
    seen = {}
    for method, url, _permission, _about in requests:
        response = client.get(url) if method == "GET" else client.post(url, data={})
        seen[(method, url)] = (
            response.status_code,
            response.location or "",
            response.get_data(as_text=True),
        )
    return seen


def test_every_staff_url_says_what_it_needs(app):
    rules = staff_rules(app)
    assert len(rules) >= 30  # the reading sees the app's pages
    for rule in rules:
        assert permission_of(app, rule) in PERMISSIONS["admin"]


@pytest.mark.parametrize("role", ROLES)
def test_a_role_reaches_what_it_may_in_its_own_organisation(app, new_client, login, world, role):
    requests = requests_of(app, world.one.values())
    refused = [r for r in requests if r[2] not in PERMISSIONS[role]]
    allowed = [r for r in requests if r[2] in PERMISSIONS[role]]
    user = login(new_client(), world.one.staff[role])
    before = state(app, world.one), state(app, world.two)

    seen = sweep(user, refused)
    assert (state(app, world.one), state(app, world.two)) == before  # refused: nothing done
    seen |= sweep(user, allowed)

    assert allowed and (refused or role == "admin")
    for method, url, permission, _about in requests:
        status, location, body = seen[(method, url)]
        assert status < 500, (role, method, url)
        if permission in PERMISSIONS[role]:
            assert status != 404, (role, method, url, permission)
            assert not location.startswith("/login"), (role, method, url)
        else:
            assert status == 404, (role, method, url, permission)
        for marker in world.two.markers:
            assert marker not in body, (role, method, url, marker)
    assert state(app, world.two) == before[1]


@pytest.mark.parametrize("role", ROLES)
def test_staff_of_another_organisation_see_nothing_of_it(app, new_client, login, world, role):
    requests = requests_of(app, world.one.values())
    before = state(app, world.one)
    seen = sweep(login(new_client(), world.two.staff[role]), requests)

    for method, url, permission, about_a_thing in requests:
        status, _location, body = seen[(method, url)]
        assert status < 500, (role, method, url)
        if about_a_thing or permission not in PERMISSIONS[role]:
            assert status == 404, (role, method, url)
        for marker in world.one.markers:
            assert marker not in body, (role, method, url, marker)
    assert state(app, world.one) == before


def test_signed_out_visitors_are_sent_to_sign_in_from_every_staff_url(app, client, world):
    requests = requests_of(app, world.one.values())
    before = state(app, world.one)
    for method, url, _permission, _about in requests:
        response = client.get(url) if method == "GET" else client.post(url, data={})
        assert response.status_code == 302, (method, url)
        assert response.location.startswith("/login"), (method, url)
    assert state(app, world.one) == before


def test_the_matrix_covers_every_permission_a_page_needs(app, world):
    requests = requests_of(app, world.one.values())
    needed = {permission for _method, _url, permission, _about in requests}
    assert needed == {
        access.ACCOUNT,
        access.LIST_WORKSHOPS,
        access.CREATE_WORKSHOPS,
        access.RUN_WORKSHOPS,
        access.READ_FAMILIES,
        access.MANAGE_ORGANISATION,
    }
    # Scope and figures, not pages: every workshop of the organisation; evaluation figures.
    assert set(PERMISSIONS["lead"]) - needed == {access.ALL_WORKSHOPS, access.READ_FIGURES}
    assert len(requests) >= 40  # each role x organisation sweep sends every one of them


# What each role means, pinned here so a change to the table in cgim/auth/access.py is a
# change someone meant: the sweeps above read the table, this says what it must say.
MEANING = {
    "admin": {"account", "list_workshops", "all_workshops", "create_workshops"}
    | {"run_workshops", "read_families", "read_figures", "manage_organisation"},
    "facilitator": {"account", "list_workshops", "create_workshops", "run_workshops"}
    | {"read_families", "read_figures"},
    "clinician": {"account", "list_workshops", "run_workshops", "read_families"},
    "lead": {"account", "list_workshops", "all_workshops", "read_figures"},
}


def test_each_role_means_what_the_issue_says():
    assert {role: set(PERMISSIONS[role]) for role in ROLES} == MEANING


def test_a_programme_lead_sees_figures_and_no_family(app, new_client, login, world):
    lead = login(new_client(), world.one.staff["lead"])
    one = world.one.values()
    family = f"/workshops/{one['workshop_id']}/parents/{one['parent_id']}"
    for url in (
        f"{family}/",
        f"{family}/ecomap.svg",
        f"{family}/ecomap.json",
        f"/workshops/{one['workshop_id']}",
        f"/workshops/{one['workshop_id']}/live",
        f"/workshops/{one['workshop_id']}/live?part=1",
        f"/workshops/{one['workshop_id']}/projector",
        f"/workshops/{one['workshop_id']}/qr.svg",
    ):
        assert lead.get(url).status_code == 404, url
    listing = lead.get("/workshops/")
    assert listing.status_code == 200
    assert "Group One" in listing.text  # every workshop of the organisation, read-only
    assert world.one.code not in listing.text
    assert 'href="/workshops/' not in listing.text.replace('href="/workshops/"', "")
    for nickname in world.one.parents:
        assert nickname not in listing.text


def test_a_programme_lead_cannot_be_made_a_co_facilitator(app, new_client, login, world):
    runner = login(new_client(), world.one.staff["facilitator"])
    workshop = world.one.workshop
    offered = runner.get(f"/workshops/{workshop}/live").text
    assert "Spare One</option>" in offered
    assert "Lead One</option>" not in offered
    added = runner.post(
        f"/workshops/{workshop}/colleagues", data={"colleague": world.one.staff["lead"]}
    )
    assert added.status_code == 404
    lead = login(new_client(), world.one.staff["lead"])
    assert lead.get(f"/workshops/{workshop}").status_code == 404

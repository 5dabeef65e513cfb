"""Many organisations: `cgim org create`, `cgim create-user` for any of them, and e-mail
addresses that never tell one organisation's admin about another's staff."""

import functools

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth import services
from cgim.auth.models import Organisation, User
from cgim.extensions import db
from tests.conftest import PASSWORD
from tests.staff_world import create_user, org_create, run_cli


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def organisations(app) -> list[tuple[int, str]]:
    """(id, name) of every organisation."""
    with app.app_context():
        return [tuple(r) for r in db.session.execute(select(Organisation.id, Organisation.name))]


def accounts(app) -> list[tuple]:
    """(email, role, organisation name) of every account, in the order made."""
    with app.app_context():
        rows = db.session.scalars(select(User).order_by(User.id))
        return [(u.email, u.role, u.organisation.name) for u in rows]


def sign_in(client, email: str, password: str = PASSWORD):
    """POST the login form."""
    return client.post("/login", data={"email": email, "password": password})


# --- cgim org create -------------------------------------------------------------------


def test_org_create_prints_only_the_new_id(app):
    first = run_cli(app, "org", "create", "  Hilltop   Family Centre ")
    second = run_cli(app, "org", "create", "Riverside Parents Trust")

    assert (first.exit_code, second.exit_code) == (0, 0)
    ids = [int(first.stdout), int(second.stdout)]
    assert first.stdout == f"{ids[0]}\n" and ids[0] != ids[1]
    assert organisations(app) == [
        (ids[0], "Hilltop Family Centre"),
        (ids[1], "Riverside Parents Trust"),
    ]
    listed = run_cli(app, "org", "list")
    assert listed.stdout.splitlines() == [
        f"{ids[0]}\tHilltop Family Centre",
        f"{ids[1]}\tRiverside Parents Trust",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (" hilltop  family centre", "an organisation called 'hilltop family centre' already"),
        ("   ", "Please enter the organisation's name."),
        ("x" * 121, "Please use at most 120 characters."),
    ],
)
def test_org_create_refuses_with_one_line_and_exit_2(app, name, message):
    org_id = org_create(app, "Hilltop Family Centre")
    result = run_cli(app, "org", "create", name)

    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {message}")
    assert "Traceback" not in result.output
    assert organisations(app) == [(org_id, "Hilltop Family Centre")]


# --- cgim create-user for any organisation ---------------------------------------------


def test_create_user_adds_an_admin_to_any_organisation(app, new_client):
    one = org_create(app, "Hilltop Family Centre")
    two = org_create(app, "Riverside Parents Trust")
    create_user(app, "Hilltop Family Centre", "admin", "ana@example.org", "Ana")
    create_user(app, "riverside parents trust", "admin", "ben@example.org", "Ben")
    create_user(app, str(two), "lead", "lea@example.org", "Lea")

    assert accounts(app) == [
        ("ana@example.org", "admin", "Hilltop Family Centre"),
        ("ben@example.org", "admin", "Riverside Parents Trust"),
        ("lea@example.org", "lead", "Riverside Parents Trust"),
    ]
    ben = new_client()
    assert sign_in(ben, "ben@example.org").status_code == 302
    assert "Your team at Riverside Parents Trust" in ben.get("/team").text
    assert one != two


@pytest.mark.parametrize(
    ("organisation", "message"),
    [
        ("Nowhere", "Error: no organisation is called 'Nowhere' (add it first: cgim org create"),
        ("", "Error: there are several organisations: give --organisation NAME"),
    ],
)
def test_create_user_for_an_unknown_organisation_is_one_line_and_exit_2(app, organisation, message):
    org_create(app, "Hilltop Family Centre")
    org_create(app, "Riverside Parents Trust")
    args = ["create-user", "--email", "a@example.org", "--name", "A", "--password", PASSWORD]
    result = run_cli(app, *args, "--organisation", organisation)

    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert accounts(app) == []


def test_two_organisations_of_the_same_name_are_picked_by_id(app):
    org_create(app, "Hilltop")
    second = org_create(app, "Elsewhere")
    with app.app_context():
        db.session.get(Organisation, second).name = "Hilltop"  # an admin renamed theirs
        db.session.commit()

    ambiguous = run_cli(
        app,
        "create-user",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--password",
        PASSWORD,
        "--organisation",
        "hilltop",
    )
    assert ambiguous.exit_code == 2
    assert "give its id instead (cgim org list)" in ambiguous.stderr
    create_user(app, str(second), "admin", "a@example.org", "A")
    assert accounts(app) == [("a@example.org", "admin", "Hilltop")]
    with app.app_context():
        assert db.session.scalar(select(User.organisation_id)) == second


# --- e-mail addresses used in another organisation -------------------------------------


def add_colleague(client, name: str, email: str):
    """The admin's "Add a colleague" form."""
    data = {"name": name, "email": email, "role": "facilitator", "password": "a first pass 9"}
    return client.post("/team", data=data)


def test_adding_an_address_used_elsewhere_looks_like_adding_a_new_one(
    app, new_client, login, make_user
):
    admin, org = make_user("admin")
    elsewhere, other_org = make_user("facilitator", email="kim@example.org")
    staff = login(new_client(), admin)

    used = add_colleague(staff, "Kim", "Kim@Example.org")
    used_page = staff.get("/team").text
    fresh = add_colleague(staff, "Lou", "lou@example.org")
    fresh_page = staff.get("/team").text

    assert (used.status_code, used.location) == (fresh.status_code, fresh.location)
    assert (used.status_code, used.location) == (302, "/team")
    assert "Account added for Kim." in used_page
    assert "Account added for Lou." in fresh_page
    other_name = dict(organisations(app))[other_org]
    for page in (used_page, fresh_page):
        assert "already" not in page
        assert other_name not in page
    with app.app_context():
        kims = db.session.scalars(select(User).where(User.email == "kim@example.org")).all()
        assert sorted(u.organisation_id for u in kims) == sorted([org, other_org])
    # Each Kim signs in to their own organisation with their own password.
    theirs = new_client()
    assert sign_in(theirs, "kim@example.org").status_code == 302
    assert theirs.get("/team").status_code == 404
    ours = new_client()
    assert sign_in(ours, "kim@example.org", "a first pass 9").status_code == 302
    with app.app_context():
        assert services.authenticate("KIM@example.org ", "a first pass 9").organisation_id == org
        assert services.authenticate("kim@example.org", PASSWORD).id == elsewhere
        assert services.authenticate("kim@example.org", "neither of them") is None


def test_an_address_already_in_the_team_is_still_a_form_message(app, new_client, login, make_user):
    admin, _org = make_user("admin")
    staff = login(new_client(), admin)
    assert add_colleague(staff, "Kim", "kim@example.org").status_code == 302
    again = add_colleague(staff, "Kim again", "KIM@example.org")
    assert again.status_code == 200
    assert "Someone in your team already has this email." in again.text

"""First-run set-up, staff sign-in and sign-out, the team page and `cgim create-user`."""

import logging
import sqlite3
import sys

import click
import pytest
from markupsafe import escape
from sqlalchemy import select, text

from cgim import cli
from cgim.auth.cli import add_account
from cgim.auth.models import Organisation, User
from cgim.extensions import db
from tests.conftest import PASSWORD

SETUP = {
    "organisation": "Riverside Family Centre",
    "name": "Ada Admin",
    "email": "ada@example.org",
    "password": "a long enough password",
    "confirm": "a long enough password",
}
WRONG_LOGIN = "That email and password do not match an account."
FIRST_PASSWORD = "first password 1"


def staff(app) -> dict[str, tuple[str, str, str]]:
    """Every staff account as email -> (name, role, organisation name)."""
    with app.app_context():
        return {
            u.email: (u.name, u.role, u.organisation.name) for u in db.session.scalars(select(User))
        }


def email_of(app, user_id: int) -> str:
    """The email of a user id."""
    with app.app_context():
        return db.session.get(User, user_id).email


def detached_organisation(app, org_id: int) -> Organisation:
    """An organisation loaded and let go, so make_user can add a colleague to it."""
    with app.app_context():
        return db.session.get(Organisation, org_id)


def sign_in(client, email: str, password: str = PASSWORD):
    """POST the login form."""
    return client.post("/login", data={"email": email, "password": password})


def session_cookie(client) -> str:
    """The value of the client's session cookie."""
    cookie = client.get_cookie("cgim_session")
    assert cookie is not None
    return cookie.value


def add_colleague(client, name: str, email: str, role: str, password: str = FIRST_PASSWORD):
    """POST the team page's form."""
    return client.post(
        "/team", data={"name": name, "email": email, "role": role, "password": password}
    )


# --- first run -------------------------------------------------------------------------


def test_first_run_sends_everyone_to_setup(client):
    assert client.get("/").location == "/setup"
    assert client.get("/login").location == "/setup"
    page = client.get("/setup")
    assert page.status_code == 200
    assert "Set up your organisation" in page.text


def test_setup_creates_organisation_and_admin_and_signs_in(app, client):
    response = client.post("/setup", data={**SETUP, "email": "Ada@Example.org"})

    assert response.status_code == 302
    assert response.location == "/workshops/"
    assert staff(app) == {"ada@example.org": ("Ada Admin", "admin", "Riverside Family Centre")}
    page = client.get("/workshops/")
    assert page.status_code == 200
    assert "Welcome! Your organisation is ready." in page.text
    assert 'href="/team"' in page.text  # the first account is the admin


def test_setup_is_gone_once_an_account_exists(app, client, new_client):
    assert client.post("/setup", data=SETUP).status_code == 302

    other = new_client()
    assert other.get("/setup").status_code == 404
    second = {**SETUP, "email": "intruder@example.org", "organisation": "Other"}
    assert other.post("/setup", data=second).status_code == 404
    assert list(staff(app)) == ["ada@example.org"]
    assert other.get("/").status_code == 200
    assert other.get("/login").status_code == 200


def test_setup_is_gone_when_an_account_was_made_elsewhere(client, make_user):
    make_user()
    assert client.get("/setup").status_code == 404
    assert client.post("/setup", data=SETUP).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Please enter an email address."),
        ({"password": "short", "confirm": "short"}, "Use at least 10 characters."),
        ({"confirm": "a different long password"}, "The two passwords differ."),
        ({"organisation": ""}, "Please enter your organisation's name."),
        ({"name": ""}, "Please enter a name."),
    ],
)
def test_setup_errors_keep_what_was_typed_except_passwords(app, client, changes, message):
    typed = {**SETUP, **changes}
    response = client.post("/setup", data=typed)

    assert response.status_code == 200
    assert message in response.text or str(escape(message)) in response.text
    assert 'class="error"' in response.text
    for name in ("organisation", "name", "email"):
        if typed[name]:
            assert f'value="{escape(typed[name])}"' in response.text
    assert typed["password"] not in response.text
    assert typed["confirm"] not in response.text
    assert staff(app) == {}


# --- sign in and out -------------------------------------------------------------------


def test_login_success_goes_to_workshops(app, client, make_user):
    user_id, _org = make_user()
    response = sign_in(client, email_of(app, user_id).upper())
    assert response.status_code == 302
    assert response.location == "/workshops/"
    assert client.get("/workshops/").status_code == 200


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/workshops/new", "/workshops/new"),
        ("https://evil.example/", "/workshops/"),
        ("//evil.example/", "/workshops/"),
        ("/\\evil.example", "/workshops/"),
        ("javascript:alert(1)", "/workshops/"),
    ],
)
def test_login_follows_only_same_site_next(app, client, make_user, target, expected):
    user_id, _org = make_user()
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": email_of(app, user_id), "password": PASSWORD},
    )
    assert response.location == expected


@pytest.mark.parametrize("wrong", ["password", "email"])
def test_login_failure_says_so_and_keeps_the_email(app, client, make_user, wrong):
    user_id, _org = make_user()
    email = email_of(app, user_id) if wrong == "password" else "nobody@example.org"
    password = "not the password" if wrong == "password" else PASSWORD
    response = sign_in(client, email, password)

    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert f'value="{email}"' in response.text
    assert password not in response.text
    assert client.get("/workshops/").status_code == 302


def test_login_empty_form_names_both_fields(client, make_user):
    make_user()
    response = client.post("/login", data={"email": "", "password": ""})
    assert response.status_code == 200
    assert "Please enter your email address." in response.text
    assert "Please enter your password." in response.text


def test_logout_revokes_every_copy_of_the_session(app, client, new_client, make_user, login):
    user_id, _org = make_user()
    login(client, user_id)
    copied = new_client()
    copied.set_cookie("cgim_session", session_cookie(client))
    other_device = login(new_client(), user_id)
    assert copied.get("/workshops/").status_code == 200  # the copy works before logout

    response = client.post("/logout")

    assert response.location == "/"
    assert "You are signed out." in client.get("/").text
    for anyone in (client, copied, other_device):
        assert anyone.get("/workshops/").location.startswith("/login")
    with app.app_context():
        assert db.session.get(User, user_id).session_version == 2


def test_logout_needs_a_signed_in_user(client, make_user):
    make_user()
    assert client.post("/logout").location.startswith("/login")


def test_login_rate_limit_counts_failed_attempts_only(app, quick_hashing, client, make_user):
    user_id, _org = make_user()
    email = email_of(app, user_id)
    # Other emails each time: one account's own wait is tested in tests/auth/test_lockout.py.
    for n in range(9):
        assert sign_in(client, f"guess{n}@example.org", "wrong password").status_code == 200
    for _ in range(15):
        assert sign_in(client, email).status_code == 302  # successes are not counted
    assert sign_in(client, "guess9@example.org", "wrong").status_code == 200  # the 10th failure

    blocked = sign_in(client, "guess10@example.org", "wrong password")

    assert blocked.status_code == 429
    assert "There have been too many wrong tries from here." in blocked.text
    assert sign_in(client, email).status_code == 429  # not checked while this browser guesses
    assert client.get("/login").status_code == 200  # only POSTs are limited


@pytest.fixture
def quick_hashing(monkeypatch):
    """One-round password hashes: these tests count many sign-ins, not hashing (tested above)."""
    import functools

    from werkzeug.security import generate_password_hash

    from cgim.auth import models, services

    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(models, "generate_password_hash", quick)
    monkeypatch.setattr(services, "_DUMMY_HASH", quick("cgim-timing-equaliser"))


def from_address(app, address: str):
    """A new browser whose requests come from the given address."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


# An account's own lock (a growing wait after 3 wrong passwords, locked after 10, from any
# address, until an admin unlocks it or a day passes): tests/auth/test_lockout.py.


def test_colleagues_wrong_passwords_on_one_address_do_not_lock_out_a_known_browser(
    app, quick_hashing, make_user
):
    office = "127.0.7.1"
    user_id, _org = make_user()
    email = email_of(app, user_id)
    known = from_address(app, office)
    assert sign_in(known, email).status_code == 302  # this browser has signed in here before
    assert known.post("/logout").status_code == 302
    for n in range(30):  # 30 failures from new browsers on the office address, other accounts
        wrong = sign_in(from_address(app, office), f"guess{n}@example.org", "wrong")
        assert wrong.status_code == 200

    newcomer = sign_in(from_address(app, office), email)

    assert newcomer.status_code == 429  # the address is guessing: a browser it never knew waits
    assert "There have been too many wrong tries from here." in newcomer.text
    assert sign_in(known, email).status_code == 302  # the known browser signs in
    assert sign_in(from_address(app, "127.0.7.2"), email).status_code == 302  # other addresses


def test_many_successful_logins_are_never_limited(app, client, make_user):
    user_id, _org = make_user()
    for _ in range(25):
        assert sign_in(client, email_of(app, user_id)).status_code == 302


# --- the team page ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "clinician"])
def test_team_is_not_there_for_non_admins(app, client, make_user, login, role):
    _admin, org_id = make_user("admin")
    user_id, _org = make_user(role, organisation=detached_organisation(app, org_id))
    login(client, user_id)

    assert client.get("/team").status_code == 404
    assert add_colleague(client, "Eve", "eve@example.org", "admin").status_code == 404
    assert "eve@example.org" not in staff(app)
    assert 'href="/team"' not in client.get("/workshops/").text


def test_team_needs_sign_in(client, make_user):
    make_user("admin")
    assert client.get("/team").location == "/login?next=%2Fteam"


def test_admin_adds_a_facilitator_and_a_clinician(app, client, new_client, make_user, login):
    admin_id, org_id = make_user("admin")
    login(client, admin_id)

    first = add_colleague(client, "Fran Facilitator", "Fran@Example.org", "facilitator")
    second = add_colleague(client, "Cleo Clinician", "cleo@example.org", "clinician")

    assert first.status_code == second.status_code == 302
    assert first.location == "/team"
    page = client.get("/team").text
    assert "Account added for Cleo Clinician." in page
    assert "Fran Facilitator" in page
    assert "fran@example.org" in page
    everyone = staff(app)
    org_name = everyone[email_of(app, admin_id)][2]
    assert everyone["fran@example.org"] == ("Fran Facilitator", "facilitator", org_name)
    assert everyone["cleo@example.org"] == ("Cleo Clinician", "clinician", org_name)
    assert sign_in(new_client(), "fran@example.org", FIRST_PASSWORD).status_code == 302
    with app.app_context():
        added = db.session.scalars(select(User.organisation_id).where(User.role != "admin"))
        assert set(added) == {org_id}


def test_team_duplicate_email_is_a_form_message(app, client, make_user, login):
    admin_id, org_id = make_user("admin")
    make_user(email="taken@example.org", organisation=detached_organisation(app, org_id))
    login(client, admin_id)
    before = staff(app)

    response = add_colleague(client, "Someone", "TAKEN@example.org", "facilitator")

    assert response.status_code == 200
    assert "Someone in your team already has this email." in response.text
    assert 'value="TAKEN@example.org"' in response.text
    assert staff(app) == before


def test_team_form_errors_are_messages(app, client, make_user, login):
    admin_id, _org = make_user("admin")
    login(client, admin_id)
    before = staff(app)
    response = add_colleague(client, "", "no-at-sign", "facilitator", password="short")
    assert response.status_code == 200
    for message in (
        "Please enter a name.",
        "Please enter an email address.",
        "Use at least 10 characters.",
    ):
        assert message in response.text
    bad_role = add_colleague(client, "Rita", "rita@example.org", "superuser")
    assert bad_role.status_code == 200
    assert "Not a valid choice" in bad_role.text
    assert staff(app) == before


def test_team_lists_only_the_own_organisation(client, make_user, login):
    admin_id, _org = make_user("admin")
    make_user(email="outsider@example.org", name="Otto Outsider")
    login(client, admin_id)
    page = client.get("/team").text
    assert "outsider@example.org" not in page
    assert "Otto Outsider" not in page


def test_passwords_are_stored_hashed(app, client, make_user, login):
    client.post("/setup", data=SETUP)
    add_colleague(client, "Fran", "fran@example.org", "facilitator", password="fran's password")

    with app.app_context():
        rows = db.session.execute(text("SELECT * FROM users")).all()
        hashes = db.session.scalars(select(User.password_hash)).all()
    dumped = repr(rows)
    assert len(rows) == 2
    assert SETUP["password"] not in dumped
    assert "fran's password" not in dumped
    assert all(h.startswith(("scrypt:", "pbkdf2:")) for h in hashes)
    assert hashes[0] != hashes[1]


# --- cgim create-user ------------------------------------------------------------------


def test_add_account_joins_the_only_organisation(app, make_user):
    _admin, org_id = make_user("admin")
    with app.app_context():
        said = add_account("New@Example.org", "Nia New", "clinician", None, "long enough 1")
        user = db.session.scalar(select(User).where(User.email == "new@example.org"))
        org_name = db.session.get(Organisation, org_id).name
        assert said == f"Added clinician new@example.org to {org_name}."
        assert (user.organisation_id, user.role, user.name) == (org_id, "clinician", "Nia New")
        assert user.check_password("long enough 1")


def test_add_account_makes_the_first_organisation(app):
    with app.app_context():
        said = add_account("first@example.org", "First", "admin", " Hilltop ", "long enough 1")
        assert said == "Added admin first@example.org to Hilltop."
        assert db.session.scalars(select(Organisation.name)).all() == ["Hilltop"]


@pytest.mark.parametrize(
    ("email", "organisation", "password", "message"),
    [
        ("a@example.org", None, "short", "the password needs at least 10 characters"),
        (
            "taken@example.org",
            None,
            "long enough 1",
            "email: Someone in your team already has this email.",
        ),
        (
            "a@example.org",
            "Nowhere",
            "long enough 1",
            "no organisation is called 'Nowhere' (add it first: cgim org create 'Nowhere')",
        ),
    ],
)
def test_add_account_refuses_with_one_line(app, make_user, email, organisation, password, message):
    make_user(email="taken@example.org")
    before = staff(app)
    with app.app_context(), pytest.raises(click.ClickException) as raised:
        add_account(email, "Someone", "facilitator", organisation, password)
    assert raised.value.format_message() == message
    assert staff(app) == before


def test_add_account_needs_a_name_when_there_are_several_organisations(app, make_user):
    make_user()
    make_user()
    with app.app_context(), pytest.raises(click.ClickException) as raised:
        add_account("a@example.org", "Someone", "facilitator", None, "long enough 1")
    assert "several organisations" in raised.value.format_message()


@pytest.fixture
def run_cli(monkeypatch, tmp_path, capsys):
    """Run `cgim ...` as the console script would, on its own SQLite file."""
    database = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("CGIM_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("CGIM_SECRET_KEY", "cli-test-secret")
    # Alembic's logging set-up would otherwise switch off every logger for later tests.
    loggers = {
        name: lg.disabled
        for name, lg in logging.Logger.manager.loggerDict.items()
        if isinstance(lg, logging.Logger)
    }
    root = logging.getLogger()
    root_state = (root.level, list(root.handlers))

    def run(*args: str, password: str) -> tuple[int, str, str]:
        monkeypatch.setenv("CGIM_NEW_PASSWORD", password)
        monkeypatch.setattr(sys, "argv", ["cgim", *args])
        code = 0
        try:
            cli.main()
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    yield run, database
    for name, disabled in loggers.items():
        logging.getLogger(name).disabled = disabled
    root.setLevel(root_state[0])
    root.handlers[:] = root_state[1]


def test_cli_create_user_short_password_is_one_line_and_exit_2(run_cli):
    run, database = run_cli
    code, _out, err = run(
        "create-user",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--organisation",
        "Hilltop",
        password="short",
    )
    assert code == 2
    # README: "Bad input to any command prints one line and exits with code 2."
    assert err.splitlines() == ["Error: the password needs at least 10 characters"]
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_cli_create_user_adds_the_account(run_cli):
    run, database = run_cli
    code, out, err = run(
        "create-user",
        "--email",
        "Cli@Example.org",
        "--name",
        "Cli User",
        "--role",
        "admin",
        "--organisation",
        "Hilltop",
        password="long enough 1",
    )
    assert code == 0
    assert "Error" not in err
    assert out.splitlines() == ["Added admin cli@example.org to Hilltop."]
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT u.email, u.role, o.name, u.password_hash FROM users u "
            "JOIN organisations o ON o.id = u.organisation_id"
        ).fetchall()
    assert [row[:3] for row in rows] == [("cli@example.org", "admin", "Hilltop")]
    assert "long enough 1" not in rows[0][3]


def test_cli_create_user_duplicate_email_is_one_line_and_exit_2(run_cli):
    run, database = run_cli
    args = (
        "create-user",
        "--email",
        "dup@example.org",
        "--name",
        "Dup",
        "--organisation",
        "Hilltop",
    )
    assert run(*args, password="long enough 1")[0] == 0

    code, out, err = run(*args, password="long enough 1")

    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "Error: email: Someone in your team already has this email."
    assert "Traceback" not in err
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (1,)

"""Upgrades work on real data: a database filled at each earlier revision upgrades to head intact.

Each case makes a fresh database (a SQLite file, or a PostgreSQL database of its own when
CGIM_TEST_DATABASE_URL is set), upgrades it to one revision, fills it with the rows a
workshop leaves at that revision (plain inserts against that revision's tables, never the
models, which know only head), upgrades to head, and checks every row is there and the app
serves it: a parent's page, their map and plan, a staff member's workshop page, resume.
"""

import json
import re

import pyotp
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from cgim import create_app
from cgim.ecomap.core.parse import parse_ecomap
from cgim.extensions import db
from tests.conftest import PASSWORD, base_config
from tests.fresh_database import fresh_url_fixture, keep_loggers_fixture  # noqa: F401
from tests.upgrade_rows import (
    EVE_RECOVERY,
    EVE_SECRET,
    GONE_PARENT,
    HEAD,
    KIM_CODE,
    ORDER,
    Seeder,
    seed,
    since,
)


def seeded_at(url: str, revision: str):
    """An app on a new database upgraded to `revision`, filled, then upgraded to head."""
    app = create_app(base_config(url))
    with app.app_context():
        upgrade(revision=revision)
        with db.engine.begin() as connection:
            seeder = Seeder(connection, revision)
            ids = seed(seeder)
        upgrade()
    return app, ids, seeder.counts


def count(app, table: str) -> int:
    """Rows in a table."""
    with app.app_context(), db.engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608


def rows(app, query: str, **params) -> list[tuple]:
    """Rows of a plain query."""
    with app.app_context(), db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(query), params)]


def test_every_revision_but_head_is_a_starting_point():
    assert ORDER[0] == "0001" and ORDER[-1] == HEAD
    assert len(ORDER) == len(set(ORDER)) >= 6  # one line of history, no branches


def test_an_empty_database_upgrades_from_base_to_head(fresh_url):
    app = create_app(base_config(fresh_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            version = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one() == HEAD
    assert app.test_client().get("/healthz").status_code == 200


@pytest.mark.parametrize("revision", ORDER[:-1])
def test_rows_made_at_an_earlier_revision_survive_the_upgrade(fresh_url, revision):
    app, ids, counts = seeded_at(fresh_url, revision)
    assert counts["participants"] == 3 and counts["answers"] >= 6
    assert {table: count(app, table) for table in counts} == dict(counts)
    by_id = dict(rows(app, "SELECT id, nickname FROM participants"))
    assert by_id == {ids["parents"]["sam"]: "Sam", ids["parents"]["kim"]: "Kim"} | {
        ids["parents"]["lee"]: "Lee"
    }
    live = rows(
        app,
        "SELECT mode, shown_step, show_results, paused, control_version FROM workshops "
        "WHERE id = :id",
        id=ids["workshops"]["tuesday"],
    )
    # Workshops from before 0004 get the model's defaults; later ones keep what they had.
    had = ("follow", 3, True, False, 7) if since("0004", revision) else ("free", 1, False, False, 1)
    assert live == [had]
    retention = rows(
        app, "SELECT keep_parents_days, keep_audit_days, resume_days FROM organisations"
    )
    assert retention == [(365, 730, 30), (365, 730, 30)]
    flags = rows(app, "SELECT flag_serious_worries FROM organisations ORDER BY id")
    assert [bool(flag) for (flag,) in flags] == [since("0005", revision), False]


@pytest.mark.parametrize("revision", ORDER[:-1])
def test_the_app_serves_the_upgraded_rows(fresh_url, revision):
    app, ids, _counts = seeded_at(fresh_url, revision)
    sam = app.test_client()
    with sam.session_transaction() as session:
        session["parent"] = [ids["parents"]["sam"], "token-sam".ljust(32, "0")]
    page = sam.get("/me")
    assert page.status_code == 200 and "Hello, Sam" in page.text
    step = sam.get("/me/welcome/3")
    assert step.status_code == 200 and "Football and drawing (sam)" in step.text
    if since("0002", revision):
        document = sam.get("/me/ecomap/document").json["document"]
        assert [person["label"] for person in document["people"]] == ["Aunt Rosa"]
    if since("0003", revision):
        safety = sam.get("/me/plan/safety/aunt-rosa")
        assert safety.status_code == 200 and "Fridays after school" in safety.text
        assert sam.get("/me/plan").status_code == 200
    ben = app.test_client()
    signed_in = ben.post("/login", data={"email": "ben@example.org", "password": PASSWORD})
    assert signed_in.status_code == 302
    room = ben.get(f"/workshops/{ids['workshops']['tuesday']}")
    assert room.status_code == 200 and "Sam" in room.text
    kim = app.test_client()
    assert kim.post("/resume", data={"code": KIM_CODE}).location == "/me"
    assert "Hello, Kim" in kim.get("/me").text


# --- 0009, account life cycle ------------------------------------------------------------


@pytest.mark.parametrize("revision", ORDER[:-1])
def test_accounts_keep_their_state_through_the_upgrade(fresh_url, revision):
    app, ids, _counts = seeded_at(fresh_url, revision)
    left = rows(app, "SELECT email FROM users WHERE deactivated_at IS NOT NULL")
    assert left == ([("dee@example.org",)] if since("0009", revision) else [])
    resets = rows(app, "SELECT user_id, used_at FROM password_resets")
    assert resets == ([(ids["staff"]["ben"], None)] if since("0009", revision) else [])
    ben, dee = app.test_client(), app.test_client()
    assert ben.post("/login", data={"email": "ben@example.org", "password": PASSWORD}).location
    assert ben.get("/account").status_code == 200
    refused = dee.post("/login", data={"email": "dee@example.org", "password": PASSWORD})
    assert refused.status_code != 302


# --- 0008, stored records that could not be read are repaired ------------------------------
LEE_PAGES = ["/me", "/me/welcome/3", "/me/ecomap", "/me/ecomap/results", "/me/ecomap.svg"]
LEE_PAGES += ["/me/ecomap.csv", "/me/ecomap/document", "/me/plan", "/me/plan.pdf"]
LEE_PAGES += ["/me/plan/ask", "/me/plan/safety", "/me/plan/child", "/me/ecomap/changes"]
ANSWER = "SELECT CAST(value AS TEXT) FROM answers WHERE participant_id = :p AND prompt_id = :q"


@pytest.mark.parametrize("revision", [r for r in ORDER[:-1] if not since("0008", r)])
def test_stored_records_that_could_not_be_read_are_repaired_by_the_upgrade(fresh_url, revision):
    app, ids, _counts = seeded_at(fresh_url, revision)
    lee = ids["parents"]["lee"]
    (answer,) = rows(app, ANSWER, p=lee, q="welcome-enjoys")
    assert stored_json(answer[0]) == "Football\ufffd and drawing (lee)"
    if since("0002", revision):
        for table in ("ecomaps", "ecomap_history", "ecomap_snapshots"):
            query = f"SELECT CAST(document AS TEXT) FROM {table} WHERE participant_id = :p"  # noqa: S608
            for (document,) in rows(app, query, p=lee):
                parse_ecomap(stored_json(document))  # every stored map loads as it is now
        (document,) = rows(
            app, "SELECT CAST(document AS TEXT) FROM ecomaps WHERE participant_id = :p", p=lee
        )
        people = parse_ecomap(stored_json(document[0])).people
        assert [(p.label, p.concerns) for p in people] == [
            ("Aunt Rosa", ("violence",)),
            ("Grandpa Joe", ()),
        ]
    client = app.test_client()
    with client.session_transaction() as session:
        session["parent"] = [lee, "token-lee".ljust(32, "0")]
    for url in LEE_PAGES:
        assert client.get(url).status_code == 200, url
    assert "Football\ufffd and drawing (lee)" in client.get("/me/welcome/3").text
    cai = app.test_client()
    cai.post("/login", data={"email": "cai@example.org", "password": PASSWORD})
    record = cai.get(f"/workshops/{ids['workshops']['hill']}/parents/{lee}/")
    assert record.status_code == 200
    assert ("Aunt Rosa" in record.text) == since("0002", revision)


def stored_json(text: str):
    """A JSON column's value read as text (CAST AS TEXT: the same on SQLite and PostgreSQL)."""
    return json.loads(text)


# --- 0011, a readable audit log ------------------------------------------------------------
AUDIT = (
    "SELECT organisation_id, user_id, staff_name, participant_id, workshop_id, action "
    "FROM audit_events ORDER BY id"
)


@pytest.mark.parametrize("revision", [r for r in ORDER[:-1] if since("0002", r)])
def test_audit_rows_get_their_organisation_staff_name_and_workshop(fresh_url, revision):
    app, ids, _counts = seeded_at(fresh_url, revision)
    orgs, staff, workshops, parents = (ids[k] for k in ("orgs", "staff", "workshops", "parents"))
    river, hill = orgs["riverside"], orgs["hilltop"]
    expected = [
        (river, staff["ben"], "Ben", parents["sam"], workshops["tuesday"], "record"),
        (hill, staff["cai"], "Cai", parents["lee"], workshops["hill"], "view record"),
        (river, staff["ben"], "Ben", GONE_PARENT, None, "export map csv"),
    ]
    if since("0011", revision):
        expected.append((river, staff["ben"], "Ben", None, workshops["tuesday"], "view projector"))
    assert rows(app, AUDIT) == expected
    ada = app.test_client()
    assert ada.post("/login", data={"email": "ada@example.org", "password": PASSWORD}).location
    page = ada.get("/team/audit")
    assert page.status_code == 200
    assert "Opened the family&#39;s record" in page.text and "Sam" in page.text
    assert "Downloaded the family&#39;s map (csv)" in page.text
    assert "A family whose data is deleted" in page.text
    assert "Lee" not in page.text and "Cai" not in page.text  # Hilltop's row stays Hilltop's
    sam_record = ada.get(f"/workshops/{workshops['tuesday']}/parents/{parents['sam']}/").text
    assert "<td>Ben</td><td>Opened the family&#39;s record</td>" in sam_record


# --- 0010, two-step sign-in, wrong tries per account, idle minutes --------------------------
SIGN_IN_RULES = "SELECT name, two_step_for, idle_minutes FROM organisations ORDER BY id"


@pytest.mark.parametrize(
    "revision", [r for r in ORDER[:-1] if r in (ORDER[0], "0009") or since("0010", r)]
)
def test_sign_in_rules_two_step_and_locks_survive_the_upgrade(fresh_url, revision):
    app, ids, _counts = seeded_at(fresh_url, revision)
    hilltop = ("admins", 20) if since("0010", revision) else ("nobody", 30)
    assert rows(app, SIGN_IN_RULES) == [
        ("Riverside Family Centre", "nobody", 30),
        ("Hilltop", *hilltop),
    ]
    if not since("0010", revision):
        ben = app.test_client()  # the new tables work on an upgraded database
        wrong = ben.post("/login", data={"email": "ben@example.org", "password": "wrong"})
        assert wrong.status_code == 200
        assert rows(app, "SELECT failures FROM sign_in_failures") == [(1,)]
        assert ben.post("/login", data={"email": "ben@example.org", "password": PASSWORD})
        page = ben.get("/account/two-step").text
        secret = re.search(r'id="two-step-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
        done = ben.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()})
        assert done.status_code == 200 and count(app, "two_step_recovery_codes") == 10
        return
    eve = app.test_client()
    signed = eve.post("/login", data={"email": "eve@example.org", "password": PASSWORD})
    assert signed.location == "/login/code"
    code = pyotp.TOTP(EVE_SECRET).now()
    assert eve.post("/login/code", data={"code": code}).location == "/workshops/"
    again = app.test_client()
    again.post("/login", data={"email": "eve@example.org", "password": PASSWORD})
    assert again.post("/login/code", data={"code": EVE_RECOVERY}).location == "/workshops/"
    fay = app.test_client()
    locked = fay.post("/login", data={"email": "fay@example.org", "password": PASSWORD})
    assert locked.status_code == 429
    ada = app.test_client()
    ada.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert ada.post(f"/team/{ids['staff']['fay']}/unlock").location == "/team"
    fay_again = fay.post("/login", data={"email": "fay@example.org", "password": PASSWORD})
    assert fay_again.location == "/workshops/"


# --- 0012, an email is unique in its organisation only -------------------------------------
NEW_USER = (
    "INSERT INTO users (organisation_id, email, name, role, password_hash, session_version, "
    "created_at) VALUES (:org, 'ben@example.org', 'Ben too', 'lead', 'x', 1, CURRENT_TIMESTAMP)"
)


@pytest.mark.parametrize("revision", ORDER[:-1])
def test_an_email_may_have_an_account_in_another_organisation_after_the_upgrade(
    fresh_url, revision
):
    app, ids, _counts = seeded_at(fresh_url, revision)
    people = rows(app, "SELECT id, organisation_id, email FROM users ORDER BY id")
    assert ("ben@example.org",) in [(email,) for _id, _org, email in people]
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(sa.text(NEW_USER), {"org": ids["orgs"]["hilltop"]})
    with pytest.raises(sa.exc.IntegrityError), app.app_context(), db.engine.begin() as c:
        c.execute(sa.text(NEW_USER), {"org": ids["orgs"]["riverside"]})  # twice in one: refused
    with app.app_context(), db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # the rebuild turned foreign keys back on
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    ben = app.test_client()  # the password says which Ben it is
    assert ben.post("/login", data={"email": "ben@example.org", "password": PASSWORD}).location
    assert ben.get(f"/workshops/{ids['workshops']['tuesday']}").status_code == 200

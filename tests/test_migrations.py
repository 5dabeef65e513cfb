"""Upgrades work on real data: a database filled at each earlier revision upgrades to head intact.

Each case makes a fresh database (a SQLite file, or a PostgreSQL database of its own when
CGIM_TEST_DATABASE_URL is set), upgrades it to one revision, fills it with the rows a
workshop leaves at that revision (plain inserts against that revision's tables, never the
models, which know only head), upgrades to head, and checks every row is there and the app
serves it: a parent's page, their map and plan, a staff member's workshop page, resume.
"""

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from cgim import create_app
from cgim.extensions import db
from tests.conftest import PASSWORD, base_config
from tests.fresh_database import fresh_url_fixture, keep_loggers_fixture  # noqa: F401
from tests.upgrade_rows import HEAD, KIM_CODE, ORDER, Seeder, seed, since


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

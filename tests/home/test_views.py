"""The front door, /healthz, and /ping (a quiet endpoint touching neither database nor session)."""

import functools

import pytest
from sqlalchemy import event
from werkzeug.security import generate_password_hash

from cgim import create_app
from cgim.auth import models as auth_models
from cgim.extensions import db
from tests.conftest import base_config


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


@pytest.fixture
def quiet_app(database_url):
    """An app on the suite's database that opens no connection unless a request needs one."""
    app = create_app(base_config(database_url))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_ping_answers_ok_in_plain_text_without_database_or_session(quiet_app):
    statements = []

    def count(*_args):
        statements.append(1)

    with quiet_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    event.listen(engine, "connect", count)
    try:
        response = quiet_app.test_client().get("/ping")
    finally:
        event.remove(engine, "before_cursor_execute", count)
        event.remove(engine, "connect", count)
    assert response.status_code == 200
    assert response.text == "ok"
    assert response.mimetype == "text/plain"
    assert "Set-Cookie" not in response.headers
    assert statements == []


def test_ping_accepts_only_reads(quiet_app):
    assert quiet_app.test_client().post("/ping").status_code == 405


# --- the front door --------------------------------------------------------------------


def test_home_offers_joining_resuming_and_staff_sign_in(client, make_user):
    make_user()  # past the first run
    page = client.get("/")
    assert page.status_code == 200
    assert "Caring adults for your child" in page.text
    for link in ('href="/join"', 'href="/resume"', 'href="/login"'):
        assert link in page.text
    assert "Carry on" not in page.text
    assert "Go to your workshops" not in page.text


def test_home_lets_a_parent_carry_on(client, join, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    join(client, code, "Robin")
    page = client.get("/").text
    assert "Carry on, Robin" in page
    assert 'href="/me"' in page
    assert 'href="/join"' not in page


def test_home_sends_staff_to_their_workshops(client, make_user, login):
    login(client, make_user()[0])
    page = client.get("/").text
    assert "Go to your workshops" in page
    assert 'href="/workshops/"' in page
    assert "Staff sign in" not in page


# --- health ----------------------------------------------------------------------------


def dispose(app) -> None:
    """Close an extra app's pooled connections (psycopg warns about connections left open)."""
    with app.app_context():
        db.engine.dispose()


def test_healthz_reports_the_database(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    expected = (
        "postgresql" if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgres") else "sqlite"
    )
    assert response.json == {"status": "ok", "database": "ok", "dialect": expected}


def test_healthz_reports_an_unreachable_database(app, tmp_path):
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    broken = create_app(base_config(f"sqlite:///{missing}"))
    response = broken.test_client().get("/healthz")
    dispose(broken)
    assert response.status_code == 503
    assert response.json["status"] == "error"
    assert response.json["database"] == "unavailable"

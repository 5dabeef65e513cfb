"""GET /ping: a quiet endpoint for load baselines, touching neither the database nor the session."""

import pytest
from sqlalchemy import event

from cgim import create_app
from cgim.extensions import db
from tests.conftest import base_config


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

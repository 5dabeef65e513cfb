"""Shared fixtures: an app on a real database file (or PostgreSQL), clients, and factories."""

import itertools
import os
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.pool import NullPool

from cgim import create_app
from cgim.auth.models import Organisation, User
from cgim.extensions import db, limiter
from cgim.parent import services as parent_services
from cgim.workshop import services as workshop_services

PASSWORD = "correct horse battery"
MI_CONTENT = Path(__file__).resolve().parent / "fixtures" / "mi_content"
POSTGRES_URL = os.environ.get("CGIM_TEST_DATABASE_URL", "")
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """PostgreSQL when CGIM_TEST_DATABASE_URL is set, else a SQLite file (WAL needs a file)."""
    if POSTGRES_URL:
        return POSTGRES_URL
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "cgim-test.sqlite3")


@pytest.fixture(scope="session")
def _schema(database_url):
    """Create the schema once per run; each test empties the tables after itself."""
    app = create_app(base_config(database_url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.session.remove()
        db.engine.dispose()
    return database_url


def base_config(database_url: str) -> dict:
    """Test configuration: real CSRF off for request tests (on in browser tests)."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": None,
    }


def engine_options(database_url: str) -> dict:
    """On PostgreSQL, close connections on release: short-lived test apps never leak one."""
    return {"poolclass": NullPool} if database_url.startswith("postgresql") else {}


def forbid_writes_in_reads(app) -> None:
    """Fail any GET that writes: on SQLite a read that turns into a write can fail at once."""
    from flask import has_request_context, request

    from cgim.database import request_writes

    def check(_conn, _cursor, statement, *_args):
        if has_request_context() and request.method == "GET" and not request_writes():
            verb = statement.lstrip().split(None, 1)[0].upper()
            assert verb in ("SELECT", "PRAGMA", "BEGIN", "WITH"), (
                f"GET {request.path} wrote: {statement[:80]}"
            )

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", check)


@pytest.fixture
def app(_schema):
    """A fresh app on the shared schema; tables are emptied afterwards."""
    app = create_app(base_config(_schema))
    forbid_writes_in_reads(app)
    limiter.reset()
    yield app
    empty_tables(app)
    with app.app_context():
        db.engine.dispose()  # close the pool: PostgreSQL connections must not outlive the test


def empty_tables(app) -> None:
    """Delete every row, children first, so the next test starts from an empty database."""
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture
def csrf_app(app):
    """The test app with real CSRF checks on, on the same database."""
    config = {**base_config(app.config["SQLALCHEMY_DATABASE_URI"]), "WTF_CSRF_ENABLED": True}
    csrf_app = create_app(config)
    yield csrf_app
    with csrf_app.app_context():
        db.engine.dispose()


def form_token(page: str) -> str:
    """The CSRF token of the first form on a page."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def meta_token(page: str) -> str:
    """The CSRF token the page gives its scripts."""
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def join_with_tokens(client, code: str):
    """Join through the pages, sending each page's token as a browser would."""
    token = form_token(client.get("/join").text)
    assert client.post("/join", data={"code": code, "csrf_token": token}).status_code == 302
    token = form_token(client.get(f"/join/{code}").text)
    named = client.post(
        f"/join/{code}", data={"nickname": "Sam", "language": "en", "csrf_token": token}
    )
    assert named.status_code == 302
    token = form_token(client.get(f"/join/{code}/consent").text)
    assert client.post(f"/join/{code}/consent", data={"csrf_token": token}).location == "/me"
    return client


@pytest.fixture
def mi_app(_schema):
    """The app on the small MI test content (tests/fixtures/mi_content)."""
    app = create_app({**base_config(_schema), "CGIM_CONTENT_DIR": str(MI_CONTENT)})
    limiter.reset()
    yield app
    empty_tables(app)


@pytest.fixture
def mi_workshop(mi_app, make_user):
    """A workshop in the MI test content's short format: (id, join code)."""
    user_id, _org = make_user()
    with mi_app.app_context():
        user = db.session.get(User, user_id)
        workshop = workshop_services.create(user, "T", "short", "en", date.today())
        db.session.commit()
        return workshop.id, workshop.join_code


@pytest.fixture
def client(app):
    """A browser-like client with its own cookies."""
    return app.test_client()


@pytest.fixture
def new_client(app):
    """Factory for more independent clients (another tablet, another staff member)."""
    return app.test_client


@pytest.fixture
def make_user(app):
    """Create a staff user; a new organisation unless one is given."""

    def make(role="facilitator", organisation=None, email=None, name=None):
        with app.app_context():
            n = next(_counter)
            org = organisation or Organisation(name=f"Agency {n}")
            db.session.add(org)
            user = User(
                organisation=org,
                email=email or f"staff{n}@example.org",
                name=name or f"Staff {n}",
                role=role,
            )
            user.set_password(PASSWORD)
            db.session.add(user)
            db.session.commit()
            return db.session.get(User, user.id).id, org.id

    return make


@pytest.fixture
def login(app):
    """Sign a client in as a user id."""

    def do(client, user_id):
        with app.app_context():
            email = db.session.get(User, user_id).email
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.text
        return client

    return do


@pytest.fixture
def make_workshop(app):
    """Create a workshop owned by a user id; returns (id, join code)."""

    def make(user_id, format_id="making_connections", title="Tuesday group"):
        with app.app_context():
            user = db.session.get(User, user_id)
            workshop = workshop_services.create(user, title, format_id, "en", date(2026, 11, 24))
            db.session.commit()
            return workshop.id, workshop.join_code

    return make


@pytest.fixture
def join(app):
    """Join a workshop through the real pages, as a parent would; returns the client."""

    def do(client, code, nickname="Sam"):
        assert client.post("/join", data={"code": code}).status_code == 302
        assert (
            client.post(f"/join/{code}", data={"nickname": nickname, "language": "en"}).status_code
            == 302
        )
        assert client.post(f"/join/{code}/consent").location == "/me"
        return client

    return do


@pytest.fixture
def parent_id(app):
    """The parent id behind a parent's client."""

    def find(client):
        with client.session_transaction() as session:
            return session["parent"][0]

    return find


@pytest.fixture
def resume_code_of(app):
    """A parent's resume code, as shown on their page."""

    def find(client):
        page = client.get("/me").text
        return re.search(r'class="resume-code">([A-Z0-9-]+)<', page).group(1)

    return find


@pytest.fixture
def answers_of(app):
    """Stored answers of a parent id."""

    def read(pid):
        with app.app_context():
            from cgim.parent.models import Parent

            return parent_services.answers_of(db.session.get(Parent, pid))

    return read

"""Fixtures for tests that need an empty database of their own (upgrades, commands).

A SQLite file in the test's folder, or, when CGIM_TEST_DATABASE_URL is set, a new PostgreSQL
database on the same server (made and dropped by the URL's user, e.g. postgres).
"""

import logging
import os
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("CGIM_TEST_DATABASE_URL", "")


@pytest.fixture(name="keep_loggers")
def keep_loggers_fixture():
    """Alembic's fileConfig resets the root logger (and may switch others off): put them back."""
    loggers = {
        name: lg.disabled
        for name, lg in logging.Logger.manager.loggerDict.items()
        if isinstance(lg, logging.Logger)
    }
    root = logging.getLogger()
    state = (root.level, list(root.handlers))
    yield
    for name, disabled in loggers.items():
        logging.getLogger(name).disabled = disabled
    root.setLevel(state[0])
    root.handlers[:] = state[1]


@pytest.fixture(name="fresh_url")
def fresh_url_fixture(tmp_path, keep_loggers):
    """An empty database of this test's own: a SQLite file, or a new PostgreSQL database."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path}/fresh.sqlite3"
        return
    url = make_url(POSTGRES_URL)
    name = f"{url.database}_fresh_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(
        url.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()

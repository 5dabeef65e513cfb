"""The database the suite runs on is the one asked for, set up as the design requires."""

import os
from pathlib import Path

from sqlalchemy import text

from cgim.extensions import db


def test_suite_runs_on_the_requested_database(app):
    wanted = "postgresql" if os.environ.get("CGIM_TEST_DATABASE_URL") else "sqlite"
    with app.app_context():
        assert db.engine.dialect.name == wanted


def test_sqlite_connections_use_wal_busy_timeout_and_secure_delete(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            assert db.session.execute(text("SELECT 1")).scalar() == 1
            return
        pragma = {
            name: db.session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "busy_timeout", "secure_delete", "foreign_keys")
        }
    assert pragma == {
        "journal_mode": "wal",
        "busy_timeout": 10000,
        "secure_delete": 1,
        "foreign_keys": 1,
    }


def test_migrations_build_the_same_schema_as_the_models(tmp_path, monkeypatch):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from flask_migrate import upgrade

    from cgim import create_app

    url = f"sqlite:///{tmp_path}/migrated.sqlite3"
    migrated = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with migrated.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.session.remove()
    assert differences == []


OTHER_PROCESS_WRITES = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("INSERT INTO notes VALUES ('from the other process')")
connection.commit()
connection.close()
"""


def test_a_second_app_on_the_same_file_keeps_the_first_ones_locks(tmp_path):
    """Starting an app must not drop locks SQLite holds: another process would delete the WAL."""
    import subprocess
    import sys

    from sqlalchemy import create_engine

    from cgim.database import configure_engine

    path = tmp_path / "shared.sqlite3"
    first = create_engine(f"sqlite:///{path}")
    configure_engine(first)
    with first.connect() as held:
        held.execute(text("CREATE TABLE notes (words TEXT)"))
        held.commit()
        for _ in range(3):
            held.execute(text("INSERT INTO notes VALUES ('kept')"))
            held.commit()
            second = create_engine(f"sqlite:///{path}")
            configure_engine(second)  # what each create_app does to the same file
            subprocess.run([sys.executable, "-c", OTHER_PROCESS_WRITES, str(path)], check=True)
            # The other process saw this one still using the file, so it left the WAL alone.
            assert Path(f"{path}-wal").exists()
        held.execute(text("INSERT INTO notes VALUES ('after')"))
        held.commit()
        assert held.execute(text("SELECT count(*) FROM notes")).scalar() == 7
    first.dispose()

"""Only one process migrates at a time: several app processes may start on one empty database."""

import fcntl
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from .extensions import db

LOCK_ID = 42162024  # any fixed number; the same in every cgim process


@contextmanager
def migration_lock(app):
    """PostgreSQL: an advisory lock; SQLite: a lock file next to the instance folder."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": LOCK_ID})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": LOCK_ID})
        return
    path = Path(app.instance_path) / "migrate.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

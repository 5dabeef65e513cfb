"""Database engine set-up: SQLite pragmas, write locks taken up front, and upserts."""

from flask import current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_engine(engine: Engine) -> None:
    """Attach per-connection settings; only SQLite needs them."""
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    """WAL for concurrent readers, a busy timeout instead of errors, no deleted text left behind."""
    # Let SQLAlchemy's "begin" event issue BEGIN itself so writes can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def writes_on_read(view):
    """Mark a GET view that writes (an audit log entry): it too takes the write lock at BEGIN."""
    view.writes_on_read = True
    return view


def request_writes() -> bool:
    """True for requests that may change data: unsafe methods, and GETs marked writes_on_read."""
    if not has_request_context():
        return False
    view = current_app.view_functions.get(request.endpoint)
    return request.method not in SAFE_METHODS or getattr(view, "writes_on_read", False)


def _sqlite_on_begin(connection) -> None:
    """Requests that change data lock the database at BEGIN, so they wait instead of failing."""
    connection.exec_driver_sql("BEGIN IMMEDIATE" if request_writes() else "BEGIN")


def insert_for(dialect_name: str):
    """The dialect's INSERT construct, which knows ON CONFLICT (SQLite and PostgreSQL)."""
    return postgresql.insert if dialect_name == "postgresql" else sqlite.insert

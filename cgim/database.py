"""Database engine set-up: SQLite pragmas, write locks taken up front, and upserts."""

from flask import has_request_context, request
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


def _sqlite_on_begin(connection) -> None:
    """Requests that change data lock the database at BEGIN, so they wait instead of failing."""
    immediate = has_request_context() and request.method not in SAFE_METHODS
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def insert_for(dialect_name: str):
    """The dialect's INSERT construct, which knows ON CONFLICT (SQLite and PostgreSQL)."""
    return postgresql.insert if dialect_name == "postgresql" else sqlite.insert

"""Database engine set-up: SQLite pragmas, write locks taken up front, upserts, and scrubbing."""

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app, has_request_context, request
from sqlalchemy import MetaData, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIVATE_FILE = 0o600
# Tables whose deleted rows the next commit should leave no copy of (see scrub_after_commit).
SCRUB = "cgim_scrub"
# PostgreSQL: a VACUUM after a delete waits this long for its lock, then leaves it to purge.
VACUUM_LOCK_TIMEOUT = "5s"
log = logging.getLogger(__name__)
_writing: ContextVar[bool] = ContextVar("cgim_writing", default=False)


def configure_engine(engine: Engine) -> None:
    """Attach per-connection settings; only SQLite needs them (and a private file)."""
    if engine.dialect.name != "sqlite":
        return
    private_file(engine.url.database)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)


def private_file(path: str | None) -> None:
    """The SQLite file is readable by its owner only (0600): SQLite gives -wal/-shm its mode."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        # Never open (and so close) a file SQLite may already hold: closing any descriptor of
        # it drops this process's POSIX locks, and another process's last connection then
        # deletes the WAL under us ("disk I/O error"). Create it only when it is not there.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError as exc:
        log.warning("Could not create the database file: %s", exc)
        return
    try:
        for name in (path, path + "-wal", path + "-shm"):
            if os.path.exists(name) and os.stat(name).st_mode & 0o077:
                os.chmod(name, PRIVATE_FILE)  # made before this rule, or by another tool
    except OSError as exc:
        log.warning("Could not make the database file private: %s", exc)


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
    # When a checkpoint lets the WAL start over, cut it to what the next commit needs, so
    # frames of older transactions (and words deleted since) do not linger in the file.
    cursor.execute("PRAGMA journal_size_limit=0")
    cursor.close()


def writes_on_read(view):
    """Mark a GET view that writes (an audit log entry): it too takes the write lock at BEGIN."""
    view.writes_on_read = True
    return view


@contextmanager
def write_lock() -> Iterator[None]:
    """Outside a request (a command such as `cgim purge`): transactions take the lock at BEGIN."""
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def request_writes() -> bool:
    """True for requests that may change data: unsafe methods, and GETs marked writes_on_read."""
    if not has_request_context():
        return False
    view = current_app.view_functions.get(request.endpoint)
    return request.method not in SAFE_METHODS or getattr(view, "writes_on_read", False)


def _sqlite_on_begin(connection) -> None:
    """Requests that change data lock the database at BEGIN, so they wait instead of failing."""
    immediate = _writing.get() or request_writes()
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def insert_for(dialect_name: str):
    """The dialect's INSERT construct, which knows ON CONFLICT (SQLite and PostgreSQL)."""
    return postgresql.insert if dialect_name == "postgresql" else sqlite.insert


def dependents(metadata: MetaData, table: Table) -> list[Table]:
    """The tables whose rows point at `table` by a foreign key (a parent's answers, maps...)."""
    return [
        other
        for other in metadata.sorted_tables
        if other is not table and any(fk.column.table is table for fk in other.foreign_keys)
    ]


def scrub_after_commit(session: Session, tables: Iterable[str]) -> None:
    """Once this session commits, leave no copy of the rows it deleted from these tables."""
    session.info.setdefault(SCRUB, set()).update(tables)


@event.listens_for(Session, "after_commit")
def _scrub_committed(session: Session) -> None:
    """Scrub what a committed delete asked for; the delete stands even if scrubbing fails."""
    if session.get_nested_transaction() is not None:
        return  # a savepoint: the outer transaction has not committed yet
    tables = session.info.pop(SCRUB, None)
    if tables:
        scrub(session.get_bind(), sorted(tables))


@event.listens_for(Session, "after_transaction_end")
def _forget_scrub(session: Session, transaction) -> None:
    """The outer transaction is over: a delete that was rolled back removed nothing."""
    if transaction.parent is None:
        session.info.pop(SCRUB, None)


def scrub(engine: Engine, tables: Iterable[str]) -> None:
    """SQLite: checkpoint and empty the WAL; PostgreSQL: VACUUM the tables (docs/security.md)."""
    try:
        if engine.dialect.name == "sqlite":
            checkpoint(engine)
        elif engine.dialect.name == "postgresql":
            vacuum(engine, tables)
    except Exception:  # the rows are gone already; `cgim purge` scrubs again later
        log.exception("Could not scrub the database files after a delete")


def checkpoint(engine: Engine) -> bool:
    """Copy the WAL into the database file and truncate it to 0 bytes; False if readers held on.

    With secure_delete on, the database file has zeros where deleted rows were; the WAL
    still holds the pages as they were before the delete until this runs.
    """
    raw = engine.raw_connection()  # autocommit (isolation_level None): no BEGIN around it
    try:
        busy, _frames, _copied = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        raw.close()
    if busy:
        log.warning("WAL checkpoint was blocked by a reader; the next one will finish it")
    return not busy


def vacuum(engine: Engine, tables: Iterable[str]) -> None:
    """VACUUM the tables: dead rows go, so no query, index or dump can reach them.

    VACUUM cannot run inside a transaction, hence the autocommit connection; a short lock
    timeout keeps a delete from waiting behind another VACUUM or a schema change.
    """
    names = ", ".join(engine.dialect.identifier_preparer.quote(name) for name in tables)
    if not names:
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"SET lock_timeout = '{VACUUM_LOCK_TIMEOUT}'")
        connection.exec_driver_sql(f"VACUUM {names}")

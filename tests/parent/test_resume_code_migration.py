"""Migration 0007 widens resume codes to 10 characters and keeps every row and old code."""

import datetime as dt

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from cgim import create_app
from cgim.extensions import db


def filler(column: sa.Column, n: int):
    """A value for a required column of any type."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    if kind is bool:
        return False
    if kind is int:
        return n
    if kind in (dt.datetime, dt.date):
        return dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    if kind in (dict, list):
        return {}
    return f"x{n}"[: getattr(column.type, "length", None) or 40]


def insert(connection, table_name: str, **values) -> int:
    """Insert a row giving every required column a value; returns its id."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    row = dict(values)
    for n, column in enumerate(table.columns):
        required = not column.nullable and column.server_default is None
        if column.name not in row and required and not column.primary_key:
            row[column.name] = filler(column, n)
    return connection.execute(table.insert().values(**row)).inserted_primary_key[0]


@pytest.fixture
def migrated(tmp_path):
    """An app on an empty SQLite file, with no schema yet."""
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_0007_keeps_rows_and_old_codes_and_takes_ten_characters(migrated):
    with migrated.app_context():
        upgrade(revision="0006")
        with db.engine.begin() as connection:
            org = insert(connection, "organisations", name="Riverside")
            user = insert(connection, "users", organisation_id=org, email="a@example.org")
            workshop = insert(
                connection, "workshops", organisation_id=org, owner_id=user, join_code="ABCDEF"
            )
            parent = insert(
                connection, "participants", workshop_id=workshop, resume_code="ABCDEFGH"
            )
            insert(connection, "answers", participant_id=parent, prompt_id="p1", value="Football")

        upgrade()

        with db.engine.begin() as connection:
            columns = {c["name"]: c for c in sa.inspect(connection).get_columns("participants")}
            assert columns["resume_code"]["type"].length == 10
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql(
                "SELECT resume_code FROM participants"
            ).scalars().all() == ["ABCDEFGH"]
            assert connection.exec_driver_sql("SELECT value FROM answers").scalar() == '"Football"'
            insert(connection, "participants", workshop_id=workshop, resume_code="ABCDE23456")
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM participants WHERE resume_code = 'ABCDE23456'")
        downgrade(revision="0006")
        with db.engine.connect() as connection:
            columns = {c["name"]: c for c in sa.inspect(connection).get_columns("participants")}
            assert columns["resume_code"]["type"].length == 8
            assert connection.exec_driver_sql("SELECT count(*) FROM answers").scalar() == 1

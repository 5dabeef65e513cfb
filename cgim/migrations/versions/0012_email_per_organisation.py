"""email per organisation: users.email is unique within its organisation, not across them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:00:00

So that adding a colleague never tells an admin whether another organisation has the
address, the same email may have an account in two organisations (sign-in tells them apart
by the password). `uq_users_email` gives way to `uq_users_organisation_email` and a plain
index on email keeps sign-in quick.

SQLite cannot drop a UNIQUE constraint, so `users` is rebuilt. Many tables point at it, some
with ON DELETE CASCADE: with foreign keys on, dropping the old table would delete their rows
(or fail), and renaming would rewrite their references. So, as SQLite documents for such
changes (https://www.sqlite.org/lang_altertable.html#otheralter), foreign keys are off for
the rebuild, which is checked with `PRAGMA foreign_key_check` before it commits. The pragma
works only outside a transaction, hence the autocommit blocks around it.
"""

import contextlib
import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    change(
        drop="uq_users_email",
        create=("uq_users_organisation_email", ["organisation_id", "email"]),
        index=True,
    )


def downgrade():
    # Refused while an email has accounts in two organisations: one of them would be lost.
    change(drop="uq_users_organisation_email", create=("uq_users_email", ["email"]), index=False)


def change(drop: str, create: tuple[str, list[str]], index: bool) -> None:
    """Swap one unique constraint of `users` for another, and add or remove the email index."""
    name, columns = create
    bind = op.get_bind()
    if drop not in {c["name"] for c in sa.inspect(bind).get_unique_constraints("users")}:
        return  # done already: the rebuild committed, the version had not been written yet
    if bind.dialect.name != "sqlite":
        swap(drop, name, columns, index)
        return
    raw = bind.connection.dbapi_connection
    outside_a_transaction(raw, "PRAGMA foreign_keys=OFF")
    try:
        swap(drop, name, columns, index)
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"the users rebuild would break foreign keys: {broken[:5]}")
    except BaseException:
        with contextlib.suppress(sqlite3.OperationalError):  # no transaction was open
            raw.execute("ROLLBACK")
        raw.execute("BEGIN")
        outside_a_transaction(raw, "PRAGMA foreign_keys=ON", end="ROLLBACK")
        raise
    outside_a_transaction(raw, "PRAGMA foreign_keys=ON")


def outside_a_transaction(raw, pragma: str, end: str = "COMMIT") -> None:
    """Run a pragma between two transactions: end the current one, then begin another.

    Alembic still holds its transaction (it writes the version next, then commits), so a new
    one is begun on the same connection for it. The app's own BEGIN hook is bypassed here.
    """
    raw.execute(end)
    raw.execute(pragma)
    raw.execute("BEGIN IMMEDIATE")


def swap(drop: str, name: str, columns: list[str], index: bool) -> None:
    """The change itself (on SQLite, Alembic's batch mode rebuilds the table)."""
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(drop, type_="unique")
        batch.create_unique_constraint(name, columns)
        if index:
            batch.create_index("ix_users_email", ["email"], unique=False)
        else:
            batch.drop_index("ix_users_email")

"""longer resume codes: participants.resume_code holds 10 characters (8 before)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 12:00:00

Codes already given out keep their 8 characters and keep working. PostgreSQL widens the
column in place. SQLite does not enforce VARCHAR lengths, and rebuilding `participants`
(Alembic's batch mode) would drop the table with foreign keys on, which cascades to every
answer; so on SQLite only the declared type in the schema text changes, by the procedure
SQLite documents for changes that leave the stored data as it is
(https://www.sqlite.org/lang_altertable.html#otheralter).
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    resize(8, 10)


def downgrade():
    # Refused on PostgreSQL while any 10-character code exists: those parents would be lost.
    resize(10, 8)


def resize(old: int, new: int) -> None:
    """Declare participants.resume_code as VARCHAR(new) instead of VARCHAR(old)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.alter_column(
            "participants",
            "resume_code",
            existing_type=sa.String(length=old),
            type_=sa.String(length=new),
            existing_nullable=False,
        )
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'participants'"
    ).scalar_one()
    pattern = re.compile(rf'(\bresume_code"?\s+VARCHAR)\(\s*{old}\s*\)', re.IGNORECASE)
    changed, found = pattern.subn(rf"\g<1>({new})", sql)
    if found != 1:
        raise RuntimeError(f"participants.resume_code is not declared VARCHAR({old}): {sql}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'participants'",
        (changed,),
    )
    # A new schema version makes every open connection read the changed schema.
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")

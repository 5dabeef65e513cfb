"""retention: how long each organisation keeps parents' data, audit rows and resume codes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    # Organisations already have rows: every NOT NULL column comes with a server default,
    # and only columns are added, so SQLite never rebuilds the table.
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(
            sa.Column("keep_parents_days", sa.Integer(), nullable=False, server_default="365")
        )
        batch.add_column(
            sa.Column("keep_audit_days", sa.Integer(), nullable=False, server_default="730")
        )
        batch.add_column(sa.Column("resume_days", sa.Integer(), nullable=False, server_default="30"))


def downgrade():
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("resume_days")
        batch.drop_column("keep_audit_days")
        batch.drop_column("keep_parents_days")

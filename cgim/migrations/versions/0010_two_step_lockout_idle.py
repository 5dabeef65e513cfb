"""two-step sign-in, recovery codes, wrong tries per account and unlocks, idle minutes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_two_step",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_step", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_two_step_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_two_step")),
    )
    op.create_table(
        "two_step_recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("hint", sa.String(length=8), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_two_step_recovery_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_two_step_recovery_codes")),
        sa.UniqueConstraint("user_id", "hint", name=op.f("uq_two_step_recovery_codes_user_id")),
    )
    with op.batch_alter_table("two_step_recovery_codes") as batch:
        batch.create_index(batch.f("ix_two_step_recovery_codes_user_id"), ["user_id"], unique=False)
    op.create_table(
        "sign_in_failures",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_failures")),
    )
    with op.batch_alter_table("sign_in_failures") as batch:
        batch.create_index(
            batch.f("ix_sign_in_failures_last_failed_at"), ["last_failed_at"], unique=False
        )
    op.create_table(
        "sign_in_unlocks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("unlocked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_sign_in_unlocks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_sign_in_unlocks")),
    )
    # Organisations already have rows: both columns come with a server default, and only
    # columns are added, so SQLite never rebuilds the table.
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(
            sa.Column("two_step_for", sa.String(length=10), nullable=False, server_default="nobody")
        )
        batch.add_column(
            sa.Column("idle_minutes", sa.Integer(), nullable=False, server_default="30")
        )


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch rebuild of organisations
    # would drop a table that users, workshops and contacts point at.
    op.execute("ALTER TABLE organisations DROP COLUMN idle_minutes")
    op.execute("ALTER TABLE organisations DROP COLUMN two_step_for")
    op.drop_table("sign_in_unlocks")
    with op.batch_alter_table("sign_in_failures") as batch:
        batch.drop_index(batch.f("ix_sign_in_failures_last_failed_at"))
    op.drop_table("sign_in_failures")
    with op.batch_alter_table("two_step_recovery_codes") as batch:
        batch.drop_index(batch.f("ix_two_step_recovery_codes_user_id"))
    op.drop_table("two_step_recovery_codes")
    op.drop_table("user_two_step")

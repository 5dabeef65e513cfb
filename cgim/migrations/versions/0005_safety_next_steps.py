"""safety next steps: talk requests, unnamed flags, national help lines, tool screens

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:35:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    # Tables may hold rows: every NOT NULL column comes with a server default.
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(
            sa.Column("flag_serious_worries", sa.Boolean(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("local_contacts") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="local")
        )
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("safety_talk_requested_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("serious_worry_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("current_tool", sa.String(length=30)))


def downgrade():
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("current_tool")
        batch.drop_column("serious_worry_at")
        batch.drop_column("safety_talk_requested_at")
    with op.batch_alter_table("local_contacts") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("flag_serious_worries")

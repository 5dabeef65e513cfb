"""readable audit: each row names its organisation, staff member, workshop and a short detail

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 10:00:00

Rows written before this revision get their organisation and staff name from the account
that wrote them, and their workshop from the parent if the parent is still there. Then the
organisation becomes required, while the parent and the account become optional (a room
read is about no one family; an account may go, its rows stay). On SQLite that last step
rebuilds audit_events, which is safe: no table points at it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

USER_FK = "fk_audit_events_user_id_users"
ORGANISATION_FK = "fk_audit_events_organisation_id_organisations"


def upgrade():
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("staff_name", sa.String(length=120), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("workshop_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("what", sa.String(length=80), nullable=False, server_default=""))
    op.execute(
        "UPDATE audit_events SET "
        "organisation_id = (SELECT organisation_id FROM users "
        "WHERE users.id = audit_events.user_id), "
        "staff_name = (SELECT name FROM users WHERE users.id = audit_events.user_id), "
        "workshop_id = (SELECT workshop_id FROM participants "
        "WHERE participants.id = audit_events.participant_id)"
    )
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("participant_id", existing_type=sa.Integer(), nullable=True)
        batch.create_foreign_key(ORGANISATION_FK, "organisations", ["organisation_id"], ["id"])
        batch.drop_constraint(USER_FK, type_="foreignkey")
        batch.create_foreign_key(USER_FK, "users", ["user_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_audit_events_organisation_id", ["organisation_id"])
        batch.create_index("ix_audit_events_workshop_id", ["workshop_id"])


def downgrade():
    # The older table cannot hold rows about no family or no account: those rows go.
    op.execute("DELETE FROM audit_events WHERE participant_id IS NULL OR user_id IS NULL")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index("ix_audit_events_workshop_id")
        batch.drop_index("ix_audit_events_organisation_id")
        batch.drop_constraint(USER_FK, type_="foreignkey")
        batch.create_foreign_key(USER_FK, "users", ["user_id"], ["id"])
        batch.drop_constraint(ORGANISATION_FK, type_="foreignkey")
        batch.alter_column("participant_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("what")
        batch.drop_column("workshop_id")
        batch.drop_column("staff_name")
        batch.drop_column("organisation_id")

"""A booking and a waitlist entry remember the need the resident came for; a seat taken from a
waitlist offer says so (`booked_by = 'waitlist'`).

Existing bookings and entries get their need where it is certain: their slot covers one theme.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The slot's only theme, or NULL when it has several (or none).
ONLY_THEME = """
    SELECT MIN(workshop_themes.theme) FROM workshop_themes
    JOIN slots ON slots.workshop_id = workshop_themes.workshop_id
    WHERE slots.id = {table}.slot_id
    HAVING COUNT(*) = 1
"""


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("need", sa.String(length=40), nullable=True))
        batch.drop_constraint(op.f("ck_bookings_booked_by"), type_="check")
        batch.create_check_constraint(
            op.f("ck_bookings_booked_by"),
            "booked_by IN ('resident', 'advisor', 'admin', 'waitlist')",
        )
    with op.batch_alter_table("waitlist_entries") as batch:
        batch.add_column(sa.Column("need", sa.String(length=40), nullable=True))
    for table in ("bookings", "waitlist_entries"):
        op.execute(f"UPDATE {table} SET need = ({ONLY_THEME.format(table=table)})")


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")

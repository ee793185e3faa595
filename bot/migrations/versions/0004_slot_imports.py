"""Spreadsheets of sessions: a workshop remembers the line that made it (`import_key`, unique per
place), a slot its number in that line's repetition (`import_occurrence`, one live slot each),
and a file sent to the bot waits in `slot_imports` until it is applied or dropped.

Plain additions: nothing needs a SQLite table rebuilt.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workshops", sa.Column("import_key", sa.String(length=100), nullable=True))
    op.create_index(
        "uq_workshops_import_key", "workshops", ["structure_id", "import_key"], unique=True
    )
    op.add_column("slots", sa.Column("import_occurrence", sa.Integer(), nullable=True))
    op.create_index(
        "uq_slots_import_occurrence",
        "slots",
        ["workshop_id", "import_occurrence"],
        unique=True,
        sqlite_where=sa.text("status = 'scheduled'"),
        postgresql_where=sa.text("status = 'scheduled'"),
    )
    op.create_table(
        "slot_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_imports")),
    )
    op.create_index(op.f("ix_slot_imports_telegram_user_id"), "slot_imports", ["telegram_user_id"])


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")

"""The fields of places edited on the dashboard, kept over later imports (`place_edits`).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "place_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("imported_value", sa.String(length=1000), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_place_edits_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_edits")),
        sa.UniqueConstraint(
            "structure_id", "field", name=op.f("uq_place_edits_structure_id_field")
        ),
    )
    op.create_index(
        op.f("ix_place_edits_structure_id"), "place_edits", ["structure_id"], unique=False
    )


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")

"""Staff in the bot: advisors invited by a single-use link, coordinators promoted from them,
people booked in person (no Telegram id, maybe a phone), places that close, notices to those
waiting for a session that is cancelled or moved, and the facts all processes share (the
catalogue's version, the bot's username).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("host_structures") as batch:
        batch.add_column(
            sa.Column("closed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("residents") as batch:
        batch.alter_column("telegram_user_id", existing_type=sa.BigInteger(), nullable=True)
        batch.add_column(sa.Column("phone", sa.String(length=40), nullable=True))
    with op.batch_alter_table("advisors") as batch:
        batch.add_column(
            sa.Column("is_coordinator", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("first_name <> ''", name=op.f("ck_invitations_first_name_not_empty")),
        sa.CheckConstraint(
            "expires_at > created_at", name=op.f("ck_invitations_expires_after_creation")
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisors.id"],
            name=op.f("fk_invitations_advisor_id_advisors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    op.create_table(
        "invitation_structures",
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitations.id"],
            name=op.f("fk_invitation_structures_invitation_id_invitations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_invitation_structures_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "invitation_id", "structure_id", name=op.f("pk_invitation_structures")
        ),
    )
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint(op.f("ck_notifications_notification_kind"), type_="check")
        batch.create_check_constraint(
            op.f("ck_notifications_notification_kind"),
            "kind IN ('reminder_day_before', 'reminder_hours_before', 'booking_cancelled', "
            "'slot_cancelled', 'slot_moved', 'waitlist_offer', 'advisor_booked', "
            "'advisor_cancelled', 'advisor_agenda', 'waitlist_cancelled', 'waitlist_moved')",
        )
    op.create_table(
        "service_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_service_state")),
    )


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")

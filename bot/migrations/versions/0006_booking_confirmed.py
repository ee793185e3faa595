"""A new outbox message: the confirmation of a booking that Telegram failed to show when it was
made (`booking_confirmed`).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KINDS = (
    "reminder_day_before",
    "reminder_hours_before",
    "booking_cancelled",
    "slot_cancelled",
    "slot_moved",
    "waitlist_offer",
    "advisor_booked",
    "advisor_cancelled",
    "advisor_agenda",
    "waitlist_cancelled",
    "waitlist_moved",
)


def upgrade() -> None:
    kinds = (*KINDS, "booking_confirmed")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint(op.f("ck_notifications_notification_kind"), type_="check")
        batch.create_check_constraint(
            op.f("ck_notifications_notification_kind"),
            "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")",
        )


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")

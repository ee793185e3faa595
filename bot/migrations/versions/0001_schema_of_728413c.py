"""The schema as `create_all` made it at 728413c, the last version without migrations.

A database made by that version (tables, no `alembic_version`) is recognised by
`bot.migrate` and stamped at this revision before the upgrade.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "advisors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column(
            "notification_level",
            sa.Enum(
                "all",
                "same_day",
                "none",
                name="notification_level",
                native_enum=False,
                create_constraint=True,
            ),
            server_default="all",
            nullable=False,
        ),
        sa.CheckConstraint("first_name <> ''", name=op.f("ck_advisors_first_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advisors")),
        sa.UniqueConstraint("telegram_user_id", name=op.f("uq_advisors_telegram_user_id")),
    )
    op.create_table(
        "conversation_states",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "key", name=op.f("pk_conversation_states")),
    )
    op.create_table(
        "host_structures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "typology",
            sa.Enum(
                "mairie",
                "ccas",
                "france_services",
                "mediatheque",
                "association",
                "departement",
                "intercommunalite",
                "prefecture",
                "centre_social",
                "centre_medico_social",
                "mission_locale",
                "autre",
                name="typology",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("commune_insee", sa.String(length=5), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("opening_hours", sa.String(length=1000), nullable=True),
        sa.Column("itinerant", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("individual_help", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("source_id", sa.String(length=100), nullable=True),
        sa.Column("timezone", sa.String(length=64), server_default="Europe/Paris", nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("name <> ''", name=op.f("ck_host_structures_name_not_empty")),
        sa.CheckConstraint("timezone <> ''", name=op.f("ck_host_structures_timezone_not_empty")),
        sa.CheckConstraint("lat >= -90 AND lat <= 90", name=op.f("ck_host_structures_lat_range")),
        sa.CheckConstraint(
            "length(commune_insee) = 5", name=op.f("ck_host_structures_commune_insee_length")
        ),
        sa.CheckConstraint("lon >= -180 AND lon <= 180", name=op.f("ck_host_structures_lon_range")),
        sa.CheckConstraint(
            "source_id IS NULL OR source IS NOT NULL",
            name=op.f("ck_host_structures_source_id_has_source"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_host_structures")),
        sa.UniqueConstraint(
            "source", "source_id", name=op.f("uq_host_structures_source_source_id")
        ),
    )
    with op.batch_alter_table("host_structures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_host_structures_commune_insee"), ["commune_insee"], unique=False
        )

    op.create_table(
        "residents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("first_name", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("commune_insee", sa.String(length=5), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("unreachable", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_residents")),
        sa.UniqueConstraint("telegram_user_id", name=op.f("uq_residents_telegram_user_id")),
    )
    op.create_table(
        "user_drafts",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_drafts")),
    )
    op.create_table(
        "advisor_structures",
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisors.id"],
            name=op.f("fk_advisor_structures_advisor_id_advisors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_advisor_structures_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("advisor_id", "structure_id", name=op.f("pk_advisor_structures")),
    )
    op.create_table(
        "structure_programmes",
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column(
            "programme",
            sa.Enum(
                "france_services",
                "conseillers_numeriques",
                "aidants_connect",
                name="programme",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_structure_programmes_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("structure_id", "programme", name=op.f("pk_structure_programmes")),
    )
    op.create_table(
        "structure_themes",
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.CheckConstraint("theme <> ''", name=op.f("ck_structure_themes_theme_not_empty")),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_structure_themes_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("structure_id", "theme", name=op.f("pk_structure_themes")),
    )
    with op.batch_alter_table("structure_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_structure_themes_theme"), ["theme"], unique=False)

    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "collective",
                "individual",
                name="workshop_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"], ["advisors.id"], name=op.f("fk_workshops_advisor_id_advisors")
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_workshops_structure_id_host_structures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
    )
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshops_advisor_id"), ["advisor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_workshops_structure_id"), ["structure_id"], unique=False
        )

    op.create_table(
        "slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "cancelled",
                "moved",
                name="slot_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.Column("cancellation_reason", sa.String(length=300), nullable=True),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_slots_capacity_positive")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_slots_ends_after_start")),
        sa.CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity",
            name=op.f("ck_slots_seats_taken_within_capacity"),
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"], ["slots.id"], name=op.f("fk_slots_replaced_by_id_slots")
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_slots_workshop_id_workshops")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slots")),
    )
    with op.batch_alter_table("slots", schema=None) as batch_op:
        batch_op.create_index("ix_slots_status_starts_at", ["status", "starts_at"], unique=False)
        batch_op.create_index(
            "ix_slots_workshop_id_starts_at", ["workshop_id", "starts_at"], unique=False
        )

    op.create_table(
        "workshop_themes",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_themes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "theme", name=op.f("pk_workshop_themes")),
    )
    with op.batch_alter_table("workshop_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshop_themes_theme"), ["theme"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "booked",
                "cancelled_by_resident",
                "cancelled_by_service",
                "attended",
                "no_show",
                name="booking_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "booked_by",
            sa.Enum(
                "resident",
                "advisor",
                "admin",
                name="booked_by",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(status IN ('cancelled_by_resident', 'cancelled_by_service'))"
            " = (cancelled_at IS NOT NULL)",
            name=op.f("ck_bookings_cancelled_at_iff_cancelled"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_bookings_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["slot_id"], ["slots.id"], name=op.f("fk_bookings_slot_id_slots")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bookings_resident_id_status", ["resident_id", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bookings_slot_id"), ["slot_id"], unique=False)
        batch_op.create_index(
            "uq_bookings_active_slot_resident",
            ["slot_id", "resident_id"],
            unique=True,
            sqlite_where=sa.text("status = 'booked'"),
            postgresql_where=sa.text("status = 'booked'"),
        )

    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "waiting",
                "offered",
                "accepted",
                "expired",
                "left",
                "closed",
                name="waitlist_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status <> 'offered' OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL)",
            name=op.f("ck_waitlist_entries_offer_has_times"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["residents.id"],
            name=op.f("fk_waitlist_entries_resident_id_residents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["slots.id"], name=op.f("fk_waitlist_entries_slot_id_slots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entries")),
    )
    with op.batch_alter_table("waitlist_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_waitlist_entries_resident_id"), ["resident_id"], unique=False
        )
        batch_op.create_index(
            "ix_waitlist_entries_slot_id_status", ["slot_id", "status", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_waitlist_entries_status_offer_expires_at",
            ["status", "offer_expires_at"],
            unique=False,
        )
        batch_op.create_index(
            "uq_waitlist_entries_active_slot_resident",
            ["slot_id", "resident_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('waiting', 'offered')"),
            postgresql_where=sa.text("status IN ('waiting', 'offered')"),
        )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "reminder_day_before",
                "reminder_hours_before",
                "booking_cancelled",
                "slot_cancelled",
                "slot_moved",
                "waitlist_offer",
                "advisor_booked",
                "advisor_cancelled",
                "advisor_agenda",
                name="notification_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "claimed",
                "sent",
                "dropped",
                "unreachable",
                "failed",
                name="notification_status",
                native_enum=False,
                create_constraint=True,
            ),
            server_default="pending",
            nullable=False,
        ),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("slot_id", sa.Integer(), nullable=True),
        sa.Column("previous_slot_id", sa.Integer(), nullable=True),
        sa.Column("waitlist_entry_id", sa.Integer(), nullable=True),
        sa.Column("agenda_day", sa.Date(), nullable=True),
        sa.Column("seats_left", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "drop_reason",
            sa.Enum(
                "expired",
                "booking_cancelled",
                "slot_cancelled",
                "slot_moved",
                "superseded",
                "unreachable",
                "obsolete",
                name="notification_drop_reason",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.CheckConstraint(
            "(status = 'dropped') = (drop_reason IS NOT NULL)",
            name=op.f("ck_notifications_drop_reason_iff_dropped"),
        ),
        sa.CheckConstraint(
            "status <> 'claimed' OR claimed_by IS NOT NULL",
            name=op.f("ck_notifications_claim_has_worker"),
        ),
        sa.CheckConstraint(
            "status <> 'sent' OR sent_at IS NOT NULL",
            name=op.f("ck_notifications_sent_has_sent_at"),
        ),
        sa.CheckConstraint(
            "(resident_id IS NULL) <> (advisor_id IS NULL)",
            name=op.f("ck_notifications_one_recipient"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_notifications_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisors.id"],
            name=op.f("fk_notifications_advisor_id_advisors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_notifications_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["previous_slot_id"], ["slots.id"], name=op.f("fk_notifications_previous_slot_id_slots")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["residents.id"],
            name=op.f("fk_notifications_resident_id_residents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["slots.id"], name=op.f("fk_notifications_slot_id_slots")
        ),
        sa.ForeignKeyConstraint(
            ["waitlist_entry_id"],
            ["waitlist_entries.id"],
            name=op.f("fk_notifications_waitlist_entry_id_waitlist_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("key", name=op.f("uq_notifications_key")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notifications_advisor_id"), ["advisor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_booking_id"), ["booking_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_resident_id"), ["resident_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notifications_slot_id"), ["slot_id"], unique=False)
        batch_op.create_index(
            "ix_notifications_status_available_at", ["status", "available_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_waitlist_entry_id"), ["waitlist_entry_id"], unique=False
        )


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")

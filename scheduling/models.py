"""Residents, workshops, slots and bookings, and the files of sessions waiting to be applied.

Integrity lives in the schema, not only in the code: a slot never holds more bookings than seats
(`CHECK 0 <= seats_taken <= capacity`), and a resident holds at most one active booking per slot
(a unique index on `(slot_id, resident_id)` restricted to `status = 'booked'`, which SQLite and
PostgreSQL both support). Enumerations are stored as their string values with a named CHECK, so
the tables read the same on both databases and migrations can name what they change.

Host structures and advisors belong to `knowledge.catalogue`; they are referenced by table name
only, so that this module imports without the catalogue.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.orm import Base


class WorkshopKind(StrEnum):
    COLLECTIVE = "collective"
    """A group session: several residents, one advisor."""
    INDIVIDUAL = "individual"
    """A permanence or individual appointment: usually one seat per slot."""


class SlotStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    MOVED = "moved"
    """Replaced by another slot at a different time; the row stays for the history."""


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED_BY_RESIDENT = "cancelled_by_resident"
    CANCELLED_BY_SERVICE = "cancelled_by_service"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


CANCELLED_STATUSES = frozenset(
    {BookingStatus.CANCELLED_BY_RESIDENT, BookingStatus.CANCELLED_BY_SERVICE}
)


class BookedBy(StrEnum):
    RESIDENT = "resident"
    ADVISOR = "advisor"
    ADMIN = "admin"
    WAITLIST = "waitlist"
    """The resident took a seat offered to them from the waitlist."""


def _string_enum(enum_class: type[StrEnum], name: str) -> Enum:
    """A VARCHAR holding the enum's values (not its member names), guarded by a named CHECK."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Resident(Base):
    """Someone who talks to the bot, or whom an advisor booked in person. Deliberately little
    personal data."""

    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Telegram user ids no longer fit in 32 bits. None for someone an advisor booked in person
    # (a walk-in): no Telegram id is ever invented.
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    first_name: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="fr")
    commune_insee: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    unreachable: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    """Set when Telegram refuses our messages (the resident blocked the bot)."""
    phone: Mapped[str | None] = mapped_column(String(40))
    """A walk-in's phone number, if they gave one (erased with them, like everything else)."""


class Workshop(Base):
    """An atelier or a permanence offered by a host structure; its dates are its slots."""

    __tablename__ = "workshops"
    __table_args__ = (
        # NULLs are distinct: only imported workshops are held to one per (place, line id).
        Index("uq_workshops_import_key", "structure_id", "import_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(ForeignKey("host_structures.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[WorkshopKind] = mapped_column(_string_enum(WorkshopKind, "workshop_kind"))
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisors.id"), index=True)
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    import_key: Mapped[str | None] = mapped_column(String(100))
    """The `id` of the spreadsheet line that made it (`scheduling.slot_import`), unique per
    place; None for a workshop added otherwise."""

    themes: Mapped[list["WorkshopTheme"]] = relationship(
        cascade="all, delete-orphan", order_by="WorkshopTheme.theme", lazy="selectin"
    )

    @property
    def theme_codes(self) -> tuple[str, ...]:
        return tuple(theme.theme for theme in self.themes)


class WorkshopTheme(Base):
    """One theme (a `knowledge` theme code) covered by a workshop."""

    __tablename__ = "workshop_themes"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Slot(Base):
    """One date of a workshop. Instants are UTC; the structure's time zone applies at display."""

    __tablename__ = "slots"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity", name="seats_taken_within_capacity"
        ),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_slots_workshop_id_starts_at", "workshop_id", "starts_at"),
        Index("ix_slots_status_starts_at", "status", "starts_at"),
        # One live session per occurrence of an imported line: a moved or cancelled one keeps
        # its number for the history, its replacement takes it over.
        Index(
            "uq_slots_import_occurrence",
            "workshop_id",
            "import_occurrence",
            unique=True,
            sqlite_where=text("status = 'scheduled'"),
            postgresql_where=text("status = 'scheduled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    """Maintained by `scheduling.booking` with conditional updates, never read-modify-write."""
    status: Mapped[SlotStatus] = mapped_column(
        _string_enum(SlotStatus, "slot_status"), default=SlotStatus.SCHEDULED
    )
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("slots.id"))
    """For a moved slot: the slot that replaces it (see `scheduling.service_changes`)."""
    cancellation_reason: Mapped[str | None] = mapped_column(String(300))
    """What the structure said when it cancelled the slot, shown to the participants as is."""
    import_occurrence: Mapped[int | None]
    """For a session of an imported line: its number in the line's repetition (1 for the first,
    or without repetition). With the workshop's `import_key`, what the next import recognises it
    by; `scheduling.service_changes.move_slot` hands it to the replacing slot."""

    workshop: Mapped[Workshop] = relationship()


# The predicate of the partial unique index, spelt the same wherever it is named: PostgreSQL
# matches an ON CONFLICT target to the index by its text.
ACTIVE_BOOKING = text("status = 'booked'")


class Booking(Base):
    """A resident's seat on a slot, and what became of it."""

    __tablename__ = "bookings"
    __table_args__ = (
        Index(
            "uq_bookings_active_slot_resident",
            "slot_id",
            "resident_id",
            unique=True,
            sqlite_where=ACTIVE_BOOKING,
            postgresql_where=ACTIVE_BOOKING,
        ),
        Index("ix_bookings_resident_id_status", "resident_id", "status"),
        CheckConstraint(
            "(status IN ('cancelled_by_resident', 'cancelled_by_service'))"
            " = (cancelled_at IS NOT NULL)",
            name="cancelled_at_iff_cancelled",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"), index=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    """None once anonymised (`scheduling.retention`): the row stays for the statistics."""
    status: Mapped[BookingStatus] = mapped_column(
        _string_enum(BookingStatus, "booking_status"), default=BookingStatus.BOOKED
    )
    booked_by: Mapped[BookedBy] = mapped_column(_string_enum(BookedBy, "booked_by"))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
    """When the resident answered "Je viens" to a reminder (`scheduling.attendance`)."""
    need: Mapped[str | None] = mapped_column(String(40))
    """The theme the resident came for (a `knowledge` theme code), None when they did not say
    ("Autre chose", a search for any theme): messages then speak of the slot's themes."""

    slot: Mapped[Slot] = relationship()


class StagedImport(Base):
    """A file of sessions a staff member sent to the bot, kept between the dry run they are shown
    and their "Appliquer" or "Abandonner" (`scheduling.slot_import`); then deleted."""

    __tablename__ = "slot_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime]

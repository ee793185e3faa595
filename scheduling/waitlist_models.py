"""Waitlists: residents queued for a full slot, first come first served.

An entry is `waiting` until a seat frees up and it reaches the head of the line; it is then
`offered`, and the seat is *held* for it: the slot's `seats_taken` keeps counting that seat, so
`book_seat` cannot give it to anyone else. The invariant is

    slots.seats_taken = active bookings + offered entries

The offer ends `accepted` (the entry's resident is booked on the held seat), `expired` (let pass:
the seat goes to the next in line, or back to everyone) or `closed` (the slot was cancelled). A
resident may leave at any time (`left`). Entries of an erased resident lose their resident
(SET NULL): a held seat then simply expires and passes on.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from knowledge.orm import Base
from scheduling.models import _string_enum


class WaitlistStatus(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    LEFT = "left"
    CLOSED = "closed"
    """The slot was cancelled, or starts too soon for any more offers."""


ACTIVE_WAITLIST_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"
    __table_args__ = (
        Index(
            "uq_waitlist_entries_active_slot_resident",
            "slot_id",
            "resident_id",
            unique=True,
            sqlite_where=text("status IN ('waiting', 'offered')"),
            postgresql_where=text("status IN ('waiting', 'offered')"),
        ),
        Index("ix_waitlist_entries_slot_id_status", "slot_id", "status", "created_at"),
        Index("ix_waitlist_entries_status_offer_expires_at", "status", "offer_expires_at"),
        CheckConstraint(
            "status <> 'offered' OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL)",
            name="offer_has_times",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"))
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[WaitlistStatus] = mapped_column(
        _string_enum(WaitlistStatus, "waitlist_status"), default=WaitlistStatus.WAITING
    )
    created_at: Mapped[datetime]
    """The place in line: first come, first offered (ties by id)."""
    offered_at: Mapped[datetime | None]
    offer_expires_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    """When the entry left the line (accepted, expired, left, closed)."""
    need: Mapped[str | None] = mapped_column(String(40))
    """The theme the resident came for, copied to the booking when they take an offered seat."""

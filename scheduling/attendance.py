""" "Je viens ✅": a resident confirms, from a reminder, that they are coming.

("Je ne peux plus venir ❌" is `scheduling.booking.cancel_booking`, after a confirmation step:
the seat goes to the waitlist or back to everyone.)
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from scheduling.booking import AlreadyCancelled, NotFound, TooLate
from scheduling.local_time import require_aware
from scheduling.models import CANCELLED_STATUSES, Booking, BookingStatus, Slot, SlotStatus


@dataclass(frozen=True, slots=True)
class Confirmed:
    booking_id: int
    slot_id: int
    starts_at: datetime
    confirmed_at: datetime
    """The first confirmation: tapping again changes nothing."""


def confirm_attendance(
    session: Session, *, booking_id: int, resident_id: int, now: datetime
) -> Confirmed | NotFound | AlreadyCancelled | TooLate:
    """Record that the resident is coming, until the session ends. Idempotent."""
    require_aware(now)
    not_over = (
        exists()
        .where(
            Slot.id == Booking.slot_id,
            Slot.status == SlotStatus.SCHEDULED,
            Slot.ends_at > now,
        )
        .correlate(Booking)
    )
    session.execute(
        update(Booking)
        .where(
            Booking.id == booking_id,
            Booking.resident_id == resident_id,
            Booking.status == BookingStatus.BOOKED,
            Booking.confirmed_at.is_(None),
            not_over,
        )
        .values(confirmed_at=now)
        .execution_options(synchronize_session="fetch")
    )
    row = session.execute(
        select(Booking.status, Booking.confirmed_at, Slot.id, Slot.starts_at)
        .join(Slot, Slot.id == Booking.slot_id)
        .where(Booking.id == booking_id, Booking.resident_id == resident_id)
    ).one_or_none()
    if row is None:
        return NotFound(booking_id=booking_id)
    status, confirmed_at, slot_id, starts_at = row
    if status in CANCELLED_STATUSES:
        return AlreadyCancelled(booking_id=booking_id, status=status)
    if status != BookingStatus.BOOKED or confirmed_at is None:
        return TooLate(booking_id=booking_id, starts_at=starts_at)
    return Confirmed(
        booking_id=booking_id, slot_id=slot_id, starts_at=starts_at, confirmed_at=confirmed_at
    )


# --- who came, as the staff mark it ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marked:
    booking_id: int
    status: BookingStatus
    """`attended` or `no_show`."""


@dataclass(frozen=True, slots=True)
class NotStarted:
    """Attendance is marked once the session has started."""

    booking_id: int


def mark_attendance(
    session: Session, *, booking_id: int, came: bool, now: datetime
) -> Marked | NotFound | AlreadyCancelled | NotStarted:
    """The participant came, or did not (a no-show); once the session has started, and as often
    as the advisor corrects it. The caller checks that the advisor may (`scheduling.authority`)."""
    require_aware(now)
    row = session.execute(
        select(Booking.status, Slot.starts_at)
        .join(Slot, Slot.id == Booking.slot_id)
        .where(Booking.id == booking_id)
    ).one_or_none()
    if row is None:
        return NotFound(booking_id=booking_id)
    status, starts_at = row
    if status in CANCELLED_STATUSES:
        return AlreadyCancelled(booking_id=booking_id, status=status)
    if starts_at > now:
        return NotStarted(booking_id=booking_id)
    marked = BookingStatus.ATTENDED if came else BookingStatus.NO_SHOW
    session.execute(update(Booking).where(Booking.id == booking_id).values(status=marked))
    return Marked(booking_id=booking_id, status=marked)

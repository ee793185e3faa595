"""Workshops, slots, bookings, waitlists and reminders.

`scheduling.models` holds the tables, `scheduling.booking` the operations (seat taking is one
conditional UPDATE, never a check-then-write), `scheduling.errors` the exception tree. Functions
take the caller's Session and never commit.
"""

from scheduling.booking import (
    AlreadyBooked,
    AlreadyCancelled,
    Booked,
    BookingOutcome,
    BookingView,
    Cancelled,
    CancelledBy,
    CancelOutcome,
    NotFound,
    SlotFull,
    SlotUnavailable,
    SlotView,
    TooLate,
    UnavailableReason,
    book_seat,
    cancel_booking,
    next_slots,
    upcoming_bookings,
)
from scheduling.errors import NaiveDatetimeError, SchedulingError, UnknownResident
from scheduling.models import (
    BookedBy,
    Booking,
    BookingStatus,
    Resident,
    Slot,
    SlotStatus,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
)

__all__ = [
    "AlreadyBooked",
    "AlreadyCancelled",
    "Booked",
    "BookedBy",
    "Booking",
    "BookingOutcome",
    "BookingStatus",
    "BookingView",
    "CancelOutcome",
    "Cancelled",
    "CancelledBy",
    "NaiveDatetimeError",
    "NotFound",
    "Resident",
    "SchedulingError",
    "Slot",
    "SlotFull",
    "SlotStatus",
    "SlotUnavailable",
    "SlotView",
    "TooLate",
    "UnavailableReason",
    "UnknownResident",
    "Workshop",
    "WorkshopKind",
    "WorkshopTheme",
    "book_seat",
    "cancel_booking",
    "next_slots",
    "upcoming_bookings",
]

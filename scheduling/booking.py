"""Taking and giving back seats, and the lists a resident's screens need.

Every function takes the caller's `Session` and never commits: the caller owns the transaction
(`with sessionmaker.begin() as session:`) and commits whatever the outcome, since a refused
booking changes nothing.

A seat is taken by one conditional statement, the check and the change together:

    UPDATE slots SET seats_taken = seats_taken + 1
    WHERE id = :slot AND status = 'scheduled' AND seats_taken < capacity AND starts_at > :now
    RETURNING capacity - seats_taken

PostgreSQL locks the row and re-evaluates the WHERE clause for a concurrent updater; SQLite
serialises writers. Either way two residents can never take the same last seat, and the CHECK
`seats_taken <= capacity` stands behind it. The booking row is then inserted in a SAVEPOINT: the
partial unique index (one active booking per resident and slot) refuses a second tap, and the
seat is given back.

On SQLite, the seat update is the first statement of `book_seat` and `cancel_booking`, so that a
writer waits for the lock (`busy_timeout`) rather than failing on a stale read snapshot.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.errors import NaiveDatetimeError, UnknownResident
from scheduling.facts import themes_of
from scheduling.follow_ups import booking_cancelled, booking_made
from scheduling.models import (
    CANCELLED_STATUSES,
    BookedBy,
    Booking,
    BookingStatus,
    Slot,
    SlotStatus,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
)
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.seats import pass_freed_seat

# --- book_seat outcomes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Booked:
    booking_id: int
    slot_id: int
    seats_left: int


@dataclass(frozen=True, slots=True)
class SlotFull:
    slot_id: int


@dataclass(frozen=True, slots=True)
class AlreadyBooked:
    booking_id: int
    slot_id: int


class UnavailableReason(StrEnum):
    NOT_FOUND = "not_found"
    CANCELLED = "cancelled"
    MOVED = "moved"
    STARTED = "started"
    """The slot has started or is over."""


@dataclass(frozen=True, slots=True)
class SlotUnavailable:
    slot_id: int
    reason: UnavailableReason


BookingOutcome = Booked | SlotFull | AlreadyBooked | SlotUnavailable

# --- cancel_booking outcomes --------------------------------------------------------------------


class CancelledBy(StrEnum):
    RESIDENT = "resident"
    SERVICE = "service"
    """The structure, an advisor or an admin."""


@dataclass(frozen=True, slots=True)
class Cancelled:
    booking_id: int
    slot_id: int
    seats_left: int


@dataclass(frozen=True, slots=True)
class NotFound:
    """No such booking, or not this resident's (the two are not told apart)."""

    booking_id: int


@dataclass(frozen=True, slots=True)
class AlreadyCancelled:
    booking_id: int
    status: BookingStatus


@dataclass(frozen=True, slots=True)
class TooLate:
    """The slot has started (or starts within the notice), or the booking is already settled."""

    booking_id: int
    starts_at: datetime


CancelOutcome = Cancelled | NotFound | AlreadyCancelled | TooLate

# --- views --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookingView:
    """One of a resident's active bookings, with what the screen shows about it."""

    booking_id: int
    slot_id: int
    starts_at: datetime
    ends_at: datetime
    slot_status: SlotStatus
    workshop_id: int
    workshop_title: str
    workshop_kind: WorkshopKind
    themes: tuple[str, ...]
    structure_id: int
    structure_name: str
    structure_address: str | None
    structure_postal_code: str | None
    structure_timezone: str
    seats_left: int


@dataclass(frozen=True, slots=True)
class SlotView:
    """A slot that can be offered; full slots are included and flagged."""

    slot_id: int
    starts_at: datetime
    ends_at: datetime
    workshop_id: int
    workshop_title: str
    workshop_kind: WorkshopKind
    themes: tuple[str, ...]
    structure_id: int
    structure_timezone: str
    capacity: int
    seats_left: int

    @property
    def is_full(self) -> bool:
        return self.seats_left <= 0


# --- booking ------------------------------------------------------------------------------------


def book_seat(
    session: Session,
    *,
    slot_id: int,
    resident_id: int,
    now: datetime,
    booked_by: BookedBy = BookedBy.RESIDENT,
    policy: Policy = DEFAULT_POLICY,
) -> BookingOutcome:
    """Take one seat on a slot for a resident, atomically.

    Returns `Booked`, or why not: `AlreadyBooked` (an active booking exists, e.g. a second tap),
    `SlotFull`, `SlotUnavailable` (not found, cancelled, moved, started or past).
    Raises `UnknownResident` for an unknown `resident_id`, `NaiveDatetimeError` for a naive `now`.
    A booking queues its reminders and the advisor's notice (`scheduling.follow_ups`, `policy`).
    """
    _require_aware(now)
    seats_left = session.execute(
        update(Slot)
        .where(
            Slot.id == slot_id,
            Slot.status == SlotStatus.SCHEDULED,
            Slot.seats_taken < Slot.capacity,
            Slot.starts_at > now,
        )
        .values(seats_taken=Slot.seats_taken + 1)
        .returning(Slot.capacity - Slot.seats_taken)
    ).scalar_one_or_none()
    if seats_left is None:
        return _why_not_booked(session, slot_id=slot_id, resident_id=resident_id, now=now)

    booking = Booking(
        slot_id=slot_id,
        resident_id=resident_id,
        status=BookingStatus.BOOKED,
        booked_by=booked_by,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(booking)
    except IntegrityError as error:
        _give_seat_back(session, slot_id=slot_id)
        existing = _active_booking_id(session, slot_id=slot_id, resident_id=resident_id)
        if existing is None:
            raise UnknownResident(resident_id) from error
        return AlreadyBooked(booking_id=existing, slot_id=slot_id)
    booking_made(
        session,
        booking_id=booking.id,
        slot_id=slot_id,
        seats_left=seats_left,
        now=now,
        policy=policy,
    )
    return Booked(booking_id=booking.id, slot_id=slot_id, seats_left=seats_left)


def _why_not_booked(
    session: Session, *, slot_id: int, resident_id: int, now: datetime
) -> AlreadyBooked | SlotFull | SlotUnavailable:
    slot = session.execute(
        select(Slot.status, Slot.starts_at).where(Slot.id == slot_id)
    ).one_or_none()
    if slot is None:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.NOT_FOUND)
    existing = _active_booking_id(session, slot_id=slot_id, resident_id=resident_id)
    if existing is not None:
        return AlreadyBooked(booking_id=existing, slot_id=slot_id)
    if slot.status == SlotStatus.CANCELLED:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.CANCELLED)
    if slot.status == SlotStatus.MOVED:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.MOVED)
    if slot.starts_at <= now:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.STARTED)
    return SlotFull(slot_id=slot_id)


def _active_booking_id(session: Session, *, slot_id: int, resident_id: int) -> int | None:
    return session.scalar(
        select(Booking.id).where(
            Booking.slot_id == slot_id,
            Booking.resident_id == resident_id,
            Booking.status == BookingStatus.BOOKED,
        )
    )


def _give_seat_back(session: Session, *, slot_id: int) -> int | None:
    """Free one seat; returns the seats left, or None if the slot had none taken."""
    return session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.seats_taken > 0)
        .values(seats_taken=Slot.seats_taken - 1)
        .returning(Slot.capacity - Slot.seats_taken)
    ).scalar_one_or_none()


# --- cancelling ---------------------------------------------------------------------------------


def cancel_booking(
    session: Session,
    *,
    booking_id: int,
    resident_id: int,
    now: datetime,
    by: CancelledBy = CancelledBy.RESIDENT,
    min_notice: timedelta = timedelta(0),
    policy: Policy = DEFAULT_POLICY,
) -> CancelOutcome:
    """Cancel a resident's active booking and free its seat, atomically.

    Allowed until `min_notice` before the slot starts. Returns `Cancelled`, or why not:
    `NotFound` (no such booking for this resident), `AlreadyCancelled`, `TooLate` (the slot
    starts within the notice or is past, or the booking is already marked attended / no-show).
    The freed seat goes to the first on the waitlist, held for an offer (`scheduling.seats`);
    the booking's reminders are dropped and the advisor told (`scheduling.follow_ups`).
    """
    _require_aware(now)
    new_status = (
        BookingStatus.CANCELLED_BY_RESIDENT
        if by == CancelledBy.RESIDENT
        else BookingStatus.CANCELLED_BY_SERVICE
    )
    starts_after_notice = (
        exists()
        .where(Slot.id == Booking.slot_id, Slot.starts_at > now + min_notice)
        .correlate(Booking)
    )
    slot_id = session.execute(
        update(Booking)
        .where(
            Booking.id == booking_id,
            Booking.resident_id == resident_id,
            Booking.status == BookingStatus.BOOKED,
            starts_after_notice,
        )
        .values(status=new_status, cancelled_at=now)
        .returning(Booking.slot_id)
        .execution_options(synchronize_session="fetch")
    ).scalar_one_or_none()
    if slot_id is not None:
        seats_left = pass_freed_seat(
            session, slot_id=slot_id, now=now, policy=policy.waitlist
        ).seats_left
        booking_cancelled(
            session,
            booking_id=booking_id,
            slot_id=slot_id,
            resident_id=resident_id,
            seats_left=seats_left,
            by_service=by == CancelledBy.SERVICE,
            now=now,
        )
        return Cancelled(booking_id=booking_id, slot_id=slot_id, seats_left=seats_left)

    booking = session.execute(
        select(Booking.status, Slot.starts_at)
        .join(Slot, Slot.id == Booking.slot_id)
        .where(Booking.id == booking_id, Booking.resident_id == resident_id)
    ).one_or_none()
    if booking is None:
        return NotFound(booking_id=booking_id)
    if booking.status in CANCELLED_STATUSES:
        return AlreadyCancelled(booking_id=booking_id, status=booking.status)
    return TooLate(booking_id=booking_id, starts_at=booking.starts_at)


# --- lists --------------------------------------------------------------------------------------


def upcoming_bookings(session: Session, *, resident_id: int, now: datetime) -> list[BookingView]:
    """The resident's active bookings on slots not yet over, soonest first.

    A slot cancelled or moved by the structure still shows (with its `slot_status`) as long as
    the booking itself is active, so that the resident is never left without news.
    """
    _require_aware(now)
    rows = session.execute(
        select(
            Booking.id.label("booking_id"),
            Slot.id.label("slot_id"),
            Slot.starts_at,
            Slot.ends_at,
            Slot.status.label("slot_status"),
            (Slot.capacity - Slot.seats_taken).label("seats_left"),
            Workshop.id.label("workshop_id"),
            Workshop.title,
            Workshop.kind,
            HostStructure.id.label("structure_id"),
            HostStructure.name,
            HostStructure.address,
            HostStructure.postal_code,
            HostStructure.timezone,
        )
        .join(Slot, Slot.id == Booking.slot_id)
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(HostStructure, HostStructure.id == Workshop.structure_id)
        .where(
            Booking.resident_id == resident_id,
            Booking.status == BookingStatus.BOOKED,
            Slot.ends_at > now,
        )
        .order_by(Slot.starts_at, Booking.id)
    ).all()
    themes = themes_of(session, (row.workshop_id for row in rows))
    return [
        BookingView(
            booking_id=row.booking_id,
            slot_id=row.slot_id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            slot_status=row.slot_status,
            workshop_id=row.workshop_id,
            workshop_title=row.title,
            workshop_kind=row.kind,
            themes=themes.get(row.workshop_id, ()),
            structure_id=row.structure_id,
            structure_name=row.name,
            structure_address=row.address,
            structure_postal_code=row.postal_code,
            structure_timezone=row.timezone,
            seats_left=row.seats_left,
        )
        for row in rows
    ]


def next_slots(
    session: Session,
    *,
    structure_ids: Sequence[int],
    theme: str | None,
    now: datetime,
    limit_per_structure: int = 3,
    include_full: bool = True,
    include_demo: bool = False,
) -> dict[int, list[SlotView]]:
    """The next bookable slots of each structure, on a theme (`None`: any theme).

    Only scheduled slots that have not started, soonest first, at most `limit_per_structure`
    per structure. The keys are `structure_ids` in the given order (a structure without a slot
    maps to an empty list). Full slots are kept and flagged (`SlotView.is_full`) unless
    `include_full` is false; demo workshops only appear with `include_demo`.
    """
    _require_aware(now)
    if limit_per_structure < 1:
        raise ValueError("limit_per_structure must be at least 1")
    result: dict[int, list[SlotView]] = {structure_id: [] for structure_id in structure_ids}
    if not result:
        return result

    conditions = [
        Workshop.structure_id.in_(result),
        Slot.status == SlotStatus.SCHEDULED,
        Slot.starts_at > now,
    ]
    if theme is not None:
        conditions.append(
            exists().where(WorkshopTheme.workshop_id == Workshop.id, WorkshopTheme.theme == theme)
        )
    if not include_full:
        conditions.append(Slot.seats_taken < Slot.capacity)
    if not include_demo:
        conditions.append(Workshop.is_demo.is_(False))
    rank = (
        func.row_number()
        .over(partition_by=Workshop.structure_id, order_by=(Slot.starts_at, Slot.id))
        .label("rank")
    )
    ranked = (
        select(Slot.id.label("slot_id"), rank)
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .where(*conditions)
        .subquery()
    )
    rows = session.execute(
        select(
            Slot.id.label("slot_id"),
            Slot.starts_at,
            Slot.ends_at,
            Slot.capacity,
            (Slot.capacity - Slot.seats_taken).label("seats_left"),
            Workshop.id.label("workshop_id"),
            Workshop.title,
            Workshop.kind,
            Workshop.structure_id,
            HostStructure.timezone,
        )
        .join(ranked, ranked.c.slot_id == Slot.id)
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(HostStructure, HostStructure.id == Workshop.structure_id)
        .where(ranked.c.rank <= limit_per_structure)
        .order_by(Slot.starts_at, Slot.id)
    ).all()
    themes = themes_of(session, (row.workshop_id for row in rows))
    for row in rows:
        result[row.structure_id].append(
            SlotView(
                slot_id=row.slot_id,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                workshop_id=row.workshop_id,
                workshop_title=row.title,
                workshop_kind=row.kind,
                themes=themes.get(row.workshop_id, ()),
                structure_id=row.structure_id,
                structure_timezone=row.timezone,
                capacity=row.capacity,
                seats_left=row.seats_left,
            )
        )
    return result


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError("`now` must be an aware datetime (UTC)")

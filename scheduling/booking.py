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
`seats_taken <= capacity` stands behind it. The booking row is then inserted with ON CONFLICT DO
NOTHING on the partial unique index (one active booking per resident and slot): a second tap
inserts nothing, and the seat is given back.

A resident holds no two seats at overlapping times: the half-open intervals [start, end) of
their active bookings on scheduled slots never meet (back-to-back sessions are fine). The check
runs in the booking's transaction, after its first statement has locked the resident's row (a
no-op UPDATE), so that two bookings of one resident are serialised whatever the slots:

- PostgreSQL (READ COMMITTED, its default): the second transaction waits on the row lock until
  the first commits; each later statement takes a fresh snapshot, so its overlap check sees the
  first booking. (A plain check without the lock would not: both would read before either
  commits.)
- SQLite: one writer at a time; a transaction whose first statement is a write holds the write
  lock before it reads, and WAL gives it the latest committed data.

So the resident's row lock is the first statement of `book_seat` and the seat update of
`cancel_booking`: a writer waits for the lock (`busy_timeout`) rather than failing on a stale
read snapshot. A resident booking for themselves is refused (`Overlaps`); the staff booking
someone in person are only warned (`Booked.overlap`).
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Select, bindparam, exists, func, select, update
from sqlalchemy.orm import Session

from knowledge.orm import OnConflict
from scheduling.errors import NaiveDatetimeError, UnknownResident
from scheduling.follow_ups import booking_cancelled, booking_made
from scheduling.models import (
    ACTIVE_BOOKING,
    CANCELLED_STATUSES,
    BookedBy,
    Booking,
    BookingStatus,
    Resident,
    Slot,
    SlotStatus,
    Workshop,
    WorkshopTheme,
)
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.seats import pass_freed_seat
from scheduling.slot_details import SlotDetails, select_slots
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry

# --- book_seat outcomes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overlap:
    """A seat the resident already holds at a time that meets another slot's."""

    booking_id: int
    slot: SlotDetails


@dataclass(frozen=True, slots=True)
class Booked:
    booking_id: int
    slot_id: int
    seats_left: int
    need: str | None = None
    """The need recorded with the booking (`Booking.need`), for the confirmation to name."""
    reminders: tuple[datetime, ...] = ()
    """When the booking's reminders will come (those queued: still ahead, not turned off)."""
    overlap: Overlap | None = None
    """Booked by the staff although the resident holds a seat at the same time: warn them."""


@dataclass(frozen=True, slots=True)
class Overlaps:
    """Refused: the resident already holds a seat at an overlapping time (`other`)."""

    slot_id: int
    other: Overlap


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


@dataclass(frozen=True, slots=True)
class TooManyUpcoming:
    """Refused: the resident already holds `limit` upcoming bookings and waitlist entries."""

    slot_id: int
    limit: int


BookingOutcome = Booked | SlotFull | AlreadyBooked | SlotUnavailable | Overlaps | TooManyUpcoming

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
    """One of a resident's active bookings, with its slot (`slot.status` says if the structure
    has cancelled or moved it)."""

    booking_id: int
    slot: SlotDetails


# --- booking ------------------------------------------------------------------------------------


def book_seat(
    session: Session,
    *,
    slot_id: int,
    resident_id: int,
    now: datetime,
    need: str | None = None,
    booked_by: BookedBy = BookedBy.RESIDENT,
    policy: Policy = DEFAULT_POLICY,
) -> BookingOutcome:
    """Take one seat on a slot for a resident, atomically, recording the theme they came for
    (`need`; None when they did not say, and messages then speak of the slot's themes).

    Returns `Booked`, or why not: `AlreadyBooked` (an active booking exists, e.g. a second tap),
    `SlotFull`, `SlotUnavailable` (not found, cancelled, moved, started or past), `Overlaps` (a
    seat held at an overlapping time; the staff, `booked_by` an advisor or admin, book anyway and
    get `Booked.overlap`). Raises `UnknownResident` for an unknown `resident_id`,
    `NaiveDatetimeError` for a naive `now`. A booking queues its reminders and the advisor's
    notice (`scheduling.follow_ups`, `policy`).
    """
    _require_aware(now)
    if not lock_resident(session, resident_id=resident_id):
        raise UnknownResident(resident_id)
    if booked_by == BookedBy.RESIDENT and at_limit(
        session, resident_id=resident_id, now=now, policy=policy
    ):
        return TooManyUpcoming(slot_id=slot_id, limit=policy.max_upcoming)
    seats_left = session.scalar(
        _TAKE_SEAT, {"slot_id_": slot_id, "resident_id_": resident_id, "now_": now}
    )
    if seats_left is None:
        return _why_not_booked(session, slot_id=slot_id, resident_id=resident_id, now=now)
    overlap = find_overlap(session, slot_id=slot_id, resident_id=resident_id)
    if overlap is not None and booked_by not in STAFF:
        _give_seat_back(session, slot_id=slot_id)
        return Overlaps(slot_id=slot_id, other=overlap)
    booking_id = session.scalar(
        _INSERT_BOOKING.on(session),
        {
            "slot_id": slot_id,
            "resident_id": resident_id,
            "status": BookingStatus.BOOKED,
            "booked_by": booked_by,
            "created_at": now,
            "need": need,
        },
    )
    if booking_id is None:  # a second tap: the resident already holds a seat here
        _give_seat_back(session, slot_id=slot_id)
        existing = _active_booking_id(session, slot_id=slot_id, resident_id=resident_id)
        assert existing is not None
        return AlreadyBooked(booking_id=existing, slot_id=slot_id)
    reminders = booking_made(
        session,
        booking_id=booking_id,
        slot_id=slot_id,
        resident_id=resident_id,
        seats_left=seats_left,
        now=now,
        policy=policy,
    )
    return Booked(
        booking_id=booking_id,
        slot_id=slot_id,
        seats_left=seats_left,
        need=need,
        reminders=reminders,
        overlap=overlap,
    )


STAFF = frozenset({BookedBy.ADVISOR, BookedBy.ADMIN})
"""Who books someone in person: warned of an overlap, not refused."""


def lock_resident(session: Session, *, resident_id: int) -> bool:
    """Lock the resident's row until the transaction ends (their bookings are then serialised);
    False if there is no such resident."""
    return session.scalar(_LOCK_RESIDENT, {"resident_id_": resident_id}) is not None


def at_limit(session: Session, *, resident_id: int, now: datetime, policy: Policy) -> bool:
    """Whether the resident holds `policy.max_upcoming` upcoming bookings and waitlist entries
    (call after `lock_resident`, so that two taps cannot both pass)."""
    upcoming = select(Slot.id).where(Slot.starts_at > now)
    bookings = (
        select(func.count())
        .select_from(Booking)
        .where(
            Booking.resident_id == resident_id,
            Booking.status == BookingStatus.BOOKED,
            Booking.slot_id.in_(upcoming),
        )
        .scalar_subquery()
    )
    entries = (
        select(func.count())
        .select_from(WaitlistEntry)
        .where(
            WaitlistEntry.resident_id == resident_id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
            WaitlistEntry.slot_id.in_(upcoming),
        )
        .scalar_subquery()
    )
    return session.scalar(select(bookings + entries)) >= policy.max_upcoming


def find_overlap(session: Session, *, slot_id: int, resident_id: int) -> Overlap | None:
    """The resident's active booking on another scheduled slot whose [start, end) meets this
    slot's (the soonest, if several); None if none, or no such slot."""
    row = session.execute(
        _OVERLAP, {"slot_id_": slot_id, "resident_id_": resident_id}
    ).one_or_none()
    if row is None:
        return None
    return Overlap(booking_id=row.booking_id, slot=SlotDetails.from_row(row))


_slots = Slot.__table__
_bookings = Booking.__table__
_residents = Resident.__table__
_this_slot = _slots.alias("this_slot")
# Built once, values bound at execution: booking is the busiest write.
_LOCK_RESIDENT = (
    update(_residents)
    .where(_residents.c.id == bindparam("resident_id_"))
    .values(first_name=_residents.c.first_name)
    .returning(_residents.c.id)
)
_OVERLAP = (
    select_slots(_bookings.c.id.label("booking_id"))
    .join(_bookings, _bookings.c.slot_id == _slots.c.id)
    .join(_this_slot, _this_slot.c.id == bindparam("slot_id_"))
    .where(
        _bookings.c.resident_id == bindparam("resident_id_"),
        _bookings.c.status == BookingStatus.BOOKED,
        _slots.c.id != _this_slot.c.id,
        _slots.c.status == SlotStatus.SCHEDULED,
        _slots.c.starts_at < _this_slot.c.ends_at,
        _slots.c.ends_at > _this_slot.c.starts_at,
    )
    .order_by(_slots.c.starts_at, _bookings.c.id)
    .limit(1)
)
_TAKE_SEAT = (
    update(_slots)
    .where(
        _slots.c.id == bindparam("slot_id_"),
        _slots.c.status == SlotStatus.SCHEDULED,
        _slots.c.seats_taken < _slots.c.capacity,
        _slots.c.starts_at > bindparam("now_"),
        # An unknown resident takes no seat (`_why_not_booked` says why).
        exists().where(_residents.c.id == bindparam("resident_id_")),
    )
    .values(seats_taken=_slots.c.seats_taken + 1)
    .returning(_slots.c.capacity - _slots.c.seats_taken)
)
# The partial unique index (one active booking per resident and slot) turns a second tap into no
# row rather than an error, which would need a savepoint to recover from.
_INSERT_BOOKING = OnConflict(
    lambda insert: (
        insert(_bookings)
        .on_conflict_do_nothing(
            index_elements=[_bookings.c.slot_id, _bookings.c.resident_id],
            index_where=ACTIVE_BOOKING,
        )
        .returning(_bookings.c.id)
    )
)


def _why_not_booked(
    session: Session, *, slot_id: int, resident_id: int, now: datetime
) -> AlreadyBooked | SlotFull | SlotUnavailable:
    if session.get(Resident, resident_id) is None:
        raise UnknownResident(resident_id)
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

    A slot cancelled or moved by the structure still shows (with its `slot.status`) as long as
    the booking itself is active, so that the resident is never left without news.
    """
    _require_aware(now)
    rows = session.execute(_UPCOMING_BOOKINGS, {"resident_id_": resident_id, "now_": now})
    return [BookingView(booking_id=row.booking_id, slot=SlotDetails.from_row(row)) for row in rows]


def next_slots(
    session: Session,
    *,
    structure_ids: Sequence[int],
    theme: str | None,
    now: datetime,
    limit_per_structure: int = 3,
    include_full: bool = True,
    include_demo: bool = False,
    held_by: int | None = None,
) -> dict[int, list[SlotDetails]]:
    """The next bookable slots of each structure, on a theme (`None`: any theme).

    Only scheduled slots that have not started, soonest first, at most `limit_per_structure`
    per structure and kind (its workshops, and its individual appointments apart: a run of
    appointments does not hide the next workshop). The keys are `structure_ids` in the given
    order (a structure without a slot maps to an empty list). Full slots are kept and flagged
    (`SlotDetails.is_full`) unless `include_full` is false; demo workshops only appear with
    `include_demo`; the slots the resident `held_by` holds, and those at a time meeting one
    they hold (`book_seat` would refuse them), are left out.
    """
    _require_aware(now)
    if limit_per_structure < 1:
        raise ValueError("limit_per_structure must be at least 1")
    result: dict[int, list[SlotDetails]] = {structure_id: [] for structure_id in structure_ids}
    if not result:
        return result

    statement = _next_slots_statement(
        by_theme=theme is not None,
        include_full=include_full,
        include_demo=include_demo,
        leave_held=held_by is not None,
    )
    rows = session.execute(
        statement,
        {
            "structure_ids_": list(result),
            "now_": now,
            "theme_": theme,
            "limit_": limit_per_structure,
            "resident_id_": held_by,
        },
    )
    for row in rows:
        result[row.structure_id].append(SlotDetails.from_row(row))
    return result


_workshops, _workshop_themes = Workshop.__table__, WorkshopTheme.__table__
_held = _slots.alias("held")
# Built once, values bound at execution (/mesrdv, and each of its buttons).
_UPCOMING_BOOKINGS = (
    select_slots(_bookings.c.id.label("booking_id"))
    .join(_bookings, _bookings.c.slot_id == _slots.c.id)
    .where(
        _bookings.c.resident_id == bindparam("resident_id_"),
        _bookings.c.status == BookingStatus.BOOKED,
        _slots.c.ends_at > bindparam("now_"),
    )
    .order_by(_slots.c.starts_at, _bookings.c.id)
)


@functools.cache
def _next_slots_statement(
    *, by_theme: bool, include_full: bool, include_demo: bool, leave_held: bool
) -> Select:
    """The query of `next_slots`, built once for each kind of search, values bound at execution."""
    conditions = [
        _workshops.c.structure_id.in_(bindparam("structure_ids_", expanding=True)),
        _slots.c.status == SlotStatus.SCHEDULED,
        _slots.c.starts_at > bindparam("now_"),
    ]
    if by_theme:
        conditions.append(
            exists().where(
                _workshop_themes.c.workshop_id == _workshops.c.id,
                _workshop_themes.c.theme == bindparam("theme_"),
            )
        )
    if not include_full:
        conditions.append(_slots.c.seats_taken < _slots.c.capacity)
    if not include_demo:
        conditions.append(_workshops.c.is_demo.is_(False))
    if leave_held:
        # Held, or at a time that meets one held (the resident could not book it).
        conditions.append(
            ~exists()
            .select_from(_bookings.join(_held, _held.c.id == _bookings.c.slot_id))
            .where(
                _bookings.c.resident_id == bindparam("resident_id_"),
                _bookings.c.status == BookingStatus.BOOKED,
                _held.c.status == SlotStatus.SCHEDULED,
                _held.c.starts_at < _slots.c.ends_at,
                _held.c.ends_at > _slots.c.starts_at,
            )
        )
    rank = (
        func.row_number()
        .over(
            partition_by=(_workshops.c.structure_id, _workshops.c.kind),
            order_by=(_slots.c.starts_at, _slots.c.id),
        )
        .label("rank")
    )
    ranked = (
        select(_slots.c.id.label("slot_id"), rank)
        .join(_workshops, _workshops.c.id == _slots.c.workshop_id)
        .where(*conditions)
        .subquery()
    )
    return (
        select_slots()
        .join(ranked, ranked.c.slot_id == _slots.c.id)
        .where(ranked.c.rank <= bindparam("limit_"))
        .order_by(_slots.c.starts_at, _slots.c.id)
    )


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError("`now` must be an aware datetime (UTC)")

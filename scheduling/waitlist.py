"""Waitlists for full slots: joining, taking an offered seat, leaving, and offers running out.

A resident who finds a slot full joins its waitlist (`join_waitlist`). When a seat frees up, it
is held for the first in line and offered ("Je prends la place", see `scheduling.seats`), for
`offer_ttl` counted in waking hours (08:00–20:00 at the place) and never past the policy's
cutoff (three hours before the start at least).
Taking it (`accept_offer`) books the held seat: no seat is taken from anyone, so no race with
`book_seat` is possible. An offer let pass is expired by `expire_offers` (a periodic job): the
seat goes to the next in line, or back to everyone. Each step is one guarded UPDATE on the entry
(`WHERE status = 'offered' AND offer_expires_at > :now`…): of a tap on "Je prends la place" and
the expiry job, exactly one wins.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, bindparam, exists, func, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scheduling.booking import (
    AlreadyBooked,
    Booked,
    Overlaps,
    SlotUnavailable,
    TooManyUpcoming,
    UnavailableReason,
    at_limit,
    find_overlap,
    lock_resident,
)
from scheduling.errors import UnknownResident
from scheduling.follow_ups import booking_made
from scheduling.local_time import require_aware
from scheduling.models import BookedBy, Booking, BookingStatus, Slot, SlotStatus
from scheduling.notification_models import DropReason, NotificationKind
from scheduling.outbox import drop
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.seats import lock_slot, offer_window, pass_freed_seat, slot_timezone
from scheduling.slot_details import SlotDetails, select_slots
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry, WaitlistStatus

# --- outcomes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Joined:
    entry_id: int
    slot_id: int
    position: int
    """1 for the first in line."""


@dataclass(frozen=True, slots=True)
class AlreadyWaiting:
    entry_id: int
    slot_id: int
    position: int
    """0 when a seat is already offered to this entry."""


@dataclass(frozen=True, slots=True)
class SeatsAvailable:
    """The slot is not full: book it instead."""

    slot_id: int
    seats_left: int


@dataclass(frozen=True, slots=True)
class WaitlistClosed:
    """The slot starts too soon for any offer (too little waking time before the cutoff)."""

    slot_id: int


JoinOutcome = (
    Joined
    | AlreadyWaiting
    | AlreadyBooked
    | SeatsAvailable
    | WaitlistClosed
    | SlotUnavailable
    | TooManyUpcoming
)


class OfferGoneReason(StrEnum):
    NOT_FOUND = "not_found"
    """No such entry, or not this resident's."""
    EXPIRED = "expired"
    """The offer ran out (the seat went to the next in line)."""
    NOT_OFFERED = "not_offered"
    """The entry is still waiting: nothing to accept yet."""
    CLOSED = "closed"
    """The slot was cancelled, or its line closed."""
    LEFT = "left"
    """The resident left the line already (a second tap on "Je laisse ma place")."""


@dataclass(frozen=True, slots=True)
class OfferGone:
    entry_id: int
    reason: OfferGoneReason


@dataclass(frozen=True, slots=True)
class Left:
    entry_id: int
    slot_id: int
    passed_to: int | None
    """If the resident held an offer: the entry the seat was offered to next."""


@dataclass(frozen=True, slots=True)
class ExpiredOffer:
    entry_id: int
    slot_id: int
    resident_id: int | None
    passed_to: int | None
    """The entry the seat was offered to next; None: it went back to everyone."""


@dataclass(frozen=True, slots=True)
class Expiries:
    expired: tuple[ExpiredOffer, ...]
    closed: int
    """Waiting entries closed because their slot starts within the cutoff, or is gone."""


@dataclass(frozen=True, slots=True)
class WaitlistView:
    """A line the resident is in, for /mesrdv."""

    entry_id: int
    slot: SlotDetails
    position: int | None
    """1 for the first in line; None while a seat is offered to them."""
    offer_expires_at: datetime | None


# --- joining ------------------------------------------------------------------------------------


def join_waitlist(
    session: Session,
    *,
    slot_id: int,
    resident_id: int,
    now: datetime,
    need: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> JoinOutcome:
    """Put the resident in line for a full slot, with the theme they came for (`need`, given
    to the booking if they take an offered seat).

    The slot row is locked first (`scheduling.seats.lock_slot`), so a seat freed at the same
    moment is either seen here (`SeatsAvailable`) or offered to this entry: never lost.
    Raises `UnknownResident` for an unknown `resident_id`.
    """
    require_aware(now)
    # The resident first, then the slot: the order `book_seat` takes them in.
    if not lock_resident(session, resident_id=resident_id):
        raise UnknownResident(resident_id)
    slot = lock_slot(session, slot_id=slot_id)
    if slot is None:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.NOT_FOUND)
    if slot.status == SlotStatus.CANCELLED:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.CANCELLED)
    if slot.status == SlotStatus.MOVED:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.MOVED)
    if slot.starts_at <= now:
        return SlotUnavailable(slot_id=slot_id, reason=UnavailableReason.STARTED)
    booking_id = session.scalar(
        select(Booking.id).where(
            Booking.slot_id == slot_id,
            Booking.resident_id == resident_id,
            Booking.status == BookingStatus.BOOKED,
        )
    )
    if booking_id is not None:
        return AlreadyBooked(booking_id=booking_id, slot_id=slot_id)
    existing = _active_entry(session, slot_id=slot_id, resident_id=resident_id)
    if existing is not None:
        return existing
    if at_limit(session, resident_id=resident_id, now=now, policy=policy):
        return TooManyUpcoming(slot_id=slot_id, limit=policy.max_upcoming)
    timezone = slot_timezone(session, slot_id=slot_id)
    if (
        offer_window(now=now, starts_at=slot.starts_at, timezone=timezone, policy=policy.waitlist)
        is None
    ):
        return WaitlistClosed(slot_id=slot_id)
    if slot.seats_left > 0:
        return SeatsAvailable(slot_id=slot_id, seats_left=slot.seats_left)
    entry = WaitlistEntry(
        slot_id=slot_id,
        resident_id=resident_id,
        status=WaitlistStatus.WAITING,
        created_at=now,
        need=need,
    )
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError as error:
        existing = _active_entry(session, slot_id=slot_id, resident_id=resident_id)
        if existing is None:
            raise UnknownResident(resident_id) from error
        return existing
    return Joined(entry_id=entry.id, slot_id=slot_id, position=_position(session, entry))


def _active_entry(session: Session, *, slot_id: int, resident_id: int) -> AlreadyWaiting | None:
    entry = session.scalar(
        select(WaitlistEntry).where(
            WaitlistEntry.slot_id == slot_id,
            WaitlistEntry.resident_id == resident_id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
        )
    )
    if entry is None:
        return None
    position = 0 if entry.status == WaitlistStatus.OFFERED else _position(session, entry)
    return AlreadyWaiting(entry_id=entry.id, slot_id=slot_id, position=position)


def _position(session: Session, entry: WaitlistEntry) -> int:
    return session.scalar(
        select(func.count())
        .select_from(WaitlistEntry)
        .where(
            WaitlistEntry.slot_id == entry.slot_id,
            WaitlistEntry.status == WaitlistStatus.WAITING,
            tuple_(WaitlistEntry.created_at, WaitlistEntry.id) <= (entry.created_at, entry.id),
        )
    )


# --- taking an offered seat ---------------------------------------------------------------------


def accept_offer(
    session: Session,
    *,
    entry_id: int,
    resident_id: int,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Booked | AlreadyBooked | OfferGone | Overlaps:
    """ "Je prends la place": book the seat held for this offer, if it still runs at `now`.

    The booking says `BookedBy.WAITLIST` and carries the need the resident joined the line with.
    A resident holding a seat at an overlapping time is refused (`Overlaps`, checked under the
    resident's row lock as in `book_seat`); the offer then runs on, for them to free that time.
    """
    require_aware(now)
    if not lock_resident(session, resident_id=resident_id):
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.NOT_FOUND)
    offered_slot = session.scalar(
        select(WaitlistEntry.slot_id).where(
            WaitlistEntry.id == entry_id,
            WaitlistEntry.resident_id == resident_id,
            WaitlistEntry.status == WaitlistStatus.OFFERED,
            WaitlistEntry.offer_expires_at > now,
        )
    )
    if offered_slot is not None:
        overlap = find_overlap(session, slot_id=offered_slot, resident_id=resident_id)
        if overlap is not None:
            return Overlaps(slot_id=offered_slot, other=overlap)
    taken = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.id == entry_id,
            WaitlistEntry.resident_id == resident_id,
            WaitlistEntry.status == WaitlistStatus.OFFERED,
            WaitlistEntry.offer_expires_at > now,
        )
        .values(status=WaitlistStatus.ACCEPTED, decided_at=now)
        .returning(WaitlistEntry.slot_id, WaitlistEntry.need)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if taken is None:
        return _why_offer_gone(session, entry_id=entry_id, resident_id=resident_id)
    slot_id, need = taken
    drop(
        session,
        reason=DropReason.SUPERSEDED,
        kinds=(NotificationKind.WAITLIST_OFFER,),
        waitlist_entry_ids=(entry_id,),
        only_pending=True,
    )
    booking = Booking(
        slot_id=slot_id,
        resident_id=resident_id,
        status=BookingStatus.BOOKED,
        booked_by=BookedBy.WAITLIST,
        created_at=now,
        need=need,
    )
    try:
        with session.begin_nested():
            session.add(booking)
    except IntegrityError:
        # Booked on this slot some other way meanwhile: the held seat goes on down the line.
        pass_freed_seat(session, slot_id=slot_id, now=now, policy=policy.waitlist)
        existing = session.scalar(
            select(Booking.id).where(
                Booking.slot_id == slot_id,
                Booking.resident_id == resident_id,
                Booking.status == BookingStatus.BOOKED,
            )
        )
        return AlreadyBooked(booking_id=existing, slot_id=slot_id)
    seats_left = session.scalar(select(Slot.capacity - Slot.seats_taken).where(Slot.id == slot_id))
    reminders = booking_made(
        session,
        booking_id=booking.id,
        slot_id=slot_id,
        resident_id=resident_id,
        seats_left=seats_left,
        now=now,
        policy=policy,
    )
    return Booked(
        booking_id=booking.id,
        slot_id=slot_id,
        seats_left=seats_left,
        need=need,
        reminders=reminders,
    )


def _why_offer_gone(
    session: Session, *, entry_id: int, resident_id: int
) -> AlreadyBooked | OfferGone:
    entry = session.execute(
        select(WaitlistEntry.status, WaitlistEntry.slot_id).where(
            WaitlistEntry.id == entry_id, WaitlistEntry.resident_id == resident_id
        )
    ).one_or_none()
    if entry is None:
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.NOT_FOUND)
    if entry.status == WaitlistStatus.ACCEPTED:
        booking_id = session.scalar(
            select(Booking.id).where(
                Booking.slot_id == entry.slot_id,
                Booking.resident_id == resident_id,
                Booking.status == BookingStatus.BOOKED,
            )
        )
        if booking_id is not None:
            return AlreadyBooked(booking_id=booking_id, slot_id=entry.slot_id)
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.CLOSED)
    if entry.status in (WaitlistStatus.OFFERED, WaitlistStatus.EXPIRED):
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.EXPIRED)
    if entry.status == WaitlistStatus.WAITING:
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.NOT_OFFERED)
    if entry.status == WaitlistStatus.LEFT:
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.LEFT)
    return OfferGone(entry_id=entry_id, reason=OfferGoneReason.CLOSED)


# --- the lines a resident is in ------------------------------------------------------------------


def waitlists_of(session: Session, *, resident_id: int, now: datetime) -> list[WaitlistView]:
    """The lines the resident is in (waiting, or offered a seat) for slots not yet started,
    soonest first, with their place in each."""
    require_aware(now)
    rows = session.execute(_WAITLISTS_OF, {"resident_id_": resident_id, "now_": now})
    return [
        WaitlistView(
            entry_id=row.entry_id,
            slot=SlotDetails.from_row(row),
            position=row.position if row.entry_status == WaitlistStatus.WAITING else None,
            offer_expires_at=row.offer_expires_at,
        )
        for row in rows
    ]


_entries = WaitlistEntry.__table__
_ahead = _entries.alias("ahead")
# Built once, values bound at execution (/mesrdv, and each of its buttons).
_WAITLISTS_OF = (
    select_slots(
        _entries.c.id.label("entry_id"),
        _entries.c.status.label("entry_status"),
        _entries.c.offer_expires_at,
        select(func.count())
        .where(
            _ahead.c.slot_id == _entries.c.slot_id,
            _ahead.c.status == WaitlistStatus.WAITING,
            tuple_(_ahead.c.created_at, _ahead.c.id)
            <= tuple_(_entries.c.created_at, _entries.c.id),
        )
        .scalar_subquery()
        .label("position"),
    )
    .join(_entries, _entries.c.slot_id == Slot.__table__.c.id)
    .where(
        _entries.c.resident_id == bindparam("resident_id_"),
        _entries.c.status.in_(ACTIVE_WAITLIST_STATUSES),
        Slot.__table__.c.status == SlotStatus.SCHEDULED,
        Slot.__table__.c.starts_at > bindparam("now_"),
    )
    .order_by(Slot.__table__.c.starts_at, _entries.c.id)
)


# --- leaving ------------------------------------------------------------------------------------


def leave_waitlist(
    session: Session,
    *,
    entry_id: int,
    resident_id: int,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Left | OfferGone:
    """Leave the line; an offered seat (declined) passes at once to the next in line."""
    require_aware(now)
    for status in (WaitlistStatus.OFFERED, WaitlistStatus.WAITING):
        slot_id = session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.id == entry_id,
                WaitlistEntry.resident_id == resident_id,
                WaitlistEntry.status == status,
            )
            .values(status=WaitlistStatus.LEFT, decided_at=now)
            .returning(WaitlistEntry.slot_id)
            .execution_options(synchronize_session=False)
        ).scalar_one_or_none()
        if slot_id is None:
            continue
        passed_to = None
        if status == WaitlistStatus.OFFERED:
            drop(
                session,
                reason=DropReason.SUPERSEDED,
                kinds=(NotificationKind.WAITLIST_OFFER,),
                waitlist_entry_ids=(entry_id,),
            )
            passed_to = pass_freed_seat(
                session, slot_id=slot_id, now=now, policy=policy.waitlist
            ).offered_entry_id
        return Left(entry_id=entry_id, slot_id=slot_id, passed_to=passed_to)
    gone = _why_offer_gone(session, entry_id=entry_id, resident_id=resident_id)
    if isinstance(gone, AlreadyBooked):
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.CLOSED)
    return gone


def leave_all_waitlists(
    session: Session, *, resident_id: int, now: datetime, policy: Policy = DEFAULT_POLICY
) -> int:
    """Take the resident out of every line (before erasing them); returns how many."""
    entry_ids = session.scalars(
        select(WaitlistEntry.id).where(
            WaitlistEntry.resident_id == resident_id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
        )
    ).all()
    left = 0
    for entry_id in entry_ids:
        outcome = leave_waitlist(
            session, entry_id=entry_id, resident_id=resident_id, now=now, policy=policy
        )
        left += isinstance(outcome, Left)
    return left


# --- offers running out -------------------------------------------------------------------------


def expire_offers(session: Session, *, now: datetime, policy: Policy = DEFAULT_POLICY) -> Expiries:
    """Expire the offers let pass (seat to the next in line, or to everyone); close the lines
    of slots that start within the cutoff or are gone. Run it often (a periodic job)."""
    require_aware(now)
    due = (
        select(WaitlistEntry.id)
        .where(
            WaitlistEntry.status == WaitlistStatus.OFFERED, WaitlistEntry.offer_expires_at <= now
        )
        .order_by(WaitlistEntry.offer_expires_at, WaitlistEntry.id)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    expired_rows = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.id.in_(due.scalar_subquery()),
            WaitlistEntry.status == WaitlistStatus.OFFERED,
            WaitlistEntry.offer_expires_at <= now,
        )
        .values(status=WaitlistStatus.EXPIRED, decided_at=now)
        .returning(WaitlistEntry.id, WaitlistEntry.slot_id, WaitlistEntry.resident_id)
        .execution_options(synchronize_session=False)
    ).all()
    expired: list[ExpiredOffer] = []
    for entry_id, slot_id, resident_id in sorted(expired_rows):
        drop(
            session,
            reason=DropReason.EXPIRED,
            kinds=(NotificationKind.WAITLIST_OFFER,),
            waitlist_entry_ids=(entry_id,),
        )
        passed = pass_freed_seat(session, slot_id=slot_id, now=now, policy=policy.waitlist)
        expired.append(
            ExpiredOffer(
                entry_id=entry_id,
                slot_id=slot_id,
                resident_id=resident_id,
                passed_to=passed.offered_entry_id,
            )
        )
    closing = exists().where(
        Slot.id == WaitlistEntry.slot_id,
        or_(
            Slot.status != SlotStatus.SCHEDULED,
            Slot.starts_at <= now + policy.waitlist.cutoff_before_start,
        ),
    )
    closed = session.execute(
        update(WaitlistEntry)
        .where(and_(WaitlistEntry.status == WaitlistStatus.WAITING, closing))
        .values(status=WaitlistStatus.CLOSED, decided_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return Expiries(expired=tuple(expired), closed=closed or 0)

"""A freed seat: held for the first in line on the slot's waitlist, or given back to everyone.

Whoever frees a seat (a resident cancelling, an offer expiring or declined, an erased resident)
calls `pass_freed_seat` in the same transaction. It first locks the slot row with a no-op UPDATE
(also the first write SQLite needs to wait for the lock rather than fail on a stale snapshot), so
that freeing a seat and joining the waitlist are serialised per slot: nobody is left waiting
while a seat sits free. Then, one guarded statement:

    UPDATE waitlist_entries SET status = 'offered', …
    WHERE id = (SELECT id … WHERE slot_id = :slot AND status = 'waiting' ORDER BY created_at, id
                LIMIT 1)
      AND status = 'waiting'
    RETURNING id, resident_id

If someone is offered the seat, `seats_taken` is left as it is: the seat stays counted, held for
the offer, and `book_seat` cannot give it away. Otherwise it is given back (`seats_taken - 1`).

An offer never runs out in the night (`offer_window`): it is sent, and its hold counted, only
within the policy's `offer_hours` (08:00–20:00 in the place's zone): a seat freed at 23:00 is held
for the first in line and offered at 08:00. It ends at the earlier of the hold and the cutoff
(three hours before the start at least); if that leaves less than `min_offer` (30 minutes) of
waking time, no offer is made and the seat goes back to everyone at once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, exists, select, update
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.local_time import add_waking_time, require_aware, waking_time_between
from scheduling.models import Booking, BookingStatus, Resident, Slot, SlotStatus, Workshop
from scheduling.notification_models import NotificationKind
from scheduling.outbox import Outgoing, enqueue, notification_key
from scheduling.policy import WaitlistPolicy
from scheduling.waitlist_models import WaitlistEntry, WaitlistStatus

_RACE_RETRIES = 5


@dataclass(frozen=True, slots=True)
class SeatPassed:
    """What became of a freed seat."""

    slot_id: int
    seats_left: int
    """Seats anyone can book now (0 when the seat went to a waitlist offer)."""
    offered_entry_id: int | None
    """The waitlist entry now holding the seat, if any."""


@dataclass(frozen=True, slots=True)
class OfferWindow:
    """When a waitlist offer is sent (`opens_at`) and until when it holds the seat."""

    opens_at: datetime
    ends_at: datetime


def offer_window(
    *, now: datetime, starts_at: datetime, timezone: str, policy: WaitlistPolicy
) -> OfferWindow | None:
    """The offer of a seat freed at `now` on a slot starting at `starts_at` in `timezone`:
    opened at once, or at the next opening of `offer_hours`; ending once `offer_ttl` of waking
    time has passed, or earlier at the cutoff (so at the last waking moment before it, never in
    the night). None when that leaves less than `min_offer`: no offer can be made."""
    require_aware(now)
    require_aware(starts_at, "starts_at")
    hours = policy.offer_hours
    opens_at = add_waking_time(now, timedelta(0), timezone, hours)
    cutoff = starts_at - policy.cutoff_before_start
    hold = min(policy.offer_ttl, waking_time_between(opens_at, cutoff, timezone, hours))
    if hold < policy.min_offer:
        return None
    return OfferWindow(opens_at=opens_at, ends_at=add_waking_time(opens_at, hold, timezone, hours))


def slot_timezone(session: Session, *, slot_id: int) -> str | None:
    """The time zone of the slot's place."""
    return session.scalar(
        select(HostStructure.timezone)
        .join(Workshop, Workshop.structure_id == HostStructure.id)
        .join(Slot, Slot.workshop_id == Workshop.id)
        .where(Slot.id == slot_id)
    )


def lock_slot(session: Session, *, slot_id: int) -> Row[tuple[SlotStatus, datetime, int]] | None:
    """Lock the slot row until the transaction ends; returns its status, start and seats left."""
    return session.execute(
        update(Slot)
        .where(Slot.id == slot_id)
        .values(seats_taken=Slot.seats_taken)
        .returning(
            Slot.status, Slot.starts_at, (Slot.capacity - Slot.seats_taken).label("seats_left")
        )
        .execution_options(synchronize_session=False)
    ).one_or_none()


def pass_freed_seat(
    session: Session, *, slot_id: int, now: datetime, policy: WaitlistPolicy
) -> SeatPassed:
    """Offer a seat that was just freed to the first in line, or give it back to everyone."""
    slot = lock_slot(session, slot_id=slot_id)
    window = None
    if slot is not None and slot.status == SlotStatus.SCHEDULED:
        timezone = slot_timezone(session, slot_id=slot_id)
        window = offer_window(now=now, starts_at=slot.starts_at, timezone=timezone, policy=policy)
    if window is not None:
        for _ in range(_RACE_RETRIES):
            offered = _offer_to_first_in_line(session, slot_id=slot_id, now=now, window=window)
            if offered is not None:
                return SeatPassed(
                    slot_id=slot_id, seats_left=slot.seats_left, offered_entry_id=offered
                )
            if not _anyone_waiting(session, slot_id=slot_id):
                break
    seats_left = session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.seats_taken > 0)
        .values(seats_taken=Slot.seats_taken - 1)
        .returning(Slot.capacity - Slot.seats_taken)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if seats_left is None:  # only if the counter was broken by hand: CHECK keeps it >= 0
        seats_left = session.scalar(
            select(Slot.capacity - Slot.seats_taken).where(Slot.id == slot_id)
        )
    return SeatPassed(slot_id=slot_id, seats_left=seats_left or 0, offered_entry_id=None)


def _eligible_waiting():
    """Waiting entries whose resident can be told and holds no seat on the slot already."""
    return select(WaitlistEntry.id).where(
        WaitlistEntry.status == WaitlistStatus.WAITING,
        exists().where(Resident.id == WaitlistEntry.resident_id, Resident.unreachable.is_(False)),
        ~exists().where(
            Booking.slot_id == WaitlistEntry.slot_id,
            Booking.resident_id == WaitlistEntry.resident_id,
            Booking.status == BookingStatus.BOOKED,
        ),
    )


def _offer_to_first_in_line(
    session: Session, *, slot_id: int, now: datetime, window: OfferWindow
) -> int | None:
    first = (
        _eligible_waiting()
        .where(WaitlistEntry.slot_id == slot_id)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
        .limit(1)
        .scalar_subquery()
    )
    offered = session.execute(
        update(WaitlistEntry)
        .where(WaitlistEntry.id == first, WaitlistEntry.status == WaitlistStatus.WAITING)
        .values(
            status=WaitlistStatus.OFFERED,
            offered_at=window.opens_at,
            offer_expires_at=window.ends_at,
        )
        .returning(WaitlistEntry.id, WaitlistEntry.resident_id)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if offered is None:
        return None
    entry_id, resident_id = offered
    enqueue(
        session,
        [
            Outgoing(
                kind=NotificationKind.WAITLIST_OFFER,
                key=notification_key(NotificationKind.WAITLIST_OFFER, e=entry_id),
                due_at=window.opens_at,
                expires_at=window.ends_at,
                resident_id=resident_id,
                slot_id=slot_id,
                waitlist_entry_id=entry_id,
            )
        ],
        now=now,
    )
    return entry_id


def _anyone_waiting(session: Session, *, slot_id: int) -> bool:
    return session.scalar(
        select(_eligible_waiting().where(WaitlistEntry.slot_id == slot_id).exists())
    )

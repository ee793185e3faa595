"""The service cancels or moves a slot: every participant is told, nothing stale is sent.

`cancel_slot` cancels the slot and its bookings (`cancelled_by_service`), closes its waitlist,
drops every message still pending about it (reminders above all: none is ever sent for a
cancelled slot) and queues a `slot_cancelled` notice per participant, whose facts include the
workshop's themes and the place's position, so that the sender can offer the next slots for
that need nearby.

`move_slot` follows `SlotStatus.MOVED`: the old row stays (status `moved`, `replaced_by_id`), a
new slot takes the new times, and the bookings and the waitlist move to it with their seats.
Reminders are recomputed for the new time and a `slot_moved` notice queued per participant,
carrying both times. Both start with a guarded UPDATE of the slot (`status = 'scheduled' AND
starts_at > :now`): of two administrators acting at once, one wins, the other is told why not.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from scheduling.booking import SlotUnavailable, UnavailableReason
from scheduling.errors import InvalidSlotTimes
from scheduling.local_time import add_waking_time, require_aware, waking_time_between
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus
from scheduling.notification_models import (
    LIVE_STATUSES,
    REMINDER_KINDS,
    DropReason,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from scheduling.outbox import Outgoing, drop, enqueue, notification_key
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.reminders import schedule_reminders
from scheduling.seats import slot_timezone
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry, WaitlistStatus


@dataclass(frozen=True, slots=True)
class SlotCancelled:
    slot_id: int
    cancelled_bookings: tuple[int, ...]
    notices_queued: int
    """Participants to be told (the unreachable ones are not)."""
    messages_dropped: int
    """Reminders, offers and other messages about the slot that will not be sent."""
    waitlist_closed: int


@dataclass(frozen=True, slots=True)
class SlotMoved:
    old_slot_id: int
    new_slot_id: int
    moved_bookings: tuple[int, ...]
    notices_queued: int
    reminders_queued: int


def cancel_slot(
    session: Session, *, slot_id: int, now: datetime, reason: str | None = None
) -> SlotCancelled | SlotUnavailable:
    """Cancel a slot that has not started, and everything that hangs on it."""
    require_aware(now)
    cancelled = session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.status == SlotStatus.SCHEDULED, Slot.starts_at > now)
        .values(status=SlotStatus.CANCELLED, seats_taken=0, cancellation_reason=reason)
        .returning(Slot.ends_at)
        .execution_options(synchronize_session="fetch")
    ).one_or_none()
    if cancelled is None:
        return _why_unavailable(session, slot_id=slot_id)
    bookings = session.execute(
        update(Booking)
        .where(Booking.slot_id == slot_id, Booking.status == BookingStatus.BOOKED)
        .values(status=BookingStatus.CANCELLED_BY_SERVICE, cancelled_at=now)
        .returning(Booking.id, Booking.resident_id)
        .execution_options(synchronize_session="fetch")
    ).all()
    waiting = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.slot_id == slot_id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
        )
        .values(status=WaitlistStatus.CLOSED, decided_at=now)
        .returning(WaitlistEntry.id, WaitlistEntry.resident_id)
        .execution_options(synchronize_session=False)
    ).all()
    closed = len(waiting)
    dropped = drop(session, reason=DropReason.SLOT_CANCELLED, slot_id=slot_id)
    # Those who waited for a seat are told too, shortly: they have nothing to cancel.
    enqueue(
        session,
        (
            _waitlist_notice(
                NotificationKind.WAITLIST_CANCELLED,
                entry_id,
                resident_id,
                slot_id=slot_id,
                expires_at=cancelled.ends_at,
                now=now,
            )
            for entry_id, resident_id in sorted(waiting)
        ),
        now=now,
    )
    queued = enqueue(
        session,
        (
            Outgoing(
                kind=NotificationKind.SLOT_CANCELLED,
                key=notification_key(NotificationKind.SLOT_CANCELLED, b=booking_id),
                due_at=now,
                expires_at=cancelled.ends_at,
                resident_id=resident_id,
                booking_id=booking_id,
                slot_id=slot_id,
            )
            for booking_id, resident_id in sorted(bookings)
            if resident_id is not None
        ),
        now=now,
    )
    return SlotCancelled(
        slot_id=slot_id,
        cancelled_bookings=tuple(sorted(booking_id for booking_id, _ in bookings)),
        notices_queued=queued,
        messages_dropped=dropped,
        waitlist_closed=closed or 0,
    )


def move_slot(
    session: Session,
    *,
    slot_id: int,
    new_start: datetime,
    new_end: datetime,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> SlotMoved | SlotUnavailable:
    """Move a slot that has not started to new times; its participants keep their seats.

    Raises `InvalidSlotTimes` if the new times are empty or not in the future.
    """
    require_aware(now)
    require_aware(new_start, "new_start")
    require_aware(new_end, "new_end")
    if new_end <= new_start or new_start <= now:
        raise InvalidSlotTimes(f"cannot move a slot to {new_start} - {new_end} at {now}")
    old = session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.status == SlotStatus.SCHEDULED, Slot.starts_at > now)
        .values(status=SlotStatus.MOVED)
        .returning(Slot.workshop_id, Slot.capacity, Slot.seats_taken, Slot.import_occurrence)
        .execution_options(synchronize_session="fetch")
    ).one_or_none()
    if old is None:
        return _why_unavailable(session, slot_id=slot_id)
    new = Slot(
        workshop_id=old.workshop_id,
        starts_at=new_start,
        ends_at=new_end,
        capacity=old.capacity,
        seats_taken=old.seats_taken,
        status=SlotStatus.SCHEDULED,
        # The next import of the spreadsheet recognises the session in its new slot.
        import_occurrence=old.import_occurrence,
    )
    session.add(new)
    session.flush()
    session.execute(
        update(Slot)
        .where(Slot.id == slot_id)
        .values(replaced_by_id=new.id, seats_taken=0)
        .execution_options(synchronize_session="fetch")
    )
    moved = session.execute(
        update(Booking)
        .where(Booking.slot_id == slot_id, Booking.status == BookingStatus.BOOKED)
        .values(slot_id=new.id, confirmed_at=None)
        .returning(Booking.id, Booking.resident_id)
        .execution_options(synchronize_session="fetch")
    ).all()
    booking_ids = sorted(booking_id for booking_id, _ in moved)

    # The waitlist moves too; a running offer ends no later than the new cutoff, or rather the
    # last waking moment before it (an offer never runs out in the night).
    hours, timezone = policy.waitlist.offer_hours, slot_timezone(session, slot_id=new.id)
    before_cutoff = new_start - policy.waitlist.cutoff_before_start
    left = waking_time_between(now, before_cutoff, timezone, hours)
    cutoff = min(before_cutoff, add_waking_time(now, left, timezone, hours))
    waiting = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.slot_id == slot_id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
        )
        .values(
            slot_id=new.id,
            offer_expires_at=case(
                (WaitlistEntry.offer_expires_at > cutoff, cutoff),
                else_=WaitlistEntry.offer_expires_at,
            ),
        )
        .returning(WaitlistEntry.id, WaitlistEntry.resident_id)
        .execution_options(synchronize_session=False)
    ).all()
    # As for participants: a move not yet told is told from the time they last heard of (the
    # older notice is dropped when claimed, its entry having moved on).
    known_by_entry = dict(
        session.execute(
            select(Notification.waitlist_entry_id, Notification.previous_slot_id).where(
                Notification.kind == NotificationKind.WAITLIST_MOVED,
                Notification.waitlist_entry_id.in_([entry_id for entry_id, _ in waiting]),
                Notification.status == NotificationStatus.PENDING,
            )
        ).all()
    )
    enqueue(
        session,
        (
            _waitlist_notice(
                NotificationKind.WAITLIST_MOVED,
                entry_id,
                resident_id,
                slot_id=new.id,
                previous_slot_id=known_by_entry.get(entry_id, slot_id),
                expires_at=new_start,
                now=now,
            )
            for entry_id, resident_id in sorted(waiting)
        ),
        now=now,
    )
    session.execute(
        update(Notification)
        .where(
            Notification.slot_id == slot_id,
            Notification.kind == NotificationKind.WAITLIST_OFFER,
            Notification.status.in_(LIVE_STATUSES),
        )
        .values(slot_id=new.id)
        .execution_options(synchronize_session=False)
    )

    drop(session, reason=DropReason.SLOT_MOVED, kinds=REMINDER_KINDS, slot_id=slot_id)
    # A move not yet told is told from the time the resident last heard of.
    known = dict(
        session.execute(
            select(Notification.booking_id, Notification.previous_slot_id).where(
                Notification.kind == NotificationKind.SLOT_MOVED,
                Notification.booking_id.in_(booking_ids),
                Notification.status == NotificationStatus.PENDING,
            )
        ).all()
    )
    drop(
        session,
        reason=DropReason.SUPERSEDED,
        kinds=(NotificationKind.SLOT_MOVED,),
        booking_ids=booking_ids,
        only_pending=True,
    )
    notices = enqueue(
        session,
        (
            Outgoing(
                kind=NotificationKind.SLOT_MOVED,
                key=notification_key(NotificationKind.SLOT_MOVED, b=booking_id, s=new.id),
                due_at=now,
                expires_at=new_end,
                resident_id=resident_id,
                booking_id=booking_id,
                slot_id=new.id,
                previous_slot_id=known.get(booking_id, slot_id),
            )
            for booking_id, resident_id in sorted(moved)
            if resident_id is not None
        ),
        now=now,
    )
    reminders = sum(
        len(schedule_reminders(session, booking_id=booking_id, now=now, policy=policy.reminders))
        for booking_id in booking_ids
    )
    return SlotMoved(
        old_slot_id=slot_id,
        new_slot_id=new.id,
        moved_bookings=tuple(booking_ids),
        notices_queued=notices,
        reminders_queued=reminders,
    )


def _waitlist_notice(
    kind: NotificationKind,
    entry_id: int,
    resident_id: int,
    *,
    slot_id: int,
    expires_at: datetime,
    now: datetime,
    previous_slot_id: int | None = None,
) -> Outgoing:
    return Outgoing(
        kind=kind,
        key=notification_key(kind, e=entry_id, s=slot_id),
        due_at=now,
        expires_at=expires_at,
        resident_id=resident_id,
        slot_id=slot_id,
        previous_slot_id=previous_slot_id,
        waitlist_entry_id=entry_id,
    )


def _why_unavailable(session: Session, *, slot_id: int) -> SlotUnavailable:
    status = session.scalar(select(Slot.status).where(Slot.id == slot_id))
    reason = {
        None: UnavailableReason.NOT_FOUND,
        SlotStatus.CANCELLED: UnavailableReason.CANCELLED,
        SlotStatus.MOVED: UnavailableReason.MOVED,
    }.get(status, UnavailableReason.STARTED)
    return SlotUnavailable(slot_id=slot_id, reason=reason)

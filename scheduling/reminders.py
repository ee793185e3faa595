"""Reminders to residents: when they fall due, and queueing them with the booking.

The times are computed on the structure's local calendar (see `scheduling.local_time`) and
stored in UTC: "the day before at 18:00" is 18:00 on the wall clock of the previous calendar day,
whatever clock change happens in between; "two hours before" is two hours of real time. Only the
reminders still ahead of the booking's `now` are queued, each expiring at the slot's start (or at
the end of its grace window, if sooner), so a reminder is never sent once the session has begun.

`schedule_reminders` is called by every operation that gives a resident a seat (`book_seat`,
`accept_offer`, `move_slot`): a caller never has to remember it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.local_time import at_local, local_date, require_aware
from scheduling.models import Booking, BookingStatus, Resident, Slot, SlotStatus, Workshop
from scheduling.notification_models import NotificationKind
from scheduling.outbox import Outgoing, enqueue, notification_key
from scheduling.policy import ReminderPolicy


@dataclass(frozen=True, slots=True)
class ReminderTime:
    kind: NotificationKind
    due_at: datetime
    expires_at: datetime


def reminder_times(
    *, starts_at: datetime, timezone: str, now: datetime, policy: ReminderPolicy
) -> tuple[ReminderTime, ...]:
    """The reminders of a session starting at `starts_at`, those still ahead of `now`."""
    require_aware(now)
    require_aware(starts_at, "starts_at")
    due: list[tuple[NotificationKind, datetime]] = []
    if policy.day_before_at is not None:
        day_before = local_date(starts_at, timezone) - timedelta(days=1)
        due.append(
            (
                NotificationKind.REMINDER_DAY_BEFORE,
                at_local(day_before, policy.day_before_at, timezone),
            )
        )
    if policy.hours_before is not None:
        due.append((NotificationKind.REMINDER_HOURS_BEFORE, starts_at - policy.hours_before))
    return tuple(
        ReminderTime(kind=kind, due_at=at, expires_at=min(starts_at, at + policy.grace))
        for kind, at in due
        if now < at < starts_at
    )


def schedule_reminders(
    session: Session, *, booking_id: int, now: datetime, policy: ReminderPolicy
) -> tuple[Outgoing, ...]:
    """Queue the reminders of an active booking on a scheduled slot; returns those queued.

    Idempotent: a reminder already queued for this booking, slot and kind is left as it is.
    """
    require_aware(now)
    row = session.execute(
        select(Booking.resident_id, Slot.id, Slot.starts_at, HostStructure.timezone)
        .join(Slot, Slot.id == Booking.slot_id)
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(HostStructure, HostStructure.id == Workshop.structure_id)
        # A walk-in booked by the staff has no Telegram account: no reminder for them.
        .join(Resident, Resident.id == Booking.resident_id)
        .where(
            Booking.id == booking_id,
            Booking.status == BookingStatus.BOOKED,
            Slot.status == SlotStatus.SCHEDULED,
            Resident.telegram_user_id.is_not(None),
        )
    ).one_or_none()
    if row is None or row.resident_id is None:
        return ()
    resident_id, slot_id, starts_at, timezone = row
    messages = reminder_messages(
        booking_id=booking_id,
        slot_id=slot_id,
        resident_id=resident_id,
        starts_at=starts_at,
        timezone=timezone,
        now=now,
        policy=policy,
    )
    enqueue(session, messages, now=now)
    return tuple(messages)


def reminder_messages(
    *,
    booking_id: int,
    slot_id: int,
    resident_id: int,
    starts_at: datetime,
    timezone: str,
    now: datetime,
    policy: ReminderPolicy,
) -> list[Outgoing]:
    """The reminders to queue for a booking on a slot starting at `starts_at`."""
    return [
        Outgoing(
            kind=time.kind,
            key=notification_key(time.kind, b=booking_id, s=slot_id),
            due_at=time.due_at,
            expires_at=time.expires_at,
            resident_id=resident_id,
            booking_id=booking_id,
            slot_id=slot_id,
        )
        for time in reminder_times(starts_at=starts_at, timezone=timezone, now=now, policy=policy)
    ]

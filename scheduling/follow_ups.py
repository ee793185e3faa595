"""What follows a seat changing hands, queued in the same transaction: reminders, notices.

Called by every operation that books or cancels (`book_seat`, `cancel_booking`, `accept_offer`),
so that none of them can forget a reminder or leave one behind.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduling.advisors import (
    BookingChange,
    booking_notices,
    queue_booking_change,
    slot_notice_facts,
)
from scheduling.models import Booking, Resident, Slot
from scheduling.notification_models import REMINDER_KINDS, DropReason, NotificationKind
from scheduling.outbox import Outgoing, drop, enqueue, notification_key
from scheduling.policy import Policy
from scheduling.reminders import reminder_messages


def booking_made(
    session: Session,
    *,
    booking_id: int,
    slot_id: int,
    resident_id: int,
    seats_left: int,
    now: datetime,
    policy: Policy,
) -> tuple[datetime, ...]:
    """Queue the booking's reminders and tell the slot's advisor: one read, one insert.

    Returns when the reminders queued will come, soonest first (for the confirmation to say)."""
    facts = slot_notice_facts(session, slot_id=slot_id)
    if facts is None:
        return ()
    messages = []
    # A walk-in booked by the staff has no Telegram account: no reminder can reach them.
    if on_telegram(session, resident_id=resident_id):
        messages = reminder_messages(
            booking_id=booking_id,
            slot_id=slot_id,
            resident_id=resident_id,
            starts_at=facts.slot.starts_at,
            timezone=facts.slot.structure_timezone,
            now=now,
            policy=policy.reminders,
        )
    reminders = tuple(sorted(message.due_at for message in messages))
    messages += booking_notices(
        facts,
        booking_id=booking_id,
        slot_id=slot_id,
        change=BookingChange.BOOKED,
        seats_left=seats_left,
        now=now,
    )
    enqueue(session, messages, now=now)
    return reminders


def on_telegram(session: Session, *, resident_id: int) -> bool:
    """Whether the resident can get Telegram messages (a walk-in has no account)."""
    return (
        session.scalar(select(Resident.telegram_user_id).where(Resident.id == resident_id))
        is not None
    )


def booking_cancelled(
    session: Session,
    *,
    booking_id: int,
    slot_id: int,
    resident_id: int,
    seats_left: int,
    by_service: bool,
    now: datetime,
) -> None:
    """Drop the reminders, tell the advisor and, if the service cancelled, the resident."""
    drop(
        session,
        reason=DropReason.BOOKING_CANCELLED,
        kinds=REMINDER_KINDS,
        booking_ids=(booking_id,),
    )
    queue_booking_change(
        session,
        booking_id=booking_id,
        slot_id=slot_id,
        change=BookingChange.CANCELLED,
        seats_left=seats_left,
        now=now,
    )
    if by_service:
        ends_at = session.scalar(select(Slot.ends_at).where(Slot.id == slot_id))
        enqueue(
            session,
            [
                Outgoing(
                    kind=NotificationKind.BOOKING_CANCELLED,
                    key=notification_key(NotificationKind.BOOKING_CANCELLED, b=booking_id),
                    due_at=now,
                    expires_at=ends_at,
                    resident_id=resident_id,
                    booking_id=booking_id,
                    slot_id=slot_id,
                )
            ],
            now=now,
        )


def confirmation_lost(session: Session, *, booking_id: int, now: datetime) -> None:
    """The resident was booked but Telegram failed to show them so: queue the confirmation, to
    reach them as soon as Telegram takes messages again (until the session starts)."""
    booking = session.get(Booking, booking_id)
    slot = session.get(Slot, booking.slot_id) if booking is not None else None
    if slot is None:
        return
    kind = NotificationKind.BOOKING_CONFIRMED
    message = Outgoing(
        kind=kind,
        key=notification_key(kind, b=booking_id),
        due_at=now,
        expires_at=slot.starts_at,
        resident_id=booking.resident_id,
        booking_id=booking_id,
        slot_id=slot.id,
    )
    enqueue(session, [message], now=now)

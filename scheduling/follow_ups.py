"""What follows a seat changing hands, queued in the same transaction: reminders, notices.

Called by every operation that books or cancels (`book_seat`, `cancel_booking`, `accept_offer`),
so that none of them can forget a reminder or leave one behind.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduling.advisors import BookingChange, queue_booking_change
from scheduling.models import Slot
from scheduling.notification_models import REMINDER_KINDS, DropReason, NotificationKind
from scheduling.outbox import Outgoing, drop, enqueue, notification_key
from scheduling.policy import Policy
from scheduling.reminders import schedule_reminders


def booking_made(
    session: Session,
    *,
    booking_id: int,
    slot_id: int,
    seats_left: int,
    now: datetime,
    policy: Policy,
) -> None:
    """Queue the booking's reminders and tell the slot's advisor."""
    schedule_reminders(session, booking_id=booking_id, now=now, policy=policy.reminders)
    queue_booking_change(
        session,
        booking_id=booking_id,
        slot_id=slot_id,
        change=BookingChange.BOOKED,
        seats_left=seats_left,
        now=now,
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

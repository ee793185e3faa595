"""Putting messages into the outbox, and taking back those that no longer need sending.

Used by the operations that change bookings, slots and waitlists, inside their transaction: a
message is queued (or dropped) together with the change it is about, or not at all. Sending is
`scheduling.notifications`'s business.

`enqueue` inserts with ON CONFLICT (key) DO NOTHING (both SQLite and PostgreSQL have it): a
message already queued under the same key stays as it is. Nothing is queued for a resident
marked unreachable.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session

from knowledge.orm import OnConflict
from scheduling.models import Resident
from scheduling.notification_models import (
    LIVE_STATUSES,
    DropReason,
    Notification,
    NotificationKind,
    NotificationStatus,
)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to queue: its kind and key, its recipient, its subject, its time window."""

    kind: NotificationKind
    key: str
    due_at: datetime
    expires_at: datetime | None = None
    resident_id: int | None = None
    advisor_id: int | None = None
    booking_id: int | None = None
    slot_id: int | None = None
    previous_slot_id: int | None = None
    waitlist_entry_id: int | None = None
    agenda_day: date | None = None
    seats_left: int | None = None


def notification_key(kind: NotificationKind, **subject: int | str | date) -> str:
    """The dedup key of a message: its kind and subject, e.g. `reminder_day_before:b12:s34`.

    Subject names are one letter: b(ooking), s(lot), p(revious slot), e(ntry), a(dvisor), d(ay).
    """
    parts = [kind.value, *(f"{name}{value}" for name, value in subject.items())]
    return ":".join(parts)


def enqueue(session: Session, messages: Iterable[Outgoing], *, now: datetime) -> int:
    """Queue messages not queued yet (by key); returns how many were added."""
    messages = list(messages)
    if not messages:
        return 0
    resident_ids = {m.resident_id for m in messages if m.resident_id is not None}
    unreachable = (
        set(session.scalars(_UNREACHABLE_AMONG, {"ids_": list(resident_ids)}))
        if resident_ids
        else set()
    )
    rows = [
        {
            "key": m.key,
            "kind": m.kind,
            "status": NotificationStatus.PENDING,
            "resident_id": m.resident_id,
            "advisor_id": m.advisor_id,
            "booking_id": m.booking_id,
            "slot_id": m.slot_id,
            "previous_slot_id": m.previous_slot_id,
            "waitlist_entry_id": m.waitlist_entry_id,
            "agenda_day": m.agenda_day,
            "seats_left": m.seats_left,
            "created_at": now,
            "due_at": m.due_at,
            "expires_at": m.expires_at,
            "available_at": m.due_at,
            "attempts": 0,
        }
        for m in messages
        if m.resident_id not in unreachable
    ]
    if not rows:
        return 0
    return len(session.execute(_INSERT_NEW.on(session), rows).all())


_residents, _notifications = Resident.__table__, Notification.__table__
# Built once, values bound at execution: every booking queues its messages.
_UNREACHABLE_AMONG = select(_residents.c.id).where(
    _residents.c.id.in_(bindparam("ids_", expanding=True)), _residents.c.unreachable.is_(True)
)
_INSERT_NEW = OnConflict(
    lambda insert: (
        insert(_notifications)
        .on_conflict_do_nothing(index_elements=[_notifications.c.key])
        .returning(_notifications.c.id)
    )
)


def drop(
    session: Session,
    *,
    reason: DropReason,
    kinds: Collection[NotificationKind] | None = None,
    booking_ids: Collection[int] | None = None,
    slot_id: int | None = None,
    resident_id: int | None = None,
    waitlist_entry_ids: Collection[int] | None = None,
    only_pending: bool = False,
) -> int:
    """Drop the live messages (pending, or claimed and maybe in flight) matching every filter.

    A claimed message is dropped too: its claimer's `mark_sent` then finds the claim gone, and a
    crashed claimer's lease is never taken over. `only_pending` leaves claimed ones alone.
    """
    conditions: list[ColumnElement[bool]] = [
        Notification.status.in_((NotificationStatus.PENDING,) if only_pending else LIVE_STATUSES)
    ]
    if kinds is not None:
        conditions.append(Notification.kind.in_(kinds))
    if booking_ids is not None:
        if not booking_ids:
            return 0
        conditions.append(Notification.booking_id.in_(booking_ids))
    if slot_id is not None:
        conditions.append(Notification.slot_id == slot_id)
    if resident_id is not None:
        conditions.append(Notification.resident_id == resident_id)
    if waitlist_entry_ids is not None:
        if not waitlist_entry_ids:
            return 0
        conditions.append(Notification.waitlist_entry_id.in_(waitlist_entry_ids))
    if len(conditions) == 1:
        raise ValueError("drop() needs at least one filter besides the status")
    result = session.execute(
        update(Notification)
        .where(*conditions)
        .values(status=NotificationStatus.DROPPED, drop_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0

"""Personal data kept no longer than needed: run daily.

After `retention` (12 months by default):
- a booking whose session ended that long ago is anonymised: it loses its resident (and the
  confirmation), and stays, so that the counts per slot, workshop and structure remain;
- messages queued that long ago are deleted (they name residents and bookings), and so are
  waitlist entries no longer in line;
- a resident not seen for that long, with no booking left to them and in no line, is deleted.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session, aliased

from scheduling.local_time import require_aware
from scheduling.models import Booking, Resident, Slot
from scheduling.notification_models import Notification
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry

DEFAULT_RETENTION = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class RetentionApplied:
    cutoff: datetime
    anonymised_bookings: int
    deleted_notifications: int
    deleted_waitlist_entries: int
    deleted_residents: int


def apply_retention(
    session: Session, *, now: datetime, retention: timedelta = DEFAULT_RETENTION
) -> RetentionApplied:
    """Anonymise and delete what is older than `retention` (see the module docstring)."""
    require_aware(now)
    if retention <= timedelta(0):
        raise ValueError("retention must be positive")
    cutoff = now - retention
    anonymised = session.execute(
        update(Booking)
        .where(
            Booking.resident_id.is_not(None),
            Booking.slot_id.in_(select(Slot.id).where(Slot.ends_at < cutoff)),
        )
        .values(resident_id=None, confirmed_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    notifications = session.execute(
        delete(Notification)
        .where(Notification.created_at < cutoff)
        .execution_options(synchronize_session=False)
    ).rowcount
    entries = session.execute(
        delete(WaitlistEntry)
        .where(
            WaitlistEntry.created_at < cutoff,
            WaitlistEntry.status.not_in(ACTIVE_WAITLIST_STATUSES),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    # An alias: this subquery also runs inside statements on waitlist_entries.
    in_line = aliased(WaitlistEntry)
    inactive = select(Resident.id).where(
        Resident.last_seen_at < cutoff,
        ~exists().where(Booking.resident_id == Resident.id),
        ~exists().where(
            in_line.resident_id == Resident.id,
            in_line.status.in_(ACTIVE_WAITLIST_STATUSES),
        ),
    )
    notifications += session.execute(
        delete(Notification)
        .where(Notification.resident_id.in_(inactive))
        .execution_options(synchronize_session=False)
    ).rowcount
    session.execute(
        update(WaitlistEntry)
        .where(WaitlistEntry.resident_id.in_(inactive))
        .values(resident_id=None)
        .execution_options(synchronize_session=False)
    )
    residents = session.execute(
        delete(Resident)
        .where(Resident.id.in_(inactive))
        .execution_options(synchronize_session=False)
    ).rowcount
    return RetentionApplied(
        cutoff=cutoff,
        anonymised_bookings=anonymised or 0,
        deleted_notifications=notifications or 0,
        deleted_waitlist_entries=entries or 0,
        deleted_residents=residents or 0,
    )

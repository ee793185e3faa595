"""What each message says, as data: the facts the sender renders, read when it is claimed.

Nothing here is a sentence. A claimed row becomes one of the frozen `…Message` values below, read
in bulk for the whole batch (a few queries, whatever its size) and checked for being still true:
a reminder whose booking was cancelled, whose slot moved or has started, an offer no longer
running, is not a message any more but a `DropReason`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from scheduling.advisor_models import Advisor
from scheduling.advisors import BookingChange, DailyAgenda, daily_agenda
from scheduling.models import Booking, BookingStatus, Resident, SlotStatus
from scheduling.notification_models import REMINDER_KINDS, DropReason, NotificationKind
from scheduling.slot_details import SlotDetails, slot_details
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry, WaitlistStatus


@dataclass(frozen=True, slots=True)
class ReminderMessage:
    """A reminder (which one: `Claimed.kind`): date, place, the resident's need and what to
    bring for it (`scheduling.slot_details.booking_needs`), and the buttons "Je viens ✅"
    (`confirm_attendance`) and "Je ne peux plus venir ❌" (`cancel_booking`, after a
    confirmation)."""

    booking_id: int
    slot: SlotDetails
    confirmed: bool
    """The resident already said they are coming."""
    need: str | None = None
    """The booking's need (`Booking.need`)."""


@dataclass(frozen=True, slots=True)
class BookingCancelledMessage:
    """The service cancelled this resident's booking (the slot itself goes on)."""

    booking_id: int
    slot: SlotDetails


@dataclass(frozen=True, slots=True)
class SlotCancelledMessage:
    """The workshop is cancelled (`slot.cancellation_reason`, if given); offer the next slots
    on `slot.themes` near `slot.structure_lat`/`structure_lon`."""

    booking_id: int
    slot: SlotDetails


@dataclass(frozen=True, slots=True)
class SlotMovedMessage:
    """The workshop moved: the resident keeps a seat at the new time."""

    booking_id: int
    previous: SlotDetails
    slot: SlotDetails


@dataclass(frozen=True, slots=True)
class WaitlistOfferMessage:
    """A seat is held for the resident until `offer_expires_at`: "Je prends la place"
    (`accept_offer`); declining is `leave_waitlist`."""

    entry_id: int
    offer_expires_at: datetime
    slot: SlotDetails


@dataclass(frozen=True, slots=True)
class AdvisorChangeMessage:
    """For the slot's advisor: someone booked or cancelled."""

    change: BookingChange
    booking_id: int | None
    first_name: str | None
    """None if the resident has since erased their data."""
    slot: SlotDetails
    seats_left: int
    """Seats left just after the change."""
    need: str | None = None
    """The booking's need (`Booking.need`): with `slot.themes`, see
    `scheduling.slot_details.booking_needs`."""


@dataclass(frozen=True, slots=True)
class WaitlistChangeMessage:
    """The session a resident waited for was cancelled (`previous` None), or moved from
    `previous` to `slot` (they still wait, for the new time)."""

    slot: SlotDetails
    previous: SlotDetails | None = None


@dataclass(frozen=True, slots=True)
class AgendaMessage:
    agenda: DailyAgenda


Message = (
    ReminderMessage
    | BookingCancelledMessage
    | SlotCancelledMessage
    | SlotMovedMessage
    | WaitlistOfferMessage
    | AdvisorChangeMessage
    | AgendaMessage
    | WaitlistChangeMessage
)


@dataclass(frozen=True, slots=True)
class Recipient:
    chat_id: int
    """The Telegram user id (a private chat's id)."""
    language: str
    resident_id: int | None
    advisor_id: int | None


def load_messages(
    session: Session, rows: Sequence[Row], *, now: datetime
) -> dict[int, tuple[Recipient, Message] | DropReason]:
    """For each claimed row (by id): its recipient and message, or why it must be dropped."""
    resident_ids = {row.resident_id for row in rows if row.resident_id is not None}
    advisor_ids = {row.advisor_id for row in rows if row.advisor_id is not None}
    booking_ids = {row.booking_id for row in rows if row.booking_id is not None}
    entry_ids = {row.waitlist_entry_id for row in rows if row.waitlist_entry_id is not None}

    residents = _by_id(
        session,
        select(Resident.id, Resident.telegram_user_id, Resident.language, Resident.unreachable),
        Resident.id,
        resident_ids,
    )
    advisors = _by_id(
        session, select(Advisor.id, Advisor.telegram_user_id), Advisor.id, advisor_ids
    )
    bookings = _by_id(
        session,
        select(
            Booking.id,
            Booking.slot_id,
            Booking.status,
            Booking.confirmed_at,
            Booking.need,
            Resident.first_name,
        ).outerjoin(Resident, Resident.id == Booking.resident_id),
        Booking.id,
        booking_ids,
    )
    entries = _by_id(
        session,
        select(
            WaitlistEntry.id,
            WaitlistEntry.slot_id,
            WaitlistEntry.resident_id,
            WaitlistEntry.status,
            WaitlistEntry.offer_expires_at,
        ),
        WaitlistEntry.id,
        entry_ids,
    )
    slot_ids = {row.slot_id for row in rows if row.slot_id is not None}
    slot_ids |= {row.previous_slot_id for row in rows if row.previous_slot_id is not None}
    slot_ids |= {entry.slot_id for entry in entries.values()}
    slots = slot_details(session, slot_ids)

    result: dict[int, tuple[Recipient, Message] | DropReason] = {}
    for row in rows:
        if row.resident_id is not None:
            resident = residents.get(row.resident_id)
            if resident is None:
                result[row.id] = DropReason.OBSOLETE
                continue
            # A walk-in booked by the staff has no Telegram account to write to.
            if resident.unreachable or resident.telegram_user_id is None:
                result[row.id] = DropReason.UNREACHABLE
                continue
            recipient = Recipient(
                chat_id=resident.telegram_user_id,
                language=resident.language,
                resident_id=row.resident_id,
                advisor_id=None,
            )
        else:
            advisor = advisors.get(row.advisor_id)
            if advisor is None or advisor.telegram_user_id is None:
                result[row.id] = DropReason.OBSOLETE
                continue
            recipient = Recipient(
                chat_id=advisor.telegram_user_id,
                language="fr",
                resident_id=None,
                advisor_id=row.advisor_id,
            )
        message = _message(
            session,
            row,
            booking=bookings.get(row.booking_id),
            entry=entries.get(row.waitlist_entry_id),
            slots=slots,
            now=now,
        )
        result[row.id] = (recipient, message) if message is not None else DropReason.OBSOLETE
    return result


def _by_id(session: Session, query: Select, id_column, ids: set[int]) -> dict[int, Row]:
    if not ids:
        return {}
    return {row.id: row for row in session.execute(query.where(id_column.in_(ids)))}


def _message(
    session: Session,
    row: Row,
    *,
    booking: Row | None,
    entry: Row | None,
    slots: dict[int, SlotDetails],
    now: datetime,
) -> Message | None:
    slot = slots.get(row.slot_id)
    kind = row.kind
    if kind in REMINDER_KINDS or kind == NotificationKind.BOOKING_CONFIRMED:
        live = (
            booking is not None
            and booking.status == BookingStatus.BOOKED
            and booking.slot_id == row.slot_id
            and slot is not None
            and slot.status == SlotStatus.SCHEDULED
            and slot.starts_at > now
        )
        if not live:
            return None
        return ReminderMessage(
            booking_id=row.booking_id,
            slot=slot,
            confirmed=booking.confirmed_at is not None,
            need=booking.need,
        )
    if kind == NotificationKind.WAITLIST_OFFER:
        live = (
            entry is not None
            and entry.status == WaitlistStatus.OFFERED
            and entry.resident_id == row.resident_id
            and entry.offer_expires_at > now
            and entry.slot_id in slots
        )
        if not live:
            return None
        return WaitlistOfferMessage(
            entry_id=entry.id, offer_expires_at=entry.offer_expires_at, slot=slots[entry.slot_id]
        )
    if kind == NotificationKind.ADVISOR_AGENDA:
        agenda = daily_agenda(session, advisor_id=row.advisor_id, day=row.agenda_day, now=now)
        return AgendaMessage(agenda=agenda) if agenda.sessions else None
    if slot is None:
        return None
    if kind == NotificationKind.SLOT_CANCELLED:
        return SlotCancelledMessage(booking_id=row.booking_id, slot=slot)
    if kind == NotificationKind.BOOKING_CANCELLED:
        return BookingCancelledMessage(booking_id=row.booking_id, slot=slot)
    if kind == NotificationKind.SLOT_MOVED:
        previous = slots.get(row.previous_slot_id)
        if previous is None:
            return None
        return SlotMovedMessage(booking_id=row.booking_id, previous=previous, slot=slot)
    if kind == NotificationKind.WAITLIST_CANCELLED:
        return WaitlistChangeMessage(slot=slot)
    if kind == NotificationKind.WAITLIST_MOVED:
        previous = slots.get(row.previous_slot_id)
        waiting = entry is not None and entry.status in ACTIVE_WAITLIST_STATUSES
        if previous is None or not waiting or entry.slot_id != row.slot_id:
            return None  # they left the waitlist, or it moved again (a newer notice says so)
        return WaitlistChangeMessage(slot=slot, previous=previous)
    if kind in (NotificationKind.ADVISOR_BOOKED, NotificationKind.ADVISOR_CANCELLED):
        return AdvisorChangeMessage(
            change=(
                BookingChange.BOOKED
                if kind == NotificationKind.ADVISOR_BOOKED
                else BookingChange.CANCELLED
            ),
            booking_id=row.booking_id,
            first_name=booking.first_name if booking is not None else None,
            slot=slot,
            seats_left=row.seats_left if row.seats_left is not None else slot.seats_left,
            need=booking.need if booking is not None else None,
        )
    raise ValueError(f"unknown notification kind {kind!r}")

"""Booking someone who is not on Telegram, or who stands in front of the advisor.

They become a resident without a Telegram id (none is ever invented): a first name, the need,
and a phone number if they give one, all under retention and erasure like any resident's. The
seat is taken by the same atomic rule as any booking (`scheduling.booking.book_seat`), recorded
as booked by an advisor (or `admin` for a coordinator); no Telegram reminder can reach them.

Each walk-in is a new resident, so the one-seat-at-a-time rule cannot know them by their row:
someone booked before with the same phone number (spaces, dots and +33 aside) is taken to be the
same person, and a seat of theirs at an overlapping time comes back as `Booked.overlap`, for the
staff to be warned (the staff are never refused, see `scheduling.booking.book_seat`).
"""

import dataclasses
import re
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from scheduling.booking import Booked, BookingOutcome, Overlap, book_seat
from scheduling.local_time import require_aware
from scheduling.models import BookedBy, Booking, BookingStatus, Resident, Slot, SlotStatus
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.residents import FIRST_NAME_LENGTH
from scheduling.slot_details import slot_details

PHONE_LENGTH = 40
_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{5,38}$")


def valid_phone(phone: str) -> bool:
    """A phone number as people write it: digits, spaces, dots, dashes, a leading +."""
    return bool(_PHONE.match(phone.strip()))


def book_walk_in(
    session: Session,
    *,
    slot_id: int,
    first_name: str,
    need: str | None,
    phone: str | None,
    booked_by: BookedBy,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> BookingOutcome:
    """A new walk-in resident and their seat, or why the slot cannot take them (then nothing is
    kept of them)."""
    require_aware(now)
    if booked_by not in (BookedBy.ADVISOR, BookedBy.ADMIN):
        raise ValueError("walk-ins are booked by staff")
    with session.begin_nested() as attempt:
        resident_id = session.scalar(
            insert(Resident)
            .values(
                telegram_user_id=None,
                first_name=first_name.strip()[:FIRST_NAME_LENGTH],
                language="fr",
                created_at=now,
                last_seen_at=now,
                phone=phone.strip()[:PHONE_LENGTH] if phone else None,
            )
            .returning(Resident.id)
        )
        outcome = book_seat(
            session,
            slot_id=slot_id,
            resident_id=resident_id,
            now=now,
            need=need,
            booked_by=booked_by,
            policy=policy,
        )
        if not isinstance(outcome, Booked):
            attempt.rollback()
            return outcome
    if phone and outcome.overlap is None:
        overlap = _same_phone_overlap(session, slot_id=slot_id, phone=phone, walk_in=resident_id)
        outcome = dataclasses.replace(outcome, overlap=overlap)
    return outcome


def same_phone(one: str, other: str) -> bool:
    """Whether two phone numbers as people write them are one ("06 12…" and "+33 6 12…")."""
    return _national(one) == _national(other)


def _national(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("33") and len(digits) == 11:
        return "0" + digits[2:]
    return digits


def _same_phone_overlap(
    session: Session, *, slot_id: int, phone: str, walk_in: int
) -> Overlap | None:
    """A seat at an overlapping time (this very slot included) held by someone else with this
    phone number, if any."""
    this = session.execute(select(Slot.starts_at, Slot.ends_at).where(Slot.id == slot_id)).one()
    holders = session.execute(
        select(Booking.id, Booking.slot_id, Resident.phone)
        .join(Booking, Booking.resident_id == Resident.id)
        .join(Slot, Slot.id == Booking.slot_id)
        .where(
            Resident.phone.is_not(None),
            Resident.id != walk_in,
            Booking.status == BookingStatus.BOOKED,
            Slot.status == SlotStatus.SCHEDULED,
            Slot.starts_at < this.ends_at,
            Slot.ends_at > this.starts_at,
        )
        .order_by(Slot.starts_at, Booking.id)
    )
    for booking_id, their_slot, their_phone in holders:
        if same_phone(phone, their_phone):
            slot = slot_details(session, [their_slot])[their_slot]
            return Overlap(booking_id=booking_id, slot=slot)
    return None

"""Booking someone who is not on Telegram, or who stands in front of the advisor.

They become a resident without a Telegram id (none is ever invented): a first name, the need,
and a phone number if they give one, all under retention and erasure like any resident's. The
seat is taken by the same atomic rule as any booking (`scheduling.booking.book_seat`), recorded
as booked by an advisor (or `admin` for a coordinator); no Telegram reminder can reach them.
"""

import re
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from scheduling.booking import Booked, BookingOutcome, book_seat
from scheduling.local_time import require_aware
from scheduling.models import BookedBy, Resident
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.residents import FIRST_NAME_LENGTH

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

"""Advisors on Telegram: what they are told of the bookings on their slots, and their agenda.

An advisor is told when they have a Telegram id (`link_advisor`) and according to their
`notification_level` (`knowledge.catalogue.NotificationLevel`, as the national booking tool
offers): every change, only the changes to sessions starting the same local day, or nothing. A
slot's advisor is its workshop's advisor. The notices are queued in the outbox in the same
transaction as the change (`queue_booking_change`, called by `book_seat`, `cancel_booking` and
`accept_offer`); a booking cancelled before its notice left cancels the notice instead.

The daily agenda is queued for each linked advisor (level not `none`) with sessions that local
day, due at 08:00 local time (`queue_daily_agendas`, run by a periodic job: idempotent). Its
content is read when it is sent (`daily_agenda`), so it is up to date.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.advisor_models import Advisor, NotificationLevel, advisor_structures
from scheduling.local_time import at_local, local_date, local_day_bounds, require_aware
from scheduling.models import Booking, BookingStatus, Resident, Slot, SlotStatus, Workshop
from scheduling.notification_models import DropReason, NotificationKind
from scheduling.outbox import Outgoing, drop, enqueue, notification_key
from scheduling.slot_details import SlotDetails, select_slots

AGENDA_AT = time(8, 0)
# Wide enough to hold "today" in every zone, from UTC-12 to UTC+14.
_ZONE_SPREAD = timedelta(hours=15)


class BookingChange(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


# --- linking and levels -------------------------------------------------------------------------


class LinkRefused(StrEnum):
    UNKNOWN_ADVISOR = "unknown_advisor"
    TELEGRAM_ID_TAKEN = "telegram_id_taken"
    """Another advisor is linked to this Telegram account."""


@dataclass(frozen=True, slots=True)
class Linked:
    advisor_id: int
    telegram_user_id: int


def link_advisor(
    session: Session, *, advisor_id: int, telegram_user_id: int | None
) -> Linked | LinkRefused:
    """Link an advisor to a Telegram account (None unlinks). Until the advisor/admin flow
    exists, a CLI command calls this."""
    try:
        with session.begin_nested():
            updated = session.execute(
                update(Advisor)
                .where(Advisor.id == advisor_id)
                .values(telegram_user_id=telegram_user_id)
                .execution_options(synchronize_session="fetch")
            ).rowcount
    except IntegrityError:
        return LinkRefused.TELEGRAM_ID_TAKEN
    if not updated:
        return LinkRefused.UNKNOWN_ADVISOR
    return Linked(advisor_id=advisor_id, telegram_user_id=telegram_user_id)


def set_notification_level(session: Session, *, advisor_id: int, level: NotificationLevel) -> bool:
    """Change what the advisor is told; False for an unknown advisor."""
    return bool(
        session.execute(
            update(Advisor)
            .where(Advisor.id == advisor_id)
            .values(notification_level=level)
            .execution_options(synchronize_session="fetch")
        ).rowcount
    )


# --- change notices -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlotNoticeFacts:
    """What deciding a slot's reminders and its advisors' notices takes."""

    slot: SlotDetails
    advisors: tuple[tuple[int, NotificationLevel], ...] = ()
    """Who is told, with their level: the workshop's advisor if linked to Telegram; for a
    session without an advisor, every linked advisor of its place (else no one would be)."""


_slots, _workshops, _advisors = Slot.__table__, Workshop.__table__, Advisor.__table__


def session_advisors_condition():
    """Joins the advisors told about a slot's session: its workshop's advisor, or, when it has
    none, the advisors linked to its place."""
    of_the_place = select(advisor_structures.c.advisor_id).where(
        advisor_structures.c.structure_id == _workshops.c.structure_id
    )
    return or_(
        _advisors.c.id == _workshops.c.advisor_id,
        and_(_workshops.c.advisor_id.is_(None), _advisors.c.id.in_(of_the_place)),
    )


# Built once, values bound at execution: read with every booking. One row per advisor told (one
# row with no advisor when no one is).
_SLOT_NOTICE_FACTS = (
    select_slots(_advisors.c.id.label("linked_advisor_id"), _advisors.c.notification_level)
    .outerjoin(
        _advisors,
        session_advisors_condition() & _advisors.c.telegram_user_id.is_not(None),
    )
    .where(_slots.c.id == bindparam("slot_id_"))
    .order_by(_advisors.c.id)
)


def slot_notice_facts(session: Session, *, slot_id: int) -> SlotNoticeFacts | None:
    rows = session.execute(_SLOT_NOTICE_FACTS, {"slot_id_": slot_id}).all()
    if not rows:
        return None
    return SlotNoticeFacts(
        slot=SlotDetails.from_row(rows[0]),
        advisors=tuple(
            (row.linked_advisor_id, row.notification_level)
            for row in rows
            if row.linked_advisor_id is not None
        ),
    )


def booking_notices(
    facts: SlotNoticeFacts,
    *,
    booking_id: int,
    slot_id: int,
    change: BookingChange,
    seats_left: int,
    now: datetime,
) -> list[Outgoing]:
    """The notices owed to the slot's advisors for this change, as their levels ask."""
    require_aware(now)
    slot = facts.slot
    if slot.ends_at <= now:
        return []
    zone = slot.structure_timezone
    same_day = local_date(slot.starts_at, zone) == local_date(now, zone)
    kind = (
        NotificationKind.ADVISOR_BOOKED
        if change == BookingChange.BOOKED
        else NotificationKind.ADVISOR_CANCELLED
    )
    # The session's own advisor keeps the key it always had; the place's advisors of a session
    # without one get one each.
    shared = len(facts.advisors) > 1 or (
        facts.advisors and facts.slot.advisor_id != facts.advisors[0][0]
    )
    notices = []
    for advisor_id, level in facts.advisors:
        if level == NotificationLevel.NONE or (
            level == NotificationLevel.SAME_DAY and not same_day
        ):
            continue
        key = (
            notification_key(kind, b=booking_id, a=advisor_id)
            if shared
            else notification_key(kind, b=booking_id)
        )
        notices.append(
            Outgoing(
                kind=kind,
                key=key,
                due_at=now,
                expires_at=slot.ends_at,
                advisor_id=advisor_id,
                booking_id=booking_id,
                slot_id=slot_id,
                seats_left=seats_left,
            )
        )
    return notices


def queue_booking_change(
    session: Session,
    *,
    booking_id: int,
    slot_id: int,
    change: BookingChange,
    seats_left: int,
    now: datetime,
) -> bool:
    """Tell the slot's advisors of a booking or a cancellation, if their level asks for it.

    Returns whether a notice was queued. A cancellation whose booking notice is still pending
    drops that notice and queues nothing: the advisor never hears of either.
    """
    facts = slot_notice_facts(session, slot_id=slot_id)
    notices = facts and booking_notices(
        facts,
        booking_id=booking_id,
        slot_id=slot_id,
        change=change,
        seats_left=seats_left,
        now=now,
    )
    if not notices:
        return False
    if change == BookingChange.CANCELLED and drop(
        session,
        reason=DropReason.SUPERSEDED,
        kinds=(NotificationKind.ADVISOR_BOOKED,),
        booking_ids=(booking_id,),
        only_pending=True,
    ):
        return False
    return bool(enqueue(session, notices, now=now))


# --- the daily agenda ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attendee:
    booking_id: int
    first_name: str
    confirmed: bool
    """Answered "Je viens" to a reminder."""
    need: str | None = None
    """The booking's need: with the slot's themes, see `scheduling.slot_details.booking_needs`."""


@dataclass(frozen=True, slots=True)
class AgendaSession:
    slot: SlotDetails
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True, slots=True)
class DailyAgenda:
    advisor_id: int
    day: date
    sessions: tuple[AgendaSession, ...]
    """Scheduled sessions starting that local day (in each structure's zone), soonest first."""


def daily_agenda(session: Session, *, advisor_id: int, day: date, now: datetime) -> DailyAgenda:
    """The advisor's sessions on `day` (local to each structure), with who is coming: their
    own, and those without an advisor at their places."""
    require_aware(now)
    start, end = local_day_bounds(day, "UTC")
    rows = session.execute(
        select_slots()
        .where(
            or_(
                _workshops.c.advisor_id == advisor_id,
                and_(
                    _workshops.c.advisor_id.is_(None),
                    _workshops.c.structure_id.in_(
                        select(advisor_structures.c.structure_id).where(
                            advisor_structures.c.advisor_id == advisor_id
                        )
                    ),
                ),
            ),
            _slots.c.status == SlotStatus.SCHEDULED,
            _slots.c.starts_at >= start - _ZONE_SPREAD,
            _slots.c.starts_at < end + _ZONE_SPREAD,
        )
        .order_by(_slots.c.starts_at, _slots.c.id)
    )
    slots = [
        slot
        for slot in map(SlotDetails.from_row, rows)
        if local_date(slot.starts_at, slot.structure_timezone) == day
    ]
    slot_ids = [slot.slot_id for slot in slots]
    attendees: defaultdict[int, list[Attendee]] = defaultdict(list)
    if slot_ids:
        for slot_id, booking_id, first_name, confirmed_at, need in session.execute(
            select(
                Booking.slot_id,
                Booking.id,
                Resident.first_name,
                Booking.confirmed_at,
                Booking.need,
            )
            .join(Resident, Resident.id == Booking.resident_id)
            .where(Booking.slot_id.in_(slot_ids), Booking.status == BookingStatus.BOOKED)
            .order_by(Booking.created_at, Booking.id)
        ):
            attendees[slot_id].append(
                Attendee(
                    booking_id=booking_id,
                    first_name=first_name,
                    confirmed=confirmed_at is not None,
                    need=need,
                )
            )
    return DailyAgenda(
        advisor_id=advisor_id,
        day=day,
        sessions=tuple(
            AgendaSession(slot=slot, attendees=tuple(attendees[slot.slot_id])) for slot in slots
        ),
    )


def queue_daily_agendas(session: Session, *, now: datetime, at: time = AGENDA_AT) -> int:
    """Queue today's agenda for every linked advisor with sessions today, once `at` has come.

    "Today" and `at` are local to each session's structure. Idempotent (one agenda per advisor
    and day); a late run (after a restart) still queues it until the day's last session starts.
    Returns how many agendas were added. It reads before it writes: on SQLite, run it in a
    transaction of its own (a concurrent writer makes it fail, and the next run catches up).
    """
    require_aware(now)
    rows = session.execute(
        select(Advisor.id, Slot.starts_at, HostStructure.timezone)
        .select_from(Slot)
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(Advisor, session_advisors_condition())
        .join(HostStructure, HostStructure.id == Workshop.structure_id)
        .where(
            Advisor.telegram_user_id.is_not(None),
            Advisor.notification_level != NotificationLevel.NONE,
            Slot.status == SlotStatus.SCHEDULED,
            Slot.starts_at > now,
            Slot.starts_at < now + 2 * _ZONE_SPREAD,
        )
    ).all()
    # (advisor, local day) -> (due, last start of the day)
    agendas: dict[tuple[int, date], tuple[datetime, datetime]] = {}
    for advisor_id, starts_at, timezone in rows:
        today = local_date(now, timezone)
        if local_date(starts_at, timezone) != today:
            continue
        due = at_local(today, at, timezone)
        if due > now:
            continue
        key = (advisor_id, today)
        earlier = agendas.get(key)
        agendas[key] = (due, max(starts_at, earlier[1]) if earlier else starts_at)
    return enqueue(
        session,
        (
            Outgoing(
                kind=NotificationKind.ADVISOR_AGENDA,
                key=notification_key(NotificationKind.ADVISOR_AGENDA, a=advisor_id, d=day),
                due_at=due,
                expires_at=last_start,
                advisor_id=advisor_id,
                agenda_day=day,
            )
            for (advisor_id, day), (due, last_start) in sorted(agendas.items())
        ),
        now=now,
    )

"""What the staff see of their sessions (/planning) and what they do to their participants.

`planning` lists the scheduled sessions of some places from the start of today (local to each
place) for `DAYS` more days, with seats taken and the waitlist's length; `session_detail` gives
one session with each participant: first name, need, who booked (themselves, the team, the
waitlist), whether they said "Je viens ✅", and whether they came. Both compose `SlotDetails`.
`cancel_walk_in` cancels a booking the staff made for someone not on Telegram. Who may see or do
this is `scheduling.authority`'s question, asked by the caller.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scheduling.booking import CancelOutcome, NotFound, cancel_booking
from scheduling.local_time import local_date, require_aware
from scheduling.models import BookedBy, Booking, BookingStatus, Resident, Slot, SlotStatus, Workshop
from scheduling.sessions import SessionPlace, session_places
from scheduling.slot_details import SlotDetails, select_slots, slot_details
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry

DAYS = 14
# Wide enough to hold "today" in every zone (see scheduling.advisors).
_ZONE_SPREAD = timedelta(hours=15)
_PRESENT_STATUSES = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    slot: SlotDetails
    waitlisted: int

    @property
    def seats_taken(self) -> int:
        return self.slot.capacity - self.slot.seats_left


def planning(
    session: Session, *, structure_ids: Collection[int] | None, now: datetime, days: int = DAYS
) -> list[PlannedSession]:
    """Scheduled sessions of these places (None: every place) from today, soonest first."""
    require_aware(now)
    found = []
    for planned in _scheduled(
        session,
        structure_ids=structure_ids,
        advisor_id=None,
        since=now - _ZONE_SPREAD,
        until=now + timedelta(days=days + 1),
    ):
        slot = planned.slot
        today = local_date(now, slot.structure_timezone)
        if local_date(slot.starts_at, slot.structure_timezone) < today:
            continue
        if (local_date(slot.starts_at, slot.structure_timezone) - today).days > days:
            continue
        found.append(planned)
    return found


def days_planning(
    session: Session,
    *,
    structure_ids: Collection[int] | None,
    first_day: date,
    days: int = 7,
    advisor_id: int | None = None,
) -> list[PlannedSession]:
    """Scheduled sessions of these places (None: every place; of one advisor's workshops, if
    `advisor_id`) falling on `days` calendar days from `first_day`, each on its place's
    calendar: the dashboard's week and day views."""
    last_day = first_day + timedelta(days=days - 1)
    midnight = datetime.combine(first_day, time(), tzinfo=UTC)
    return [
        planned
        for planned in _scheduled(
            session,
            structure_ids=structure_ids,
            advisor_id=advisor_id,
            since=midnight - _ZONE_SPREAD,
            until=midnight + timedelta(days=days) + _ZONE_SPREAD,
        )
        if first_day
        <= local_date(planned.slot.starts_at, planned.slot.structure_timezone)
        <= last_day
    ]


def _scheduled(
    session: Session,
    *,
    structure_ids: Collection[int] | None,
    advisor_id: int | None,
    since: datetime,
    until: datetime,
) -> list[PlannedSession]:
    waiting = (
        select(func.count())
        .where(
            WaitlistEntry.slot_id == Slot.__table__.c.id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
        )
        .scalar_subquery()
        .label("waitlisted")
    )
    query = select_slots(waiting).where(
        Slot.__table__.c.status == SlotStatus.SCHEDULED,
        Slot.__table__.c.starts_at >= since,
        Slot.__table__.c.starts_at < until,
    )
    if structure_ids is not None:
        query = query.where(Workshop.__table__.c.structure_id.in_(list(structure_ids)))
    if advisor_id is not None:
        query = query.where(Workshop.__table__.c.advisor_id == advisor_id)
    rows = session.execute(query.order_by(Slot.__table__.c.starts_at, Slot.__table__.c.id))
    return [
        PlannedSession(slot=SlotDetails.from_row(row), waitlisted=row.waitlisted) for row in rows
    ]


def planning_places(
    session: Session, *, structure_ids: Collection[int] | None
) -> list[SessionPlace]:
    """The places to choose from in the planning: these (None: every place that has or had a
    session), by name."""
    if structure_ids is None:
        structure_ids = session.scalars(select(Workshop.structure_id).distinct()).all()
    return session_places(session, structure_ids=structure_ids)


@dataclass(frozen=True, slots=True)
class Participant:
    booking_id: int
    first_name: str
    need: str | None
    booked_by: BookedBy
    confirmed: bool
    """Said "Je viens ✅" from a reminder."""
    status: BookingStatus
    """`booked`, or `attended`/`no_show` once marked."""
    walk_in: bool
    """Not on Telegram: booked by the staff, who may cancel it."""
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class SessionDetail:
    slot: SlotDetails
    participants: tuple[Participant, ...]
    waitlisted: int

    def started(self, now: datetime) -> bool:
        return self.slot.starts_at <= now


def session_detail(session: Session, *, slot_id: int) -> SessionDetail | None:
    """One session and its participants, in booking order; None for an unknown slot."""
    slot = slot_details(session, [slot_id]).get(slot_id)
    if slot is None:
        return None
    rows = session.execute(
        select(
            Booking.id,
            Resident.first_name,
            Booking.need,
            Booking.booked_by,
            Booking.confirmed_at,
            Booking.status,
            Resident.telegram_user_id,
            Resident.phone,
        )
        .join(Resident, Resident.id == Booking.resident_id)
        .where(Booking.slot_id == slot_id, Booking.status.in_(_PRESENT_STATUSES))
        .order_by(Booking.created_at, Booking.id)
    )
    participants = tuple(
        Participant(
            booking_id=row.id,
            first_name=row.first_name,
            need=row.need,
            booked_by=row.booked_by,
            confirmed=row.confirmed_at is not None,
            status=row.status,
            walk_in=row.telegram_user_id is None,
            phone=row.phone,
        )
        for row in rows
    )
    waitlisted = session.scalar(
        select(func.count()).where(
            WaitlistEntry.slot_id == slot_id, WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES)
        )
    )
    return SessionDetail(slot=slot, participants=participants, waitlisted=waitlisted or 0)


def slot_of_booking(session: Session, *, booking_id: int) -> int | None:
    return session.scalar(select(Booking.slot_id).where(Booking.id == booking_id))


def cancel_walk_in(session: Session, *, booking_id: int, now: datetime) -> CancelOutcome:
    """Cancel a booking the staff made for someone not on Telegram (as they would themselves:
    the seat goes to the waitlist or back to everyone). NotFound for any other booking."""
    resident_id = session.scalar(
        select(Booking.resident_id)
        .join(Resident, Resident.id == Booking.resident_id)
        .where(Booking.id == booking_id, Resident.telegram_user_id.is_(None))
    )
    if resident_id is None:
        return NotFound(booking_id=booking_id)
    return cancel_booking(session, booking_id=booking_id, resident_id=resident_id, now=now)


def day_sheet(session: Session, *, structure_id: int, day: date) -> list[SessionDetail]:
    """A place's sessions of one day with their participants: the sheet printed for the desk."""
    sessions = days_planning(session, structure_ids=[structure_id], first_day=day, days=1)
    found = (session_detail(session, slot_id=item.slot.slot_id) for item in sessions)
    return [detail for detail in found if detail is not None]

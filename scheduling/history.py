"""The bookings of the sessions of a period, as exports and statistics read them.

`booking_records` reads, in one query, every booking (whatever became of it) of the sessions
held from one day to another, each day on the calendar of the session's place, composing
`SlotDetails` with the booking and the little kept of the person: first name and commune
(nothing once the booking was anonymised, see `scheduling.retention`). `Booker` folds how a
booking was made into the three answers the coordinators ask about: the person, the team, the
waitlist.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from knowledge.gazetteer import Gazetteer
from scheduling.local_time import local_date
from scheduling.models import BookedBy, Booking, BookingStatus, Resident, Slot
from scheduling.slot_details import SlotDetails, select_slots
from scheduling.staff import UnknownPlaces

_slots, _bookings, _residents = Slot.__table__, Booking.__table__, Resident.__table__
_structures = HostStructure.__table__
# Wide enough to hold a local day of every zone (UTC-12 to UTC+14) around its UTC date.
_ZONE_SPREAD = timedelta(hours=15)


class Booker(StrEnum):
    """Who made a booking: the person themselves, the team (an advisor or a coordinator, at the
    desk), or the waitlist (the person took a seat offered to them)."""

    PERSON = "person"
    TEAM = "team"
    WAITLIST = "waitlist"


_BOOKERS = {
    BookedBy.RESIDENT: Booker.PERSON,
    BookedBy.ADVISOR: Booker.TEAM,
    BookedBy.ADMIN: Booker.TEAM,
    BookedBy.WAITLIST: Booker.WAITLIST,
}


def booker(booked_by: BookedBy) -> Booker:
    return _BOOKERS[booked_by]


@dataclass(frozen=True, slots=True)
class BookingRecord:
    """One participant of one session, and what became of their booking."""

    slot: SlotDetails
    structure_commune: str
    """The INSEE code of the place's commune."""
    booking_id: int
    status: BookingStatus
    booked_by: BookedBy
    booked_at: datetime
    need: str | None
    resident_id: int | None
    """None once anonymised: who it was is forgotten, the booking still counts."""
    first_name: str | None
    resident_commune: str | None
    """The INSEE code of the commune the person gave, if they gave one."""

    @property
    def session_date(self) -> date:
        return local_date(self.slot.starts_at, self.slot.structure_timezone)


def booking_records(
    session: Session,
    gazetteer: Gazetteer,
    *,
    start: date,
    end: date,
    structure_id: int | None = None,
    departments: Collection[str] = (),
) -> list[BookingRecord]:
    """The bookings of the sessions held from `start` to `end` (both included, each session's
    day on its place's calendar), at the place `structure_id` or at the places of `departments`
    (neither: everywhere); by session start, then in booking order. Raises `UnknownPlaces`
    when `structure_id` names no place."""
    if structure_id is not None and session.get(HostStructure, structure_id) is None:
        raise UnknownPlaces([structure_id])
    query = (
        select_slots(
            _structures.c.commune_insee.label("structure_commune"),
            _bookings.c.id.label("booking_id"),
            _bookings.c.status.label("booking_status"),
            _bookings.c.booked_by,
            _bookings.c.created_at.label("booked_at"),
            _bookings.c.need,
            _bookings.c.resident_id,
            _residents.c.first_name,
            _residents.c.commune_insee.label("resident_commune"),
        )
        .join(_bookings, _bookings.c.slot_id == _slots.c.id)
        .outerjoin(_residents, _residents.c.id == _bookings.c.resident_id)
        .where(
            _slots.c.starts_at >= datetime.combine(start, time(0), UTC) - _ZONE_SPREAD,
            _slots.c.starts_at
            < datetime.combine(end, time(0), UTC) + timedelta(days=1) + _ZONE_SPREAD,
        )
        .order_by(_slots.c.starts_at, _slots.c.id, _bookings.c.created_at, _bookings.c.id)
    )
    if structure_id is not None:
        query = query.where(_structures.c.id == structure_id)
    wanted = {code.upper() for code in departments}
    records = []
    for row in session.execute(query):
        record = BookingRecord(
            slot=SlotDetails.from_row(row),
            structure_commune=row.structure_commune,
            booking_id=row.booking_id,
            status=BookingStatus(row.booking_status),
            booked_by=BookedBy(row.booked_by),
            booked_at=row.booked_at,
            need=row.need,
            resident_id=row.resident_id,
            first_name=row.first_name,
            resident_commune=row.resident_commune,
        )
        if not start <= record.session_date <= end:
            continue
        if wanted and department_of(gazetteer, record.structure_commune) not in wanted:
            continue
        records.append(record)
    return records


def department_of(gazetteer: Gazetteer, insee: str) -> str:
    """The department of a commune; for a code the gazetteer does not know, its first digits."""
    commune = gazetteer.get(insee)
    if commune is not None:
        return commune.department
    return insee[:3] if insee.startswith("97") else insee[:2]


def commune_name(gazetteer: Gazetteer, insee: str | None) -> str:
    """The commune's name; its code if the gazetteer does not know it; "" without a code."""
    if not insee:
        return ""
    commune = gazetteer.get(insee)
    return commune.name if commune is not None else insee

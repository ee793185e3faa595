"""What the coordinators report on: the bookings of the sessions of a period, in a territory.

`statistics` counts every booking of the sessions held in the period (`scheduling.history`),
whatever became of it: the rates say what did. A booking counts once in each theme it is about
(the person's need, else each of the session's themes: `booking_needs`), so the themes may add
up to more than the bookings. "Residents helped" are the distinct people who came to at least
one session: a booking anonymised since (`scheduling.retention`) counts everywhere but there,
who it was being forgotten.
"""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from knowledge.gazetteer import Gazetteer
from scheduling.history import Booker, booker, booking_records, commune_name
from scheduling.models import CANCELLED_STATUSES, BookingStatus
from scheduling.slot_details import booking_needs


@dataclass(frozen=True, slots=True)
class ThemeCount:
    theme: str
    """A `knowledge` theme code."""
    bookings: int


@dataclass(frozen=True, slots=True)
class CommuneCount:
    insee: str
    name: str
    bookings: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: date
    """The first day of the month."""
    bookings: int
    attended: int


@dataclass(frozen=True, slots=True)
class BookerCount:
    booker: Booker
    bookings: int


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: BookingStatus
    bookings: int


@dataclass(frozen=True, slots=True)
class Statistics:
    start: date
    end: date
    bookings: int
    residents_helped: int
    by_theme: tuple[ThemeCount, ...]
    """Most booked first; only the themes booked."""
    by_commune: tuple[CommuneCount, ...]
    """The communes of the places, most booked first."""
    by_month: tuple[MonthCount, ...]
    """Every month of the period, in order, none left out."""
    by_booker: tuple[BookerCount, ...]
    """The person, the team, the waitlist: all three, in this order."""
    by_status: tuple[StatusCount, ...]
    """Every status, in the order of `BookingStatus`."""

    def count(self, status: BookingStatus) -> int:
        return next(item.bookings for item in self.by_status if item.status is status)

    @property
    def cancellation_rate(self) -> float | None:
        """The share of bookings cancelled (by the person or the place); None without any."""
        cancelled = sum(self.count(status) for status in CANCELLED_STATUSES)
        return cancelled / self.bookings if self.bookings else None

    @property
    def no_show_rate(self) -> float | None:
        """The share of absent among the people whose presence was noted; None if none was."""
        absent = self.count(BookingStatus.NO_SHOW)
        noted = absent + self.count(BookingStatus.ATTENDED)
        return absent / noted if noted else None


def statistics(
    session: Session,
    gazetteer: Gazetteer,
    *,
    start: date,
    end: date,
    structure_id: int | None = None,
    departments: Collection[str] = (),
) -> Statistics:
    """The figures for the sessions held from `start` to `end` (both included) at the place
    `structure_id`, or at the places of `departments` (neither: everywhere). Raises
    `scheduling.staff.UnknownPlaces` when `structure_id` names no place."""
    records = booking_records(
        session, gazetteer, start=start, end=end, structure_id=structure_id,
        departments=departments,
    )  # fmt: skip
    themes = Counter(
        theme for record in records for theme in booking_needs(record.slot.themes, record.need)
    )
    communes = Counter(record.structure_commune for record in records)
    months = Counter(_month(record.session_date) for record in records)
    attended = [record for record in records if record.status is BookingStatus.ATTENDED]
    came = Counter(_month(record.session_date) for record in attended)
    bookers = Counter(booker(record.booked_by) for record in records)
    statuses = Counter(record.status for record in records)
    return Statistics(
        start=start,
        end=end,
        bookings=len(records),
        residents_helped=len({r.resident_id for r in attended if r.resident_id is not None}),
        by_theme=tuple(ThemeCount(theme, count) for theme, count in _most_first(themes)),
        by_commune=tuple(
            CommuneCount(insee, commune_name(gazetteer, insee), count)
            for insee, count in _most_first(communes)
        ),
        by_month=tuple(
            MonthCount(month, months[month], came[month]) for month in _months(start, end)
        ),
        by_booker=tuple(BookerCount(who, bookers[who]) for who in Booker),
        by_status=tuple(StatusCount(status, statuses[status]) for status in BookingStatus),
    )


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _month(day: date) -> date:
    return day.replace(day=1)


def _months(start: date, end: date) -> list[date]:
    months, month = [], _month(start)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months

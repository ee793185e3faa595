"""What the dashboard's templates show, worked out from `scheduling`'s records: dates and times
in each place's zone and the visitor's language, labels translated. Pure: no database, no
request; the templates only lay it out (and escape it)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from handlers.context import Tr
from handlers.formatting import calendar_day, time_of
from handlers.render import needs_label, theme_label
from handlers.render.new_session import duration_label, kind_label, repeat_label
from handlers.render.planning import how_booked
from knowledge.themes import THEMES
from scheduling.local_time import local_date, zone
from scheduling.models import BookingStatus, SlotStatus, WorkshopKind
from scheduling.planning import Participant, PlannedSession, SessionDetail
from scheduling.sessions import SessionPlace
from scheduling.slot_details import SlotDetails, booking_needs


@dataclass(frozen=True, slots=True)
class SessionLine:
    slot_id: int
    start: str
    end: str
    place: str
    title: str
    taken: int
    capacity: int
    waitlisted: int


def _line(planned: PlannedSession, tr: Tr) -> SessionLine:
    slot = planned.slot
    return SessionLine(
        slot_id=slot.slot_id,
        start=time_of(slot.starts_at, slot.structure_timezone, tr),
        end=time_of(slot.ends_at, slot.structure_timezone, tr),
        place=slot.structure_name,
        title=slot.workshop_title,
        taken=planned.seats_taken,
        capacity=slot.capacity,
        waitlisted=planned.waitlisted,
    )


@dataclass(frozen=True, slots=True)
class WeekView:
    monday: date
    title: str
    days: tuple[tuple[str, tuple[SessionLine, ...]], ...]
    """Each day of the week with its sessions (none: an empty tuple)."""
    previous: str
    next: str
    """ISO dates of the weeks around."""
    place_id: int | None
    advisor_id: int | None

    @classmethod
    def of(
        cls,
        sessions: Sequence[PlannedSession],
        *,
        monday: date,
        place_id: int | None,
        advisor_id: int | None,
        tr: Tr,
    ) -> "WeekView":
        _ = tr.gettext
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            lines = tuple(
                _line(planned, tr)
                for planned in sessions
                if local_date(planned.slot.starts_at, planned.slot.structure_timezone) == day
            )
            days.append((calendar_day(day, tr), lines))
        return cls(
            monday=monday,
            title=_("Semaine du {day}").format(day=calendar_day(monday, tr, with_year=True)),
            days=tuple(days),
            previous=(monday - timedelta(days=7)).isoformat(),
            next=(monday + timedelta(days=7)).isoformat(),
            place_id=place_id,
            advisor_id=advisor_id,
        )


@dataclass(frozen=True, slots=True)
class ParticipantLine:
    booking_id: int
    first_name: str
    need: str
    how: str
    phone: str | None
    status: str
    """ "présent", "absent", "a confirmé", or empty."""
    walk_in: bool
    came: bool | None


def _participant(participant: Participant, slot: SlotDetails, tr: Tr) -> ParticipantLine:
    _ = tr.gettext
    came = {BookingStatus.ATTENDED: True, BookingStatus.NO_SHOW: False}.get(participant.status)
    if came is True:
        status = _("présent")
    elif came is False:
        status = _("absent")
    elif participant.confirmed:
        status = _("a confirmé sa venue")
    else:
        status = ""
    return ParticipantLine(
        booking_id=participant.booking_id,
        first_name=participant.first_name,
        need=needs_label(booking_needs(slot.themes, participant.need), tr),
        how=how_booked(participant, tr),
        phone=participant.phone,
        status=status,
        walk_in=participant.walk_in,
        came=came,
    )


@dataclass(frozen=True, slots=True)
class SessionView:
    slot_id: int
    title: str
    kind: str
    themes: str
    place: str
    address: str
    day: str
    iso_day: str
    start: str
    iso_start: str
    end: str
    taken: int
    capacity: int
    waitlisted: int
    participants: tuple[ParticipantLine, ...]
    started: bool
    scheduled: bool
    status: str
    """Empty while scheduled; why it no longer is."""
    replaced_by_id: int | None
    cancellation_reason: str | None

    @classmethod
    def of(cls, detail: SessionDetail, *, now: datetime, tr: Tr) -> "SessionView":
        _ = tr.gettext
        slot = detail.slot
        tz = slot.structure_timezone
        local_start = slot.starts_at.astimezone(zone(tz))
        status = {
            SlotStatus.CANCELLED: _("Séance annulée"),
            SlotStatus.MOVED: _("Séance déplacée"),
        }.get(slot.status, "")
        return cls(
            slot_id=slot.slot_id,
            title=slot.workshop_title,
            kind=kind_label(slot.workshop_kind, tr),
            themes=needs_label(slot.themes, tr),
            place=slot.structure_name,
            address=slot.structure_address or "",
            day=calendar_day(local_start.date(), tr, with_year=True),
            iso_day=local_start.date().isoformat(),
            start=time_of(slot.starts_at, tz, tr),
            iso_start=local_start.strftime("%H:%M"),
            end=time_of(slot.ends_at, tz, tr),
            taken=slot.capacity - slot.seats_left,
            capacity=slot.capacity,
            waitlisted=detail.waitlisted,
            participants=tuple(_participant(p, slot, tr) for p in detail.participants),
            started=detail.started(now),
            scheduled=slot.status is SlotStatus.SCHEDULED,
            status=status,
            replaced_by_id=slot.replaced_by_id,
            cancellation_reason=slot.cancellation_reason,
        )


@dataclass(frozen=True, slots=True)
class DayView:
    day: str
    iso_day: str
    place_id: int | None
    place: str
    sessions: tuple[SessionView, ...]

    @classmethod
    def of(
        cls,
        details: Sequence[SessionDetail],
        *,
        day: date,
        place_id: int | None,
        places: Sequence[SessionPlace],
        now: datetime,
        tr: Tr,
    ) -> "DayView":
        names = {place.id: place.name for place in places}
        return cls(
            day=calendar_day(day, tr, with_year=True),
            iso_day=day.isoformat(),
            place_id=place_id,
            place=names.get(place_id, ""),
            sessions=tuple(SessionView.of(detail, now=now, tr=tr) for detail in details),
        )


@dataclass(frozen=True, slots=True)
class Choices:
    kinds: tuple[tuple[str, str], ...]
    themes: tuple[tuple[str, str], ...]
    repeats: tuple[tuple[int, str], ...]
    durations: tuple[tuple[int, str], ...]


def new_session_choices(tr: Tr) -> Choices:
    """The options of the new-session form, labelled as the bot labels them."""
    return Choices(
        kinds=tuple((kind.value, kind_label(kind, tr)) for kind in WorkshopKind),
        themes=tuple((theme.slug, theme_label(theme.slug, tr)) for theme in THEMES),
        repeats=tuple((weeks, repeat_label(weeks, tr)) for weeks in (0, 1, 2, 3, 4)),
        durations=tuple((m, duration_label(m, tr)) for m in (30, 45, 60, 90, 120, 180)),
    )

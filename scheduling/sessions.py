"""Sessions the staff add: one workshop and its dates, every week or every N weeks until a day.

`occurrences` is the one repetition rule (the bot, the spreadsheet import and the dashboard use
it): the same local time on the same weekday, so that a 14:00 workshop stays at 14:00 across the
change to summer time. `add_sessions` checks what the staff typed, creates the workshop and its
slots, and adds a theme the place did not list to the place (the searches see it at once: the
catalogue version is bumped). `edit_session` changes a session's title and seats before it starts.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, StructureTheme
from knowledge.service_state import bump_catalogue_version
from knowledge.themes import THEMES_BY_SLUG
from scheduling.local_time import at_local, require_aware, zone
from scheduling.models import Slot, SlotStatus, Workshop, WorkshopKind, WorkshopTheme
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.seats import lock_slot, pass_freed_seat

# A year of weekly sessions: a longer series is surely a typo in the end date.
MAX_OCCURRENCES = 53
MAX_CAPACITY = 500
MIN_DURATION = timedelta(minutes=5)
MAX_DURATION = timedelta(hours=12)
TITLE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Repetition:
    every_weeks: int
    """1: every week; 2: every other week…"""
    until: date
    """The last day a session may fall on (the place's local date)."""


def occurrences(
    first_start: datetime, *, timezone: str, repetition: Repetition | None
) -> list[datetime]:
    """The first session's start and its repetitions, as aware UTC instants, at most
    `MAX_OCCURRENCES` + 1 (the caller refuses a longer series)."""
    require_aware(first_start, "first_start")
    if repetition is None:
        return [first_start]
    local = first_start.astimezone(zone(timezone))
    step = timedelta(weeks=repetition.every_weeks)
    starts = []
    day = local.date()
    while day <= repetition.until and len(starts) <= MAX_OCCURRENCES:
        starts.append(at_local(day, local.time(), timezone))
        day += step
    return starts


class SessionRefused(StrEnum):
    UNKNOWN_PLACE = "unknown_place"
    PLACE_CLOSED = "place_closed"
    NO_THEME = "no_theme"
    UNKNOWN_THEME = "unknown_theme"
    NO_TITLE = "no_title"
    IN_THE_PAST = "in_the_past"
    BAD_DURATION = "bad_duration"
    BAD_CAPACITY = "bad_capacity"
    BAD_REPETITION = "bad_repetition"
    """Every 0 weeks, or an end before the first session."""
    TOO_MANY = "too_many"


@dataclass(frozen=True, slots=True)
class NewSessions:
    title: str
    kind: WorkshopKind
    themes: tuple[str, ...]
    first_start: datetime
    duration: timedelta
    capacity: int
    repetition: Repetition | None = None


@dataclass(frozen=True, slots=True)
class SessionsAdded:
    workshop_id: int
    slot_ids: tuple[int, ...]
    starts: tuple[datetime, ...]
    themes_added_to_place: tuple[str, ...]


def check_sessions(
    new: NewSessions, *, timezone: str, now: datetime
) -> list[datetime] | SessionRefused:
    """The starts of the sessions `new` describes, or why they cannot be added."""
    require_aware(now)
    if not new.themes:
        return SessionRefused.NO_THEME
    if any(theme not in THEMES_BY_SLUG for theme in new.themes):
        return SessionRefused.UNKNOWN_THEME
    if not new.title.strip() or len(new.title) > TITLE_LENGTH:
        return SessionRefused.NO_TITLE
    if not MIN_DURATION <= new.duration <= MAX_DURATION:
        return SessionRefused.BAD_DURATION
    if not 1 <= new.capacity <= MAX_CAPACITY:
        return SessionRefused.BAD_CAPACITY
    if new.first_start <= now:
        return SessionRefused.IN_THE_PAST
    repetition = new.repetition
    if repetition is not None and (
        repetition.every_weeks < 1
        or repetition.until < new.first_start.astimezone(zone(timezone)).date()
    ):
        return SessionRefused.BAD_REPETITION
    starts = occurrences(new.first_start, timezone=timezone, repetition=repetition)
    if len(starts) > MAX_OCCURRENCES:
        return SessionRefused.TOO_MANY
    return starts


@dataclass(frozen=True, slots=True)
class SessionPlace:
    """A place as the staff adding sessions need it: its name and its clock."""

    id: int
    name: str
    timezone: str
    closed: bool


def session_places(session: Session, *, structure_ids: Iterable[int]) -> list[SessionPlace]:
    """The places among `structure_ids` that exist, sorted by name."""
    rows = session.execute(
        select(HostStructure.id, HostStructure.name, HostStructure.timezone, HostStructure.closed)
        .where(HostStructure.id.in_(set(structure_ids)))
        .order_by(HostStructure.name, HostStructure.id)
    )
    return [SessionPlace(id=r.id, name=r.name, timezone=r.timezone, closed=r.closed) for r in rows]


def add_sessions(
    session: Session,
    *,
    structure_id: int,
    new: NewSessions,
    advisor_id: int | None,
    now: datetime,
    is_demo: bool = False,
) -> SessionsAdded | SessionRefused:
    """The workshop and its dates at the place, told to no one yet (nobody is booked)."""
    place = session.execute(
        select(HostStructure.timezone, HostStructure.closed).where(HostStructure.id == structure_id)
    ).first()
    if place is None:
        return SessionRefused.UNKNOWN_PLACE
    if place.closed:
        return SessionRefused.PLACE_CLOSED
    starts = check_sessions(new, timezone=place.timezone, now=now)
    if isinstance(starts, SessionRefused):
        return starts
    themes = tuple(dict.fromkeys(new.themes))
    workshop_id = session.scalar(
        insert(Workshop)
        .values(
            structure_id=structure_id,
            title=new.title.strip(),
            kind=new.kind,
            advisor_id=advisor_id,
            is_demo=is_demo,
        )
        .returning(Workshop.id)
    )
    session.execute(
        insert(WorkshopTheme), [{"workshop_id": workshop_id, "theme": t} for t in themes]
    )
    slot_ids = session.scalars(
        insert(Slot).returning(Slot.id, sort_by_parameter_order=True),
        [
            {
                "workshop_id": workshop_id,
                "starts_at": start,
                "ends_at": start + new.duration,
                "capacity": new.capacity,
            }
            for start in starts
        ],
    ).all()
    return SessionsAdded(
        workshop_id=workshop_id,
        slot_ids=tuple(slot_ids),
        starts=tuple(starts),
        themes_added_to_place=teach_place_themes(session, structure_id=structure_id, themes=themes),
    )


def teach_place_themes(
    session: Session, *, structure_id: int, themes: tuple[str, ...]
) -> tuple[str, ...]:
    """Add to the place the themes of its sessions it did not list; those added."""
    listed = set(
        session.scalars(
            select(StructureTheme.theme).where(StructureTheme.structure_id == structure_id)
        )
    )
    missing = tuple(theme for theme in dict.fromkeys(themes) if theme not in listed)
    if missing:
        session.execute(
            insert(StructureTheme),
            [{"structure_id": structure_id, "theme": theme} for theme in missing],
        )
        # The place now answers for that need: every process's index of places must know.
        bump_catalogue_version(session)
    return missing


# --- changing a session ---------------------------------------------------------------------------


class EditRefused(StrEnum):
    UNAVAILABLE = "unavailable"
    """Unknown, started, cancelled or moved."""
    NO_TITLE = "no_title"
    BAD_CAPACITY = "bad_capacity"
    BELOW_TAKEN = "below_taken"
    """Fewer seats than people booked: cancel some bookings first."""


@dataclass(frozen=True, slots=True)
class SessionEdited:
    slot_id: int
    offers_made: int
    """New seats offered to people on the waitlist (told through the outbox)."""


def edit_session(
    session: Session,
    *,
    slot_id: int,
    title: str,
    capacity: int,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> SessionEdited | EditRefused:
    """A session's title (its workshop's: every date of it) and its seats, before it starts.

    Each seat added is freed as a cancelled one would be (`pass_freed_seat`): the first in line
    on the waitlist is offered it, or it goes to everyone."""
    require_aware(now)
    title = title.strip()
    if not title or len(title) > TITLE_LENGTH:
        return EditRefused.NO_TITLE
    if not 1 <= capacity <= MAX_CAPACITY:
        return EditRefused.BAD_CAPACITY
    # Serialised with bookings and waitlist joins on the same slot.
    if lock_slot(session, slot_id=slot_id) is None:
        return EditRefused.UNAVAILABLE
    slot = session.execute(
        select(
            Slot.workshop_id, Slot.capacity, Slot.seats_taken, Slot.status, Slot.starts_at
        ).where(Slot.id == slot_id)
    ).one()
    if slot.status != SlotStatus.SCHEDULED or slot.starts_at <= now:
        return EditRefused.UNAVAILABLE
    if capacity < slot.seats_taken:
        return EditRefused.BELOW_TAKEN
    session.execute(
        update(Workshop)
        .where(Workshop.id == slot.workshop_id)
        .values(title=title)
        .execution_options(synchronize_session=False)
    )
    added = max(0, capacity - slot.capacity)
    session.execute(
        update(Slot)
        .where(Slot.id == slot_id)
        .values(capacity=capacity, seats_taken=Slot.seats_taken + added)
        .execution_options(synchronize_session=False)
    )
    offers = sum(
        pass_freed_seat(session, slot_id=slot_id, now=now, policy=policy.waitlist).offered_entry_id
        is not None
        for _ in range(added)
    )
    return SessionEdited(slot_id=slot_id, offers_made=offers)

"""Coordinators' spreadsheets of sessions: the month's workshops of a département, loaded at once,
all or nothing; the same file twice changes nothing.

    plan = plan_file(session, content, actor=actor, now=now)     # the dry run
    if plan.valid:
        apply_plan(session, plan, now=now)                       # in the same transaction

read (`knowledge.spreadsheet`) → rows as dicts of the columns, with their line → each row a
`Line` or its `Problem`s (line, column, reason) → the plan, session by session → applied. The
bot, the command line and the dashboard show the same plan (`handlers.render.slot_import`).

A session is known by (`lieu`, `id`, n), n its number in the line's repetition (1 without one;
`scheduling.sessions.occurrences` is the repetition rule): the workshop keeps the line's `id`
(`Workshop.import_key`, unique per place), each slot its n (`Slot.import_occurrence`), and a slot
moved in the bot hands its n to the slot that replaces it.

A valid file is the list of sessions for the places it names:
- a session of the file that does not exist yet is created;
- one whose start or end differ is moved (`move_slot`: its participants are told); one whose
  capacity, title, themes, type or advisor differ is updated; the others are unchanged;
- a future session that an earlier import made at one of those places, and that the file no
  longer has, is cancelled (`cancel_slot`: its participants are told);
- so a change made in the bot to an imported session since is undone: the file wins, and the
  dry run shows it as a move or a cancellation. Sessions added otherwise are never touched.

A session that has started is the past: unchanged, it is fine; new, moved into the past, or
with other times or capacity, it is a problem. Title, themes, type and advisor belong to the
line (its workshop): a change is made for every session of the line and counted for its future
ones. Any problem anywhere and the plan holds no session at all, but every problem is listed.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from knowledge.spreadsheet import (
    MAX_ROWS,
    Cell,
    Table,
    Unreadable,
    UnreadableFile,
    read_table,
)
from knowledge.text import fold
from knowledge.themes import THEMES
from scheduling.advisor_models import Advisor
from scheduling.authority import Action, may
from scheduling.booking import SlotUnavailable
from scheduling.errors import ImportConflict
from scheduling.local_time import at_local, require_aware
from scheduling.models import (
    Booking,
    BookingStatus,
    Slot,
    SlotStatus,
    StagedImport,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
)
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.service_changes import cancel_slot, move_slot
from scheduling.sessions import (
    MAX_CAPACITY,
    MAX_DURATION,
    MAX_OCCURRENCES,
    TITLE_LENGTH,
    Repetition,
    occurrences,
    teach_place_themes,
)
from scheduling.staff import Actor

COLUMNS = (
    "id", "lieu", "themes", "titre", "date", "debut", "fin", "places", "type", "conseiller",
    "repetition", "jusqu_au",
)  # fmt: skip
"""The headers, in the template's order; a file's are matched case and accents ignored."""
OPTIONAL_COLUMNS = frozenset({"conseiller", "repetition", "jusqu_au"})
KEY_LENGTH = 100
MIN_DURATION = timedelta(minutes=5)
MAX_FILE_BYTES = 1_000_000
STAGED_FOR = timedelta(days=2)
"""How long a file sent to the bot waits for "Appliquer" at most."""

_BY_FOLDED_NAME = {fold(name): name for name in COLUMNS}


class Reason(StrEnum):
    """Why a file, a header or a cell is refused; `handlers.render.slot_import` says it."""

    NOT_UTF8 = "not_utf8"
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    NO_ROWS = "no_rows"
    TOO_MANY_ROWS = "too_many_rows"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    EMPTY = "empty"
    ID_TOO_LONG = "id_too_long"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_PLACE = "unknown_place"
    PLACE_CLOSED = "place_closed"
    NOT_YOUR_PLACE = "not_your_place"
    UNKNOWN_THEME = "unknown_theme"
    TITLE_TOO_LONG = "title_too_long"
    BAD_DATE = "bad_date"
    BAD_TIME = "bad_time"
    END_BEFORE_START = "end_before_start"
    BAD_DURATION = "bad_duration"
    BAD_CAPACITY = "bad_capacity"
    BAD_KIND = "bad_kind"
    UNKNOWN_ADVISOR = "unknown_advisor"
    SAME_NAME_ADVISORS = "same_name_advisors"
    BAD_REPETITION = "bad_repetition"
    NO_END_DATE = "no_end_date"
    END_DATE_WITHOUT_REPETITION = "end_date_without_repetition"
    END_BEFORE_FIRST = "end_before_first"
    TOO_MANY_SESSIONS = "too_many_sessions"
    IN_THE_PAST = "in_the_past"
    """A new session, or a session moved, to a time that has come."""
    PAST_CHANGED = "past_changed"
    """A session that has started, with other times or capacity in the file."""
    UNDER_BOOKED = "under_booked"
    """A capacity under the seats already taken."""


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    """As the spreadsheet shows it: the header is 1 (a file or header problem is line 1)."""
    column: str | None
    """A name of `COLUMNS`, or None for the whole row or file."""
    reason: Reason
    value: str = ""
    """What the cell said (or the place's name), to quote back."""
    number: int | None = None
    """A limit, a line, a count of seats: what the reason speaks of."""
    starts_at: datetime | None = None
    timezone: str | None = None
    """The session a past or capacity problem is about, and its place's zone."""


@dataclass(frozen=True, slots=True)
class Line:
    """A valid row: one line of sessions."""

    line: int
    key: str
    structure_id: int
    title: str
    kind: WorkshopKind
    themes: tuple[str, ...]
    advisor_id: int | None
    capacity: int
    starts: tuple[datetime, ...]
    duration: timedelta


class Change(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    MOVED = "moved"
    UNCHANGED = "unchanged"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class PlannedSession:
    change: Change
    line: int | None
    """None for a session the file no longer has (cancelled)."""
    structure_id: int
    place: str
    timezone: str
    key: str
    occurrence: int
    title: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    slot_id: int | None
    """Its live slot now; None for a session to create."""
    was_starts_at: datetime | None = None
    """Where a moved session was."""
    booked: int = 0
    """Seats booked on it now."""


@dataclass(frozen=True, slots=True)
class PlannedWorkshop:
    """A line's workshop: to create (`workshop_id` None), to update (`changed`) or as it is."""

    line: Line
    workshop_id: int | None
    changed: bool


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What applying the file would do, or why it cannot be applied (then nothing else)."""

    sessions: tuple[PlannedSession, ...] = ()
    workshops: tuple[PlannedWorkshop, ...] = ()
    problems: tuple[Problem, ...] = ()
    people_affected: int = 0
    """People booked on the sessions moved or cancelled, each counted once."""

    @property
    def valid(self) -> bool:
        return not self.problems

    def count(self, change: Change) -> int:
        return sum(1 for planned in self.sessions if planned.change is change)

    @property
    def changes_anything(self) -> bool:
        return any(planned.change is not Change.UNCHANGED for planned in self.sessions)

    @property
    def digest(self) -> str:
        """Short, and different whenever what the plan would do is: the bot applies only the
        plan it showed. (A seat booked on a session left as it is changes nothing here.)"""
        what = [
            (s.change, s.line, s.key, s.occurrence, s.slot_id, s.starts_at, s.ends_at, s.capacity)
            for s in self.sessions
        ]
        return hashlib.sha256(
            repr((what, self.workshops, self.people_affected)).encode()
        ).hexdigest()[:16]


# --- reading cells ------------------------------------------------------------------------------


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a number typed in a spreadsheet cell: 8, not 8.0
    if isinstance(cell, datetime):
        return cell.strftime("%d/%m/%Y %H:%M")
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, time):
        return cell.strftime("%H:%M")
    return str(cell).strip()


_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})\s*(?:[:hH]\s*(\d{2})(?::00)?|[hH])")
_EVERY_N_WEEKS = re.compile(r"toutes les (\d{1,2}) semaines")
_WEEKLY = frozenset({"hebdomadaire", "toutes les semaines", "chaque semaine"})
_KINDS = {
    "atelier": WorkshopKind.COLLECTIVE,
    "rendez vous": WorkshopKind.INDIVIDUAL,
    "rdv": WorkshopKind.INDIVIDUAL,
}
_THEMES_BY_FOLDED = {fold(t.slug): t.slug for t in THEMES} | {fold(t.label): t.slug for t in THEMES}


def _date(cell: Cell) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    if found := _FRENCH_DATE.fullmatch(text):
        day, month, year = map(int, found.groups())
    elif found := _ISO_DATE.fullmatch(text):
        year, month, day = map(int, found.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31/02/2025
        return None


def _time(cell: Cell) -> time | None:
    if isinstance(cell, datetime):  # a time typed where the sheet expected a date and time
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, time):
        return cell.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(cell, float) and 0 <= cell < 1:  # a time cell without its format: a fraction
        minutes = round(cell * 24 * 60)
        return time(minutes // 60, minutes % 60) if minutes < 24 * 60 else None
    found = _TIME.fullmatch(_text(cell))
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _whole_number(cell: Cell) -> int | None:
    text = _text(cell)
    return int(text) if re.fullmatch(r"\d{1,9}", text) else None


def _themes(text: str) -> tuple[tuple[str, ...], list[str]]:
    """The slugs named, and the pieces that name none. Labels may hold a comma ("Téléphone,
    tablette, ordinateur"): the longest run of pieces that names a theme is taken first."""
    pieces = [piece.strip() for piece in re.split(r"[|,;]", text) if piece.strip()]
    found, unknown = [], []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            slug = _THEMES_BY_FOLDED.get(fold(" ".join(pieces[start:end])))
            if slug is not None:
                found.append(slug)
                start = end
                break
        else:
            unknown.append(pieces[start])
            start += 1
    return tuple(dict.fromkeys(found)), unknown


def _every_weeks(text: str) -> int | None:
    folded = fold(text)
    if folded in _WEEKLY:
        return 1
    found = _EVERY_N_WEEKS.fullmatch(folded)
    weeks = int(found.group(1)) if found else 0
    return weeks if weeks >= 1 else None


# --- rows to lines ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    id: int
    name: str
    timezone: str
    closed: bool


@dataclass(frozen=True, slots=True)
class _Lookups:
    places: dict[int, _Place]
    advisor_ids: frozenset[int]
    advisors_by_name: dict[str, list[int]]

    def advisor(self, text: str) -> tuple[int | None, Reason | None]:
        if text.isdigit() and int(text) in self.advisor_ids:
            return int(text), None
        named = self.advisors_by_name.get(fold(text), [])
        if len(named) > 1:
            return None, Reason.SAME_NAME_ADVISORS
        return (named[0], None) if named else (None, Reason.UNKNOWN_ADVISOR)


def _columns(header: tuple[str, ...]) -> tuple[dict[int, str], list[Problem]]:
    """Which column of the file each name is in; other columns (notes…) are left alone."""
    found: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header):
        name = _BY_FOLDED_NAME.get(fold(cell))
        if name is None:
            continue
        if name in found:
            problems.append(Problem(1, name, Reason.DUPLICATE_COLUMN))
        else:
            found[name] = index
    problems += [
        Problem(1, name, Reason.MISSING_COLUMN)
        for name in COLUMNS
        if name not in found and name not in OPTIONAL_COLUMNS
    ]
    return {index: name for name, index in found.items()}, problems


def _lookups(session: Session, rows: list[tuple[int, dict[str, Cell]]]) -> _Lookups:
    place_ids = {_whole_number(cells["lieu"]) for _, cells in rows} - {None}
    places = {
        row.id: _Place(row.id, row.name, row.timezone, row.closed)
        for row in session.execute(
            select(
                HostStructure.id, HostStructure.name, HostStructure.timezone, HostStructure.closed
            ).where(HostStructure.id.in_(place_ids))
        )
    }
    advisor_ids, by_name = set(), defaultdict(list)
    if any(cells["conseiller"] is not None for _, cells in rows):
        for row in session.execute(select(Advisor.id, Advisor.first_name, Advisor.last_name)):
            advisor_ids.add(row.id)
            by_name[fold(f"{row.first_name} {row.last_name}")].append(row.id)
    return _Lookups(places, frozenset(advisor_ids), dict(by_name))


def _check_row(
    line: int, cells: dict[str, Cell], lookups: _Lookups, actor: Actor | None
) -> Line | list[Problem]:
    """The row as a line of sessions, or every problem found in it."""
    problems: list[Problem] = []

    def refuse(column: str, reason: Reason, **details) -> None:
        problems.append(Problem(line, column, reason, **details))

    texts = {name: _text(cells[name]) for name in COLUMNS}
    for name in COLUMNS:
        if name not in OPTIONAL_COLUMNS and not texts[name]:
            refuse(name, Reason.EMPTY)
    if len(texts["id"]) > KEY_LENGTH:
        refuse("id", Reason.ID_TOO_LONG, number=KEY_LENGTH)

    place = None
    if texts["lieu"]:
        place = lookups.places.get(_whole_number(cells["lieu"]))
        if place is None:
            refuse("lieu", Reason.UNKNOWN_PLACE, value=texts["lieu"])
        elif place.closed:
            refuse("lieu", Reason.PLACE_CLOSED, value=place.name)
        elif actor is not None and not may(actor, Action.MANAGE_SESSIONS, structure_id=place.id):
            refuse("lieu", Reason.NOT_YOUR_PLACE, value=place.name)

    themes: tuple[str, ...] = ()
    if texts["themes"]:
        themes, unknown = _themes(texts["themes"])
        if unknown:
            refuse("themes", Reason.UNKNOWN_THEME, value=", ".join(unknown))
    if len(texts["titre"]) > TITLE_LENGTH:
        refuse("titre", Reason.TITLE_TOO_LONG, number=TITLE_LENGTH)

    def parsed(column: str, parse, reason: Reason):
        value = parse(cells[column]) if texts[column] else None
        if texts[column] and value is None:
            refuse(column, reason, value=texts[column])
        return value

    day = parsed("date", _date, Reason.BAD_DATE)
    begin = parsed("debut", _time, Reason.BAD_TIME)
    end = parsed("fin", _time, Reason.BAD_TIME)
    duration = None
    if begin is not None and end is not None:
        duration = datetime.combine(date.min, end) - datetime.combine(date.min, begin)
        if duration <= timedelta(0):
            refuse("fin", Reason.END_BEFORE_START)
        elif not MIN_DURATION <= duration <= MAX_DURATION:
            refuse("fin", Reason.BAD_DURATION)
    capacity = _whole_number(cells["places"])
    if texts["places"] and (capacity is None or not 1 <= capacity <= MAX_CAPACITY):
        refuse("places", Reason.BAD_CAPACITY, value=texts["places"], number=MAX_CAPACITY)
    kind = parsed("type", lambda cell: _KINDS.get(fold(_text(cell))), Reason.BAD_KIND)
    advisor_id = None
    if texts["conseiller"]:
        advisor_id, unknown_advisor = lookups.advisor(texts["conseiller"])
        if unknown_advisor is not None:
            refuse("conseiller", unknown_advisor, value=texts["conseiller"])

    every_weeks = parsed(
        "repetition", lambda cell: _every_weeks(_text(cell)), Reason.BAD_REPETITION
    )
    until = parsed("jusqu_au", _date, Reason.BAD_DATE)
    if every_weeks is not None and not texts["jusqu_au"]:
        refuse("jusqu_au", Reason.NO_END_DATE)
    elif texts["jusqu_au"] and not texts["repetition"]:
        refuse("jusqu_au", Reason.END_DATE_WITHOUT_REPETITION)
    elif until is not None and day is not None and until < day:
        refuse("jusqu_au", Reason.END_BEFORE_FIRST)

    starts: list[datetime] = []
    if place is not None and day is not None and begin is not None:
        repetition = Repetition(every_weeks, until) if every_weeks and until else None
        first = at_local(day, begin, place.timezone)
        starts = occurrences(first, timezone=place.timezone, repetition=repetition)
        if len(starts) > MAX_OCCURRENCES:
            refuse("jusqu_au", Reason.TOO_MANY_SESSIONS, number=MAX_OCCURRENCES)
    if problems:
        return problems
    assert place is not None and kind is not None and capacity is not None and duration
    return Line(
        line=line,
        key=texts["id"],
        structure_id=place.id,
        title=texts["titre"],
        kind=kind,
        themes=themes,
        advisor_id=advisor_id,
        capacity=capacity,
        starts=tuple(starts),
        duration=duration,
    )


# --- the plan -----------------------------------------------------------------------------------

_UNREADABLE = {
    Unreadable.NOT_UTF8: Reason.NOT_UTF8,
    Unreadable.NOT_A_SPREADSHEET: Reason.NOT_A_SPREADSHEET,
    Unreadable.EMPTY: Reason.NO_ROWS,
    Unreadable.TOO_LONG: Reason.TOO_MANY_ROWS,
}


def plan_file(
    session: Session, content: bytes, *, actor: Actor | None, now: datetime
) -> ImportPlan:
    """`plan_import` of a CSV or XLSX file's bytes; a file that cannot be read is a problem."""
    try:
        table = read_table(content)
    except UnreadableFile as error:
        problem = Problem(1, None, _UNREADABLE[error.reason], number=MAX_ROWS)
        return ImportPlan(problems=(problem,))
    return plan_import(session, table, actor=actor, now=now)


def plan_import(
    session: Session, table: Table, *, actor: Actor | None, now: datetime
) -> ImportPlan:
    """What applying `table` would change, or every reason it cannot be applied.

    `actor` is who sends it (their places are the ones they may manage); None for the operator
    on the command line, who may do everything.
    """
    require_aware(now)
    columns, problems = _columns(table.header)
    if problems:
        return ImportPlan(problems=tuple(problems))
    if not table.rows:
        return ImportPlan(problems=(Problem(1, None, Reason.NO_ROWS),))
    rows = [
        (row.line, dict.fromkeys(COLUMNS) | {name: row.cells[i] for i, name in columns.items()})
        for row in table.rows
    ]
    lookups = _lookups(session, rows)
    lines: dict[tuple[int, str], Line] = {}
    for number, cells in rows:
        checked = _check_row(number, cells, lookups, actor)
        if isinstance(checked, list):
            problems += checked
        elif (first := lines.get((checked.structure_id, checked.key))) is not None:
            problems.append(
                Problem(number, "id", Reason.DUPLICATE_ID, value=checked.key, number=first.line)
            )
        else:
            lines[checked.structure_id, checked.key] = checked
    sessions, workshops, late = _compare(session, list(lines.values()), lookups.places, now)
    problems += late
    if problems:
        order = {name: index for index, name in enumerate(COLUMNS)}
        problems.sort(key=lambda p: (p.line, -1 if p.column is None else order[p.column]))
        return ImportPlan(problems=tuple(problems))
    affected = [s.slot_id for s in sessions if s.change in (Change.MOVED, Change.CANCELLED)]
    people = session.scalars(
        select(Booking.resident_id).where(
            Booking.slot_id.in_(affected), Booking.status == BookingStatus.BOOKED
        )
    ).all()
    return ImportPlan(
        sessions=tuple(sessions),
        workshops=tuple(workshops),
        people_affected=len({p for p in people if p is not None}) + people.count(None),
    )


def _compare(
    session: Session, lines: list[Line], places: dict[int, _Place], now: datetime
) -> tuple[list[PlannedSession], list[PlannedWorkshop], list[Problem]]:
    """The lines against what earlier imports made at their places: session by session."""
    named = {line.structure_id for line in lines}
    existing = {
        (row.structure_id, row.import_key): row
        for row in session.execute(
            select(
                Workshop.id, Workshop.structure_id, Workshop.import_key, Workshop.title,
                Workshop.kind, Workshop.advisor_id,
            ).where(Workshop.structure_id.in_(named), Workshop.import_key.is_not(None))
        )
    }  # fmt: skip
    workshop_ids = [row.id for row in existing.values()]
    themes = defaultdict(set)
    for workshop_id, theme in session.execute(
        select(WorkshopTheme.workshop_id, WorkshopTheme.theme).where(
            WorkshopTheme.workshop_id.in_(workshop_ids)
        )
    ):
        themes[workshop_id].add(theme)
    live, known = {}, set()
    for slot in session.execute(
        select(
            Slot.id, Slot.workshop_id, Slot.import_occurrence, Slot.status, Slot.starts_at,
            Slot.ends_at, Slot.capacity, Slot.seats_taken,
        ).where(Slot.workshop_id.in_(workshop_ids), Slot.import_occurrence.is_not(None))
    ):  # fmt: skip
        known.add((slot.workshop_id, slot.import_occurrence))
        if slot.status == SlotStatus.SCHEDULED:
            live[slot.workshop_id, slot.import_occurrence] = slot
    booked = defaultdict(int)
    for (slot_id,) in session.execute(
        select(Booking.slot_id).where(
            Booking.slot_id.in_([slot.id for slot in live.values()]),
            Booking.status == BookingStatus.BOOKED,
        )
    ):
        booked[slot_id] += 1

    sessions: list[PlannedSession] = []
    workshops: list[PlannedWorkshop] = []
    problems: list[Problem] = []
    matched: set[int] = set()
    for line in sorted(lines, key=lambda line: line.line):
        place = places[line.structure_id]
        workshop = existing.get((line.structure_id, line.key))
        workshop_id = workshop.id if workshop else None
        differs = workshop is not None and (
            (workshop.title, workshop.kind, workshop.advisor_id, themes[workshop.id])
            != (line.title, line.kind, line.advisor_id, set(line.themes))
        )
        any_future = False
        for occurrence, starts_at in enumerate(line.starts, start=1):
            ends_at = starts_at + line.duration
            slot = live.get((workshop_id, occurrence))
            here = PlannedSession(
                change=Change.UNCHANGED, line=line.line, structure_id=place.id, place=place.name,
                timezone=place.timezone, key=line.key, occurrence=occurrence, title=line.title,
                starts_at=starts_at, ends_at=ends_at, capacity=line.capacity,
                slot_id=slot.id if slot else None, booked=booked[slot.id] if slot else 0,
            )  # fmt: skip

            if slot is None:
                if starts_at > now:
                    sessions.append(_with(here, Change.CREATED))
                    any_future = True
                elif (workshop_id, occurrence) in known:
                    sessions.append(here)  # cancelled, and past: history stays as it was
                else:
                    problems.append(_late(line, place, Reason.IN_THE_PAST, "date", starts_at))
                continue
            matched.add(slot.id)
            same_times = (slot.starts_at, slot.ends_at) == (starts_at, ends_at)
            if slot.starts_at <= now:
                changed = (
                    "date" if slot.starts_at != starts_at
                    else "fin" if slot.ends_at != ends_at
                    else "places" if slot.capacity != line.capacity
                    else None
                )  # fmt: skip
                if changed is None:
                    sessions.append(here)
                else:
                    problems.append(
                        _late(line, place, Reason.PAST_CHANGED, changed, slot.starts_at)
                    )
                continue
            any_future = True
            if not same_times and starts_at <= now:
                problems.append(_late(line, place, Reason.IN_THE_PAST, "date", starts_at))
            elif line.capacity < slot.seats_taken:
                problems.append(
                    _late(line, place, Reason.UNDER_BOOKED, "places", slot.starts_at,
                          number=slot.seats_taken)
                )  # fmt: skip
            elif not same_times:
                sessions.append(_with(here, Change.MOVED, was_starts_at=slot.starts_at))
            elif slot.capacity != line.capacity or differs:
                sessions.append(_with(here, Change.UPDATED))
            else:
                sessions.append(here)
        workshops.append(
            PlannedWorkshop(line=line, workshop_id=workshop_id, changed=differs and any_future)
        )

    by_id = {row.id: row for row in existing.values()}
    gone = [
        (workshop_id, occurrence, slot)
        for (workshop_id, occurrence), slot in live.items()
        if slot.id not in matched and slot.starts_at > now
    ]
    for workshop_id, occurrence, slot in sorted(gone, key=lambda item: item[2].starts_at):
        workshop = by_id[workshop_id]
        place = places[workshop.structure_id]
        sessions.append(
            PlannedSession(
                change=Change.CANCELLED, line=None, structure_id=place.id, place=place.name,
                timezone=place.timezone, key=workshop.import_key, occurrence=occurrence,
                title=workshop.title, starts_at=slot.starts_at, ends_at=slot.ends_at,
                capacity=slot.capacity, slot_id=slot.id, booked=booked[slot.id],
            )
        )  # fmt: skip
    return sessions, workshops, problems


def _late(
    line: Line, place: _Place, reason: Reason, column: str, at: datetime, **details
) -> Problem:
    """A problem about one session of the line, the one starting `at`."""
    return Problem(line.line, column, reason, starts_at=at, timezone=place.timezone, **details)


def _with(planned: PlannedSession, change: Change, **changes) -> PlannedSession:
    return replace(planned, change=change, **changes)


# --- applying -----------------------------------------------------------------------------------


def apply_plan(
    session: Session, plan: ImportPlan, *, now: datetime, policy: Policy = DEFAULT_POLICY
) -> None:
    """Make the plan so, in the caller's transaction, which must be the one that planned it.

    Raises `ImportConflict` if a session changed in between (the caller's transaction then
    rolls back: nothing is applied), ValueError for a plan with problems.
    """
    require_aware(now)
    if not plan.valid:
        raise ValueError("a plan with problems cannot be applied")
    try:
        workshop_ids = {
            (w.line.structure_id, w.line.key): _save_workshop(session, w) for w in plan.workshops
        }
        for planned in plan.sessions:
            _apply(session, planned, workshop_ids, now=now, policy=policy)
        session.flush()
    except IntegrityError as error:  # another import made the same line's workshop meanwhile
        raise ImportConflict(str(error.orig)) from error


def _save_workshop(session: Session, planned: PlannedWorkshop) -> int:
    line, workshop_id = planned.line, planned.workshop_id
    values = {"title": line.title, "kind": line.kind, "advisor_id": line.advisor_id}
    if workshop_id is None:
        workshop_id = session.scalar(
            insert(Workshop)
            .values(structure_id=line.structure_id, import_key=line.key, **values)
            .returning(Workshop.id)
        )
    elif planned.changed:
        session.execute(update(Workshop).where(Workshop.id == workshop_id).values(**values))
        session.execute(delete(WorkshopTheme).where(WorkshopTheme.workshop_id == workshop_id))
    else:
        return workshop_id
    session.execute(
        insert(WorkshopTheme), [{"workshop_id": workshop_id, "theme": t} for t in line.themes]
    )
    teach_place_themes(session, structure_id=line.structure_id, themes=line.themes)
    return workshop_id


def _apply(
    session: Session,
    planned: PlannedSession,
    workshop_ids: dict[tuple[int, str], int],
    *,
    now: datetime,
    policy: Policy,
) -> None:
    match planned.change:
        case Change.CREATED:
            session.execute(
                insert(Slot).values(
                    workshop_id=workshop_ids[planned.structure_id, planned.key],
                    starts_at=planned.starts_at,
                    ends_at=planned.ends_at,
                    capacity=planned.capacity,
                    import_occurrence=planned.occurrence,
                )
            )
        case Change.MOVED:
            moved = move_slot(
                session, slot_id=planned.slot_id, new_start=planned.starts_at,
                new_end=planned.ends_at, now=now, policy=policy,
            )  # fmt: skip
            if isinstance(moved, SlotUnavailable):
                raise ImportConflict(f"slot {planned.slot_id}: {moved.reason}")
            _set_capacity(session, slot_id=moved.new_slot_id, capacity=planned.capacity)
        case Change.UPDATED:
            _set_capacity(session, slot_id=planned.slot_id, capacity=planned.capacity)
        case Change.CANCELLED:
            cancelled = cancel_slot(session, slot_id=planned.slot_id, now=now)
            if isinstance(cancelled, SlotUnavailable):
                raise ImportConflict(f"slot {planned.slot_id}: {cancelled.reason}")


def _set_capacity(session: Session, *, slot_id: int, capacity: int) -> None:
    # Guarded: a seat taken since the plan was made must not be pushed over the capacity.
    changed = session.execute(
        update(Slot)
        .where(
            Slot.id == slot_id, Slot.status == SlotStatus.SCHEDULED, Slot.seats_taken <= capacity
        )
        .values(capacity=capacity)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise ImportConflict(f"slot {slot_id}: capacity {capacity} no longer fits")


# --- files sent to the bot ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checked:
    """A file's dry run; `staged_id` names it for "Appliquer" (None: nothing to apply)."""

    plan: ImportPlan
    file_name: str
    staged_id: int | None


@dataclass(frozen=True, slots=True)
class Applied:
    plan: ImportPlan
    file_name: str


def check_file(
    session: Session,
    *,
    telegram_user_id: int,
    file_name: str,
    content: bytes,
    actor: Actor,
    now: datetime,
) -> Checked:
    """The dry run of a file sent to the bot; kept for "Appliquer" if it would change anything.
    A sender's newer file replaces their older one, and no file waits for long."""
    plan = plan_file(session, content, actor=actor, now=now)
    staged_id = stage_file(
        session,
        telegram_user_id=telegram_user_id,
        file_name=file_name,
        content=content,
        keep=plan.valid and plan.changes_anything,
        now=now,
    )
    return Checked(plan=plan, file_name=file_name, staged_id=staged_id)


def stage_file(
    session: Session,
    *,
    telegram_user_id: int,
    file_name: str,
    content: bytes,
    keep: bool,
    now: datetime,
) -> int | None:
    """Forget the sender's waiting file (a newer one replaces it) and any left too long; keep
    this one for "Appliquer" if `keep`: its id."""
    session.execute(
        delete(StagedImport).where(
            or_(
                StagedImport.telegram_user_id == telegram_user_id,
                StagedImport.uploaded_at < now - STAGED_FOR,
            )
        )
    )
    if not keep:
        return None
    return session.scalar(
        insert(StagedImport)
        .values(
            telegram_user_id=telegram_user_id,
            file_name=file_name[:200],
            content=content,
            uploaded_at=now,
        )
        .returning(StagedImport.id)
    )


def staged_file(session: Session, *, staged_id: int, telegram_user_id: int, now: datetime):
    """The sender's waiting file (its `file_name` and `content`); None if it no longer waits
    (applied, dropped, replaced or too old)."""
    return session.execute(
        select(StagedImport.file_name, StagedImport.content).where(
            StagedImport.id == staged_id,
            StagedImport.telegram_user_id == telegram_user_id,
            StagedImport.uploaded_at >= now - STAGED_FOR,
        )
    ).one_or_none()


def apply_staged(
    session: Session,
    *,
    staged_id: int,
    telegram_user_id: int,
    digest: str,
    actor: Actor,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Applied | Checked | None:
    """Apply the file the sender was shown, if its plan is still the one they saw.

    `Applied`; or the new dry run (`Checked`) when the plan is no longer the same (a booking, a
    change in the bot, a session that has started), to look at again; None when that file no
    longer waits (applied, dropped, replaced or too old). Raises ImportConflict as
    `apply_plan` does.
    """
    staged = staged_file(session, staged_id=staged_id, telegram_user_id=telegram_user_id, now=now)
    if staged is None:
        return None
    plan = plan_file(session, staged.content, actor=actor, now=now)
    forget = delete(StagedImport).where(StagedImport.id == staged_id)
    if plan.valid and plan.digest == digest:
        apply_plan(session, plan, now=now, policy=policy)
        session.execute(forget)
        return Applied(plan=plan, file_name=staged.file_name)
    if plan.valid and plan.changes_anything:
        return Checked(plan=plan, file_name=staged.file_name, staged_id=staged_id)
    session.execute(forget)  # refused now, or nothing left to change
    return Checked(plan=plan, file_name=staged.file_name, staged_id=None)


def drop_staged(session: Session, *, staged_id: int, telegram_user_id: int) -> bool:
    """Forget a file the sender decided not to apply; False if it no longer waited."""
    return bool(
        session.execute(
            delete(StagedImport).where(
                StagedImport.id == staged_id, StagedImport.telegram_user_id == telegram_user_id
            )
        ).rowcount
    )

"""Demo workshops and their dates, so that the demo catalogue has something to book.

Every open demo host structure gets one collective workshop per theme it offers (2 h, 6 to 10
seats, once a fortnight) and, if it offers individual help, a weekly permanence of four 45-minute
appointments (one seat each). The timetable is derived from the structure's stable key (its id in
the demo source), never from chance or from row ids, so every database gets the same dates. It is
laid out in the structure's time zone, on weekday mornings (09:30) and afternoons (14:00), and
stored in UTC: a workshop stays at 09:30 local time across the clock changes.

`generate_demo_slots` is meant to run at each start ("regenerated relative to today"): it adds the
missing dates of the coming weeks and nothing else. Existing rows are never changed or deleted
(bookings may reference them), and a date is not added again when a slot of that workshop already
starts at that instant, whatever its status. Titles are French data, like the titles real
structures give their workshops.

Once real places are imported the demo places close (`knowledge.demo_catalogue`): no demo date is
added again, and `retire_demo_slots` cancels the coming ones, telling whoever had booked them.
"""

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from knowledge.catalogue import HostStructure
from knowledge.demo_catalogue import DEMO_SOURCE
from knowledge.themes import THEMES
from scheduling.errors import NaiveDatetimeError
from scheduling.models import Slot, SlotStatus, Workshop, WorkshopKind, WorkshopTheme
from scheduling.service_changes import SlotCancelled, cancel_slot

# One collective workshop per theme, in the words a médiathèque would put on its poster.
DEMO_WORKSHOP_TITLES: dict[str, str] = {
    "courriel": "Créer et utiliser sa boîte mail",
    "impots": "Déclarer ses impôts en ligne",
    "caf": "Mes démarches CAF en ligne",
    "emploi": "Mon espace France Travail",
    "sante": "Mon compte Ameli",
    "papiers": "Carte d'identité, permis, carte grise : les démarches en ligne",
    "retraite": "Mon espace retraite en ligne",
    "equipement": "Premiers pas avec le smartphone",
    "securite": "Éviter les arnaques en ligne",
    "scolarite": "Suivre la scolarité de son enfant en ligne",
    "achats": "Acheter en ligne en toute confiance",
}
PERMANENCE_TITLE = "Permanence numérique : rendez-vous individuel"

WORKSHOP_DURATION = timedelta(hours=2)
APPOINTMENT_DURATION = timedelta(minutes=45)
MIN_CAPACITY, MAX_CAPACITY = 6, 10

# A fortnight has 20 half-days (Monday to Friday, morning and afternoon); position p is
# week p // 10, weekday (p % 10) // 2, afternoon if p is odd. Fortnights are counted from a fixed
# Monday so that the rhythm never depends on the day the generator runs.
_EPOCH_MONDAY = date(2024, 1, 1)
_HALF_DAYS = 20
_WORKSHOP_START = (time(9, 30), time(14, 0))  # morning, afternoon
_APPOINTMENT_STARTS = (
    (time(9, 0), time(9, 45), time(10, 30), time(11, 15)),
    (time(14, 0), time(14, 45), time(15, 30), time(16, 15)),
)
_STRIDE = 7  # coprime with the 18 free half-days: consecutive themes land on different days

_THEME_ORDER = {theme.slug: rank for rank, theme in enumerate(THEMES)}


@dataclass(frozen=True, slots=True)
class DemoWorkshopPlan:
    """One demo workshop of a structure and when it happens, in the structure's local time."""

    title: str
    kind: WorkshopKind
    themes: tuple[str, ...]
    week: int | None
    """0 or 1: which week of the fortnight; None: every week."""
    weekday: int
    """0 is Monday."""
    starts: tuple[time, ...]
    """Local start times on that day."""
    duration: timedelta
    capacity: int

    def occurs_on(self, day: date) -> bool:
        if day.weekday() != self.weekday:
            return False
        return self.week is None or ((day - _EPOCH_MONDAY).days // 7) % 2 == self.week


def demo_timetable(
    key: str, themes: Iterable[str], *, individual_help: bool
) -> list[DemoWorkshopPlan]:
    """The demo workshops of a structure known by `key`, from its themes; pure and deterministic.

    Raises ValueError for a theme without a demo workshop title.
    """
    unknown = sorted(set(themes) - DEMO_WORKSHOP_TITLES.keys())
    if unknown:
        raise ValueError(
            f"no demo workshop for theme(s) {unknown}: add them to DEMO_WORKSHOP_TITLES"
        )
    ordered = sorted(
        set(themes), key=lambda slug: (_THEME_ORDER.get(slug, len(_THEME_ORDER)), slug)
    )
    seed = _stable_hash(key)
    plans: list[DemoWorkshopPlan] = []

    # The permanence takes the same half-day every week; the workshops share the others.
    permanence_half_day = seed % 10 if individual_help else None
    if individual_help and ordered:
        plans.append(
            DemoWorkshopPlan(
                title=PERMANENCE_TITLE,
                kind=WorkshopKind.INDIVIDUAL,
                themes=tuple(ordered),
                week=None,
                weekday=permanence_half_day // 2,
                starts=_APPOINTMENT_STARTS[permanence_half_day % 2],
                duration=APPOINTMENT_DURATION,
                capacity=1,
            )
        )
    free = [p for p in range(_HALF_DAYS) if p % 10 != permanence_half_day]
    if len(ordered) > len(free):
        raise ValueError(f"{key}: {len(ordered)} themes do not fit in a fortnight")
    start = (seed // 10) % len(free)
    for index, theme in enumerate(ordered):
        position = free[(start + index * _STRIDE) % len(free)]
        plans.append(
            DemoWorkshopPlan(
                title=DEMO_WORKSHOP_TITLES[theme],
                kind=WorkshopKind.COLLECTIVE,
                themes=(theme,),
                week=position // 10,
                weekday=(position % 10) // 2,
                starts=(_WORKSHOP_START[position % 2],),
                duration=WORKSHOP_DURATION,
                capacity=MIN_CAPACITY
                + _stable_hash(f"{key}/{theme}") % (MAX_CAPACITY - MIN_CAPACITY + 1),
            )
        )
    return plans


def generate_demo_slots(session: Session, *, now: datetime, weeks: int = 4) -> int:
    """Add the missing demo workshops and their slots from `now` to `weeks` weeks later.

    Returns how many slots were added. Idempotent: a second call at the same `now` adds nothing,
    a call a day later adds that day's slots. Past and existing slots are left alone. On
    PostgreSQL the demo structures are locked (`FOR UPDATE`) so that two processes starting at
    once do not both add the same dates; SQLite serialises writers anyway.
    Raises `NaiveDatetimeError` for a naive `now`, ValueError for `weeks` < 1.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError("`now` must be an aware datetime (UTC)")
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    structures = session.scalars(
        select(HostStructure)
        .where(HostStructure.is_demo.is_(True), HostStructure.closed.is_(False))
        .order_by(HostStructure.id)
        .options(selectinload(HostStructure._themes), selectinload(HostStructure.sources))
        .with_for_update()
    ).all()
    if not structures:
        return 0

    until = now + timedelta(weeks=weeks)
    timetables = {
        structure.id: demo_timetable(
            _structure_key(structure), structure.themes, individual_help=structure.individual_help
        )
        for structure in structures
    }
    workshops = _demo_workshops(session, structures, timetables)
    existing = {
        (row.workshop_id, row.starts_at)
        for row in session.execute(
            select(Slot.workshop_id, Slot.starts_at)
            .join(Workshop, Workshop.id == Slot.workshop_id)
            .where(Workshop.is_demo.is_(True), Slot.starts_at > now, Slot.starts_at <= until)
        )
    }
    rows = []
    for structure in structures:
        zone = ZoneInfo(structure.timezone)
        for plan in timetables[structure.id]:
            workshop_id = workshops[structure.id, plan.kind, plan.title].id
            for starts_at in _occurrences(plan, zone, now=now, until=until):
                if (workshop_id, starts_at) in existing:
                    continue
                rows.append(
                    {
                        "workshop_id": workshop_id,
                        "starts_at": starts_at,
                        "ends_at": starts_at + plan.duration,
                        "capacity": plan.capacity,
                        "seats_taken": 0,
                        "status": SlotStatus.SCHEDULED,
                    }
                )
    if rows:
        session.execute(insert(Slot), rows)
    return len(rows)


def retire_demo_slots(session: Session, *, now: datetime) -> int:
    """Cancel the coming slots of closed demo places, as the service cancels a slot (whoever
    booked is told); return how many."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise NaiveDatetimeError("`now` must be an aware datetime (UTC)")
    coming = session.scalars(
        select(Slot.id)
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(HostStructure, HostStructure.id == Workshop.structure_id)
        .where(
            Workshop.is_demo.is_(True),
            HostStructure.closed.is_(True),
            Slot.status == SlotStatus.SCHEDULED,
            Slot.starts_at > now,
        )
        .order_by(Slot.id)
    ).all()
    cancelled = (cancel_slot(session, slot_id=slot_id, now=now) for slot_id in coming)
    return sum(isinstance(outcome, SlotCancelled) for outcome in cancelled)


def _demo_workshops(
    session: Session,
    structures: Iterable[HostStructure],
    timetables: dict[int, list[DemoWorkshopPlan]],
) -> dict[tuple[int, WorkshopKind, str], Workshop]:
    """The workshops the timetables name: created if missing, their themes kept up to date."""
    found = {
        (workshop.structure_id, workshop.kind, workshop.title): workshop
        for workshop in session.scalars(
            select(Workshop)
            .where(
                Workshop.is_demo.is_(True),
                Workshop.structure_id.in_([structure.id for structure in structures]),
            )
            .order_by(Workshop.id)
        )
    }
    for structure in structures:
        for plan in timetables[structure.id]:
            workshop = found.get((structure.id, plan.kind, plan.title))
            if workshop is None:
                workshop = Workshop(
                    structure_id=structure.id,
                    title=plan.title,
                    kind=plan.kind,
                    is_demo=True,
                    themes=[WorkshopTheme(theme=theme) for theme in plan.themes],
                )
                session.add(workshop)
                found[structure.id, plan.kind, plan.title] = workshop
            elif set(workshop.theme_codes) != set(plan.themes):
                # A permanence follows its structure's themes.
                workshop.themes = [t for t in workshop.themes if t.theme in plan.themes] + [
                    WorkshopTheme(theme=theme)
                    for theme in plan.themes
                    if theme not in workshop.theme_codes
                ]
    session.flush()
    return found


def _occurrences(
    plan: DemoWorkshopPlan, zone: ZoneInfo, *, now: datetime, until: datetime
) -> Iterator[datetime]:
    """The UTC start instants of a plan in `(now, until]`."""
    day = now.astimezone(zone).date()
    last_day = until.astimezone(zone).date()
    while day <= last_day:
        if plan.occurs_on(day):
            for at in plan.starts:
                starts_at = _local_to_utc(day, at, zone)
                if now < starts_at <= until:
                    yield starts_at
        day += timedelta(days=1)


def _local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone`, as a UTC instant; refuses a time the clock skips."""
    local = datetime.combine(day, at)
    instant = local.replace(tzinfo=zone).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local:
        raise ValueError(f"{local} does not exist in {zone.key} (clock change)")
    return instant


def _structure_key(structure: HostStructure) -> str:
    # The demo loader always gives an id in the demo source; a hand-made demo row falls back on
    # its row id.
    keys = [s.source_id for s in structure.sources if s.source == DEMO_SOURCE and s.source_id]
    return keys[0] if keys else f"id:{structure.id}"


def _stable_hash(text: str) -> int:
    # `hash()` of a str changes from one process to the next; CRC-32 does not.
    return zlib.crc32(text.encode("utf-8"))

"""The demo timetable: workshops to book in the demo territory, on SQLite and on PostgreSQL."""

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_engine, make_sessionmaker
from knowledge.catalogue import HostStructure, PlaceSource, Typology
from knowledge.demo_catalogue import load_demo_catalogue, read_demo_structures
from knowledge.gazetteer import load_gazetteer
from knowledge.themes import THEMES
from scheduling import (
    Booked,
    Booking,
    BookingStatus,
    NaiveDatetimeError,
    Resident,
    Slot,
    SlotFull,
    SlotStatus,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
    book_seat,
    next_slots,
)
from scheduling.demo_slots import DEMO_WORKSHOP_TITLES, demo_timetable, generate_demo_slots

PARIS = ZoneInfo("Europe/Paris")
# Monday 3 March 2025, 9:00 in Moissac (CET): the clock the stories start from.
NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
LOCAL_STARTS = {
    time(9, 30), time(14, 0),  # workshops
    time(9, 0), time(9, 45), time(10, 30), time(11, 15),  # morning permanence
    time(14, 0), time(14, 45), time(15, 30), time(16, 15),  # afternoon permanence
}  # fmt: skip


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def demo(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """The demo catalogue, still without workshops."""
    with sessions.begin() as session:
        load_demo_catalogue(session, load_gazetteer())
    return sessions


def generate(sessions: sessionmaker[Session], *, now: datetime = NOW, weeks: int = 4) -> int:
    with sessions.begin() as session:
        return generate_demo_slots(session, now=now, weeks=weeks)


def structure_id(sessions: sessionmaker[Session], key: str) -> int:
    with sessions() as session:
        return session.scalars(
            select(PlaceSource.structure_id).where(PlaceSource.source_id == key)
        ).one()


def demo_slots(sessions: sessionmaker[Session], key: str | None = None) -> list:
    """Every demo slot as (structure key, title, kind, starts_at, ends_at, capacity, id)."""
    query = (
        select(
            PlaceSource.source_id,
            Workshop.title,
            Workshop.kind,
            Slot.starts_at,
            Slot.ends_at,
            Slot.capacity,
            Slot.id,
        )
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(PlaceSource, PlaceSource.structure_id == Workshop.structure_id)
        .where(Workshop.is_demo.is_(True))
        .order_by(Slot.starts_at, PlaceSource.source_id, Workshop.title)
    )
    if key is not None:
        query = query.where(PlaceSource.source_id == key)
    with sessions() as session:
        return list(session.execute(query))


def themes_with_a_slot(sessions: sessionmaker[Session], *, after: datetime, days: int) -> set[str]:
    with sessions() as session:
        return set(
            session.scalars(
                select(WorkshopTheme.theme)
                .distinct()
                .join(Workshop, Workshop.id == WorkshopTheme.workshop_id)
                .join(Slot, Slot.workshop_id == Workshop.id)
                .where(
                    Workshop.is_demo.is_(True),
                    Slot.status == SlotStatus.SCHEDULED,
                    Slot.starts_at > after,
                    Slot.starts_at <= after + timedelta(days=days),
                )
            )
        )


def add_resident(session: Session, *, first_name: str, telegram_user_id: int) -> int:
    resident = Resident(
        telegram_user_id=telegram_user_id,
        first_name=first_name,
        created_at=NOW,
        last_seen_at=NOW,
    )
    session.add(resident)
    session.flush()
    return resident.id


# --- what residents are offered -----------------------------------------------------------------


def test_demo_catalogue_offers_taxes_workshops_in_moissac_next_weeks(demo):
    generate(demo)
    moissac = structure_id(demo, "82-mairie-moissac")

    with demo() as session:
        offered = next_slots(
            session,
            structure_ids=[moissac],
            theme="impots",
            now=NOW,
            limit_per_structure=50,
            include_demo=True,
        )[moissac]
        hidden = next_slots(session, structure_ids=[moissac], theme="impots", now=NOW)[moissac]

    workshops = [slot for slot in offered if slot.workshop_kind == WorkshopKind.COLLECTIVE]
    assert workshops, "Moissac offers no taxes workshop"
    assert {slot.workshop_title for slot in workshops} == {"Déclarer ses impôts en ligne"}
    assert workshops[0].starts_at < NOW + timedelta(weeks=2)
    assert all(NOW < slot.starts_at <= NOW + timedelta(weeks=4) for slot in offered)
    for slot in workshops:
        local = slot.starts_at.astimezone(ZoneInfo(slot.structure_timezone))
        assert local.weekday() < 5
        assert local.time() in {time(9, 30), time(14, 0)}
        assert slot.ends_at - slot.starts_at == timedelta(hours=2)
        assert 6 <= slot.capacity <= 10
        assert slot.themes == ("impots",)
    # The permanence covers every theme of the town hall, taxes included.
    assert any(slot.workshop_kind == WorkshopKind.INDIVIDUAL for slot in offered)
    # Demo workshops stay out of the real offer.
    assert hidden == []


def test_resident_books_the_only_seat_of_a_demo_permanence_in_moissac(demo):
    generate(demo)
    with demo.begin() as session:
        martine = add_resident(session, first_name="Martine", telegram_user_id=1001)
        karim = add_resident(session, first_name="Karim", telegram_user_id=1002)
    appointments = [
        row for row in demo_slots(demo, "82-mairie-moissac") if row.kind == WorkshopKind.INDIVIDUAL
    ]
    assert appointments
    assert all(row.capacity == 1 for row in appointments)
    assert all(row.ends_at - row.starts_at == timedelta(minutes=45) for row in appointments)
    # Four back-to-back appointments on the permanence's half-day.
    first_day = appointments[0].starts_at.astimezone(PARIS).date()
    same_day = [row for row in appointments if row.starts_at.astimezone(PARIS).date() == first_day]
    assert [b.starts_at - a.ends_at for a, b in pairwise(same_day)] == [timedelta(0)] * 3

    with demo.begin() as session:
        first = book_seat(session, slot_id=appointments[0].id, resident_id=martine, now=NOW)
        second = book_seat(session, slot_id=appointments[0].id, resident_id=karim, now=NOW)

    assert isinstance(first, Booked) and first.seats_left == 0
    assert isinstance(second, SlotFull)


def test_a_structure_without_individual_help_offers_only_group_workshops(demo):
    generate(demo)

    rows = demo_slots(demo, "82-ligue-enseignement-82")

    assert rows
    assert {row.kind for row in rows} == {WorkshopKind.COLLECTIVE}
    assert {row.title for row in rows} == {
        "Créer et utiliser sa boîte mail",
        "Premiers pas avec le smartphone",
        "Éviter les arnaques en ligne",
        "Suivre la scolarité de son enfant en ligne",
        "Acheter en ligne en toute confiance",
    }


def test_every_demo_theme_has_a_slot_in_the_next_two_weeks_whatever_the_day(demo):
    offered = set().union(*(entry.themes for entry in read_demo_structures()))

    # Each evening of a fortnight, after the day's workshops: the generator runs at every start.
    for day in range(14):
        evening = NOW + timedelta(days=day, hours=10)
        generate(demo, now=evening)
        assert themes_with_a_slot(demo, after=evening, days=14) == offered, evening


def test_real_structures_get_no_demo_workshops(demo):
    with demo.begin() as session:
        real = HostStructure(
            name="France Services Moissac",
            typology=Typology.FRANCE_SERVICES,
            commune_insee="82112",
            lat=44.104,
            lon=1.085,
            individual_help=True,
        )
        real.themes = {"impots", "caf"}
        session.add(real)
        session.flush()
        real_id = real.id

    generate(demo)

    with demo() as session:
        assert not session.scalar(
            select(func.count()).select_from(Workshop).where(Workshop.structure_id == real_id)
        )
        assert not session.scalar(
            select(func.count()).select_from(Workshop).where(Workshop.is_demo.is_(False))
        )


# --- time ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "change", "offset_before", "offset_after"),
    [
        # Spring forward on Sunday 30 March 2025; fall back on Sunday 26 October 2025.
        (datetime(2025, 3, 24, 7, 0, tzinfo=UTC), datetime(2025, 3, 30, 1, 0, tzinfo=UTC), 1, 2),
        (datetime(2025, 10, 20, 6, 0, tzinfo=UTC), datetime(2025, 10, 26, 1, 0, tzinfo=UTC), 2, 1),
    ],
    ids=["spring", "autumn"],
)
def test_demo_workshops_keep_their_local_hours_across_a_clock_change(
    demo, now, change, offset_before, offset_after
):
    generate(demo, now=now)
    rows = demo_slots(demo)
    before = [row for row in rows if row.starts_at < change]
    after = [row for row in rows if row.starts_at > change]
    assert before and after

    for row in rows:
        local = row.starts_at.astimezone(PARIS)
        assert local.weekday() < 5, row
        assert local.time() in LOCAL_STARTS, row
        collective = row.kind == WorkshopKind.COLLECTIVE
        duration = timedelta(hours=2) if collective else timedelta(minutes=45)
        assert row.ends_at - row.starts_at == duration
    assert {row.starts_at.astimezone(PARIS).utcoffset() for row in before} == {
        timedelta(hours=offset_before)
    }
    assert {row.starts_at.astimezone(PARIS).utcoffset() for row in after} == {
        timedelta(hours=offset_after)
    }
    # Same wall-clock times on both sides, so different UTC hours.
    workshop_hours = {
        row.starts_at.astimezone(PARIS).time()
        for row in rows
        if row.kind == WorkshopKind.COLLECTIVE
    }
    assert workshop_hours == {time(9, 30), time(14, 0)}
    morning_utc = {
        row.starts_at.time()
        for row in rows
        if row.starts_at.astimezone(PARIS).time() == time(9, 30)
    }
    assert morning_utc == {time(9 - offset_before, 30), time(9 - offset_after, 30)}


def test_naive_now_is_refused(demo):
    with pytest.raises(NaiveDatetimeError), demo.begin() as session:
        generate_demo_slots(session, now=datetime(2025, 3, 3, 9, 0))


# --- regenerated relative to today --------------------------------------------------------------


def test_regenerating_on_the_same_day_adds_nothing(demo):
    added = generate(demo)
    # The structure cancels one date: it must not come back.
    cancelled = demo_slots(demo)[0].id
    with demo.begin() as session:
        session.execute(
            update(Slot).where(Slot.id == cancelled).values(status=SlotStatus.CANCELLED)
        )

    assert added > 100
    assert generate(demo) == 0
    assert len(demo_slots(demo)) == added
    with demo() as session:
        assert session.get(Slot, cancelled).status == SlotStatus.CANCELLED


def test_regenerating_a_week_later_adds_the_new_days_and_keeps_the_past(demo):
    generate(demo)
    first = demo_slots(demo)
    with demo.begin() as session:
        martine = add_resident(session, first_name="Martine", telegram_user_id=1001)
        booked = book_seat(session, slot_id=first[0].id, resident_id=martine, now=NOW)
    assert isinstance(booked, Booked)

    later = NOW + timedelta(weeks=1)
    added = generate(demo, now=later)
    second = demo_slots(demo)

    assert added > 0
    assert len(second) == len(first) + added
    # The past (and its booking) stays; the new slots fill the newly uncovered week only.
    assert {row.id for row in first} <= {row.id for row in second}
    new = [row for row in second if row.id not in {r.id for r in first}]
    assert all(
        NOW + timedelta(weeks=4) < row.starts_at <= later + timedelta(weeks=4) for row in new
    )
    keys = [(row.source_id, row.title, row.starts_at) for row in second]
    assert len(keys) == len(set(keys))
    with demo() as session:
        slot = session.get(Slot, first[0].id)
        assert slot.seats_taken == 1
        assert slot.starts_at == first[0].starts_at
        [booking] = session.scalars(select(Booking)).all()
        assert (booking.slot_id, booking.status) == (slot.id, BookingStatus.BOOKED)
    # A week is what a fortnightly rhythm needs to repeat half of itself.
    assert generate(demo, now=later) == 0


def test_the_same_day_gives_the_same_timetable_in_every_database(demo, fresh_database):
    other_engine = make_engine(fresh_database())
    try:
        other = make_sessionmaker(other_engine)
        with other.begin() as session:
            load_demo_catalogue(session, load_gazetteer())

        generate(demo)
        generate(other)

        def timetable(sessions):
            return [row[:6] for row in demo_slots(sessions)]

        assert timetable(demo) == timetable(other)
    finally:
        other_engine.dispose()


# --- the timetable itself -----------------------------------------------------------------------


def test_every_theme_has_a_demo_workshop():
    assert set(DEMO_WORKSHOP_TITLES) == {theme.slug for theme in THEMES}


def test_a_structure_never_holds_two_sessions_in_the_same_half_day():
    for entry in read_demo_structures():
        plans = demo_timetable(entry.key, entry.themes, individual_help=entry.individual_help)
        taken: set[tuple[int, int, bool]] = set()
        for plan in plans:
            weeks = (0, 1) if plan.week is None else (plan.week,)
            for week in weeks:
                half_day = (week, plan.weekday, plan.starts[0] >= time(12, 0))
                assert half_day not in taken, (entry.key, plan.title)
                taken.add(half_day)


def test_an_unknown_theme_is_a_clear_error():
    with pytest.raises(ValueError, match="jardinage"):
        demo_timetable("82-test", {"impots", "jardinage"}, individual_help=False)

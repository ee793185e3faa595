"""Residents tapping at the same instant: no seat is sold twice, no resident is booked twice.

Each tap runs in its own thread with its own engine, connection and Session, as separate bot
workers would; a barrier releases them together once they are all connected.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.database import make_engine, make_sessionmaker
from knowledge.catalogue import HostStructure, Typology
from scheduling import (
    AlreadyBooked,
    Booked,
    Booking,
    BookingOutcome,
    BookingStatus,
    Overlaps,
    Resident,
    Slot,
    SlotFull,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
    book_seat,
)

NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
BARRIER_TIMEOUT = 60  # only so that a broken test fails instead of hanging; never reached


def make_slot(
    engine: Engine, *, capacity: int, starts_at: datetime = NOW + timedelta(days=1)
) -> int:
    with make_sessionmaker(engine).begin() as session:
        structure = HostStructure(
            name="France Services Moissac",
            typology=Typology.FRANCE_SERVICES,
            commune_insee="82112",
            lat=44.104,
            lon=1.085,
        )
        session.add(structure)
        session.flush()
        workshop = Workshop(
            structure_id=structure.id,
            title="Déclarer ses revenus en ligne",
            kind=WorkshopKind.COLLECTIVE,
            themes=[WorkshopTheme(theme="impots")],
        )
        slot = Slot(
            workshop=workshop,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=capacity,
        )
        session.add(slot)
        session.flush()
        return slot.id


def make_residents(engine: Engine, count: int, *, first_telegram_id: int) -> list[int]:
    with make_sessionmaker(engine).begin() as session:
        residents = [
            Resident(
                telegram_user_id=first_telegram_id + number,
                first_name=f"Habitant {number}",
                language="fr",
                created_at=NOW,
                last_seen_at=NOW,
            )
            for number in range(count)
        ]
        session.add_all(residents)
        session.flush()
        return [resident.id for resident in residents]


def race(engine: Engine, *, slot_id: int, resident_ids: list[int]) -> list[BookingOutcome]:
    """Every resident id taps "Réserver" at once, each from its own connection."""
    return race_for(engine, [(slot_id, resident_id) for resident_id in resident_ids])


def race_for(engine: Engine, taps: list[tuple[int, int]]) -> list[BookingOutcome]:
    """Each (slot id, resident id) is a tap on "Réserver", all at once, each from its own
    connection."""
    url = engine.url.render_as_string(hide_password=False)
    barrier = threading.Barrier(len(taps))

    def tap(slot_id: int, resident_id: int) -> BookingOutcome:
        own_engine = make_engine(url)
        try:
            with Session(own_engine) as session:
                try:
                    session.connection()  # connect before the start signal
                    barrier.wait(timeout=BARRIER_TIMEOUT)
                except BaseException:
                    barrier.abort()
                    raise
                outcome = book_seat(session, slot_id=slot_id, resident_id=resident_id, now=NOW)
                session.commit()
                return outcome
        finally:
            own_engine.dispose()

    with ThreadPoolExecutor(max_workers=len(taps)) as pool:
        return list(pool.map(tap, *zip(*taps, strict=True)))


def slot_state(engine: Engine, slot_id: int) -> tuple[int, int]:
    """(seats_taken, active booking rows) of the slot."""
    with Session(engine) as session:
        taken = session.scalar(select(Slot.seats_taken).where(Slot.id == slot_id))
        rows = session.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.slot_id == slot_id, Booking.status == BookingStatus.BOOKED)
        )
        return taken, rows


def test_fifty_residents_race_for_the_last_five_seats(engine):
    slot_id = make_slot(engine, capacity=12)
    early = make_residents(engine, 7, first_telegram_id=1_000)
    with make_sessionmaker(engine).begin() as session:
        for resident_id in early:
            assert isinstance(
                book_seat(session, slot_id=slot_id, resident_id=resident_id, now=NOW), Booked
            )
    latecomers = make_residents(engine, 50, first_telegram_id=2_000)

    outcomes = race(engine, slot_id=slot_id, resident_ids=latecomers)

    assert Counter(type(outcome) for outcome in outcomes) == {Booked: 5, SlotFull: 45}
    assert slot_state(engine, slot_id) == (12, 12)
    winners = {
        resident_id
        for resident_id, outcome in zip(latecomers, outcomes, strict=True)
        if isinstance(outcome, Booked)
    }
    with Session(engine) as session:
        booked_latecomers = set(
            session.scalars(
                select(Booking.resident_id).where(
                    Booking.slot_id == slot_id, Booking.resident_id.in_(latecomers)
                )
            )
        )
    assert booked_latecomers == winners


@pytest.mark.parametrize("taps", [2, 10])
def test_impatient_resident_tapping_at_once_is_booked_exactly_once(engine, taps):
    slot_id = make_slot(engine, capacity=20)
    [martine] = make_residents(engine, 1, first_telegram_id=3_000)

    outcomes = race(engine, slot_id=slot_id, resident_ids=[martine] * taps)

    booked = [outcome for outcome in outcomes if isinstance(outcome, Booked)]
    assert len(booked) == 1
    assert outcomes.count(AlreadyBooked(booked[0].booking_id, slot_id)) == taps - 1
    assert slot_state(engine, slot_id) == (1, 1)


def test_two_workshops_at_the_same_hour_tapped_at_once_book_only_one(engine):
    """Martine taps "Réserver" on two 14:00 workshops from two phones at the same instant: the
    second booking waits for the first one's lock on her row, then sees it and is refused."""
    moissac = make_slot(engine, capacity=8)
    elsewhere = make_slot(engine, capacity=8, starts_at=NOW + timedelta(days=1, minutes=30))
    [martine] = make_residents(engine, 1, first_telegram_id=4_000)

    outcomes = race_for(engine, [(moissac, martine), (elsewhere, martine)])

    assert Counter(type(outcome) for outcome in outcomes) == {Booked: 1, Overlaps: 1}
    with Session(engine) as session:
        active = session.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.resident_id == martine, Booking.status == BookingStatus.BOOKED)
        )
        taken = session.scalar(select(func.sum(Slot.seats_taken)))
    assert (active, taken) == (1, 1)

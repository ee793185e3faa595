"""Personal data kept no longer than the retention: old bookings anonymised (the counts stay),
residents gone quiet for that long deleted. SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest
from scheduling_world import (
    FakeTelegram,
    add_resident,
    add_slot,
    add_structure,
    add_workshop,
    book,
    deliver,
    outbox,
)
from sqlalchemy import Engine, func, select

from bot.database import make_sessionmaker
from scheduling import (
    Booking,
    Resident,
    WaitlistEntry,
    apply_retention,
    join_waitlist,
)

# Monday 2 March 2026: a year after the stories of the other tests.
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
YEAR_AGO = NOW - timedelta(days=365)


@pytest.fixture
def sessions(engine: Engine):
    return make_sessionmaker(engine)


def test_bookings_older_than_a_year_are_anonymised_and_still_counted(sessions):
    with sessions.begin() as session:
        workshop = add_workshop(session, structure_id=add_structure(session))
        old_slot = add_slot(session, workshop_id=workshop, starts_at=YEAR_AGO - timedelta(days=30))
        recent_slot = add_slot(session, workshop_id=workshop, starts_at=NOW - timedelta(days=30))
        martine = add_resident(session, first_name="Martine", telegram_user_id=1001, now=NOW)
    booked_at = YEAR_AGO - timedelta(days=40)
    old = book(sessions, slot_id=old_slot, resident_id=martine, now=booked_at).booking_id
    deliver(sessions, FakeTelegram(), now=YEAR_AGO - timedelta(days=31))  # her reminders
    recent = book(
        sessions, slot_id=recent_slot, resident_id=martine, now=NOW - timedelta(days=40)
    ).booking_id

    with sessions.begin() as session:
        applied = apply_retention(session, now=NOW)

    assert (applied.anonymised_bookings, applied.deleted_residents) == (1, 0)
    assert applied.deleted_notifications == 2  # the old booking's reminders
    with sessions() as session:
        assert session.get(Booking, old).resident_id is None
        assert session.get(Booking, recent).resident_id == martine
        per_slot = dict(
            session.execute(select(Booking.slot_id, func.count()).group_by(Booking.slot_id)).all()
        )
    assert per_slot == {old_slot: 1, recent_slot: 1}
    assert outbox(sessions, booking_id=old) == []


def test_residents_silent_for_a_year_are_deleted_with_what_points_to_them(sessions):
    with sessions.begin() as session:
        workshop = add_workshop(session, structure_id=add_structure(session))
        old_slot = add_slot(session, workshop_id=workshop, starts_at=YEAR_AGO - timedelta(days=60))
        full_slot = add_slot(
            session, workshop_id=workshop, starts_at=NOW + timedelta(days=3), capacity=1
        )
        quiet = add_resident(
            session, first_name="Jean", telegram_user_id=1, now=YEAR_AGO - timedelta(days=1)
        )
        returning = add_resident(session, first_name="Lise", telegram_user_id=2, now=NOW)
        waiting = add_resident(
            session, first_name="Paul", telegram_user_id=3, now=YEAR_AGO - timedelta(days=2)
        )
        booked = add_resident(session, first_name="Anna", telegram_user_id=4, now=NOW)
    book(sessions, slot_id=old_slot, resident_id=quiet, now=YEAR_AGO - timedelta(days=70))
    book(sessions, slot_id=old_slot, resident_id=returning, now=YEAR_AGO - timedelta(days=70))
    book(sessions, slot_id=full_slot, resident_id=booked, now=NOW - timedelta(days=1))
    with sessions.begin() as session:
        # Paul has not been seen for over a year, but he is in line for a seat: he stays.
        join_waitlist(session, slot_id=full_slot, resident_id=waiting, now=NOW - timedelta(days=1))

    with sessions.begin() as session:
        applied = apply_retention(session, now=NOW)
    with sessions.begin() as session:
        again = apply_retention(session, now=NOW)

    assert applied.deleted_residents == 1
    assert applied.anonymised_bookings == 2
    with sessions() as session:
        assert set(session.scalars(select(Resident.first_name))) == {"Lise", "Paul", "Anna"}
        assert session.scalar(select(func.count()).select_from(WaitlistEntry)) == 1
    assert (again.anonymised_bookings, again.deleted_residents) == (0, 0)


def test_retention_is_configurable(sessions):
    with sessions.begin() as session:
        add_resident(session, first_name="Jean", telegram_user_id=1, now=NOW - timedelta(days=100))

    with sessions.begin() as session:
        kept = apply_retention(session, now=NOW)
        gone = apply_retention(session, now=NOW, retention=timedelta(days=90))

    assert (kept.deleted_residents, gone.deleted_residents) == (0, 1)

"""Residents: the little we keep, and erasing it, on SQLite and on PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.database import make_sessionmaker
from knowledge.catalogue import HostStructure, Typology
from scheduling.booking import book_seat
from scheduling.models import Booking, Resident, Slot, Workshop, WorkshopKind, WorkshopTheme
from scheduling.residents import (
    ensure_resident,
    erase_resident,
    find_resident,
    set_language,
    stored_data,
)

NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def sessions(engine):
    return make_sessionmaker(engine)


def _slot(session: Session, *, starts_at: datetime, capacity: int = 4) -> int:
    structure = HostStructure(
        name="France Services Moissac",
        typology=Typology.FRANCE_SERVICES,
        commune_insee="82112",
        lat=44.105,
        lon=1.085,
    )
    session.add(structure)
    session.flush()
    workshop = Workshop(
        structure_id=structure.id,
        title="Déclarer ses revenus",
        kind=WorkshopKind.COLLECTIVE,
        themes=[WorkshopTheme(theme="impots")],
    )
    slot = Slot(
        workshop=workshop,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=capacity,
    )
    session.add_all([workshop, slot])
    session.flush()
    return slot.id


def test_a_resident_is_created_once_and_follows_their_telegram_first_name(sessions):
    with sessions.begin() as session:
        first = ensure_resident(
            session, telegram_user_id=7, first_name="Martine", language="fr", now=NOW
        )
    with sessions.begin() as session:
        again = ensure_resident(
            session,
            telegram_user_id=7,
            first_name="Martine L.",
            language="en",
            now=NOW + timedelta(days=1),
        )
        count = session.scalar(select(func.count()).select_from(Resident))

    assert again.id == first.id and count == 1
    assert again.first_name == "Martine L."
    assert again.language == "fr"  # chosen once; /langue changes it, not the Telegram app


def test_the_commune_and_the_language_are_remembered(sessions):
    with sessions.begin() as session:
        martine = ensure_resident(
            session, telegram_user_id=7, first_name="Martine", language="fr", now=NOW
        )
        ensure_resident(
            session,
            telegram_user_id=7,
            first_name="Martine",
            language="fr",
            now=NOW,
            commune_insee="82112",
        )
        set_language(session, resident_id=martine.id, language="en")
    with sessions.begin() as session:  # seen again, from nowhere in particular
        ensure_resident(session, telegram_user_id=7, first_name="Martine", language="fr", now=NOW)
    with sessions.begin() as session:
        found = find_resident(session, telegram_user_id=7)

    assert (found.commune_insee, found.language) == ("82112", "en")


def test_stored_data_counts_bookings(sessions):
    with sessions.begin() as session:
        slot = _slot(session, starts_at=NOW + timedelta(days=1))
        martine = ensure_resident(
            session, telegram_user_id=7, first_name="Martine", language="fr", now=NOW
        )
        book_seat(session, slot_id=slot, resident_id=martine.id, now=NOW)
    with sessions.begin() as session:
        data = stored_data(session, telegram_user_id=7, now=NOW)
        nobody = stored_data(session, telegram_user_id=8, now=NOW)

    assert (data.first_name, data.upcoming_bookings, data.past_bookings) == ("Martine", 1, 0)
    assert nobody is None


def test_erasing_cancels_future_bookings_frees_seats_and_unlinks_the_history(sessions):
    with sessions.begin() as session:
        past = _slot(session, starts_at=NOW - timedelta(days=7))
        future = _slot(session, starts_at=NOW + timedelta(days=1), capacity=1)
        martine = ensure_resident(
            session, telegram_user_id=7, first_name="Martine", language="fr", now=NOW
        )
        karim = ensure_resident(
            session, telegram_user_id=8, first_name="Karim", language="fr", now=NOW
        )
        book_seat(session, slot_id=past, resident_id=martine.id, now=NOW - timedelta(days=8))
        book_seat(session, slot_id=future, resident_id=martine.id, now=NOW)

    with sessions.begin() as session:
        erased = erase_resident(session, telegram_user_id=7, now=NOW)
    with sessions.begin() as session:
        seats_taken = session.get(Slot, future).seats_taken
        linked = session.scalar(
            select(func.count()).select_from(Booking).where(Booking.resident_id.is_not(None))
        )
        bookings = session.scalar(select(func.count()).select_from(Booking))
        residents = session.scalars(select(Resident.first_name)).all()
        # The freed seat goes to someone else.
        karim_books = book_seat(session, slot_id=future, resident_id=karim.id, now=NOW)

    assert (erased.cancelled_bookings, erased.anonymised_bookings) == (1, 2)
    assert seats_taken == 0 and residents == ["Karim"]
    assert (linked, bookings) == (0, 2)  # the counts per slot stay, nobody is named
    assert type(karim_books).__name__ == "Booked"


def test_erasing_a_stranger_changes_nothing(sessions):
    with sessions.begin() as session:
        assert erase_resident(session, telegram_user_id=99, now=NOW) is None

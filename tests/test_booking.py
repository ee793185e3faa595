"""Booking and cancelling seats, told as residents live them, on SQLite and on PostgreSQL."""

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from knowledge.catalogue import HostStructure, Typology
from scheduling import (
    AlreadyBooked,
    AlreadyCancelled,
    Booked,
    BookedBy,
    Booking,
    BookingStatus,
    Cancelled,
    CancelledBy,
    NaiveDatetimeError,
    NotFound,
    Overlaps,
    Resident,
    Slot,
    SlotFull,
    SlotStatus,
    SlotUnavailable,
    TooLate,
    UnavailableReason,
    UnknownResident,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
    book_seat,
    cancel_booking,
    next_slots,
    upcoming_bookings,
)
from scheduling.notification_models import REMINDER_KINDS, Notification
from scheduling.slot_details import SlotDetails, select_slots

# Monday 3 March 2025, 9:00 in Moissac (CET): the clock every story starts from.
NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


@dataclass
class Town:
    """What the stories need: Moissac's France Services, its taxes workshop and two residents."""

    moissac: int
    castelsarrasin: int
    taxes_workshop: int
    tuesday_taxes: int
    """Tuesday 4 March, 14:00-16:00 local time, 8 seats."""
    martine: int
    karim: int


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def town(sessions: sessionmaker[Session]) -> Town:
    with sessions.begin() as session:
        moissac = add_structure(session, name="France Services Moissac", commune_insee="82112")
        castelsarrasin = add_structure(
            session, name="Médiathèque de Castelsarrasin", commune_insee="82033"
        )
        workshop = add_workshop(
            session, structure_id=moissac, title="Déclarer ses revenus en ligne", themes=["impots"]
        )
        tuesday = add_slot(
            session, workshop_id=workshop, starts_at=NOW + timedelta(days=1, hours=5)
        )
        return Town(
            moissac=moissac,
            castelsarrasin=castelsarrasin,
            taxes_workshop=workshop,
            tuesday_taxes=tuesday,
            martine=add_resident(session, first_name="Martine", telegram_user_id=1001),
            karim=add_resident(session, first_name="Karim", telegram_user_id=1002),
        )


def add_structure(session: Session, *, name: str, commune_insee: str) -> int:
    structure = HostStructure(
        name=name,
        typology=Typology.FRANCE_SERVICES,
        address="1 place Roger Delthil",
        postal_code="82200",
        commune_insee=commune_insee,
        lat=44.104,
        lon=1.085,
    )
    session.add(structure)
    session.flush()
    return structure.id


def add_workshop(
    session: Session,
    *,
    structure_id: int,
    title: str,
    themes: list[str],
    kind: WorkshopKind = WorkshopKind.COLLECTIVE,
    is_demo: bool = False,
) -> int:
    workshop = Workshop(
        structure_id=structure_id,
        title=title,
        kind=kind,
        is_demo=is_demo,
        themes=[WorkshopTheme(theme=theme) for theme in themes],
    )
    session.add(workshop)
    session.flush()
    return workshop.id


def add_slot(
    session: Session,
    *,
    workshop_id: int,
    starts_at: datetime,
    capacity: int = 8,
    status: SlotStatus = SlotStatus.SCHEDULED,
) -> int:
    slot = Slot(
        workshop_id=workshop_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=capacity,
        status=status,
    )
    session.add(slot)
    session.flush()
    return slot.id


def add_resident(session: Session, *, first_name: str, telegram_user_id: int) -> int:
    resident = Resident(
        telegram_user_id=telegram_user_id,
        first_name=first_name,
        language="fr",
        created_at=NOW - timedelta(days=30),
        last_seen_at=NOW,
    )
    session.add(resident)
    session.flush()
    return resident.id


def seats_taken(sessions: sessionmaker[Session], slot_id: int) -> int:
    with sessions() as session:
        return session.scalar(select(Slot.seats_taken).where(Slot.id == slot_id))


def bookings_of(sessions: sessionmaker[Session], resident_id: int) -> list[Booking]:
    with sessions() as session:
        return list(
            session.scalars(
                select(Booking).where(Booking.resident_id == resident_id).order_by(Booking.id)
            )
        )


def book(sessions: sessionmaker[Session], slot_id: int, resident_id: int, *, now=NOW, **kwargs):
    with sessions.begin() as session:
        return book_seat(session, slot_id=slot_id, resident_id=resident_id, now=now, **kwargs)


def cancel(sessions: sessionmaker[Session], booking_id: int, resident_id: int, *, now=NOW, **kw):
    with sessions.begin() as session:
        return cancel_booking(
            session, booking_id=booking_id, resident_id=resident_id, now=now, **kw
        )


# --- booking ------------------------------------------------------------------------------------


def test_resident_books_taxes_workshop_in_moissac(sessions, town):
    outcome = book(sessions, town.tuesday_taxes, town.martine)

    assert isinstance(outcome, Booked)
    assert outcome.slot_id == town.tuesday_taxes
    assert outcome.seats_left == 7
    assert seats_taken(sessions, town.tuesday_taxes) == 1
    [booking] = bookings_of(sessions, town.martine)
    assert booking.id == outcome.booking_id
    assert booking.status == BookingStatus.BOOKED
    assert booking.booked_by == BookedBy.RESIDENT
    assert booking.created_at == NOW
    assert booking.cancelled_at is None


def test_a_booking_remembers_the_need_the_resident_came_for(sessions, town):
    for_taxes = book(sessions, town.tuesday_taxes, town.martine, need="impots")
    unsaid = book(sessions, town.tuesday_taxes, town.karim)

    assert (for_taxes.need, unsaid.need) == ("impots", None)
    assert [b.need for b in bookings_of(sessions, town.martine)] == ["impots"]
    assert [b.need for b in bookings_of(sessions, town.karim)] == [None]


def test_advisor_books_for_a_resident_at_the_desk(sessions, town):
    outcome = book(sessions, town.tuesday_taxes, town.karim, booked_by=BookedBy.ADVISOR)

    assert isinstance(outcome, Booked)
    [booking] = bookings_of(sessions, town.karim)
    assert booking.booked_by == BookedBy.ADVISOR


def test_second_tap_on_the_same_slot_books_nothing_more(sessions, town):
    first = book(sessions, town.tuesday_taxes, town.martine)
    second = book(sessions, town.tuesday_taxes, town.martine, now=NOW + timedelta(seconds=2))

    assert second == AlreadyBooked(booking_id=first.booking_id, slot_id=town.tuesday_taxes)
    assert seats_taken(sessions, town.tuesday_taxes) == 1
    assert len(bookings_of(sessions, town.martine)) == 1


def test_database_refuses_a_second_active_booking_that_slips_past_the_code(sessions, town):
    book(sessions, town.tuesday_taxes, town.martine)

    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.add(
            Booking(
                slot_id=town.tuesday_taxes,
                resident_id=town.martine,
                booked_by=BookedBy.ADMIN,
                created_at=NOW,
            )
        )


def test_last_seat_taken_turns_the_next_resident_away(sessions, town):
    with sessions.begin() as session:
        one_seat = add_slot(
            session, workshop_id=town.taxes_workshop, starts_at=NOW + timedelta(days=2), capacity=1
        )
    assert isinstance(book(sessions, one_seat, town.martine), Booked)

    assert book(sessions, one_seat, town.karim) == SlotFull(slot_id=one_seat)
    assert seats_taken(sessions, one_seat) == 1
    assert bookings_of(sessions, town.karim) == []


def test_already_booked_wins_over_full_when_martine_taps_the_full_slot_again(sessions, town):
    with sessions.begin() as session:
        one_seat = add_slot(
            session, workshop_id=town.taxes_workshop, starts_at=NOW + timedelta(days=2), capacity=1
        )
    booked = book(sessions, one_seat, town.martine)

    assert book(sessions, one_seat, town.martine) == AlreadyBooked(booked.booking_id, one_seat)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (SlotStatus.CANCELLED, UnavailableReason.CANCELLED),
        (SlotStatus.MOVED, UnavailableReason.MOVED),
    ],
)
def test_slot_called_off_by_the_structure_cannot_be_booked(sessions, town, status, reason):
    with sessions.begin() as session:
        slot = add_slot(
            session,
            workshop_id=town.taxes_workshop,
            starts_at=NOW + timedelta(days=3),
            status=status,
        )

    assert book(sessions, slot, town.martine) == SlotUnavailable(slot_id=slot, reason=reason)
    assert seats_taken(sessions, slot) == 0


@pytest.mark.parametrize("late_by", [timedelta(0), timedelta(minutes=30), timedelta(days=3)])
def test_workshop_that_has_started_or_is_over_cannot_be_booked(sessions, town, late_by):
    with sessions() as session:
        starts_at = session.get(Slot, town.tuesday_taxes).starts_at

    outcome = book(sessions, town.tuesday_taxes, town.martine, now=starts_at + late_by)

    assert outcome == SlotUnavailable(town.tuesday_taxes, UnavailableReason.STARTED)
    assert seats_taken(sessions, town.tuesday_taxes) == 0


def test_stale_button_for_a_deleted_slot_says_not_found(sessions, town):
    assert book(sessions, 999_999, town.martine) == SlotUnavailable(
        999_999, UnavailableReason.NOT_FOUND
    )


def test_unknown_resident_is_an_error_and_the_seat_is_given_back(sessions, town):
    with sessions.begin() as session:
        with pytest.raises(UnknownResident):
            book_seat(session, slot_id=town.tuesday_taxes, resident_id=424242, now=NOW)
        assert session.scalar(select(Slot.seats_taken).where(Slot.id == town.tuesday_taxes)) == 0


def test_a_clock_without_time_zone_is_refused(sessions, town):
    with sessions.begin() as session, pytest.raises(NaiveDatetimeError):
        book_seat(
            session,
            slot_id=town.tuesday_taxes,
            resident_id=town.martine,
            now=NOW.replace(tzinfo=None),
        )


def test_schema_refuses_more_seats_taken_than_capacity(sessions, town):
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.execute(
            update(Slot).where(Slot.id == town.tuesday_taxes).values(seats_taken=Slot.capacity + 1)
        )


def test_a_booking_says_when_the_reminders_it_queued_will_come(sessions, town):
    outcome = book(sessions, town.tuesday_taxes, town.martine)
    late = book(sessions, town.tuesday_taxes, town.karim, now=NOW + timedelta(days=1, hours=3))

    with sessions() as session:
        queued = session.scalars(
            select(Notification.due_at)
            .where(Notification.booking_id == outcome.booking_id)
            .where(Notification.kind.in_(REMINDER_KINDS))
            .order_by(Notification.due_at)
        ).all()
    # Monday 18:00 and Tuesday 12:00 in Moissac; Karim, booking on Tuesday at 12:00, gets none.
    assert (
        outcome.reminders
        == tuple(queued)
        == (
            datetime(2025, 3, 3, 17, 0, tzinfo=UTC),
            datetime(2025, 3, 4, 11, 0, tzinfo=UTC),
        )
    )
    assert late.reminders == ()


# --- one seat at a time -------------------------------------------------------------------------


def castelsarrasin_slot(sessions, town: Town, *, starts_at: datetime, hours: int = 2) -> int:
    """A workshop at the Castelsarrasin library (not Moissac's), `hours` long."""
    with sessions.begin() as session:
        workshop = add_workshop(
            session, structure_id=town.castelsarrasin, title="Ma boîte mail", themes=["courriel"]
        )
        slot = add_slot(session, workshop_id=workshop, starts_at=starts_at)
        session.get(Slot, slot).ends_at = starts_at + timedelta(hours=hours)
        return slot


TUESDAY_2PM = NOW + timedelta(days=1, hours=5)


def test_martine_cannot_book_a_second_workshop_elsewhere_at_the_same_hour(sessions, town):
    first = book(sessions, town.tuesday_taxes, town.martine)
    half_past = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM + timedelta(minutes=30))

    outcome = book(sessions, half_past, town.martine)

    assert isinstance(outcome, Overlaps)
    assert outcome.slot_id == half_past
    assert outcome.other.booking_id == first.booking_id
    assert outcome.other.slot.slot_id == town.tuesday_taxes
    assert outcome.other.slot.structure_name == "France Services Moissac"
    assert seats_taken(sessions, half_past) == 0
    assert len(bookings_of(sessions, town.martine)) == 1


@pytest.mark.parametrize(
    ("offset", "hours", "overlaps"),
    [
        (timedelta(hours=2), 2, False),  # starts as the first ends: back to back
        (timedelta(hours=-2), 2, False),  # ends as the first starts
        (timedelta(hours=1, minutes=59), 2, True),
        (timedelta(hours=-1), 4, True),  # around the first
        (timedelta(minutes=30), 1, True),  # within the first
    ],
)
def test_overlap_means_the_half_open_intervals_meet(sessions, town, offset, hours, overlaps):
    book(sessions, town.tuesday_taxes, town.martine)
    other = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM + offset, hours=hours)

    assert isinstance(book(sessions, other, town.martine), Overlaps) == overlaps


def test_the_same_hour_is_free_again_once_the_first_booking_is_cancelled(sessions, town):
    first = book(sessions, town.tuesday_taxes, town.martine)
    same_hour = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM)
    assert isinstance(cancel(sessions, first.booking_id, town.martine), Cancelled)

    assert isinstance(book(sessions, same_hour, town.martine), Booked)


def test_a_slot_cancelled_by_the_structure_does_not_hold_its_hour(sessions, town):
    book(sessions, town.tuesday_taxes, town.martine)
    with sessions.begin() as session:
        session.get(Slot, town.tuesday_taxes).status = SlotStatus.CANCELLED
    same_hour = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM)

    assert isinstance(book(sessions, same_hour, town.martine), Booked)


def test_another_resident_may_book_the_same_hour(sessions, town):
    book(sessions, town.tuesday_taxes, town.martine)
    same_hour = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM)

    assert isinstance(book(sessions, same_hour, town.karim), Booked)


def test_the_dates_offered_leave_out_those_martine_could_not_hold_with_hers(sessions, town):
    book(sessions, town.tuesday_taxes, town.martine)
    same_hour = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM + timedelta(minutes=30))
    right_after = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM + timedelta(hours=2))

    with sessions() as session:
        offered = next_slots(
            session,
            structure_ids=[town.moissac, town.castelsarrasin],
            theme=None,
            now=NOW,
            held_by=town.martine,
        )
        for_karim = next_slots(
            session, structure_ids=[town.castelsarrasin], theme=None, now=NOW, held_by=town.karim
        )

    assert [s.slot_id for s in offered[town.castelsarrasin]] == [right_after]
    assert town.tuesday_taxes not in [s.slot_id for s in offered[town.moissac]]
    assert [s.slot_id for s in for_karim[town.castelsarrasin]] == [same_hour, right_after]


def test_an_advisor_booking_over_an_existing_hour_is_warned_not_refused(sessions, town):
    first = book(sessions, town.tuesday_taxes, town.karim)
    same_hour = castelsarrasin_slot(sessions, town, starts_at=TUESDAY_2PM)

    outcome = book(sessions, same_hour, town.karim, booked_by=BookedBy.ADVISOR)

    assert isinstance(outcome, Booked)
    assert outcome.overlap.booking_id == first.booking_id
    assert len(bookings_of(sessions, town.karim)) == 2


# --- cancelling ---------------------------------------------------------------------------------


def test_martine_cancels_and_karim_gets_her_seat(sessions, town):
    with sessions.begin() as session:
        one_seat = add_slot(
            session, workshop_id=town.taxes_workshop, starts_at=NOW + timedelta(days=2), capacity=1
        )
    booked = book(sessions, one_seat, town.martine)
    assert isinstance(book(sessions, one_seat, town.karim), SlotFull)

    later = NOW + timedelta(hours=3)
    outcome = cancel(sessions, booked.booking_id, town.martine, now=later)

    assert outcome == Cancelled(booking_id=booked.booking_id, slot_id=one_seat, seats_left=1)
    [booking] = bookings_of(sessions, town.martine)
    assert booking.status == BookingStatus.CANCELLED_BY_RESIDENT
    assert booking.cancelled_at == later
    assert seats_taken(sessions, one_seat) == 0
    assert isinstance(book(sessions, one_seat, town.karim, now=later), Booked)


def test_cancelling_twice_says_already_cancelled_and_frees_only_one_seat(sessions, town):
    book(sessions, town.tuesday_taxes, town.karim)
    booked = book(sessions, town.tuesday_taxes, town.martine)
    cancel(sessions, booked.booking_id, town.martine)

    again = cancel(sessions, booked.booking_id, town.martine)

    assert again == AlreadyCancelled(booked.booking_id, BookingStatus.CANCELLED_BY_RESIDENT)
    assert seats_taken(sessions, town.tuesday_taxes) == 1


def test_resident_who_cancelled_can_book_the_same_slot_again(sessions, town):
    first = book(sessions, town.tuesday_taxes, town.martine)
    cancel(sessions, first.booking_id, town.martine)

    second = book(sessions, town.tuesday_taxes, town.martine)

    assert isinstance(second, Booked)
    assert second.booking_id != first.booking_id
    assert seats_taken(sessions, town.tuesday_taxes) == 1


def test_karim_cannot_cancel_martines_booking(sessions, town):
    booked = book(sessions, town.tuesday_taxes, town.martine)

    assert cancel(sessions, booked.booking_id, town.karim) == NotFound(booked.booking_id)
    assert cancel(sessions, 999_999, town.karim) == NotFound(999_999)
    assert seats_taken(sessions, town.tuesday_taxes) == 1


def test_cancelling_once_the_workshop_has_started_is_too_late(sessions, town):
    booked = book(sessions, town.tuesday_taxes, town.martine)
    with sessions() as session:
        starts_at = session.get(Slot, town.tuesday_taxes).starts_at

    outcome = cancel(
        sessions, booked.booking_id, town.martine, now=starts_at + timedelta(minutes=5)
    )

    assert outcome == TooLate(booking_id=booked.booking_id, starts_at=starts_at)
    assert seats_taken(sessions, town.tuesday_taxes) == 1
    assert bookings_of(sessions, town.martine)[0].status == BookingStatus.BOOKED


def test_cancelling_within_the_notice_period_is_too_late(sessions, town):
    booked = book(sessions, town.tuesday_taxes, town.martine)
    with sessions() as session:
        starts_at = session.get(Slot, town.tuesday_taxes).starts_at
    one_hour_before = starts_at - timedelta(hours=1)

    too_late = cancel(
        sessions,
        booked.booking_id,
        town.martine,
        now=one_hour_before,
        min_notice=timedelta(hours=2),
    )
    in_time = cancel(
        sessions, booked.booking_id, town.martine, now=one_hour_before, min_notice=timedelta(0)
    )

    assert isinstance(too_late, TooLate)
    assert isinstance(in_time, Cancelled)


def test_structure_cancels_a_booking_on_behalf_of_the_service(sessions, town):
    booked = book(sessions, town.tuesday_taxes, town.martine)

    outcome = cancel(sessions, booked.booking_id, town.martine, by=CancelledBy.SERVICE)

    assert isinstance(outcome, Cancelled)
    assert bookings_of(sessions, town.martine)[0].status == BookingStatus.CANCELLED_BY_SERVICE


# --- what the screens show ----------------------------------------------------------------------


def test_upcoming_list_shows_martines_next_workshops_soonest_first(sessions, town):
    with sessions.begin() as session:
        friday = add_slot(
            session, workshop_id=town.taxes_workshop, starts_at=NOW + timedelta(days=4)
        )
        yesterday = add_slot(
            session, workshop_id=town.taxes_workshop, starts_at=NOW - timedelta(days=1)
        )
        ameli = add_workshop(
            session, structure_id=town.castelsarrasin, title="Mon compte Ameli", themes=["sante"]
        )
        wednesday_ameli = add_slot(
            session, workshop_id=ameli, starts_at=NOW + timedelta(days=2), capacity=1
        )
    tuesday = book(sessions, town.tuesday_taxes, town.martine)
    cancelled = book(sessions, friday, town.martine)
    cancel(sessions, cancelled.booking_id, town.martine)
    wednesday = book(sessions, wednesday_ameli, town.martine)
    book(sessions, town.tuesday_taxes, town.karim)
    book(sessions, yesterday, town.martine, now=NOW - timedelta(days=2))

    with sessions() as session:
        views = upcoming_bookings(session, resident_id=town.martine, now=NOW)

    assert [view.booking_id for view in views] == [tuesday.booking_id, wednesday.booking_id]
    first, second = (view.slot for view in views)
    assert first.starts_at == NOW + timedelta(days=1, hours=5)
    assert first.ends_at == NOW + timedelta(days=1, hours=7)
    assert first.workshop_title == "Déclarer ses revenus en ligne"
    assert first.workshop_kind == WorkshopKind.COLLECTIVE
    assert first.themes == ("impots",)
    assert first.structure_id == town.moissac
    assert first.structure_name == "France Services Moissac"
    assert first.structure_address == "1 place Roger Delthil"
    assert first.structure_postal_code == "82200"
    assert first.structure_timezone == "Europe/Paris"
    assert first.seats_left == 6
    assert first.status == SlotStatus.SCHEDULED
    assert second.structure_name == "Médiathèque de Castelsarrasin"
    assert second.seats_left == 0


def test_every_query_of_slots_reads_the_fields_of_slot_details_in_their_order():
    # `SlotDetails.from_row` maps by position: a column out of place would read silently wrong.
    columns = [column.name for column in select_slots().selected_columns]
    assert columns == [field.name for field in fields(SlotDetails)]


def test_next_slots_offers_each_structure_its_soonest_taxes_sessions(sessions, town):
    with sessions.begin() as session:
        taxes = town.taxes_workshop
        later = [
            add_slot(session, workshop_id=taxes, starts_at=NOW + timedelta(days=day))
            for day in (9, 2, 5)
        ]
        add_slot(session, workshop_id=taxes, starts_at=NOW - timedelta(hours=1))
        add_slot(
            session,
            workshop_id=taxes,
            starts_at=NOW + timedelta(hours=2),
            status=SlotStatus.CANCELLED,
        )
        full = add_slot(session, workshop_id=taxes, starts_at=NOW + timedelta(hours=4), capacity=1)
        caf = add_workshop(
            session, structure_id=town.castelsarrasin, title="Espace CAF", themes=["caf"]
        )
        add_slot(session, workshop_id=caf, starts_at=NOW + timedelta(days=1))
        permanence = add_workshop(
            session,
            structure_id=town.castelsarrasin,
            title="Permanence impôts et CAF",
            themes=["impots", "caf"],
            kind=WorkshopKind.INDIVIDUAL,
        )
        permanence_slot = add_slot(
            session, workshop_id=permanence, starts_at=NOW + timedelta(days=3), capacity=1
        )
        demo = add_workshop(
            session, structure_id=town.castelsarrasin, title="Démo", themes=["impots"], is_demo=True
        )
        add_slot(session, workshop_id=demo, starts_at=NOW + timedelta(hours=1))
    book(sessions, full, town.karim)

    with sessions() as session:
        offer = next_slots(
            session,
            structure_ids=[town.castelsarrasin, town.moissac, 404],
            theme="impots",
            now=NOW,
        )
        bookable_only = next_slots(
            session, structure_ids=[town.moissac], theme="impots", now=NOW, include_full=False
        )

    assert list(offer) == [town.castelsarrasin, town.moissac, 404]
    assert [slot.slot_id for slot in offer[town.moissac]] == [full, town.tuesday_taxes, later[1]]
    assert [slot.is_full for slot in offer[town.moissac]] == [True, False, False]
    assert offer[town.moissac][0].seats_left == 0
    [castelsarrasin] = offer[town.castelsarrasin]
    assert castelsarrasin.slot_id == permanence_slot
    assert castelsarrasin.workshop_kind == WorkshopKind.INDIVIDUAL
    assert castelsarrasin.themes == ("caf", "impots")
    assert castelsarrasin.structure_timezone == "Europe/Paris"
    assert offer[404] == []
    assert [slot.slot_id for slot in bookable_only[town.moissac]] == [
        town.tuesday_taxes,
        later[1],
        later[2],
    ]

"""Advisors on Telegram: told of bookings and cancellations as their level asks, and sent their
day's agenda at 08:00 local time. SQLite and PostgreSQL.

Nadia, conseillère numérique at France Services Moissac, runs the taxes workshop on Thursday
6 March 2025 at 14:00 (CET).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from scheduling_world import (
    MONDAY_9AM,
    FakeTelegram,
    add_advisor,
    add_resident,
    add_slot,
    add_structure,
    add_workshop,
    book,
    deliver,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from scheduling import (
    AdvisorChangeMessage,
    AgendaMessage,
    BookingChange,
    Linked,
    LinkRefused,
    NotificationKind,
    cancel_booking,
    confirm_attendance,
    daily_agenda,
    link_advisor,
    queue_daily_agendas,
    set_notification_level,
)
from scheduling.advisor_models import NotificationLevel

NADIA = 9001
MARTINE, KARIM = 1001, 1002
THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)
THURSDAY = date(2025, 3, 6)
THURSDAY_8AM = datetime(2025, 3, 6, 7, 0, tzinfo=UTC)  # 08:00 CET


@dataclass
class Nadia:
    sessions: sessionmaker[Session]
    advisor: int
    other_advisor: int
    structure: int
    thursday: int
    thursday_morning: int
    friday: int
    someone_elses: int
    martine: int
    karim: int


@pytest.fixture
def nadia(engine: Engine) -> Nadia:
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        structure = add_structure(session)
        advisor = add_advisor(session, first_name="Nadia", telegram_user_id=NADIA)
        other = add_advisor(session, first_name="Paul", telegram_user_id=9002)
        workshop = add_workshop(session, structure_id=structure, advisor_id=advisor)
        email = add_workshop(
            session,
            structure_id=structure,
            title="Créer sa boîte mail",
            themes=("courriel",),
            advisor_id=advisor,
        )
        pauls = add_workshop(session, structure_id=structure, advisor_id=other)
        return Nadia(
            sessions=sessions,
            advisor=advisor,
            other_advisor=other,
            structure=structure,
            thursday=add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM),
            thursday_morning=add_slot(
                session, workshop_id=email, starts_at=THURSDAY_8AM + timedelta(hours=2)
            ),
            friday=add_slot(
                session, workshop_id=workshop, starts_at=THURSDAY_2PM + timedelta(days=1)
            ),
            someone_elses=add_slot(session, workshop_id=pauls, starts_at=THURSDAY_2PM),
            martine=add_resident(session, first_name="Martine", telegram_user_id=MARTINE),
            karim=add_resident(session, first_name="Karim", telegram_user_id=KARIM),
        )


def set_level(town: Nadia, level: NotificationLevel) -> None:
    with town.sessions.begin() as session:
        assert set_notification_level(session, advisor_id=town.advisor, level=level)


def to_nadia(town: Nadia, *, now: datetime) -> list:
    return [s for s in deliver(town.sessions, FakeTelegram(), now=now) if s.chat_id == NADIA]


def test_nadia_is_told_at_once_who_booked_which_need_and_seats_left(nadia):
    booked = book(
        nadia.sessions,
        slot_id=nadia.thursday,
        resident_id=nadia.martine,
        now=MONDAY_9AM,
        need="impots",
    )

    [sent] = to_nadia(nadia, now=MONDAY_9AM)

    assert sent.kind == NotificationKind.ADVISOR_BOOKED
    assert sent.message == AdvisorChangeMessage(
        change=BookingChange.BOOKED,
        booking_id=booked.booking_id,
        first_name="Martine",
        slot=sent.message.slot,
        seats_left=7,
        need="impots",
    )
    assert sent.message.slot.themes == ("impots",)
    assert sent.message.slot.starts_at == THURSDAY_2PM


def test_nadia_is_told_of_a_cancellation_with_the_seats_left(nadia):
    booked = book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.martine, now=MONDAY_9AM)
    book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.karim, now=MONDAY_9AM)
    to_nadia(nadia, now=MONDAY_9AM)
    later = MONDAY_9AM + timedelta(hours=1)
    with nadia.sessions.begin() as session:
        cancel_booking(session, booking_id=booked.booking_id, resident_id=nadia.martine, now=later)

    [sent] = to_nadia(nadia, now=later)

    assert sent.kind == NotificationKind.ADVISOR_CANCELLED
    assert (sent.message.change, sent.message.first_name, sent.message.seats_left) == (
        BookingChange.CANCELLED,
        "Martine",
        7,
    )


def test_a_booking_cancelled_before_nadia_heard_of_it_is_never_mentioned(nadia):
    booked = book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.martine, now=MONDAY_9AM)
    with nadia.sessions.begin() as session:
        cancel_booking(
            session, booking_id=booked.booking_id, resident_id=nadia.martine, now=MONDAY_9AM
        )

    assert to_nadia(nadia, now=MONDAY_9AM) == []


def test_same_day_level_tells_only_changes_to_todays_sessions(nadia):
    set_level(nadia, NotificationLevel.SAME_DAY)
    book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.martine, now=MONDAY_9AM)
    assert to_nadia(nadia, now=MONDAY_9AM) == []

    book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.karim, now=THURSDAY_8AM)
    book(nadia.sessions, slot_id=nadia.friday, resident_id=nadia.karim, now=THURSDAY_8AM)
    [sent] = to_nadia(nadia, now=THURSDAY_8AM)

    assert (sent.message.first_name, sent.message.slot.slot_id) == ("Karim", nadia.thursday)


def test_level_none_tells_nothing_and_sends_no_agenda(nadia):
    set_level(nadia, NotificationLevel.NONE)
    book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.martine, now=MONDAY_9AM)
    with nadia.sessions.begin() as session:
        queue_daily_agendas(session, now=THURSDAY_8AM)

    assert to_nadia(nadia, now=MONDAY_9AM) == []
    assert to_nadia(nadia, now=THURSDAY_8AM) == []


def test_an_advisor_not_on_telegram_is_told_nothing_until_linked(nadia):
    with nadia.sessions.begin() as session:
        assert link_advisor(session, advisor_id=nadia.advisor, telegram_user_id=None) == Linked(
            nadia.advisor, None
        )
    book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.martine, now=MONDAY_9AM)
    assert to_nadia(nadia, now=MONDAY_9AM) == []

    with nadia.sessions.begin() as session:
        linked = link_advisor(session, advisor_id=nadia.advisor, telegram_user_id=NADIA)
        taken = link_advisor(session, advisor_id=nadia.other_advisor, telegram_user_id=NADIA)
        unknown = link_advisor(session, advisor_id=999_999, telegram_user_id=1)
    book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.karim, now=MONDAY_9AM)

    assert linked == Linked(nadia.advisor, NADIA)
    assert taken == LinkRefused.TELEGRAM_ID_TAKEN
    assert unknown == LinkRefused.UNKNOWN_ADVISOR
    assert [s.message.first_name for s in to_nadia(nadia, now=MONDAY_9AM)] == ["Karim"]


# --- the daily agenda ---------------------------------------------------------------------------


def test_nadia_gets_her_agenda_at_eight_with_attendees_and_needs(nadia):
    book(
        nadia.sessions,
        slot_id=nadia.thursday,
        resident_id=nadia.martine,
        now=MONDAY_9AM,
        need="impots",
    )
    karim = book(nadia.sessions, slot_id=nadia.thursday, resident_id=nadia.karim, now=MONDAY_9AM)
    book(nadia.sessions, slot_id=nadia.someone_elses, resident_id=nadia.martine, now=MONDAY_9AM)
    with nadia.sessions.begin() as session:
        confirm_attendance(
            session, booking_id=karim.booking_id, resident_id=nadia.karim, now=MONDAY_9AM
        )
    to_nadia(nadia, now=MONDAY_9AM)  # the booking notices

    with nadia.sessions.begin() as session:
        early = queue_daily_agendas(session, now=THURSDAY_8AM - timedelta(minutes=1))
        on_time = queue_daily_agendas(session, now=THURSDAY_8AM)
        again = queue_daily_agendas(session, now=THURSDAY_8AM + timedelta(minutes=1))
    [sent] = to_nadia(nadia, now=THURSDAY_8AM + timedelta(minutes=1))

    assert (early, on_time, again) == (0, 2, 0)  # Nadia's and Paul's
    assert sent.kind == NotificationKind.ADVISOR_AGENDA
    assert isinstance(sent.message, AgendaMessage)
    agenda = sent.message.agenda
    assert (agenda.advisor_id, agenda.day) == (nadia.advisor, THURSDAY)
    assert [(s.slot.slot_id, s.slot.themes) for s in agenda.sessions] == [
        (nadia.thursday_morning, ("courriel",)),
        (nadia.thursday, ("impots",)),
    ]
    assert [(a.first_name, a.confirmed, a.need) for a in agenda.sessions[1].attendees] == [
        ("Martine", False, "impots"),
        ("Karim", True, None),  # did not say: the workshop's themes stand for his need
    ]
    assert agenda.sessions[0].attendees == ()


def test_a_late_start_still_sends_the_agenda_until_the_last_session_begins(nadia):
    with nadia.sessions.begin() as session:
        at_noon = queue_daily_agendas(session, now=THURSDAY_8AM + timedelta(hours=4))
    with nadia.sessions.begin() as session:
        too_late = queue_daily_agendas(session, now=THURSDAY_2PM)

    assert (at_noon, too_late) == (2, 0)  # Nadia's and Paul's
    [sent] = to_nadia(nadia, now=THURSDAY_8AM + timedelta(hours=4))
    assert [s.slot.slot_id for s in sent.message.agenda.sessions] == [
        nadia.thursday_morning,
        nadia.thursday,
    ]


def test_no_agenda_on_a_day_without_sessions(nadia):
    with nadia.sessions.begin() as session:
        assert queue_daily_agendas(session, now=THURSDAY_8AM - timedelta(days=1)) == 0


def test_agenda_at_eight_local_time_overseas(engine):
    """At La Réunion (UTC+4), 08:00 is 04:00 UTC."""
    zone = ZoneInfo("Indian/Reunion")
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        structure = add_structure(session, name="Médiathèque de Saint-Pierre", timezone=zone.key)
        advisor = add_advisor(session, telegram_user_id=NADIA)
        workshop = add_workshop(session, structure_id=structure, advisor_id=advisor)
        add_slot(
            session,
            workshop_id=workshop,
            starts_at=datetime.combine(THURSDAY, time(9, 30), tzinfo=zone).astimezone(UTC),
        )
    eight = datetime.combine(THURSDAY, time(8), tzinfo=zone).astimezone(UTC)

    with sessions.begin() as session:
        assert eight == datetime(2025, 3, 6, 4, 0, tzinfo=UTC)
        assert queue_daily_agendas(session, now=eight - timedelta(seconds=1)) == 0
        assert queue_daily_agendas(session, now=eight) == 1
        agenda = daily_agenda(session, advisor_id=advisor, day=THURSDAY, now=eight)
    assert len(agenda.sessions) == 1

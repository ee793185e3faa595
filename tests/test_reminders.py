"""Reminders to residents, told as residents live them, on SQLite and on PostgreSQL.

Martine books the taxes workshop in Moissac, Thursday 6 March 2025 at 14:00 (CET). She is
reminded on Wednesday at 18:00 and on Thursday at 12:00, once each, whatever the bot goes
through in between; the clock is a value the tests move, nothing sleeps.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from scheduling_world import (
    MONDAY_9AM,
    FakeTelegram,
    add_resident,
    add_slot,
    add_structure,
    add_workshop,
    book,
    booking,
    deliver,
    outbox,
    statuses,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from knowledge.themes import theme_by_slug
from scheduling import (
    AlreadyCancelled,
    Booked,
    BookedBy,
    Cancelled,
    Confirmed,
    DropReason,
    NotFound,
    NotificationKind,
    NotificationStatus,
    Policy,
    ReminderMessage,
    ReminderPolicy,
    Resident,
    cancel_booking,
    confirm_attendance,
    reminder_times,
)
from scheduling.residents import ensure_resident
from scheduling.slot_details import booking_needs

DAY_BEFORE = NotificationKind.REMINDER_DAY_BEFORE
TWO_HOURS = NotificationKind.REMINDER_HOURS_BEFORE
THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)  # 14:00 CET
WEDNESDAY_6PM = datetime(2025, 3, 5, 17, 0, tzinfo=UTC)  # 18:00 CET
THURSDAY_NOON = datetime(2025, 3, 6, 11, 0, tzinfo=UTC)  # 12:00 CET
MARTINE, KARIM = 1001, 1002


@dataclass
class Moissac:
    sessions: sessionmaker[Session]
    structure: int
    workshop: int
    thursday: int
    martine: int
    karim: int


@pytest.fixture
def moissac(engine: Engine) -> Moissac:
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        structure = add_structure(session)
        workshop = add_workshop(session, structure_id=structure)
        return Moissac(
            sessions=sessions,
            structure=structure,
            workshop=workshop,
            thursday=add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM),
            martine=add_resident(session, first_name="Martine", telegram_user_id=MARTINE),
            karim=add_resident(session, first_name="Karim", telegram_user_id=KARIM),
        )


def martine_books(town: Moissac, *, now: datetime = MONDAY_9AM, **kw) -> int:
    outcome = book(town.sessions, slot_id=town.thursday, resident_id=town.martine, now=now, **kw)
    assert isinstance(outcome, Booked)
    return outcome.booking_id


def test_martine_is_reminded_on_wednesday_evening_and_thursday_noon(moissac):
    booking_id = martine_books(moissac)
    telegram = FakeTelegram()

    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM - timedelta(seconds=1)) == []
    [evening] = deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM)
    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(minutes=1)) == []
    [noon] = deliver(moissac.sessions, telegram, now=THURSDAY_NOON)
    assert deliver(moissac.sessions, telegram, now=THURSDAY_2PM - timedelta(minutes=1)) == []

    assert (evening.chat_id, evening.kind) == (MARTINE, DAY_BEFORE)
    assert (noon.chat_id, noon.kind) == (MARTINE, TWO_HOURS)
    message = evening.message
    assert isinstance(message, ReminderMessage)
    assert message.booking_id == booking_id
    assert message.confirmed is False
    # Date, place and what to bring: the facts the reminder repeats.
    assert message.slot.starts_at == THURSDAY_2PM
    assert message.slot.starts_at.astimezone(ZoneInfo("Europe/Paris")).hour == 14
    assert message.slot.structure_name == "France Services Moissac"
    assert message.slot.structure_address == "1 place Roger Delthil"
    assert message.slot.workshop_title == "Déclarer ses revenus en ligne"
    assert [theme_by_slug(t).what_to_bring for t in message.slot.themes] == [
        "Votre numéro fiscal et votre dernier avis d'impôt."
    ]
    assert statuses(moissac.sessions, booking_id=booking_id) == [NotificationStatus.SENT] * 2


def test_a_taxes_booking_on_a_slot_of_many_themes_is_reminded_of_taxes_only(moissac):
    with moissac.sessions.begin() as session:
        permanence = add_workshop(
            session,
            structure_id=moissac.structure,
            title="Permanence numérique",
            themes=("caf", "impots", "papiers"),
        )
        slot = add_slot(session, workshop_id=permanence, starts_at=THURSDAY_2PM)
    book(moissac.sessions, slot_id=slot, resident_id=moissac.martine, now=MONDAY_9AM, need="impots")
    book(moissac.sessions, slot_id=slot, resident_id=moissac.karim, now=MONDAY_9AM)
    telegram = FakeTelegram()

    sent = deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM)
    sent += deliver(moissac.sessions, telegram, now=THURSDAY_NOON)

    needs = {
        (s.chat_id, s.kind): booking_needs(s.message.slot.themes, s.message.need) for s in sent
    }
    assert needs == {
        (MARTINE, DAY_BEFORE): ("impots",),
        (MARTINE, TWO_HOURS): ("impots",),
        # Karim did not say what for: his reminders speak of every theme of the slot.
        (KARIM, DAY_BEFORE): ("caf", "impots", "papiers"),
        (KARIM, TWO_HOURS): ("caf", "impots", "papiers"),
    }


def test_reminders_are_one_row_per_booking_and_kind(moissac):
    booking_id = martine_books(moissac)

    rows = outbox(moissac.sessions, booking_id=booking_id)

    assert [(row.kind, row.due_at, row.expires_at) for row in rows] == [
        (DAY_BEFORE, WEDNESDAY_6PM, WEDNESDAY_6PM + timedelta(hours=6)),
        (TWO_HOURS, THURSDAY_NOON, THURSDAY_2PM),
    ]
    assert [row.key for row in rows] == [
        f"reminder_day_before:b{booking_id}:s{moissac.thursday}",
        f"reminder_hours_before:b{booking_id}:s{moissac.thursday}",
    ]


def test_booking_made_on_wednesday_night_gets_only_the_two_hour_reminder(moissac):
    martine_books(moissac, now=WEDNESDAY_6PM + timedelta(hours=3))
    telegram = FakeTelegram()

    for hour in range(0, 20):
        deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(hours=hour))

    assert telegram.kinds_to(MARTINE) == [TWO_HOURS]


def test_booking_made_an_hour_before_gets_no_reminder(moissac):
    martine_books(moissac, now=THURSDAY_2PM - timedelta(hours=1))

    assert deliver(moissac.sessions, FakeTelegram(), now=THURSDAY_2PM) == []
    assert outbox(moissac.sessions, resident_id=moissac.martine) == []


def test_reminders_follow_the_configured_policy(moissac):
    policy = Policy(reminders=ReminderPolicy(day_before_at=time(17, 30), hours_before=None))
    booking_id = martine_books(moissac, policy=policy)

    [row] = outbox(moissac.sessions, booking_id=booking_id)

    assert (row.kind, row.due_at) == (DAY_BEFORE, WEDNESDAY_6PM - timedelta(minutes=30))


def test_a_cancelled_booking_is_never_reminded(moissac):
    booking_id = martine_books(moissac)
    with moissac.sessions.begin() as session:
        outcome = cancel_booking(
            session, booking_id=booking_id, resident_id=moissac.martine, now=MONDAY_9AM
        )
    assert isinstance(outcome, Cancelled)
    telegram = FakeTelegram()

    for hours in range(0, 80, 2):
        deliver(moissac.sessions, telegram, now=MONDAY_9AM + timedelta(hours=hours))

    assert telegram.sent == []
    rows = outbox(moissac.sessions, booking_id=booking_id)
    assert {(row.status, row.drop_reason) for row in rows} == {
        (NotificationStatus.DROPPED, DropReason.BOOKING_CANCELLED)
    }


def test_je_viens_is_recorded_and_the_next_reminder_knows_it(moissac):
    booking_id = martine_books(moissac)
    telegram = FakeTelegram()
    deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM)
    tap = WEDNESDAY_6PM + timedelta(minutes=2)

    with moissac.sessions.begin() as session:
        first = confirm_attendance(
            session, booking_id=booking_id, resident_id=moissac.martine, now=tap
        )
        again = confirm_attendance(
            session, booking_id=booking_id, resident_id=moissac.martine, now=tap + timedelta(1)
        )
        karim_tries = confirm_attendance(
            session, booking_id=booking_id, resident_id=moissac.karim, now=tap
        )

    assert first == again == Confirmed(booking_id, moissac.thursday, THURSDAY_2PM, tap)
    assert karim_tries == NotFound(booking_id)
    assert booking(moissac.sessions, booking_id).confirmed_at == tap
    [noon] = deliver(moissac.sessions, telegram, now=THURSDAY_NOON)
    assert noon.message.confirmed is True


def test_je_ne_peux_plus_venir_frees_the_seat_and_silences_the_last_reminder(moissac):
    booking_id = martine_books(moissac)
    telegram = FakeTelegram()
    deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM)
    tap = WEDNESDAY_6PM + timedelta(minutes=5)

    with moissac.sessions.begin() as session:
        outcome = cancel_booking(
            session, booking_id=booking_id, resident_id=moissac.martine, now=tap
        )
        late_confirm = confirm_attendance(
            session, booking_id=booking_id, resident_id=moissac.martine, now=tap
        )

    assert outcome == Cancelled(booking_id=booking_id, slot_id=moissac.thursday, seats_left=8)
    assert isinstance(late_confirm, AlreadyCancelled)
    assert deliver(moissac.sessions, telegram, now=THURSDAY_NOON) == []
    assert telegram.kinds_to(MARTINE) == [DAY_BEFORE]


def test_after_a_restart_due_reminders_are_sent_once_and_stale_ones_never(moissac):
    """The bot stops on Wednesday at 17:00 CET and starts again at 21:30 CET."""
    bookings = [martine_books(moissac)]
    with moissac.sessions.begin() as session:
        residents = [
            add_resident(session, first_name=f"Habitant {n}", telegram_user_id=2000 + n)
            for n in range(5)
        ]
    bookings += [
        book(moissac.sessions, slot_id=moissac.thursday, resident_id=r, now=MONDAY_9AM).booking_id
        for r in residents
    ]
    telegram = FakeTelegram()
    deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM - timedelta(hours=1))  # last run

    restart = WEDNESDAY_6PM + timedelta(hours=3, minutes=30)
    sent = deliver(moissac.sessions, telegram, now=restart)
    deliver(moissac.sessions, telegram, now=restart + timedelta(minutes=1))

    assert sorted(s.message.booking_id for s in sent) == sorted(bookings)
    assert {s.kind for s in sent} == {DAY_BEFORE}
    assert set(telegram.times_sent().values()) == {1}


def test_reminders_too_late_are_dropped_never_sent(moissac):
    """Down from Wednesday 17:00 to Thursday 06:00 (past the evening reminder's grace), then
    from Thursday 11:30 until after the start."""
    booking_id = martine_books(moissac)
    telegram = FakeTelegram()

    deliver(moissac.sessions, telegram, now=THURSDAY_2PM - timedelta(hours=8))
    assert telegram.sent == []
    morning_rows = outbox(moissac.sessions, booking_id=booking_id)
    assert (morning_rows[0].status, morning_rows[0].drop_reason) == (
        NotificationStatus.DROPPED,
        DropReason.EXPIRED,
    )
    assert morning_rows[1].status == NotificationStatus.PENDING

    deliver(moissac.sessions, telegram, now=THURSDAY_2PM + timedelta(minutes=1))
    assert telegram.sent == []
    assert [(r.status, r.drop_reason) for r in outbox(moissac.sessions, booking_id=booking_id)] == [
        (NotificationStatus.DROPPED, DropReason.EXPIRED)
    ] * 2


def test_resident_who_blocked_the_bot_is_marked_unreachable_and_not_retried(moissac):
    booking_id = martine_books(moissac)
    telegram = FakeTelegram(blocked={MARTINE})

    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM) == []
    for hours in range(1, 24):
        deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(hours=hours))

    assert telegram.attempts == 1
    with moissac.sessions() as session:
        assert session.get(Resident, moissac.martine).unreachable is True
    assert [(r.status, r.drop_reason) for r in outbox(moissac.sessions, booking_id=booking_id)] == [
        (NotificationStatus.UNREACHABLE, None),
        (NotificationStatus.DROPPED, DropReason.UNREACHABLE),
    ]

    # She unblocks the bot and writes to it: she is reachable again, and reminded again.
    back = THURSDAY_NOON - timedelta(hours=3)
    with moissac.sessions.begin() as session:
        ensure_resident(
            session, telegram_user_id=MARTINE, first_name="Martine", language="fr", now=back
        )
        cancel_booking(session, booking_id=booking_id, resident_id=moissac.martine, now=back)
    martine_books(moissac, now=back)
    telegram.blocked.clear()
    assert [s.kind for s in deliver(moissac.sessions, telegram, now=THURSDAY_NOON)] == [TWO_HOURS]


def test_network_errors_are_retried_with_backoff_and_sent_once(moissac):
    martine_books(moissac)
    telegram = FakeTelegram(network_failures=2)

    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM) == []
    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(seconds=29)) == []
    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(seconds=30)) == []
    # Second failure: one minute of backoff this time.
    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(seconds=89)) == []
    [sent] = deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(seconds=90))

    assert sent.kind == DAY_BEFORE
    assert telegram.attempts == 3
    [row, _] = outbox(moissac.sessions, resident_id=moissac.martine)
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 3)


def test_retry_after_is_waited_out(moissac):
    martine_books(moissac)
    telegram = FakeTelegram(retry_after=20)

    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM) == []
    assert deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(seconds=19)) == []
    [sent] = deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(seconds=20))

    assert sent.kind == DAY_BEFORE


def test_a_message_that_keeps_failing_is_given_up(moissac):
    martine_books(moissac)
    telegram = FakeTelegram(network_failures=100)

    for minutes in range(0, 6 * 60, 1):
        deliver(moissac.sessions, telegram, now=WEDNESDAY_6PM + timedelta(minutes=minutes))

    assert telegram.attempts == 6
    assert statuses(moissac.sessions, kind=DAY_BEFORE) == [NotificationStatus.FAILED]


# --- the week the clocks change -----------------------------------------------------------------


def week_of(monday: date) -> list[date]:
    return [monday + timedelta(days=n) for n in range(8)]  # Monday to the next Monday


@pytest.mark.parametrize(
    ("timezone", "monday"),
    [
        pytest.param("Europe/Paris", date(2025, 3, 24), id="paris-spring-forward"),
        pytest.param("Europe/Paris", date(2025, 10, 20), id="paris-fall-back"),
        pytest.param("Indian/Reunion", date(2025, 3, 24), id="la-reunion"),
        pytest.param("America/Guadeloupe", date(2025, 10, 20), id="guadeloupe"),
    ],
)
def test_dst_week_reminders_stay_at_six_pm_the_day_before_and_two_hours_before(
    engine, timezone, monday
):
    """A workshop at 09:30 local every day of the week the clocks change (Sunday), and the
    Monday after: each reminder arrives at 18:00 local the day before and at 07:30 local."""
    zone = ZoneInfo(timezone)
    sessions = make_sessionmaker(engine)
    booked_at = datetime.combine(monday - timedelta(days=7), time(12), tzinfo=zone)
    with sessions.begin() as session:
        structure = add_structure(session, timezone=timezone)
        workshop = add_workshop(session, structure_id=structure)
        martine = add_resident(session, first_name="Martine", telegram_user_id=MARTINE)
        slots = {
            day: add_slot(
                session,
                workshop_id=workshop,
                starts_at=datetime.combine(day, time(9, 30), tzinfo=zone).astimezone(UTC),
            )
            for day in week_of(monday)
        }
    for slot_id in slots.values():
        assert isinstance(
            # A week of workshops for one person: more than a resident's limit, as an advisor
            # would book it.
            book(
                sessions,
                slot_id=slot_id,
                resident_id=martine,
                now=booked_at,
                booked_by=BookedBy.ADVISOR,
            ),
            Booked,
        )

    telegram = FakeTelegram()
    clock = datetime.combine(monday - timedelta(days=1), time(12), tzinfo=zone).astimezone(UTC)
    while clock < datetime.combine(monday + timedelta(days=8), time(0), tzinfo=zone):
        deliver(sessions, telegram, now=clock)
        clock += timedelta(minutes=15)

    slot_day = {slot_id: day for day, slot_id in slots.items()}
    received = sorted(
        (slot_day[sent.message.slot.slot_id], sent.kind, sent.at.astimezone(zone))
        for sent in telegram.sent
    )
    expected = sorted(
        [(day, DAY_BEFORE, datetime.combine(day - timedelta(1), time(18), tzinfo=zone))
         for day in week_of(monday)]
        + [(day, TWO_HOURS, datetime.combine(day, time(7, 30), tzinfo=zone))
           for day in week_of(monday)]
    )  # fmt: skip
    assert [(d, k, t.date(), t.timetz().replace(tzinfo=None)) for d, k, t in received] == [
        (d, k, t.date(), t.timetz().replace(tzinfo=None)) for d, k, t in expected
    ]
    assert set(telegram.times_sent().values()) == {1}


def test_the_monday_after_spring_forward_in_utc():
    """Monday 31 March 2025, 09:30 CEST: Sunday 18:00 CEST is 16:00 UTC (not 17:00)."""
    times = reminder_times(
        starts_at=datetime(2025, 3, 31, 7, 30, tzinfo=UTC),
        timezone="Europe/Paris",
        now=datetime(2025, 3, 24, 12, 0, tzinfo=UTC),
        policy=ReminderPolicy(),
    )

    assert [(t.kind, t.due_at) for t in times] == [
        (DAY_BEFORE, datetime(2025, 3, 30, 16, 0, tzinfo=UTC)),
        (TWO_HOURS, datetime(2025, 3, 31, 5, 30, tzinfo=UTC)),
    ]

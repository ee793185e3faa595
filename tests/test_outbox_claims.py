"""The outbox under concurrency and failure: no message claimed twice, none lost.

Claimers run in threads, each with its own engine and connection as separate bot processes
would, released together by a barrier; on both SQLite and PostgreSQL.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from scheduling_world import (
    MONDAY_9AM,
    FakeTelegram,
    add_resident,
    add_slot,
    add_structure,
    add_workshop,
    book,
    deliver,
    outbox,
    statuses,
)
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_engine, make_sessionmaker
from scheduling import (
    Booking,
    BookingStatus,
    DropReason,
    NotificationKind,
    NotificationStatus,
    claim_due,
    mark_all_sent,
    mark_sent,
    release,
)

THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)
WEDNESDAY_6PM = datetime(2025, 3, 5, 17, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
BARRIER_TIMEOUT = 60  # only so that a broken test fails instead of hanging


def town_with_bookings(engine: Engine, residents: int) -> tuple[sessionmaker[Session], list[int]]:
    """`residents` residents booked on Thursday's workshops (two reminders each)."""
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        structure = add_structure(session)
        workshop = add_workshop(session, structure_id=structure)
        slots = [
            add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM, capacity=50)
            for _ in range((residents + 49) // 50)
        ]
        people = [
            add_resident(session, first_name=f"Habitant {n}", telegram_user_id=10_000 + n)
            for n in range(residents)
        ]
    bookings = [
        book(sessions, slot_id=slots[n // 50], resident_id=r, now=MONDAY_9AM).booking_id
        for n, r in enumerate(people)
    ]
    return sessions, bookings


def in_threads(engine: Engine, count: int, work) -> list:
    """Run `work(session, index)` in `count` threads, each on its own engine, all at once."""
    url = engine.url.render_as_string(hide_password=False)
    barrier = threading.Barrier(count)

    def run(index: int):
        own = make_engine(url)
        try:
            with Session(own) as session:
                try:
                    session.connection()
                    barrier.wait(timeout=BARRIER_TIMEOUT)
                except BaseException:
                    barrier.abort()
                    raise
                return work(own, index)
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_four_claimers_at_once_never_claim_the_same_message(engine):
    town_with_bookings(engine, 150)

    def claim_all(own: Engine, index: int) -> list[int]:
        claimed = []
        own_sessions = make_sessionmaker(own)
        while True:
            with own_sessions.begin() as session:
                batch = claim_due(session, now=WEDNESDAY_6PM, worker=f"w{index}", limit=7)
            if not batch:
                return claimed
            claimed += [claim.notification_id for claim in batch]

    claimed = in_threads(engine, 4, claim_all)

    everything = Counter(i for ids in claimed for i in ids)
    assert len(everything) == 150  # every day-before reminder …
    assert set(everything.values()) == {1}  # … claimed exactly once


def test_two_schedulers_on_one_database_send_each_reminder_once(engine):
    sessions, _ = town_with_bookings(engine, 60)
    telegram = FakeTelegram()
    same_time = threading.Barrier(2)  # both read the same clock

    def scheduler(own: Engine, index: int) -> None:
        own_sessions = make_sessionmaker(own)
        for now in (WEDNESDAY_6PM, WEDNESDAY_6PM + timedelta(hours=18)):
            same_time.wait(timeout=BARRIER_TIMEOUT)
            deliver(own_sessions, telegram, now=now, worker=f"scheduler-{index}", limit=5)

    in_threads(engine, 2, scheduler)

    assert len(telegram.sent) == 120
    assert set(telegram.times_sent().values()) == {1}
    assert Counter(sent.kind for sent in telegram.sent) == {
        NotificationKind.REMINDER_DAY_BEFORE: 60,
        NotificationKind.REMINDER_HOURS_BEFORE: 60,
    }
    assert set(statuses(sessions)) == {NotificationStatus.SENT}


def test_a_crashed_claimers_lease_runs_out_and_the_message_is_sent_once(engine):
    sessions, [booking_id] = town_with_bookings(engine, 1)
    with sessions.begin() as session:
        [lost] = claim_due(session, now=WEDNESDAY_6PM, worker="crashed", lease=LEASE)
    # The worker dies here, before sending. Another takes over only once the lease runs out.
    telegram = FakeTelegram()

    running = WEDNESDAY_6PM + LEASE - timedelta(seconds=1)
    assert deliver(sessions, telegram, now=running, worker="next") == []
    [sent] = deliver(sessions, telegram, now=WEDNESDAY_6PM + LEASE, worker="next")
    assert deliver(sessions, telegram, now=WEDNESDAY_6PM + 3 * LEASE, worker="next") == []

    assert sent.notification_id == lost.notification_id
    [row, _] = outbox(sessions, booking_id=booking_id)
    assert (row.status, row.attempts, row.claimed_by) == (NotificationStatus.SENT, 2, "next")
    # The first worker, back from the dead, cannot claim it was it.
    with sessions.begin() as session:
        assert mark_sent(session, claim=lost, now=WEDNESDAY_6PM + 4 * LEASE) is False


def test_a_batch_sent_together_is_marked_in_one_go_except_claims_lost_meanwhile(engine):
    sessions, _ = town_with_bookings(engine, 4)
    with sessions.begin() as session:
        stale = claim_due(session, now=WEDNESDAY_6PM, worker="slow", limit=1)
    taken_over = WEDNESDAY_6PM + LEASE
    with sessions.begin() as session:
        claims = claim_due(session, now=taken_over, worker="fast")

    with sessions.begin() as session:
        assert mark_all_sent(session, claims=stale + claims, now=taken_over) == 4

    assert stale[0].notification_id in {c.notification_id for c in claims}
    assert set(statuses(sessions, kind=NotificationKind.REMINDER_DAY_BEFORE)) == {
        NotificationStatus.SENT
    }


def test_a_stopping_bot_gives_back_what_it_has_not_sent(engine):
    sessions, _ = town_with_bookings(engine, 3)
    with sessions.begin() as session:
        claims = claim_due(session, now=WEDNESDAY_6PM, worker="stopping")
    with sessions.begin() as session:
        assert release(session, claims=claims[1:], now=WEDNESDAY_6PM) == 2
        mark_sent(session, claim=claims[0], now=WEDNESDAY_6PM)

    sent = deliver(sessions, FakeTelegram(), now=WEDNESDAY_6PM + timedelta(seconds=5))

    assert sorted(s.notification_id for s in sent) == sorted(c.notification_id for c in claims[1:])
    assert {
        row.attempts for row in outbox(sessions, kind=NotificationKind.REMINDER_DAY_BEFORE)
    } == {1}


def test_a_reminder_whose_session_has_started_is_dropped(engine):
    sessions, [booking_id] = town_with_bookings(engine, 1)

    with sessions.begin() as session:
        assert claim_due(session, now=THURSDAY_2PM, worker="late") == []

    rows = outbox(sessions, booking_id=booking_id)
    assert [(r.status, r.drop_reason, r.attempts) for r in rows] == [
        (NotificationStatus.DROPPED, DropReason.EXPIRED, 0)
    ] * 2


def test_a_late_reminder_within_its_grace_window_is_still_sent(engine):
    sessions, _ = town_with_bookings(engine, 1)

    with sessions.begin() as session:
        [claim] = claim_due(session, now=WEDNESDAY_6PM + timedelta(hours=5, minutes=59), worker="w")

    assert claim.kind == NotificationKind.REMINDER_DAY_BEFORE
    assert claim.due_at == WEDNESDAY_6PM


def test_a_reminder_whose_booking_changed_behind_its_back_is_dropped_when_claimed(engine):
    """Belt and braces: even if nothing dropped the reminder, the claim checks its subject."""
    sessions, [booking_id] = town_with_bookings(engine, 1)
    with sessions.begin() as session:
        session.execute(
            update(Booking)
            .where(Booking.id == booking_id)
            .values(status=BookingStatus.CANCELLED_BY_SERVICE, cancelled_at=MONDAY_9AM)
        )

    with sessions.begin() as session:
        assert claim_due(session, now=WEDNESDAY_6PM, worker="w", limit=1) == []

    [row, _] = outbox(sessions, booking_id=booking_id)
    assert (row.status, row.drop_reason) == (NotificationStatus.DROPPED, DropReason.OBSOLETE)


def test_claiming_needs_an_aware_clock_and_a_sane_batch(engine):
    sessions, _ = town_with_bookings(engine, 1)
    with sessions.begin() as session, pytest.raises(ValueError):
        claim_due(session, now=datetime(2025, 3, 5, 18), worker="w")
    with sessions.begin() as session, pytest.raises(ValueError):
        claim_due(session, now=WEDNESDAY_6PM, worker="w", limit=0)

"""The service cancels or moves a workshop: participants are told, in words distinct from their
own cancellation, and no stale reminder ever leaves. SQLite and PostgreSQL.

The taxes workshop in Moissac, Thursday 6 March 2025 at 14:00 (CET): Martine and Karim are
booked, Sophie waits for a seat; the same workshop runs again the following Thursday.
"""

from dataclasses import dataclass
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
    booking,
    deliver,
    outbox,
)
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from scheduling import (
    BookingStatus,
    CancelledBy,
    DropReason,
    InvalidSlotTimes,
    NotificationKind,
    NotificationStatus,
    Slot,
    SlotCancelled,
    SlotCancelledMessage,
    SlotMovedMessage,
    SlotStatus,
    SlotUnavailable,
    UnavailableReason,
    WaitlistEntry,
    WaitlistStatus,
    cancel_booking,
    cancel_slot,
    claim_due,
    join_waitlist,
    mark_sent,
    move_slot,
    next_slots,
)

THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)
FRIDAY_10AM = datetime(2025, 3, 7, 9, 0, tzinfo=UTC)
TUESDAY_10AM = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
MARTINE, KARIM, SOPHIE = 1001, 1002, 1003
REMINDERS = {NotificationKind.REMINDER_DAY_BEFORE, NotificationKind.REMINDER_HOURS_BEFORE}


@dataclass
class Workshop:
    sessions: sessionmaker[Session]
    structure: int
    slot: int
    next_week: int
    martine: int
    karim: int
    sophie: int
    martine_booking: int
    karim_booking: int


@pytest.fixture
def taxes(engine: Engine) -> Workshop:
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        structure = add_structure(session)
        workshop = add_workshop(session, structure_id=structure)
        slot = add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM, capacity=2)
        next_week = add_slot(
            session, workshop_id=workshop, starts_at=THURSDAY_2PM + timedelta(days=7)
        )
        martine = add_resident(session, first_name="Martine", telegram_user_id=MARTINE)
        karim = add_resident(session, first_name="Karim", telegram_user_id=KARIM)
        sophie = add_resident(session, first_name="Sophie", telegram_user_id=SOPHIE)
    martine_booking = book(sessions, slot_id=slot, resident_id=martine, now=MONDAY_9AM).booking_id
    karim_booking = book(sessions, slot_id=slot, resident_id=karim, now=MONDAY_9AM).booking_id
    with sessions.begin() as session:
        join_waitlist(session, slot_id=slot, resident_id=sophie, now=MONDAY_9AM)
    return Workshop(
        sessions=sessions,
        structure=structure,
        slot=slot,
        next_week=next_week,
        martine=martine,
        karim=karim,
        sophie=sophie,
        martine_booking=martine_booking,
        karim_booking=karim_booking,
    )


def deliver_all_week(sessions: sessionmaker[Session], telegram: FakeTelegram) -> None:
    for half_hours in range(0, 2 * 24 * 5):
        deliver(sessions, telegram, now=MONDAY_9AM + timedelta(minutes=30 * half_hours))


# --- cancelling a slot --------------------------------------------------------------------------


def test_cancelled_workshop_every_participant_is_told_and_no_reminder_is_ever_sent(taxes):
    with taxes.sessions.begin() as session:
        outcome = cancel_slot(
            session, slot_id=taxes.slot, now=TUESDAY_10AM, reason="Conseillère absente"
        )

    assert outcome == SlotCancelled(
        slot_id=taxes.slot,
        cancelled_bookings=(taxes.martine_booking, taxes.karim_booking),
        notices_queued=2,
        messages_dropped=4,  # two reminders each
        waitlist_closed=1,
    )
    telegram = FakeTelegram()
    deliver_all_week(taxes.sessions, telegram)

    # Sophie, on the waitlist, gets the short notice (nothing to cancel on her side).
    assert sorted((s.chat_id, s.kind) for s in telegram.sent) == [
        (MARTINE, NotificationKind.SLOT_CANCELLED),
        (KARIM, NotificationKind.SLOT_CANCELLED),
        (SOPHIE, NotificationKind.WAITLIST_CANCELLED),
    ]
    notice = next(s for s in telegram.sent if s.chat_id == MARTINE).message
    assert isinstance(notice, SlotCancelledMessage)
    assert notice.slot.status == SlotStatus.CANCELLED
    assert notice.slot.cancellation_reason == "Conseillère absente"
    assert notice.slot.starts_at == THURSDAY_2PM
    assert booking(taxes.sessions, taxes.martine_booking).status == (
        BookingStatus.CANCELLED_BY_SERVICE
    )
    reminder_rows = [r for r in outbox(taxes.sessions) if r.kind in REMINDERS]
    assert {(r.status, r.drop_reason) for r in reminder_rows} == {
        (NotificationStatus.DROPPED, DropReason.SLOT_CANCELLED)
    }
    with taxes.sessions() as session:
        sophie = session.scalar(
            select(WaitlistEntry.status).where(WaitlistEntry.resident_id == taxes.sophie)
        )
    assert sophie == WaitlistStatus.CLOSED


def test_the_cancellation_notice_has_what_it_takes_to_offer_the_next_slots_nearby(taxes):
    with taxes.sessions.begin() as session:
        cancel_slot(session, slot_id=taxes.slot, now=TUESDAY_10AM)
    sent = deliver(taxes.sessions, FakeTelegram(), now=TUESDAY_10AM)
    [notice, _] = [s for s in sent if s.kind == NotificationKind.SLOT_CANCELLED]

    # The sender looks for the same need around the same place (here through `next_slots`;
    # the bot uses `find_help_offer` with `structure_lat`/`structure_lon`).
    facts = notice.message.slot
    assert (facts.structure_lat, facts.structure_lon) == (44.104, 1.085)
    with taxes.sessions() as session:
        found = next_slots(
            session,
            structure_ids=[facts.structure_id],
            theme=facts.themes[0],
            now=TUESDAY_10AM,
            include_full=False,
        )
    assert [view.slot_id for view in found[taxes.structure]] == [taxes.next_week]


def test_a_cancelled_slot_cannot_be_booked_cancelled_again_or_moved(taxes):
    with taxes.sessions.begin() as session:
        cancel_slot(session, slot_id=taxes.slot, now=TUESDAY_10AM)
        again = cancel_slot(session, slot_id=taxes.slot, now=TUESDAY_10AM)
        moved = move_slot(
            session,
            slot_id=taxes.slot,
            new_start=FRIDAY_10AM,
            new_end=FRIDAY_10AM + timedelta(hours=2),
            now=TUESDAY_10AM,
        )
        started = cancel_slot(session, slot_id=taxes.next_week, now=THURSDAY_2PM + timedelta(7))
        nothing = cancel_slot(session, slot_id=999_999, now=TUESDAY_10AM)

    cancelled = SlotUnavailable(slot_id=taxes.slot, reason=UnavailableReason.CANCELLED)
    assert again == moved == cancelled
    assert started == SlotUnavailable(slot_id=taxes.next_week, reason=UnavailableReason.STARTED)
    assert nothing == SlotUnavailable(slot_id=999_999, reason=UnavailableReason.NOT_FOUND)
    outcome = book(taxes.sessions, slot_id=taxes.slot, resident_id=taxes.sophie, now=TUESDAY_10AM)
    assert outcome == cancelled


def test_a_reminder_in_flight_when_the_slot_is_cancelled_is_not_marked_sent(taxes):
    due = datetime(2025, 3, 5, 17, 0, tzinfo=UTC)
    with taxes.sessions.begin() as session:
        claims = claim_due(session, now=due, worker="w")
    with taxes.sessions.begin() as session:
        cancel_slot(session, slot_id=taxes.slot, now=due)

    with taxes.sessions.begin() as session:
        assert [mark_sent(session, claim=c, now=due) for c in claims] == [False, False]
    assert {
        r.status for r in outbox(taxes.sessions) if r.kind == NotificationKind.REMINDER_DAY_BEFORE
    } == {NotificationStatus.DROPPED}


def test_service_cancelling_one_booking_tells_the_resident_unlike_her_own_cancellation(taxes):
    with taxes.sessions.begin() as session:
        cancel_booking(
            session,
            booking_id=taxes.martine_booking,
            resident_id=taxes.martine,
            now=TUESDAY_10AM,
            by=CancelledBy.SERVICE,
        )
        cancel_booking(
            session, booking_id=taxes.karim_booking, resident_id=taxes.karim, now=TUESDAY_10AM
        )
    telegram = FakeTelegram()
    deliver_all_week(taxes.sessions, telegram)

    assert telegram.kinds_to(MARTINE) == [NotificationKind.BOOKING_CANCELLED]
    assert telegram.kinds_to(KARIM) == []  # she did it herself: the screen already told her
    assert telegram.kinds_to(SOPHIE) == [NotificationKind.WAITLIST_OFFER]


# --- moving a slot ------------------------------------------------------------------------------


def test_moved_workshop_participants_keep_their_seats_and_are_reminded_at_the_new_time(taxes):
    with taxes.sessions.begin() as session:
        moved = move_slot(
            session,
            slot_id=taxes.slot,
            new_start=FRIDAY_10AM,
            new_end=FRIDAY_10AM + timedelta(hours=2),
            now=TUESDAY_10AM,
        )

    assert moved.moved_bookings == (taxes.martine_booking, taxes.karim_booking)
    assert (moved.notices_queued, moved.reminders_queued) == (2, 4)
    with taxes.sessions() as session:
        old, new = session.get(Slot, taxes.slot), session.get(Slot, moved.new_slot_id)
        assert (old.status, old.replaced_by_id, old.seats_taken) == (
            SlotStatus.MOVED,
            new.id,
            0,
        )
        assert (new.status, new.starts_at, new.seats_taken) == (
            SlotStatus.SCHEDULED,
            FRIDAY_10AM,
            2,
        )
        sophie = session.scalar(
            select(WaitlistEntry).where(WaitlistEntry.resident_id == taxes.sophie)
        )
        assert (sophie.slot_id, sophie.status) == (new.id, WaitlistStatus.WAITING)
    assert booking(taxes.sessions, taxes.martine_booking).slot_id == moved.new_slot_id

    telegram = FakeTelegram()
    deliver_all_week(taxes.sessions, telegram)

    to_martine = [(s.kind, s.at) for s in telegram.sent if s.chat_id == MARTINE]
    assert to_martine == [
        (NotificationKind.SLOT_MOVED, TUESDAY_10AM),
        (NotificationKind.REMINDER_DAY_BEFORE, datetime(2025, 3, 6, 17, 0, tzinfo=UTC)),
        (NotificationKind.REMINDER_HOURS_BEFORE, datetime(2025, 3, 7, 7, 0, tzinfo=UTC)),
    ]
    notice = next(s for s in telegram.sent if s.chat_id == MARTINE).message
    assert isinstance(notice, SlotMovedMessage)
    assert (notice.previous.starts_at, notice.slot.starts_at) == (THURSDAY_2PM, FRIDAY_10AM)
    assert notice.slot.slot_id == moved.new_slot_id


def test_moved_after_the_evening_reminder_the_new_time_is_reminded_again(taxes):
    telegram = FakeTelegram()
    deliver(taxes.sessions, telegram, now=datetime(2025, 3, 5, 17, 0, tzinfo=UTC))
    with taxes.sessions.begin() as session:
        move_slot(
            session,
            slot_id=taxes.slot,
            new_start=FRIDAY_10AM,
            new_end=FRIDAY_10AM + timedelta(hours=2),
            now=datetime(2025, 3, 5, 19, 0, tzinfo=UTC),
        )

    deliver_all_week(taxes.sessions, telegram)

    assert telegram.kinds_to(MARTINE) == [
        NotificationKind.REMINDER_DAY_BEFORE,
        NotificationKind.SLOT_MOVED,
        NotificationKind.REMINDER_DAY_BEFORE,
        NotificationKind.REMINDER_HOURS_BEFORE,
    ]


def test_moved_twice_before_anyone_heard_one_notice_from_the_first_time_to_the_last(taxes):
    with taxes.sessions.begin() as session:
        first = move_slot(
            session,
            slot_id=taxes.slot,
            new_start=FRIDAY_10AM,
            new_end=FRIDAY_10AM + timedelta(hours=2),
            now=TUESDAY_10AM,
        )
        second = move_slot(
            session,
            slot_id=first.new_slot_id,
            new_start=FRIDAY_10AM + timedelta(hours=4),
            new_end=FRIDAY_10AM + timedelta(hours=6),
            now=TUESDAY_10AM,
        )

    sent = deliver(taxes.sessions, FakeTelegram(), now=TUESDAY_10AM)

    # Sophie, who waits, hears of it too, shortly, from the first time to the last.
    assert sorted(s.chat_id for s in sent) == [MARTINE, KARIM, SOPHIE]
    assert {(s.message.previous.slot_id, s.message.slot.slot_id) for s in sent} == {
        (taxes.slot, second.new_slot_id)
    }


def test_moving_to_an_impossible_time_is_refused(taxes):
    with taxes.sessions.begin() as session, pytest.raises(InvalidSlotTimes):
        move_slot(
            session,
            slot_id=taxes.slot,
            new_start=FRIDAY_10AM,
            new_end=FRIDAY_10AM,
            now=TUESDAY_10AM,
        )
    with taxes.sessions.begin() as session, pytest.raises(InvalidSlotTimes):
        move_slot(
            session,
            slot_id=taxes.slot,
            new_start=MONDAY_9AM,
            new_end=MONDAY_9AM + timedelta(hours=2),
            now=TUESDAY_10AM,
        )

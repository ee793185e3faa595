"""Waitlists for a full workshop: a freed seat is held for the first in line, offered for a
while, then passed on; two people are never promised one seat. SQLite and PostgreSQL.

The "Mon compte Ameli" workshop in Moissac, Thursday 6 March 2025 at 14:00 (CET), has two seats,
both taken by Martine and Karim. Sophie (who chose "Santé et Ameli"), then Luc, then Ahmed (who
did not say) join the waitlist on Monday.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
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
    deliver,
    outbox,
)
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_engine, make_sessionmaker
from scheduling import (
    AlreadyBooked,
    AlreadyWaiting,
    Booked,
    BookedBy,
    Booking,
    BookingStatus,
    Cancelled,
    DropReason,
    ExpiredOffer,
    Joined,
    Left,
    NotificationKind,
    NotificationStatus,
    OfferGone,
    OfferGoneReason,
    Overlaps,
    Policy,
    Resident,
    SeatsAvailable,
    Slot,
    SlotFull,
    SlotUnavailable,
    UnavailableReason,
    WaitlistClosed,
    WaitlistEntry,
    WaitlistOfferMessage,
    WaitlistPolicy,
    WaitlistStatus,
    accept_offer,
    cancel_booking,
    cancel_slot,
    expire_offers,
    join_waitlist,
    leave_all_waitlists,
    leave_waitlist,
)

THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)
TUESDAY_10AM = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
TTL = timedelta(hours=2)  # the default offer_ttl
SOPHIE, LUC, AHMED, ZOE = 1003, 1004, 1005, 1006
BARRIER_TIMEOUT = 60


@dataclass
class FullWorkshop:
    sessions: sessionmaker[Session]
    slot: int
    martine: int
    karim: int
    martine_booking: int
    karim_booking: int
    sophie: int
    luc: int
    ahmed: int
    zoe: int
    entries: dict[str, int]


@pytest.fixture
def full(engine: Engine) -> FullWorkshop:
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        structure = add_structure(session)
        workshop = add_workshop(
            session, structure_id=structure, title="Mon compte Ameli", themes=("sante",)
        )
        slot = add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM, capacity=2)
        people = {
            name: add_resident(session, first_name=name.title(), telegram_user_id=chat)
            for name, chat in [
                ("martine", 1001), ("karim", 1002), ("sophie", SOPHIE), ("luc", LUC),
                ("ahmed", AHMED), ("zoe", ZOE),
            ]
        }  # fmt: skip
    bookings = {
        name: book(sessions, slot_id=slot, resident_id=people[name], now=MONDAY_9AM).booking_id
        for name in ("martine", "karim")
    }
    entries = {}
    for minutes, name in enumerate(("sophie", "luc", "ahmed")):
        with sessions.begin() as session:
            joined = join_waitlist(
                session,
                slot_id=slot,
                resident_id=people[name],
                now=MONDAY_9AM + timedelta(minutes=minutes),
                need="sante" if name == "sophie" else None,
            )
        assert joined == Joined(entry_id=joined.entry_id, slot_id=slot, position=minutes + 1)
        entries[name] = joined.entry_id
    return FullWorkshop(
        sessions=sessions,
        slot=slot,
        martine_booking=bookings["martine"],
        karim_booking=bookings["karim"],
        entries=entries,
        **people,
    )


def cancel(full: FullWorkshop, who: str, *, now: datetime, **kw):
    with full.sessions.begin() as session:
        return cancel_booking(
            session,
            booking_id=getattr(full, f"{who}_booking"),
            resident_id=getattr(full, who),
            now=now,
            **kw,
        )


def accept(full: FullWorkshop, who: str, *, now: datetime, **kw):
    with full.sessions.begin() as session:
        return accept_offer(
            session, entry_id=full.entries[who], resident_id=getattr(full, who), now=now, **kw
        )


def expire(full: FullWorkshop, *, now: datetime, **kw):
    with full.sessions.begin() as session:
        return expire_offers(session, now=now, **kw)


def entry_status(full: FullWorkshop, who: str) -> tuple[WaitlistStatus, datetime | None]:
    with full.sessions() as session:
        entry = session.get(WaitlistEntry, full.entries[who])
        return entry.status, entry.offer_expires_at


def seats(sessions: sessionmaker[Session], slot_id: int) -> tuple[int, int, int]:
    """(seats_taken, active bookings, offers running): the first is always the sum of the others."""
    with sessions() as session:
        taken = session.scalar(select(Slot.seats_taken).where(Slot.id == slot_id))
        booked = session.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.slot_id == slot_id, Booking.status == BookingStatus.BOOKED)
        )
        offered = session.scalar(
            select(func.count())
            .select_from(WaitlistEntry)
            .where(WaitlistEntry.slot_id == slot_id, WaitlistEntry.status == WaitlistStatus.OFFERED)
        )
    assert taken == booked + offered
    return taken, booked, offered


# --- joining ------------------------------------------------------------------------------------


def test_resident_who_finds_the_slot_full_joins_its_waitlist(full):
    later = MONDAY_9AM + timedelta(minutes=10)
    with full.sessions.begin() as session:
        zoe = join_waitlist(session, slot_id=full.slot, resident_id=full.zoe, now=later)
        zoe_again = join_waitlist(session, slot_id=full.slot, resident_id=full.zoe, now=later)
        martine = join_waitlist(session, slot_id=full.slot, resident_id=full.martine, now=later)

    assert isinstance(zoe, Joined)
    assert zoe.position == 4
    assert zoe_again == AlreadyWaiting(entry_id=zoe.entry_id, slot_id=full.slot, position=4)
    assert martine == AlreadyBooked(booking_id=full.martine_booking, slot_id=full.slot)


def test_no_waitlist_when_a_seat_is_free_too_late_or_the_slot_is_gone(engine):
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        workshop = add_workshop(session, structure_id=add_structure(session))
        slot = add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM, capacity=1)
        other = add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM, capacity=1)
        zoe = add_resident(session, first_name="Zoé", telegram_user_id=ZOE)
        karim = add_resident(session, first_name="Karim", telegram_user_id=1002)

    with sessions.begin() as session:
        free = join_waitlist(session, slot_id=slot, resident_id=zoe, now=MONDAY_9AM)
    book(sessions, slot_id=slot, resident_id=karim, now=MONDAY_9AM)
    with sessions.begin() as session:
        too_late = join_waitlist(
            session, slot_id=slot, resident_id=zoe, now=THURSDAY_2PM - timedelta(hours=3)
        )
        cancel_slot(session, slot_id=other, now=MONDAY_9AM)
        gone = join_waitlist(session, slot_id=other, resident_id=zoe, now=MONDAY_9AM)

    assert free == SeatsAvailable(slot_id=slot, seats_left=1)
    assert too_late == WaitlistClosed(slot_id=slot)
    assert gone == SlotUnavailable(slot_id=other, reason=UnavailableReason.CANCELLED)


# --- a seat frees up ----------------------------------------------------------------------------


def test_a_freed_seat_is_held_for_the_first_in_line_and_nobody_else_can_take_it(full):
    cancelled = cancel(full, "martine", now=TUESDAY_10AM)

    assert cancelled == Cancelled(full.martine_booking, full.slot, seats_left=0)
    assert entry_status(full, "sophie") == (WaitlistStatus.OFFERED, TUESDAY_10AM + TTL)
    assert seats(full.sessions, full.slot) == (2, 1, 1)
    # Zoé sees the slot full: the seat is Sophie's for now.
    assert book(full.sessions, slot_id=full.slot, resident_id=full.zoe, now=TUESDAY_10AM) == (
        SlotFull(slot_id=full.slot)
    )

    [offer] = deliver(full.sessions, FakeTelegram(), now=TUESDAY_10AM)
    assert (offer.chat_id, offer.kind) == (SOPHIE, NotificationKind.WAITLIST_OFFER)
    assert offer.message == WaitlistOfferMessage(
        entry_id=full.entries["sophie"],
        offer_expires_at=TUESDAY_10AM + TTL,
        slot=offer.message.slot,
    )
    assert offer.message.slot.workshop_title == "Mon compte Ameli"

    taken = accept(full, "sophie", now=TUESDAY_10AM + timedelta(minutes=20))
    assert isinstance(taken, Booked)
    assert taken.seats_left == 0
    assert seats(full.sessions, full.slot) == (2, 2, 0)
    assert entry_status(full, "sophie")[0] == WaitlistStatus.ACCEPTED
    # Sophie now has a booking like any other: her reminders are queued.
    assert [row.kind for row in outbox(full.sessions, booking_id=taken.booking_id)] == [
        NotificationKind.REMINDER_DAY_BEFORE,
        NotificationKind.REMINDER_HOURS_BEFORE,
    ]
    # A second tap on the button.
    again = accept(full, "sophie", now=TUESDAY_10AM + timedelta(minutes=21))
    assert again == AlreadyBooked(booking_id=taken.booking_id, slot_id=full.slot)


def test_a_seat_taken_from_an_offer_keeps_the_need_and_says_it_came_from_the_waitlist(full):
    cancel(full, "martine", now=TUESDAY_10AM)
    taken = accept(full, "sophie", now=TUESDAY_10AM + timedelta(minutes=20))

    assert isinstance(taken, Booked) and taken.need == "sante"
    with full.sessions() as session:
        assert session.get(WaitlistEntry, full.entries["sophie"]).need == "sante"
        booking = session.get(Booking, taken.booking_id)
        assert (booking.need, booking.booked_by) == ("sante", BookedBy.WAITLIST)


def test_an_offered_seat_at_the_hour_of_another_booking_is_refused_until_that_one_goes(full):
    with full.sessions.begin() as session:
        structure = add_structure(session)
        other_workshop = add_workshop(session, structure_id=structure, title="Ma boîte mail")
        half_past = add_slot(
            session, workshop_id=other_workshop, starts_at=THURSDAY_2PM + timedelta(minutes=30)
        )
    # Joining a waitlist is no booking: Sophie booked another workshop at that hour meanwhile.
    elsewhere = book(full.sessions, slot_id=half_past, resident_id=full.sophie, now=MONDAY_9AM)
    cancel(full, "martine", now=TUESDAY_10AM)

    refused = accept(full, "sophie", now=TUESDAY_10AM + timedelta(minutes=5))

    assert isinstance(refused, Overlaps)
    assert refused.other.booking_id == elsewhere.booking_id
    # The offer runs on: she may free that hour and take the seat before it ends.
    assert entry_status(full, "sophie") == (WaitlistStatus.OFFERED, TUESDAY_10AM + TTL)
    assert seats(full.sessions, full.slot) == (2, 1, 1)
    with full.sessions.begin() as session:
        cancel_booking(
            session,
            booking_id=elsewhere.booking_id,
            resident_id=full.sophie,
            now=TUESDAY_10AM + timedelta(minutes=10),
        )
    assert isinstance(accept(full, "sophie", now=TUESDAY_10AM + timedelta(minutes=15)), Booked)


def test_an_offer_let_pass_goes_to_the_next_in_line(full):
    cancel(full, "martine", now=TUESDAY_10AM)
    telegram = FakeTelegram()
    deliver(full.sessions, telegram, now=TUESDAY_10AM)
    expiry = TUESDAY_10AM + TTL

    assert expire(full, now=expiry - timedelta(seconds=1)).expired == ()
    late_tap = accept(full, "sophie", now=expiry)
    expiries = expire(full, now=expiry)

    assert late_tap == OfferGone(entry_id=full.entries["sophie"], reason=OfferGoneReason.EXPIRED)
    assert expiries.expired == (
        ExpiredOffer(
            entry_id=full.entries["sophie"],
            slot_id=full.slot,
            resident_id=full.sophie,
            passed_to=full.entries["luc"],
        ),
    )
    assert entry_status(full, "sophie")[0] == WaitlistStatus.EXPIRED
    assert entry_status(full, "luc") == (WaitlistStatus.OFFERED, expiry + TTL)
    assert seats(full.sessions, full.slot) == (2, 1, 1)
    [offer] = deliver(full.sessions, telegram, now=expiry)
    assert offer.chat_id == LUC
    assert telegram.kinds_to(SOPHIE) == [NotificationKind.WAITLIST_OFFER]


def test_when_the_last_in_line_lets_it_pass_the_seat_is_free_for_everyone(full):
    cancel(full, "martine", now=TUESDAY_10AM)
    for name in ("luc", "ahmed"):
        with full.sessions.begin() as session:
            leave_waitlist(
                session,
                entry_id=full.entries[name],
                resident_id=getattr(full, name),
                now=TUESDAY_10AM,
            )

    expire(full, now=TUESDAY_10AM + TTL)

    assert seats(full.sessions, full.slot) == (1, 1, 0)
    zoe = book(full.sessions, slot_id=full.slot, resident_id=full.zoe, now=TUESDAY_10AM + TTL)
    assert isinstance(zoe, Booked)


def test_an_offer_never_runs_past_three_hours_before_the_start(full):
    four_hours_before = THURSDAY_2PM - timedelta(hours=4)

    cancel(full, "martine", now=four_hours_before)

    assert entry_status(full, "sophie") == (
        WaitlistStatus.OFFERED,
        THURSDAY_2PM - timedelta(hours=3),
    )
    expiries = expire(full, now=THURSDAY_2PM - timedelta(hours=3))
    # Too late to offer it again: the seat goes back to everyone, the line closes.
    assert [e.passed_to for e in expiries.expired] == [None]
    assert expiries.closed == 2
    assert seats(full.sessions, full.slot) == (1, 1, 0)
    assert [entry_status(full, n)[0] for n in ("sophie", "luc", "ahmed")] == [
        WaitlistStatus.EXPIRED,
        WaitlistStatus.CLOSED,
        WaitlistStatus.CLOSED,
    ]


def test_a_seat_freed_less_than_three_hours_before_is_simply_bookable(full):
    cancel(full, "martine", now=THURSDAY_2PM - timedelta(hours=2))

    assert entry_status(full, "sophie") == (WaitlistStatus.WAITING, None)
    assert seats(full.sessions, full.slot) == (1, 1, 0)


def test_the_offer_duration_is_configurable(full):
    policy = Policy(waitlist=WaitlistPolicy(offer_ttl=timedelta(minutes=30)))

    cancel(full, "martine", now=TUESDAY_10AM, policy=policy)

    assert entry_status(full, "sophie")[1] == TUESDAY_10AM + timedelta(minutes=30)


def test_declining_an_offer_passes_the_seat_at_once(full):
    cancel(full, "martine", now=TUESDAY_10AM)

    with full.sessions.begin() as session:
        left = leave_waitlist(
            session,
            entry_id=full.entries["sophie"],
            resident_id=full.sophie,
            now=TUESDAY_10AM + timedelta(minutes=3),
        )

    assert left == Left(full.entries["sophie"], full.slot, passed_to=full.entries["luc"])
    assert [row.status for row in outbox(full.sessions, resident_id=full.sophie)] == [
        NotificationStatus.DROPPED
    ]
    assert entry_status(full, "luc")[0] == WaitlistStatus.OFFERED


def test_an_unreachable_resident_is_skipped_and_their_offer_passes_on(full):
    with full.sessions.begin() as session:
        session.get(Resident, full.luc).unreachable = True
    telegram = FakeTelegram(blocked={SOPHIE})

    cancel(full, "martine", now=TUESDAY_10AM)
    deliver(full.sessions, telegram, now=TUESDAY_10AM)  # Sophie blocked the bot
    expiries = expire(full, now=TUESDAY_10AM + timedelta(minutes=1))

    assert [e.passed_to for e in expiries.expired] == [full.entries["ahmed"]]
    assert entry_status(full, "luc") == (WaitlistStatus.WAITING, None)


def test_a_resident_erasing_their_data_gives_up_their_offer(full):
    cancel(full, "martine", now=TUESDAY_10AM)

    with full.sessions.begin() as session:
        left = leave_all_waitlists(session, resident_id=full.sophie, now=TUESDAY_10AM)

    assert left == 1
    assert entry_status(full, "luc")[0] == WaitlistStatus.OFFERED
    assert seats(full.sessions, full.slot) == (2, 1, 1)


def test_a_cancelled_slot_closes_its_waitlist_and_ends_offers(full):
    cancel(full, "martine", now=TUESDAY_10AM)

    with full.sessions.begin() as session:
        cancel_slot(session, slot_id=full.slot, now=TUESDAY_10AM + timedelta(minutes=5))

    assert accept(full, "sophie", now=TUESDAY_10AM + timedelta(minutes=6)) == OfferGone(
        full.entries["sophie"], OfferGoneReason.CLOSED
    )
    assert [entry_status(full, n)[0] for n in ("sophie", "luc", "ahmed")] == [
        WaitlistStatus.CLOSED
    ] * 3
    [offer_row] = outbox(full.sessions, kind=NotificationKind.WAITLIST_OFFER)
    assert (offer_row.status, offer_row.drop_reason) == (
        NotificationStatus.DROPPED,
        DropReason.SLOT_CANCELLED,
    )


# --- races --------------------------------------------------------------------------------------


def at_once(engine: Engine, *calls):
    """Run each `call(session)` in its own thread and connection, released together."""
    url = engine.url.render_as_string(hide_password=False)
    barrier = threading.Barrier(len(calls))

    def run(call):
        own = make_engine(url)
        try:
            with Session(own) as session:
                try:
                    session.connection()
                    barrier.wait(timeout=BARRIER_TIMEOUT)
                except BaseException:
                    barrier.abort()
                    raise
                outcome = call(session)
                session.commit()
                return outcome
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.parametrize("attempt", range(3))
def test_taking_the_seat_as_the_offer_runs_out_gives_it_to_exactly_one(full, engine, attempt):
    cancel(full, "martine", now=TUESDAY_10AM)
    expiry = TUESDAY_10AM + TTL

    taken, expiries = at_once(
        engine,
        lambda s: accept_offer(
            s,
            entry_id=full.entries["sophie"],
            resident_id=full.sophie,
            now=expiry - timedelta(seconds=1),
        ),
        lambda s: expire_offers(s, now=expiry),
    )

    if isinstance(taken, Booked):
        assert expiries.expired == ()
        assert seats(full.sessions, full.slot) == (2, 2, 0)
    else:
        assert taken.reason == OfferGoneReason.EXPIRED
        assert [e.passed_to for e in expiries.expired] == [full.entries["luc"]]
        assert seats(full.sessions, full.slot) == (2, 1, 1)


def test_two_seats_freed_at_once_go_to_two_different_people(full, engine):
    outcomes = at_once(
        engine,
        lambda s: cancel_booking(
            s, booking_id=full.martine_booking, resident_id=full.martine, now=TUESDAY_10AM
        ),
        lambda s: cancel_booking(
            s, booking_id=full.karim_booking, resident_id=full.karim, now=TUESDAY_10AM
        ),
    )

    assert Counter(type(o) for o in outcomes) == {Cancelled: 2}
    assert [entry_status(full, n)[0] for n in ("sophie", "luc", "ahmed")] == [
        WaitlistStatus.OFFERED,
        WaitlistStatus.OFFERED,
        WaitlistStatus.WAITING,
    ]
    assert seats(full.sessions, full.slot) == (2, 0, 2)


def test_joining_as_a_seat_frees_up_never_leaves_someone_waiting_by_a_free_seat(engine):
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        workshop = add_workshop(session, structure_id=add_structure(session))
        slot = add_slot(session, workshop_id=workshop, starts_at=THURSDAY_2PM, capacity=1)
        karim = add_resident(session, first_name="Karim", telegram_user_id=1002)
        zoe = add_resident(session, first_name="Zoé", telegram_user_id=ZOE)
    karim_booking = book(sessions, slot_id=slot, resident_id=karim, now=MONDAY_9AM).booking_id

    joined, _ = at_once(
        engine,
        lambda s: join_waitlist(s, slot_id=slot, resident_id=zoe, now=TUESDAY_10AM),
        lambda s: cancel_booking(s, booking_id=karim_booking, resident_id=karim, now=TUESDAY_10AM),
    )

    with sessions() as session:
        entry = session.scalar(select(WaitlistEntry).where(WaitlistEntry.resident_id == zoe))
    if isinstance(joined, Joined):  # joined first: the freed seat was offered to her
        assert entry.status == WaitlistStatus.OFFERED
        assert seats(sessions, slot) == (1, 0, 1)
    else:  # the seat was freed first: she was told to book it
        assert joined == SeatsAvailable(slot_id=slot, seats_left=1)
        assert entry is None

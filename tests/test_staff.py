"""The staff's domain: roles, invitations, who may do what, sessions with repetitions, who came,
and people booked in person. Every test runs on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime, timedelta

import pytest
from scheduling_world import MONDAY_9AM, add_advisor, add_structure
from sqlalchemy import func, select

from bot.database import make_sessionmaker
from knowledge.catalogue import HostStructure, StructureTheme
from knowledge.service_state import catalogue_version
from scheduling.advisor_models import Advisor, Invitation
from scheduling.attendance import Marked, NotStarted, mark_attendance
from scheduling.authority import Action, may, may_on_booking, may_on_slot
from scheduling.booking import Booked, SlotFull
from scheduling.models import BookedBy, Booking, BookingStatus, Resident, Slot, WorkshopKind
from scheduling.sessions import (
    NewSessions,
    Repetition,
    SessionRefused,
    SessionsAdded,
    add_sessions,
    occurrences,
)
from scheduling.staff import (
    ChangeRefused,
    InvitationRefused,
    Role,
    StaffChange,
    UnknownPlaces,
    Welcomed,
    accept_invitation,
    actor_for,
    change_staff,
    invite_advisor,
    list_advisors,
    revoke_advisor,
    set_coordinator,
    staff_accounts,
)
from scheduling.walk_ins import book_walk_in, valid_phone

ADMIN = 5000
THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)  # 14:00 in Moissac


@pytest.fixture
def db(engine):
    return make_sessionmaker(engine)


@pytest.fixture
def places(db) -> tuple[int, int]:
    with db.begin() as session:
        return (
            add_structure(session, name="France Services Moissac"),
            add_structure(session, name="Médiathèque de Castelsarrasin", commune_insee="82033"),
        )


def weekly(places, db, weeks: int = 4) -> SessionsAdded:
    with db.begin() as session:
        return add_sessions(
            session,
            structure_id=places[0],
            new=NewSessions(
                title="Premiers pas sur smartphone",
                kind=WorkshopKind.COLLECTIVE,
                themes=("equipement",),
                first_start=THURSDAY_2PM,
                duration=timedelta(hours=2),
                capacity=2,
                repetition=Repetition(
                    every_weeks=1, until=date(2025, 3, 6) + timedelta(weeks=weeks - 1)
                ),
            ),
            advisor_id=None,
            now=MONDAY_9AM,
        )


def test_an_invitation_makes_an_advisor_of_its_places_once(db, places):
    with db.begin() as session:
        invited = invite_advisor(
            session,
            structure_ids=list(places),
            first_name="Sophie",
            last_name="Martin",
            now=MONDAY_9AM,
        )
        stored = session.scalars(select(Invitation.token_hash)).one()
    assert len(invited.token) <= 64 and set(invited.token) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    )
    assert invited.token not in stored and invited.expires_at == MONDAY_9AM + timedelta(days=7)

    with db.begin() as session:
        welcomed = accept_invitation(
            session, token=invited.token, telegram_user_id=77, now=MONDAY_9AM
        )
    assert isinstance(welcomed, Welcomed) and not welcomed.already_advisor
    assert welcomed.first_name == "Sophie"
    assert welcomed.structure_names == ("France Services Moissac", "Médiathèque de Castelsarrasin")
    with db.begin() as session:
        assert (
            accept_invitation(session, token=invited.token, telegram_user_id=78, now=MONDAY_9AM)
            == InvitationRefused.USED
        )
        assert (
            accept_invitation(session, token="nope", telegram_user_id=78, now=MONDAY_9AM)
            == InvitationRefused.UNKNOWN
        )
        actor = actor_for(session, telegram_user_id=77, admin_ids=frozenset(), now=MONDAY_9AM)
    assert actor.role is Role.ADVISOR and actor.structure_ids == frozenset(places)


def test_an_expired_invitation_is_refused_and_a_second_one_adds_places(db, places):
    with db.begin() as session:
        first = invite_advisor(
            session, structure_ids=[places[0]], first_name="Sophie", last_name="", now=MONDAY_9AM,
            valid_for=timedelta(days=1),
        )  # fmt: skip
        second = invite_advisor(
            session, structure_ids=[places[1]], first_name="Sophie", last_name="", now=MONDAY_9AM
        )
        late = MONDAY_9AM + timedelta(days=1)
        assert (
            accept_invitation(session, token=first.token, telegram_user_id=77, now=late)
            == InvitationRefused.EXPIRED
        )
        add_advisor(session, first_name="Sophie", telegram_user_id=77)
        welcomed = accept_invitation(session, token=second.token, telegram_user_id=77, now=late)
    assert welcomed.already_advisor
    assert welcomed.structure_names == ("Médiathèque de Castelsarrasin",)
    with db.begin() as session, pytest.raises(UnknownPlaces):
        invite_advisor(session, structure_ids=[999], first_name="X", last_name="", now=MONDAY_9AM)


def test_roles_and_who_may_do_what(db, places):
    moissac, castel = places
    with db.begin() as session:
        nadia = add_advisor(session, telegram_user_id=9001)
        advisor = session.get(Advisor, nadia)
        advisor.structures.append(session.get(HostStructure, moissac))
    with db.begin() as session:
        advisor = actor_for(session, telegram_user_id=9001, admin_ids=frozenset(), now=MONDAY_9AM)
        resident = actor_for(session, telegram_user_id=1, admin_ids=frozenset(), now=MONDAY_9AM)
        admin = actor_for(session, telegram_user_id=ADMIN, admin_ids={ADMIN}, now=MONDAY_9AM)
    assert (advisor.role, resident.role, admin.role) == (
        Role.ADVISOR,
        Role.RESIDENT,
        Role.COORDINATOR,
    )
    assert may(advisor, Action.MANAGE_SESSIONS, structure_id=moissac)
    assert not may(advisor, Action.MANAGE_SESSIONS, structure_id=castel)
    assert not may(advisor, Action.MANAGE_STAFF)
    assert not may(resident, Action.SEE_PLANNING)
    assert may(admin, Action.MANAGE_STAFF) and may(
        admin, Action.MARK_ATTENDANCE, structure_id=castel
    )

    added = weekly(places, db, weeks=1)
    with db.begin() as session:
        [slot_id] = added.slot_ids
        assert may_on_slot(session, advisor, Action.MARK_ATTENDANCE, slot_id=slot_id)
        assert not may_on_slot(session, advisor, Action.MARK_ATTENDANCE, slot_id=slot_id + 1000)
        assert not may_on_booking(session, advisor, Action.BOOK_FOR_SOMEONE, booking_id=12345)


def test_coordinators_promote_and_demote_advisors_and_revoke_them(db, places):
    with db.begin() as session:
        nadia = add_advisor(session, telegram_user_id=9001)
        assert set_coordinator(session, advisor_id=nadia, coordinator=True)
        promoted = actor_for(session, telegram_user_id=9001, admin_ids=frozenset(), now=MONDAY_9AM)
        assert promoted.role is Role.COORDINATOR and not promoted.from_settings
        assert set_coordinator(session, advisor_id=nadia, coordinator=False)
        assert revoke_advisor(session, advisor_id=nadia)
        gone = actor_for(session, telegram_user_id=9001, admin_ids=frozenset(), now=MONDAY_9AM)
        assert gone.role is Role.RESIDENT
        [summary] = list_advisors(session)
        assert not summary.linked and not set_coordinator(
            session, advisor_id=nadia, coordinator=True
        )


def test_a_coordinator_changes_an_advisor_but_never_demotes_those_of_the_settings(db, places):
    with db.begin() as session:
        nadia = add_advisor(session, telegram_user_id=9001)
        admin = add_advisor(session, telegram_user_id=ADMIN, first_name="Claire")
        admins = frozenset({ADMIN, 9999})

        promoted = change_staff(
            session, advisor_id=nadia, change=StaffChange.PROMOTE, admin_ids=admins
        )
        assert (promoted.telegram_user_id, promoted.role) == (9001, Role.COORDINATOR)
        assert staff_accounts(session, admin_ids=admins) == {
            9001: Role.COORDINATOR,
            ADMIN: Role.COORDINATOR,
            9999: Role.COORDINATOR,
        }
        assert (
            change_staff(session, advisor_id=admin, change=StaffChange.DEMOTE, admin_ids=admins)
            is ChangeRefused.FROM_SETTINGS
        )
        revoked = change_staff(
            session, advisor_id=nadia, change=StaffChange.REVOKE, admin_ids=admins
        )
        assert revoked.role is Role.RESIDENT
        for change in StaffChange:
            assert (
                change_staff(session, advisor_id=nadia, change=change, admin_ids=admins)
                is ChangeRefused.UNKNOWN
            )
        listed = list_advisors(session, admin_ids=admins)
        assert {s.advisor_id: s.from_settings for s in listed} == {nadia: False, admin: True}


def test_a_weekly_workshop_keeps_its_local_hour_across_summer_time(db, places):
    starts = occurrences(
        datetime(2025, 3, 20, 13, 0, tzinfo=UTC),  # Thursday 14:00 CET
        timezone="Europe/Paris",
        repetition=Repetition(every_weeks=1, until=date(2025, 4, 3)),
    )
    assert [s.hour for s in starts] == [13, 13, 12]  # 14:00 local; summer time from 30 March
    every_other = occurrences(
        THURSDAY_2PM,
        timezone="Europe/Paris",
        repetition=Repetition(every_weeks=2, until=date(2025, 4, 3)),
    )
    assert [s.day for s in every_other] == [6, 20, 3]


def test_sessions_are_added_with_their_repetitions_and_teach_the_place_a_theme(db, places):
    with db.begin() as session:
        before = catalogue_version(session)
    added = weekly(places, db, weeks=4)

    assert len(added.slot_ids) == 4 and added.themes_added_to_place == ("equipement",)
    with db.begin() as session:
        assert catalogue_version(session) > before
        assert (
            session.scalar(
                select(func.count())
                .select_from(StructureTheme)
                .where(StructureTheme.theme == "equipement")
            )
            == 1
        )
        assert {s.capacity for s in session.scalars(select(Slot))} == {2}


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        ({"themes": ()}, SessionRefused.NO_THEME),
        ({"themes": ("astrologie",)}, SessionRefused.UNKNOWN_THEME),
        ({"title": "  "}, SessionRefused.NO_TITLE),
        ({"first_start": MONDAY_9AM - timedelta(hours=1)}, SessionRefused.IN_THE_PAST),
        ({"capacity": 0}, SessionRefused.BAD_CAPACITY),
        ({"duration": timedelta(0)}, SessionRefused.BAD_DURATION),
        (
            {"repetition": Repetition(every_weeks=1, until=date(2025, 3, 1))},
            SessionRefused.BAD_REPETITION,
        ),
        (
            {"repetition": Repetition(every_weeks=1, until=date(2027, 3, 1))},
            SessionRefused.TOO_MANY,
        ),
    ],
)
def test_sessions_that_make_no_sense_are_refused_and_nothing_is_added(db, places, change, refused):
    values = {
        "title": "Atelier",
        "kind": WorkshopKind.COLLECTIVE,
        "themes": ("courriel",),
        "first_start": THURSDAY_2PM,
        "duration": timedelta(hours=1),
        "capacity": 5,
        **change,
    }
    with db.begin() as session:
        outcome = add_sessions(
            session,
            structure_id=places[0],
            new=NewSessions(**values),
            advisor_id=None,
            now=MONDAY_9AM,
        )
        assert outcome == refused
        assert session.scalar(select(func.count()).select_from(Slot)) == 0


def test_a_walk_in_is_booked_without_a_telegram_id_and_marked_present(db, places):
    [slot_id] = weekly(places, db, weeks=1).slot_ids
    with db.begin() as session:
        outcome = book_walk_in(
            session, slot_id=slot_id, first_name="Josette", need="equipement",
            phone="06 12 34 56 78", booked_by=BookedBy.ADVISOR, now=MONDAY_9AM,
        )  # fmt: skip
    assert isinstance(outcome, Booked)
    with db.begin() as session:
        josette = session.scalars(select(Resident)).one()
        assert josette.telegram_user_id is None and josette.phone == "06 12 34 56 78"
        booking = session.get(Booking, outcome.booking_id)
        assert (booking.booked_by, booking.need) == (BookedBy.ADVISOR, "equipement")
        assert mark_attendance(
            session, booking_id=booking.id, came=True, now=MONDAY_9AM
        ) == NotStarted(booking.id)
        started = THURSDAY_2PM + timedelta(minutes=5)
        assert mark_attendance(session, booking_id=booking.id, came=False, now=started) == Marked(
            booking.id, BookingStatus.NO_SHOW
        )
        assert mark_attendance(session, booking_id=booking.id, came=True, now=started).status == (
            BookingStatus.ATTENDED
        )
    assert valid_phone("+33 6 12 34 56 78") and not valid_phone("appelez-moi")


def test_a_walk_in_on_a_full_session_keeps_nothing_of_the_person(db, places):
    [slot_id] = weekly(places, db, weeks=1).slot_ids
    with db.begin() as session:
        for name in ("Josette", "Marcel"):
            book_walk_in(
                session, slot_id=slot_id, first_name=name, need=None, phone=None,
                booked_by=BookedBy.ADMIN, now=MONDAY_9AM,
            )  # fmt: skip
        outcome = book_walk_in(
            session, slot_id=slot_id, first_name="Paul", need=None, phone="0600000000",
            booked_by=BookedBy.ADVISOR, now=MONDAY_9AM,
        )  # fmt: skip
    assert isinstance(outcome, SlotFull)
    with db.begin() as session:
        assert sorted(session.scalars(select(Resident.first_name))) == ["Josette", "Marcel"]

"""/planning and /notifications, told as advisors live them: their sessions, who is coming, a
session cancelled or moved, someone booked at the desk, who came. Both databases."""

from datetime import timedelta

from offline_bot import NOW, OfflineBot
from sqlalchemy import select
from test_new_session import add_advisor, no_demo_slots
from test_reminders_bot import books, resident_id, run_outbox, sent_to

from scheduling import join_waitlist
from scheduling.advisor_models import Advisor, NotificationLevel
from scheduling.advisors import daily_agenda
from scheduling.models import BookedBy, Booking, BookingStatus, Resident, Slot, SlotStatus
from scheduling.notification_models import Notification, NotificationKind

NADIA = 9001
PAUL = 9002


def waits(bot: OfflineBot, resident, slot_id: int) -> None:
    rid = resident_id(bot, resident)
    with bot.session() as session:
        join_waitlist(session, slot_id=slot_id, resident_id=rid, now=bot.clock())


def full_workshop(bot: OfflineBot):
    """A 2-seat workshop at Moissac, Tuesday 14:00: Martine and Karim booked, Sophie waiting."""
    no_demo_slots(bot)
    slot = bot.add_slot(capacity=2)
    martine, karim, sophie = (bot.resident(name) for name in ("Martine", "Karim", "Sophie"))
    books(bot, martine, slot)
    books(bot, karim, slot)
    waits(bot, sophie, slot)
    return slot, martine, karim, sophie


async def test_an_advisor_sees_her_sessions_and_who_is_coming(bot):
    slot, *_ = full_workshop(bot)
    bot.add_slot(structure="CCAS de Castelsarrasin", title="Mes e-mails", themes=("email",))
    bot.add_slot(structure="Mairie de Montauban", title="Ailleurs")  # not hers
    add_advisor(bot, "Mairie de Moissac", "CCAS de Castelsarrasin")
    nadia = bot.resident("Nadia", user_id=NADIA)

    listing = await nadia.says("/planning")

    assert "Mairie de Moissac" in listing and "CCAS de Castelsarrasin" in listing
    assert "Ailleurs" not in listing
    assert "2/2 places · 1 en attente" in listing
    assert "0/8 places" in listing
    assert len(listing) <= 4096
    detail = await nadia.presses(f"pss1:{slot}")
    assert "2/2 places prises · 1 en liste d'attente" in detail
    assert "Martine" in detail and "Karim" in detail and "Impôts en ligne" in detail
    assert "en ligne" in detail


async def test_cancel_with_a_reason_tells_participants_and_the_waitlist(bot):
    slot, martine, karim, sophie = full_workshop(bot)
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/planning")
    await nadia.presses(f"pss1:{slot}")
    question = await nadia.taps("Annuler la séance")
    assert "2 personnes sont inscrites" in question

    done = await nadia.says("Conseillère malade")

    assert "Séance annulée. 2 personnes vont être prévenues." in done
    with bot.session() as session:
        cancelled = session.get(Slot, slot)
        assert (cancelled.status, cancelled.cancellation_reason) == (
            SlotStatus.CANCELLED,
            "Conseillère malade",
        )
    await run_outbox(bot)
    assert "Motif : Conseillère malade" in sent_to(bot.api, martine)[-1]
    assert "est annulé par l'organisateur" in sent_to(bot.api, karim)[-1]
    [notice] = sent_to(bot.api, sophie)
    assert "liste d'attente" in notice and "annulé" in notice


async def test_move_tells_participants_and_the_waitlist(bot):
    slot, martine, _karim, sophie = full_workshop(bot)
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.presses(f"pss1:{slot}")
    await nadia.taps("Déplacer")
    assert "Je n'ai pas compris" in await nadia.says("bientôt")
    assert "Il manque l'heure" in await nadia.says("jeudi")

    done = await nadia.says("jeudi 10h")

    assert "Séance déplacée au jeudi 6 mars à 10h00" in done
    await run_outbox(bot)
    moved = sent_to(bot.api, martine)[-1]
    assert "est déplacé par l'organisateur" in moved and "jeudi 6 mars à 10h00" in moved
    [notice] = sent_to(bot.api, sophie)
    assert "liste d'attente" in notice and "déplacé" in notice


async def test_a_walk_in_is_booked_by_the_team_gets_no_reminder_and_can_be_cancelled(bot):
    no_demo_slots(bot)
    slot = bot.add_slot()
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.presses(f"pss1:{slot}")
    await nadia.taps("Inscrire quelqu'un")
    await nadia.says("Josette")
    await nadia.taps("Impôts en ligne")
    assert "ne ressemble pas" in await nadia.says("pas de téléphone")
    detail = await nadia.taps("Passer")

    assert "Inscription faite pour Josette" in detail
    assert "Josette · 🧾 Impôts en ligne · par l'équipe" in detail
    with bot.session() as session:
        booking = session.scalars(select(Booking)).one()
        assert booking.booked_by == BookedBy.ADVISOR
        walk_in = session.get(Resident, booking.resident_id)
        assert walk_in.telegram_user_id is None
        kinds = session.scalars(
            select(Notification.kind).where(Notification.resident_id == walk_in.id)
        ).all()
        assert kinds == []

    await nadia.taps("Désinscrire Josette")
    after = await nadia.taps("Oui, désinscrire")
    assert "Josette" not in after
    with bot.session() as session:
        assert session.scalars(select(Booking.status)).one() == BookingStatus.CANCELLED_BY_RESIDENT


async def test_attendance_is_marked_once_the_session_has_started(bot):
    no_demo_slots(bot)
    slot = bot.add_slot()
    booking = books(bot, bot.resident("Martine"), slot)
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.presses(f"pss1:{slot}")
    assert "✅ Martine" not in nadia.button_texts()
    early = await nadia.presses(f"pat1:{booking}:1")
    assert "n'a pas encore commencé" in early

    bot.clock.advance(timedelta(days=1, hours=5, minutes=10))
    await nadia.presses(f"pss1:{slot}")
    await nadia.taps("❌ Martine")
    with bot.session() as session:
        assert session.get(Booking, booking).status == BookingStatus.NO_SHOW
    shown = await nadia.taps("✅ Martine")
    assert "✅ présent" in shown
    with bot.session() as session:
        assert session.get(Booking, booking).status == BookingStatus.ATTENDED


async def test_notifications_changes_the_level(bot):
    advisor = add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    assert "Tout : chaque inscription" in await nadia.says("/notifications")
    await nadia.taps("Seulement le jour même")
    with bot.session() as session:
        assert session.get(Advisor, advisor).notification_level == NotificationLevel.SAME_DAY


async def test_a_session_without_an_advisor_tells_every_advisor_of_its_place(bot):
    no_demo_slots(bot)
    slot = bot.add_slot(starts_at=NOW + timedelta(hours=5))
    nadia_id = add_advisor(bot, "Mairie de Moissac")
    paul_id = add_advisor(bot, "Mairie de Moissac", user_id=PAUL)
    books(bot, bot.resident("Martine"), slot)
    with bot.session() as session:
        told = session.scalars(
            select(Notification.advisor_id).where(
                Notification.kind == NotificationKind.ADVISOR_BOOKED
            )
        ).all()
        assert sorted(told) == [nadia_id, paul_id]
        for advisor_id in (nadia_id, paul_id):
            agenda = daily_agenda(session, advisor_id=advisor_id, day=NOW.date(), now=NOW)
            assert [s.slot.slot_id for s in agenda.sessions] == [slot]


async def test_forged_buttons_change_nothing(bot):
    no_demo_slots(bot)
    mine = bot.add_slot()
    theirs = bot.add_slot(structure="Mairie de Montauban")
    their_booking = books(bot, bot.resident("Karim"), theirs)
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    martine = bot.resident("Martine")
    refusal = "🔒 Cette action est réservée"
    for data in (
        f"pss1:{theirs}",
        f"pcx1:{theirs}",
        f"pcn1:{theirs}",
        f"pmv1:{theirs}",
        f"pwi1:{theirs}",
        f"pat1:{their_booking}:0",
        f"pwc1:{their_booking}",
        f"pwy1:{their_booking}",
    ):
        assert refusal in await nadia.presses(data), data
    for data in (f"pss1:{mine}", f"pcn1:{mine}", f"pat1:{their_booking}:0", "pnl1:none"):
        assert refusal in await martine.presses(data), data
    assert refusal in await martine.says("/planning")
    assert refusal in await martine.says("/notifications")
    with bot.session() as session:
        assert session.scalars(select(Slot.status)).all() == [SlotStatus.SCHEDULED] * 2
        assert session.get(Booking, their_booking).status == BookingStatus.BOOKED


async def test_a_coordinator_without_an_advisor_profile_is_told_why_no_notice_comes(database_url):
    async with OfflineBot(database_url=database_url, admin_ids=frozenset({5000})).running() as bot:
        claire = bot.resident("Claire", user_id=5000)

        answer = await claire.says("/notifications")

        assert "sans fiche de conseiller" in answer and "/inviter" in answer

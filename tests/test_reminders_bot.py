"""Reminders, waitlist offers and service changes reaching residents through the bot.

The `outbox` job is run by hand (`run_outbox`) at the test's clock: nothing sleeps. Residents book
in the database (the journey has its own tests); what they receive and press goes through the
real application and its recorded Bot API.
"""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from offline_bot import NOW, OfflineBot, Resident
from sqlalchemy import select

from bot.jobs import OUTBOX_JOB, RETENTION_JOB
from bot.offline_api import OfflineBotApi
from bot.outbox import Delivery, deliver_due
from bot.persistence import UserDraft
from handlers.context import CustomContext
from scheduling import (
    BookedBy,
    Booking,
    BookingStatus,
    Notification,
    NotificationKind,
    NotificationStatus,
    Slot,
    WaitlistEntry,
    WorkshopKind,
    book_seat,
    cancel_booking,
    cancel_slot,
    join_waitlist,
    move_slot,
)
from scheduling.advisor_models import Advisor
from scheduling.residents import ensure_resident, find_resident

TUESDAY_2PM = NOW + timedelta(days=1, hours=5)  # the default slot: Tuesday 4 March, 14:00 CET
MONDAY_6PM = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)  # its day-before reminder: 18:00 CET
TUESDAY_8AM = datetime(2025, 3, 4, 7, 0, tzinfo=UTC)  # the advisors' agenda: 08:00 CET
PERMANENCE = ("caf", "impots", "papiers")  # the themes of an appointment for anything official


async def run_outbox(bot: OfflineBot, **options) -> Delivery:
    """One run of the application's `outbox` job, as the job queue would run it."""
    [job] = bot.application.job_queue.get_jobs_by_name(OUTBOX_JOB)
    return await deliver_due(bot.application, worker=job.data, **options)


def resident_id(bot: OfflineBot, resident: Resident) -> int:
    """The resident's id, created as the bot would on their first message."""
    with bot.session() as session:
        known = find_resident(session, telegram_user_id=resident.user_id)
        if known is not None:
            return known.id
        return ensure_resident(
            session,
            telegram_user_id=resident.user_id,
            first_name=resident.first_name,
            language=resident.language_code or "fr",
            now=bot.clock(),
        ).id


def books(bot: OfflineBot, resident: Resident, slot_id: int) -> int:
    """The resident holds a seat on the slot (booked by the journey, as far as we care here)."""
    rid = resident_id(bot, resident)
    with bot.session() as session:
        return book_seat(session, slot_id=slot_id, resident_id=rid, now=bot.clock()).booking_id


async def cancels(bot: OfflineBot, resident: Resident, booking_id: int) -> None:
    """The resident cancels a booking, then the outbox runs (a waitlist offer goes out)."""
    with bot.session() as session:
        cancel_booking(
            session, booking_id=booking_id, resident_id=resident_id(bot, resident), now=bot.clock()
        )
    await run_outbox(bot)


def sent_to(api, resident: Resident) -> list[str]:
    """The texts of the messages sent (not edited) to the resident's chat, in order."""
    return [
        call.result["text"]
        for call in api.calls
        if call.method == "sendMessage"
        and not call.error
        and int(call.params["chat_id"]) == resident.user_id
    ]


def last_message(resident: Resident) -> dict:
    return resident.bot_messages()[-1]


def buttons(message: dict) -> dict[str, str]:
    return {
        b["text"]: b["callback_data"]
        for row in message.get("reply_markup", {}).get("inline_keyboard", [])
        for b in row
    }


def booking(bot: OfflineBot, booking_id: int) -> Booking:
    with bot.session() as session:
        found = session.get(Booking, booking_id)
        session.expunge(found)
        return found


def advisor_of(bot: OfflineBot, slot_id: int) -> Resident:
    """Nadia, on Telegram, advises the slot's workshop: she is told of its bookings."""
    with bot.session() as session:
        advisor = Advisor(first_name="Nadia", last_name="Conseillère", telegram_user_id=9001)
        session.add(advisor)
        session.flush()
        advisor_id = advisor.id
    bot.change_slot(slot_id, lambda slot: setattr(slot.workshop, "advisor_id", advisor_id))
    return bot.resident("Nadia", user_id=9001)


def add_permanence(bot: OfflineBot, **changes) -> int:
    """An individual appointment on Tuesday at 14:00, for taxes, the CAF or identity papers."""
    return bot.add_slot(
        title="Permanence numérique", kind=WorkshopKind.INDIVIDUAL, themes=PERMANENCE, **changes
    )


async def looks_for_help(resident: Resident, need: str) -> None:
    """The journey up to the dates in Moissac, for the need on the button `need`."""
    await resident.says("/start")
    await resident.taps(need)
    await resident.says("Moissac")


def needs_booked(bot: OfflineBot, slot_id: int) -> list[str | None]:
    with bot.session() as session:
        return session.scalars(select(Booking.need).where(Booking.slot_id == slot_id)).all()


async def new_messages(bot: OfflineBot, resident: Resident, *, at: datetime) -> list[str]:
    """What the outbox sends the resident when it runs at `at`."""
    before = len(sent_to(bot.api, resident))
    bot.clock.now = at
    await run_outbox(bot)
    return sent_to(bot.api, resident)[before:]


async def test_the_jobs_are_registered_once_under_fixed_names(bot):
    queue = bot.application.job_queue
    assert len(queue.get_jobs_by_name(OUTBOX_JOB)) == 1
    assert len(queue.get_jobs_by_name(RETENTION_JOB)) == 1


async def test_martine_is_reminded_the_evening_before_with_place_and_what_to_bring(bot):
    martine = bot.resident("Martine")
    books(bot, martine, bot.add_slot())
    assert (await run_outbox(bot)).sent == 0
    bot.clock.now = MONDAY_6PM - timedelta(minutes=1)
    assert (await run_outbox(bot)).sent == 0

    bot.clock.now = MONDAY_6PM
    assert (await run_outbox(bot)).sent == 1
    [reminder] = sent_to(bot.api, martine)
    assert "Rappel" in reminder
    assert "mardi 4 mars à 14h00" in reminder
    assert "Mairie de Moissac" in reminder
    assert "numéro fiscal" in reminder  # what to bring for taxes
    assert set(buttons(last_message(martine))) == {"Je viens ✅", "Je ne peux plus venir ❌"}


async def test_je_viens_is_recorded(bot):
    martine = bot.resident("Martine")
    booking_id = books(bot, martine, bot.add_slot())
    bot.clock.now = MONDAY_6PM
    await run_outbox(bot)
    reminder = last_message(martine)

    await martine.press(buttons(reminder)["Je viens ✅"], reminder)

    assert "vous venez" in martine.last_text
    assert booking(bot, booking_id).confirmed_at == MONDAY_6PM


async def test_je_ne_peux_plus_venir_asks_then_frees_the_seat(bot):
    martine = bot.resident("Martine")
    slot_id = bot.add_slot(capacity=1)
    booking_id = books(bot, martine, slot_id)
    bot.clock.now = MONDAY_6PM
    await run_outbox(bot)
    reminder = last_message(martine)

    await martine.press(buttons(reminder)["Je ne peux plus venir ❌"], reminder)
    assert "Voulez-vous annuler votre participation ?" in martine.last_text
    assert booking(bot, booking_id).status == BookingStatus.BOOKED

    await martine.taps("Oui, j'annule")
    assert "votre participation est annulée" in martine.last_text
    assert booking(bot, booking_id).status == BookingStatus.CANCELLED_BY_RESIDENT
    with bot.session() as session:
        assert session.get(Slot, slot_id).seats_taken == 0


async def test_after_a_restart_each_reminder_is_sent_exactly_once(database_url):
    first = OfflineBot(database_url=database_url)
    async with first.running():
        martine, bernard = first.resident("Martine"), first.resident("Bernard")
        slot_id = first.add_slot()
        books(first, martine, slot_id)
        books(first, bernard, slot_id)
        first.clock.now = MONDAY_6PM + timedelta(minutes=5)  # due, but the bot stops
    assert sent_to(first.api, martine) == []

    first.clock.advance(timedelta(minutes=20))
    second = OfflineBot(database_url=database_url, clock=first.clock)
    async with second.running():
        await run_outbox(second)
        await run_outbox(second)
        second.clock.now = TUESDAY_2PM - timedelta(hours=2)  # the one two hours before
        await run_outbox(second)
        await run_outbox(second)

    for resident in (martine, bernard):
        assert len(sent_to(second.api, resident)) == 2
    third = OfflineBot(database_url=database_url, clock=first.clock)
    async with third.running():
        await run_outbox(third)
    assert third.api.calls and not [c for c in third.api.calls if c.method == "sendMessage"]


async def test_two_schedulers_on_one_database_send_each_reminder_once(database_url):
    one = OfflineBot(database_url=database_url)
    two = OfflineBot(database_url=database_url, clock=one.clock)
    async with one.running(), two.running():
        residents = [one.resident(name) for name in ("Martine", "Bernard", "Chantal", "Didier")]
        slot_id = one.add_slot()
        for resident in residents:
            books(one, resident, slot_id)
        one.clock.now = MONDAY_6PM
        await asyncio.gather(
            run_outbox(one, batch_size=1),
            run_outbox(two, batch_size=1),
            run_outbox(one, batch_size=1),
            run_outbox(two, batch_size=1),
        )
    for resident in residents:
        assert len(sent_to(one.api, resident)) + len(sent_to(two.api, resident)) == 1
    assert sent_to(one.api, residents[0]) or sent_to(two.api, residents[0])


async def test_a_freed_seat_is_offered_then_handed_over_when_the_offer_expires(bot):
    martine, bernard, chantal = (bot.resident(n) for n in ("Martine", "Bernard", "Chantal"))
    slot_id = bot.add_slot(capacity=1)
    martine_booking = books(bot, martine, slot_id)
    # Bernard, then Chantal, ask to be told when a seat frees up.
    await bernard.press(f"wj1:{slot_id}")
    assert "n°1 sur la liste d'attente" in bernard.last_text
    await chantal.press(f"wj1:{slot_id}")
    assert "n°2 sur la liste d'attente" in chantal.last_text

    await cancels(bot, martine, martine_booking)
    offer = last_message(bernard)
    assert "Une place s'est libérée" in offer["text"]
    assert "Je prends la place" in buttons(offer)
    assert sent_to(bot.api, chantal)[-1:] != [offer["text"]]

    # Bernard does not answer in time: the seat goes to Chantal.
    bot.clock.advance(timedelta(hours=2, minutes=1))
    await run_outbox(bot)
    chantal_offer = last_message(chantal)
    assert "Une place s'est libérée" in chantal_offer["text"]

    await bernard.press(buttons(offer)["Je prends la place"], offer)
    assert "le délai pour prendre cette place est passé" in bernard.last_text

    await chantal.press(buttons(chantal_offer)["Je prends la place"], chantal_offer)
    # As after any booking: the date, what to bring, and the place on a map.
    assert "C'est réservé, Chantal" in chantal.last_text
    assert "À apporter" in chantal.last_text
    assert chantal.calls("sendVenue") or chantal.calls("sendLocation")
    with bot.session() as session:
        holders = session.scalars(
            select(Booking.resident_id).where(
                Booking.slot_id == slot_id, Booking.status == BookingStatus.BOOKED
            )
        ).all()
        assert holders == [resident_id(bot, chantal)]
        assert session.scalars(select(WaitlistEntry.status)).all()


async def test_a_slot_cancelled_by_the_organiser_offers_the_next_slots_and_no_reminder(bot):
    martine, bernard = bot.resident("Martine"), bot.resident("Bernard")
    slot_id = bot.add_slot()
    later = bot.add_slot(starts_at=TUESDAY_2PM + timedelta(days=7))
    books(bot, martine, slot_id)
    books(bot, bernard, slot_id)
    with bot.session() as session:
        cancel_slot(session, slot_id=slot_id, now=bot.clock(), reason="formatrice malade")

    await run_outbox(bot)
    for resident in (martine, bernard):
        [notice] = sent_to(bot.api, resident)
        assert "est annulé par l'organisateur" in notice
        assert "votre participation est annulée" not in notice
        assert "formatrice malade" in notice
        assert f"sl1:{later}" in buttons(last_message(resident)).values()

    bot.clock.now = MONDAY_6PM + timedelta(hours=1)
    await run_outbox(bot)
    for resident in (martine, bernard):
        assert len(sent_to(bot.api, resident)) == 1


async def test_a_slot_moved_by_the_organiser_keeps_the_seat_and_reminds_at_the_new_time(bot):
    martine = bot.resident("Martine")
    slot_id = bot.add_slot()
    books(bot, martine, slot_id)
    wednesday_2pm = TUESDAY_2PM + timedelta(days=1)
    with bot.session() as session:
        move_slot(
            session, slot_id=slot_id, new_start=wednesday_2pm,
            new_end=wednesday_2pm + timedelta(hours=2), now=bot.clock(),
        )  # fmt: skip

    await run_outbox(bot)
    [notice] = sent_to(bot.api, martine)
    assert "est déplacé par l'organisateur" in notice
    assert "mercredi 5 mars à 14h00" in notice
    assert "votre participation est annulée" not in notice

    # The old evening-before reminder is gone; the new one comes on Tuesday at 18:00.
    bot.clock.now = MONDAY_6PM + timedelta(minutes=5)
    await run_outbox(bot)
    assert len(sent_to(bot.api, martine)) == 1
    bot.clock.now = MONDAY_6PM + timedelta(days=1, minutes=5)
    await run_outbox(bot)
    reminder = sent_to(bot.api, martine)[-1]
    assert len(sent_to(bot.api, martine)) == 2 and "mercredi 5 mars à 14h00" in reminder


async def test_the_reminder_before_a_monday_after_the_clocks_change_comes_at_6pm_local(
    database_url,
):
    sunday_before = datetime(2025, 3, 28, 9, 0, tzinfo=UTC)
    offline = OfflineBot(database_url=database_url)
    offline.clock.now = sunday_before
    async with offline.running() as bot:
        martine = bot.resident("Martine")
        # Monday 31 March 2025, 14:00 in Moissac: summer time (CEST, UTC+2) since Sunday 2:00.
        books(bot, martine, bot.add_slot(starts_at=datetime(2025, 3, 31, 12, 0, tzinfo=UTC)))
        bot.clock.now = datetime(2025, 3, 30, 15, 59, tzinfo=UTC)  # 17:59 CEST
        await run_outbox(bot)
        assert sent_to(bot.api, martine) == []
        bot.clock.now = datetime(2025, 3, 30, 16, 0, tzinfo=UTC)  # 18:00 CEST
        await run_outbox(bot)
        [reminder] = sent_to(bot.api, martine)
        assert "lundi 31 mars à 14h00" in reminder


async def test_a_full_slot_in_the_journey_offers_its_waitlist(bot):
    slot_id = bot.add_slot(capacity=1)
    books(bot, bot.resident("Karim"), slot_id)
    bot.add_slot(starts_at=TUESDAY_2PM + timedelta(days=7))
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    await martine.presses(f"sl1:{slot_id}")

    assert "liste d'attente" in martine.last_text
    assert "Voici les autres possibilités" in martine.last_text
    [proposal] = [
        m for m in martine.bot_messages() if "M'inscrire sur la liste d'attente" in buttons(m)
    ]
    await martine.press(buttons(proposal)["M'inscrire sur la liste d'attente"], proposal)
    assert "n°1 sur la liste d'attente" in martine.last_text


async def test_erasing_ones_data_passes_an_offered_seat_to_the_next_in_line(bot):
    martine, bernard, chantal = (bot.resident(n) for n in ("Martine", "Bernard", "Chantal"))
    slot_id = bot.add_slot(capacity=1)
    martine_booking = books(bot, martine, slot_id)
    for resident in (bernard, chantal):
        with bot.session() as session:
            join_waitlist(
                session, slot_id=slot_id, resident_id=resident_id(bot, resident), now=bot.clock()
            )
    await cancels(bot, martine, martine_booking)
    assert "Une place s'est libérée" in last_message(bernard)["text"]

    await bernard.says("/mesdonnees")
    await bernard.taps("Tout effacer")
    await bernard.taps("Oui, tout effacer")

    await run_outbox(bot)
    assert "Une place s'est libérée" in last_message(chantal)["text"]


class StuckBotApi(OfflineBotApi):
    """sendMessage hangs until the test lets it go (a bot stopped in the middle of a send)."""

    def __init__(self) -> None:
        super().__init__()
        self.stuck = True
        self.reached = asyncio.Event()

    async def do_request(self, url, method, request_data=None, **timeouts):
        if self.stuck and url.endswith("/sendMessage"):
            self.reached.set()
            await asyncio.Event().wait()
        return await super().do_request(url, method, request_data, **timeouts)


async def test_claims_in_flight_when_the_bot_stops_are_given_back(database_url):
    api = StuckBotApi()
    async with OfflineBot(database_url=database_url, api=api).running() as bot:
        martine = bot.resident("Martine")
        books(bot, martine, bot.add_slot())
        bot.clock.now = MONDAY_6PM
        sending = asyncio.create_task(run_outbox(bot))
        await api.reached.wait()
        sending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sending
        with bot.session() as session:
            [reminder] = session.scalars(
                select(Notification).where(
                    Notification.kind == NotificationKind.REMINDER_DAY_BEFORE
                )
            ).all()
            assert (reminder.status, reminder.attempts) == (NotificationStatus.PENDING, 0)

        api.stuck = False
        assert (await run_outbox(bot)).sent == 1
    assert len(sent_to(api, martine)) == 1


async def test_the_advisor_hears_of_each_booking_and_gets_the_days_agenda_at_8am(bot):
    slot_id = bot.add_slot()
    nadia = advisor_of(bot, slot_id)
    books(bot, bot.resident("Martine"), slot_id)

    await run_outbox(bot)
    [notice] = sent_to(bot.api, nadia)
    assert "Nouvelle inscription : Martine" in notice
    assert "Impôts en ligne" in notice and "mardi 4 mars à 14h00" in notice
    assert "7 places restantes" in notice

    bot.clock.now = datetime(2025, 3, 4, 6, 59, tzinfo=UTC)  # 7:59 in Moissac
    await run_outbox(bot)
    assert len(sent_to(bot.api, nadia)) == 1
    bot.clock.now = datetime(2025, 3, 4, 7, 0, tzinfo=UTC)
    await run_outbox(bot)
    agenda = sent_to(bot.api, nadia)[-1]
    assert "Votre programme du mardi 4 mars" in agenda and "Martine" in agenda


async def test_the_daily_retention_job_runs(bot, caplog):
    [job] = bot.application.job_queue.get_jobs_by_name(RETENTION_JOB)
    with caplog.at_level("INFO", logger="bot.jobs"):
        await job.callback(CustomContext.from_job(job, bot.application))
    assert "retention: RetentionApplied" in caplog.text


async def test_declining_an_offer_passes_the_seat_on(bot):
    martine, bernard, chantal = (bot.resident(n) for n in ("Martine", "Bernard", "Chantal"))
    slot_id = bot.add_slot(capacity=1)
    martine_booking = books(bot, martine, slot_id)
    await bernard.press(f"wj1:{slot_id}")
    await chantal.press(f"wj1:{slot_id}")
    await cancels(bot, martine, martine_booking)
    offer = last_message(bernard)

    await bernard.press(buttons(offer)["Je laisse ma place"], offer)
    assert "la place est proposée à la personne suivante" in bernard.last_text

    await run_outbox(bot)
    chantal_offer = last_message(chantal)
    assert "Une place s'est libérée" in chantal_offer["text"]

    # Chantal lets it go too, and nobody else waits: the seat is simply free again.
    await chantal.press(buttons(chantal_offer)["Je laisse ma place"], chantal_offer)
    assert "la place est libérée pour quelqu'un d'autre" in chantal.last_text
    with bot.session() as session:
        assert session.get(Slot, slot_id).seats_taken == 0


async def test_letting_go_of_an_offer_already_expired_says_so(bot):
    martine, bernard = bot.resident("Martine"), bot.resident("Bernard")
    slot_id = bot.add_slot(capacity=1)
    martine_booking = books(bot, martine, slot_id)
    await bernard.press(f"wj1:{slot_id}")
    await cancels(bot, martine, martine_booking)
    offer = last_message(bernard)

    bot.clock.advance(timedelta(hours=2, minutes=1))
    await run_outbox(bot)
    await bernard.press(buttons(offer)["Je laisse ma place"], offer)

    assert "Le délai pour prendre cette place était déjà passé" in bernard.last_text
    assert "proposée à quelqu'un d'autre" not in bernard.last_text


# --- the need the resident came for ---------------------------------------------------------------


async def test_a_taxes_appointment_speaks_of_taxes_only_from_booking_to_reminders(bot):
    slot_id = add_permanence(bot)
    nadia = advisor_of(bot, slot_id)
    martine = bot.resident("Martine")
    await looks_for_help(martine, "Impôts en ligne")
    await martine.presses(f"sl1:{slot_id}")

    confirmation = await martine.taps("Oui, je réserve")

    assert "Votre besoin : 🧾 Impôts en ligne" in confirmation
    assert "À apporter : Votre numéro fiscal et votre dernier avis d'impôt." in confirmation
    assert needs_booked(bot, slot_id) == ["impots"]
    [notice] = await new_messages(bot, nadia, at=bot.clock())
    assert "Nouvelle inscription : Martine" in notice
    assert "Besoin : 🧾 Impôts en ligne" in notice and "CAF" not in notice
    # The evening before, then two hours before: the tax papers, not the CAF's or the ID's.
    evening = await new_messages(bot, martine, at=MONDAY_6PM)
    [agenda] = await new_messages(bot, nadia, at=TUESDAY_8AM)
    noon = await new_messages(bot, martine, at=TUESDAY_2PM - timedelta(hours=2))
    assert "Martine · 🧾 Impôts en ligne" in agenda and "CAF" not in agenda
    for reminder in evening + noon:
        assert "Rappel" in reminder
        assert "Votre besoin : 🧾 Impôts en ligne" in reminder
        assert "À apporter : Votre numéro fiscal et votre dernier avis d'impôt." in reminder
        assert "allocataire" not in reminder and "pièces d'identité" not in reminder
    assert (len(evening), len(noon)) == (1, 1)


async def test_a_booking_without_a_need_said_speaks_of_every_theme_of_the_slot(bot):
    slot_id = add_permanence(bot)
    nadia = advisor_of(bot, slot_id)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Autre chose")
    await martine.says("bof")  # not understood: she looks for any help
    await martine.taps("Chercher de l'aide quand même")
    await martine.says("Moissac")
    await martine.presses(f"sl1:{slot_id}")

    confirmation = await martine.taps("Oui, je réserve")

    assert "Votre besoin" not in confirmation
    assert "À apporter : Votre téléphone ou ordinateur et vos mots de passe." in confirmation
    assert needs_booked(bot, slot_id) == [None]
    [notice] = await new_messages(bot, nadia, at=bot.clock())
    assert "Besoin : 👪 CAF et aides, 🧾 Impôts en ligne, 📄 Papiers et titres" in notice
    [reminder] = await new_messages(bot, martine, at=MONDAY_6PM)
    assert "Votre besoin" not in reminder
    for things in ("numéro allocataire CAF", "numéro fiscal", "pièces d'identité"):
        assert things in reminder


async def test_a_seat_taken_from_the_waitlist_keeps_the_need_it_was_waited_for(bot):
    slot_id = add_permanence(bot, capacity=1)
    karim = bot.resident("Karim")
    karim_booking = books(bot, karim, slot_id)
    martine = bot.resident("Martine")
    await looks_for_help(martine, "Impôts en ligne")
    await martine.presses(f"sl1:{slot_id}")  # full: she joins its waitlist
    [proposal] = [
        m for m in martine.bot_messages() if "M'inscrire sur la liste d'attente" in buttons(m)
    ]
    await martine.press(buttons(proposal)["M'inscrire sur la liste d'attente"], proposal)
    with bot.session() as session:
        assert session.scalars(select(WaitlistEntry.need)).all() == ["impots"]

    await cancels(bot, karim, karim_booking)
    offer = last_message(martine)
    await martine.press(buttons(offer)["Je prends la place"], offer)

    assert "C'est réservé, Martine" in martine.last_text
    assert "Votre besoin : 🧾 Impôts en ligne" in martine.last_text
    assert "numéro fiscal" in martine.last_text and "allocataire" not in martine.last_text
    with bot.session() as session:
        taken = session.scalars(
            select(Booking).where(
                Booking.slot_id == slot_id, Booking.status == BookingStatus.BOOKED
            )
        ).one()
        assert (taken.resident_id, taken.need, taken.booked_by) == (
            resident_id(bot, martine),
            "impots",
            BookedBy.WAITLIST,
        )
    [reminder] = await new_messages(bot, martine, at=MONDAY_6PM)
    assert "Votre besoin : 🧾 Impôts en ligne" in reminder and "allocataire" not in reminder


async def test_retention_forgets_a_silent_residents_draft_too(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.shares_location(44.1045, 1.0853)  # her very doorstep, in Moissac
    assert bot.application.user_data[martine.user_id].lat == 44.1045
    await bot.application.update_persistence()

    bot.clock.advance(timedelta(days=400))
    [job] = bot.application.job_queue.get_jobs_by_name(RETENTION_JOB)
    await job.callback(CustomContext.from_job(job, bot.application))
    await bot.application.update_persistence()

    assert martine.user_id not in bot.application.user_data
    with bot.session() as session:
        assert find_resident(session, telegram_user_id=martine.user_id) is None
        assert session.scalars(select(UserDraft.user_id)).all() == []


async def test_a_busy_agenda_comes_in_several_messages_telegram_accepts(bot):
    slot_id = bot.add_slot(capacity=80)
    nadia = advisor_of(bot, slot_id)
    names = [f"Marie-Amélie-Clémentine-Bernadette-Joséphine {n:02}" for n in range(60)]
    for n, name in enumerate(names):
        books(bot, bot.resident(name, user_id=20_000 + n), slot_id)

    bot.clock.now = datetime(2025, 3, 4, 7, 0, tzinfo=UTC)  # 8:00 in Moissac, the day of it
    await run_outbox(bot)

    agenda = [text for text in sent_to(bot.api, nadia) if "Nouvelle inscription" not in text]
    assert len(agenda) >= 2 and all(len(part) <= 4096 for part in agenda)
    assert "Votre programme du mardi 4 mars" in agenda[0]
    assert all(name in "\n".join(agenda) for name in names)
    assert [c for c in bot.api.calls if c.error] == []

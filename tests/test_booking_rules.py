"""The booking rules residents expect, as they live them through the bot: one appointment at a
time, waitlist offers in waking hours. Both databases."""

import copy
from datetime import UTC, datetime, timedelta

import pytest
from offline_bot import NOW, OfflineBot
from sqlalchemy import select
from test_new_session import add_advisor, no_demo_slots
from test_reminders_bot import (
    books,
    buttons,
    cancels,
    last_message,
    new_messages,
    resident_id,
    run_outbox,
)

from scheduling.models import Booking, BookingStatus, Slot
from scheduling.policy import Policy, ReminderPolicy
from scheduling.waitlist_models import WaitlistEntry, WaitlistStatus

TUESDAY_2PM = NOW + timedelta(days=1, hours=5)  # Tuesday 4 March, 14:00 CET
NADIA = 9001


def active_bookings(bot: OfflineBot, resident) -> list[int]:
    with bot.session() as session:
        return session.scalars(
            select(Booking.slot_id).where(
                Booking.resident_id == resident_id(bot, resident),
                Booking.status == BookingStatus.BOOKED,
            )
        ).all()


async def test_a_second_appointment_at_the_same_hour_elsewhere_is_refused_naming_the_first(bot):
    moissac = bot.add_slot()
    elsewhere = bot.add_slot(
        structure="Mairie de Saint-Nicolas", starts_at=TUESDAY_2PM + timedelta(minutes=30)
    )
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts")
    await martine.says("Moissac")
    await martine.presses(f"sl1:{moissac}")
    assert "C'est réservé" in await martine.taps("Oui, je réserve")

    answer = await martine.presses(f"sl1:{elsewhere}")

    assert "Vous avez déjà un rendez-vous à cette heure-là" in answer
    assert "mardi 4 mars à 14h00, Mairie de Moissac" in answer
    assert "/mesrdv" in answer
    assert "Voici les autres possibilités" in answer  # and the other dates, as buttons
    assert martine.slot_buttons()
    assert f"sl1:{elsewhere}" not in [b.callback_data for b in martine.slot_buttons()]

    # The "Oui, je réserve" of a screen shown before the first booking is refused too.
    stale = await martine.presses(f"bk1:{elsewhere}")
    assert "Vous avez déjà un rendez-vous à cette heure-là" in stale
    assert active_bookings(bot, martine) == [moissac]


async def test_back_to_back_sessions_can_both_be_booked(bot):
    moissac = bot.add_slot()
    right_after = bot.add_slot(
        structure="Mairie de Saint-Nicolas", starts_at=TUESDAY_2PM + timedelta(hours=2)
    )
    martine = bot.resident("Martine")
    books(bot, martine, moissac)

    await martine.presses(f"sl1:{right_after}")
    assert "C'est réservé" in await martine.taps("Oui, je réserve")
    assert sorted(active_bookings(bot, martine)) == sorted([moissac, right_after])


async def test_taking_a_waitlist_seat_at_the_hour_of_another_booking_is_refused(bot):
    full = bot.add_slot(capacity=1)
    elsewhere = bot.add_slot(structure="Mairie de Saint-Nicolas", starts_at=TUESDAY_2PM)
    karim, martine = bot.resident("Karim"), bot.resident("Martine")
    karim_booking = books(bot, karim, full)
    await martine.press(f"wj1:{full}")  # joining is no booking: allowed
    assert "n°1 sur la liste d'attente" in martine.last_text
    books(bot, martine, elsewhere)
    await cancels(bot, karim, karim_booking)
    offer = last_message(martine)

    await martine.press(buttons(offer)["Je prends la place"], offer)
    answer = martine.last_text

    assert "Vous avez déjà un rendez-vous à cette heure-là" in answer
    assert "mardi 4 mars à 14h00, Mairie de Saint-Nicolas" in answer
    assert {"📋 Mes rendez-vous", "Je laisse ma place"} <= set(buttons(last_message(martine)))
    assert active_bookings(bot, martine) == [elsewhere]
    # The offer keeps its buttons, for when the other hour is freed.
    assert "Je prends la place" in buttons(offer)


async def test_an_advisor_booking_a_walk_in_who_holds_that_hour_is_warned(bot):
    no_demo_slots(bot)
    first = bot.add_slot(structure="Mairie de Saint-Nicolas")
    slot = bot.add_slot()
    add_advisor(bot, "Mairie de Moissac")
    add_advisor(bot, "Mairie de Saint-Nicolas", user_id=NADIA + 1)
    nadia = bot.resident("Nadia", user_id=NADIA)
    paul = bot.resident("Paul", user_id=NADIA + 1)
    # Josette was booked at Saint-Nicolas, at 14:00, by its team.
    await paul.presses(f"pss1:{first}")
    await paul.taps("Inscrire quelqu'un")
    await paul.says("Josette")
    await paul.taps("Impôts en ligne")
    await paul.says("06 12 34 56 78")

    await nadia.presses(f"pss1:{slot}")
    await nadia.taps("Inscrire quelqu'un")
    await nadia.says("Josette")
    await nadia.taps("Impôts en ligne")
    detail = await nadia.says("+33 6 12 34 56 78")

    assert "Inscription faite pour Josette" in detail
    assert "déjà inscrit à la même heure" in detail
    assert "mardi 4 mars à 14h00 (Mairie de Saint-Nicolas" in detail
    with bot.session() as session:
        assert len(session.scalars(select(Booking).where(Booking.slot_id == slot)).all()) == 1


# --- waitlist offers in waking hours --------------------------------------------------------------


async def test_a_seat_freed_at_11pm_is_offered_at_8am_and_held_until_10am(bot):
    slot = bot.add_slot(capacity=1)  # Tuesday 14:00
    martine, bernard = bot.resident("Martine"), bot.resident("Bernard")
    books(bot, martine, slot)
    await bernard.press(f"wj1:{slot}")
    bot.clock.now = datetime(2025, 3, 3, 22, 0, tzinfo=UTC)  # Monday 23:00 in Moissac

    await martine.says("/mesrdv")
    await martine.taps("Annuler le n°1")
    assert "votre participation est annulée" in await martine.taps("Oui, j'annule")

    assert await new_messages(bot, bernard, at=bot.clock.now) == []
    assert await new_messages(bot, bernard, at=datetime(2025, 3, 4, 6, 59, tzinfo=UTC)) == []
    [offer] = await new_messages(bot, bernard, at=datetime(2025, 3, 4, 7, 0, tzinfo=UTC))
    assert "Une place s'est libérée" in offer
    assert "jusqu'au mardi 4 mars à 10h00" in offer
    # Nobody else can take the held seat in the night.
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 1


# --- /mesrdv shows the waitlists ------------------------------------------------------------------


def visible_length(resident) -> int:
    """What the resident reads of the bot's latest message: its text, without the markup."""
    return len(resident.bot_messages()[-1]["text"])


async def test_mesrdv_shows_the_waitlists_and_one_can_be_left_after_a_confirmation(bot):
    full = bot.add_slot(capacity=1)
    karim, martine, luc = (bot.resident(n) for n in ("Karim", "Martine", "Luc"))
    books(bot, karim, full)
    await luc.press(f"wj1:{full}")
    await martine.press(f"wj1:{full}")

    screen = await martine.says("/mesrdv")

    assert "Vous n'avez aucun rendez-vous à venir." in screen
    assert "⏳ Vos listes d'attente :" in screen
    assert "mar. 4 mars, 14h00, Mairie de Moissac (démo) : n°2" in screen
    assert "Voulez-vous quitter cette liste d'attente ?" in await martine.taps("Quitter l'attente")
    assert "vous restez sur la liste" in await martine.taps("Non, je reste")
    await martine.says("/mesrdv")
    await martine.taps("Quitter l'attente")
    confirmation = copy.deepcopy(martine.latest_inline_message())
    assert "vous n'êtes plus sur cette liste" in await martine.taps("Oui, je quitte la liste")
    with bot.session() as session:
        statuses = session.scalars(select(WaitlistEntry.status).order_by(WaitlistEntry.id)).all()
    assert statuses == [WaitlistStatus.WAITING, WaitlistStatus.LEFT]
    # The confirmation pressed again, from the old message: an answer, nothing changes.
    await martine.press(buttons(confirmation)["✅ Oui, je quitte la liste"], confirmation)
    assert "Vous n'êtes déjà plus sur cette liste d'attente" in martine.last_text
    assert "aucun rendez-vous" in await martine.says("/mesrdv")
    assert "liste d'attente" not in martine.last_text
    # And Luc is first in line now.
    assert "Mairie de Moissac (démo) : n°1" in await luc.says("/mesrdv")


async def test_an_offered_seat_shows_in_mesrdv_and_leaving_passes_it_on(bot):
    full = bot.add_slot(capacity=1)
    karim, martine, luc = (bot.resident(n) for n in ("Karim", "Martine", "Luc"))
    karim_booking = books(bot, karim, full)
    await martine.press(f"wj1:{full}")
    await luc.press(f"wj1:{full}")
    await cancels(bot, karim, karim_booking)

    assert "une place vous est proposée" in await martine.says("/mesrdv")
    await martine.taps("Quitter l'attente")
    await martine.taps("Oui, je quitte la liste")

    await run_outbox(bot)
    assert "Une place s'est libérée" in last_message(luc)["text"]


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_mesrdv_with_two_bookings_and_two_waitlists_fits_500_characters(bot, language):
    karim, martine = bot.resident("Karim"), bot.resident("Martine", language_code=language)
    for day in (1, 2):
        books(bot, martine, bot.add_slot(starts_at=TUESDAY_2PM + timedelta(days=day * 7)))
    for day, structure in enumerate(("Mairie de Moissac", "Mairie de Saint-Nicolas")):
        full = bot.add_slot(
            structure=structure, capacity=1, starts_at=TUESDAY_2PM + timedelta(days=day)
        )
        books(bot, karim, full)
        await martine.press(f"wj1:{full}")

    await martine.says("/mesrdv")

    assert len(martine.bot_messages()[-1]["reply_markup"]["inline_keyboard"]) == 5
    assert visible_length(martine) <= 500


# --- the confirmation says which reminders will come ----------------------------------------------


async def book_through_the_journey(resident, slot_id: int) -> str:
    await resident.presses(f"sl1:{slot_id}")
    return await resident.taps("Oui, je réserve")


@pytest.mark.parametrize(
    ("hours_before", "reminders"),
    [
        (
            timedelta(days=1),
            "Je vous enverrai un rappel la veille à 18h00 et le jour même à 12h00.",
        ),
        (timedelta(hours=4), "Je vous enverrai un rappel le jour même à 12h00."),
        (timedelta(hours=1), "Je ne vous enverrai pas de rappel : notez bien la date."),
    ],
)
async def test_the_confirmation_names_the_reminders_still_ahead(bot, hours_before, reminders):
    slot = bot.add_slot()  # Tuesday 14:00: reminders on Monday at 18:00, Tuesday at 12:00
    bot.clock.now = TUESDAY_2PM - hours_before

    confirmation = await book_through_the_journey(bot.resident("Martine"), slot)

    assert "C'est réservé" in confirmation
    assert reminders in confirmation
    assert len(confirmation) <= 500


async def test_a_reminder_turned_off_in_the_settings_is_not_promised(database_url):
    policy = Policy(reminders=ReminderPolicy(day_before_at=None))
    async with OfflineBot(database_url=database_url, policy=policy).running() as bot:
        slot = bot.add_slot()

        confirmation = await book_through_the_journey(bot.resident("Martine"), slot)

        assert "Je vous enverrai un rappel le jour même à 12h00." in confirmation


async def test_a_seat_taken_from_the_waitlist_says_which_reminders_will_come(bot):
    slot = bot.add_slot(capacity=1)
    karim, martine = bot.resident("Karim"), bot.resident("Martine", language_code="en")
    karim_booking = books(bot, karim, slot)
    await martine.press(f"wj1:{slot}")
    bot.clock.now = datetime(2025, 3, 3, 17, 30, tzinfo=UTC)  # Monday 18:30: the first is past
    await cancels(bot, karim, karim_booking)
    offer = last_message(martine)

    await martine.press(buttons(offer)["I'll take the seat"], offer)

    assert "I will send you a reminder on the day at 12:00" in martine.last_text


# --- back from the commune question ---------------------------------------------------------------


async def test_back_from_the_commune_question_takes_the_location_keyboard_away(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    assert "📍 Partager ma position" in martine.button_texts()

    text = await martine.taps("↩️ Retour")

    assert "De quoi avez-vous besoin ?" in text
    assert martine.reply_keyboard() == []
    assert "📍 Partager ma position" not in martine.button_texts()
    # The themes are the buttons now, and they work.
    assert "Dans quelle commune habitez-vous ?" in await martine.taps("Santé")


# --- a waitlist button pressed twice --------------------------------------------------------------


JOIN = "M'inscrire sur la liste d'attente"


async def pressed_twice(resident, message: dict, label: str) -> list[str]:
    """The resident taps the button twice before the screen changed on their phone (a double
    tap): the second tap is about the message as Telegram holds it by then (edited by the
    first). What each tap answered; no call the bot made was refused."""
    data = buttons(message)[label]
    answers = []
    for _ in range(2):
        calls = await resident.press(data, message)
        assert [call.error for call in calls if call.error] == []
        answers.append(resident.last_text)
    return answers


async def test_pressing_a_waitlist_button_twice_answers_twice_without_an_error(bot):
    slot = bot.add_slot(capacity=1)
    karim, martine, luc = (bot.resident(n) for n in ("Karim", "Martine", "Luc"))
    karim_booking = books(bot, karim, slot)
    await martine.presses(f"sl1:{slot}")  # full: the waitlist is proposed
    [proposal] = [m for m in martine.bot_messages() if JOIN in buttons(m)]

    joined = await pressed_twice(martine, proposal, JOIN)
    assert all("n°1 sur la liste d'attente" in answer for answer in joined)
    await luc.press(f"wj1:{slot}")

    await cancels(bot, karim, karim_booking)
    declined = await pressed_twice(martine, last_message(martine), "Je laisse ma place")
    assert "proposée à la personne suivante" in declined[0]
    assert "C'est déjà fait : vous avez laissé cette place" in declined[1]

    await run_outbox(bot)
    taken = await pressed_twice(luc, last_message(luc), "Je prends la place")
    assert "C'est réservé, Luc" in taken[0]
    assert "Vous êtes déjà inscrit(e) à ce créneau" in taken[1]


async def test_two_taps_racing_on_the_same_screen_both_get_an_answer(bot):
    slot = bot.add_slot(capacity=1)
    karim, martine = bot.resident("Karim"), bot.resident("Martine")
    books(bot, karim, slot)
    await martine.presses(f"sl1:{slot}")
    [proposal] = [m for m in martine.bot_messages() if JOIN in buttons(m)]
    # Both taps carry the message as it was: Telegram refuses the second "take the buttons
    # off" (they are off already); the resident is answered all the same.
    before = copy.deepcopy(proposal)
    await martine.press(buttons(before)[JOIN], copy.deepcopy(before))
    await martine.press(buttons(before)[JOIN], copy.deepcopy(before))

    assert "n°1 sur la liste d'attente" in martine.last_text


async def test_an_old_button_pressed_again_on_the_screen_it_made_gets_the_answer_anew(bot):
    slot = bot.add_slot(capacity=1)
    karim, martine = bot.resident("Karim"), bot.resident("Martine")
    books(bot, karim, slot)
    await martine.press(f"wj1:{slot}")
    await martine.says("/mesrdv")
    await martine.taps("Quitter l'attente")
    await martine.taps("Non, je reste")
    screen = martine.latest_inline_message()  # "vous restez…", edited in place

    # The same answer once more: the pressed message shows it already, so it comes anew.
    calls = await martine.press(f"wk1:{slot}", screen)

    assert [call.error for call in calls if call.error] == []
    assert "vous restez sur la liste d'attente" in martine.last_text


async def test_a_typed_oui_leaves_the_waitlist_as_the_button_would(bot):
    full = bot.add_slot(capacity=1)
    karim, martine = bot.resident("Karim"), bot.resident("Martine")
    books(bot, karim, full)
    await martine.press(f"wj1:{full}")
    await martine.says("/mesrdv")
    await martine.taps("Quitter l'attente")

    assert "vous n'êtes plus sur cette liste" in await martine.says("oui")
    with bot.session() as session:
        assert session.scalars(select(WaitlistEntry.status)).all() == [WaitlistStatus.LEFT]


async def test_one_account_cannot_book_every_slot_with_forged_buttons(bot):
    slots = [bot.add_slot(starts_at=TUESDAY_2PM + timedelta(days=day)) for day in range(7)]
    full = bot.add_slot(starts_at=TUESDAY_2PM + timedelta(days=8), capacity=1)
    books(bot, bot.resident("Karim"), full)
    pirate = bot.resident("Pirate")

    for slot in slots[:4]:
        assert "C'est réservé" in await pirate.presses(f"bk1:{slot}")
    assert "📝 C'est noté" in await pirate.presses(f"wj1:{full}")  # the fifth: a waitlist
    refused = await pirate.presses(f"bk1:{slots[4]}")
    tapped = await pirate.presses(f"sl1:{slots[5]}")

    for text in (refused, tapped):
        assert "autant de rendez-vous et de listes d'attente" in text and "/mesrdv" in text
        assert "Voulez-vous réserver" not in text
    assert sorted(active_bookings(bot, pirate)) == slots[:4]
    await pirate.says("/mesrdv")
    await pirate.taps("Annuler le n°1")
    await pirate.taps("Oui, j'annule")
    assert "C'est réservé" in await pirate.presses(f"bk1:{slots[6]}")


async def test_the_limit_is_a_setting_and_the_staff_are_not_held_by_it():
    assert Policy().max_upcoming == 5
    with pytest.raises(ValueError):
        Policy(max_upcoming=0)

"""Residents who answer in words: "oui", "ok 👍", "non merci" at a yes/no question; "mes rdv",
"aide", "stop" at any step; a sticker, a photo or a voice message instead of words."""

import copy
from datetime import timedelta

from offline_bot import NOW
from sqlalchemy import select
from test_new_session import NADIA, add_advisor
from test_reminders_bot import MONDAY_6PM, books, run_outbox

from bot.offline_api import Button
from scheduling.models import Booking, BookingStatus, Resident, Slot

STICKER = {
    "file_id": "sticker",
    "file_unique_id": "sticker",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
    "type": "regular",
}
PHOTO = [{"file_id": "photo", "file_unique_id": "photo", "width": 90, "height": 90}]
VIDEO = {"file_id": "video", "file_unique_id": "video", "width": 9, "height": 9, "duration": 2}


async def from_castelsarrasin(bot, name="Martine"):
    """A resident who searched from Castelsarrasin once, now asked "Toujours à … ?"."""
    resident = bot.resident(name)
    await resident.says("/start")
    await resident.taps("Impôts en ligne")
    await resident.says("Castelsarrasin")
    await resident.says("/start")
    assert "Toujours à Castelsarrasin ?" in await resident.taps("Impôts en ligne")
    return resident


# --- yes and no in words --------------------------------------------------------------------------


async def test_oui_keeps_the_remembered_commune(bot):
    martine = await from_castelsarrasin(bot)

    text = await martine.says("oui")

    assert "Je ne trouve pas de commune" not in text
    assert "📍 Castelsarrasin (Tarn-et-Garonne)" in text
    assert "Voici l'aide la plus proche pour « 🧾 Impôts en ligne »" in text


async def test_every_way_of_saying_yes_keeps_the_commune(bot):
    for number, yes in enumerate(("OK", "d'accord", "yes", "ouais 👍", "👍", "Oui merci !")):
        resident = await from_castelsarrasin(bot, name=f"Resident{number}")
        assert "📍 Castelsarrasin (Tarn-et-Garonne)" in await resident.says(yes), yes


async def test_non_asks_for_another_commune(bot):
    martine = await from_castelsarrasin(bot)

    text = await martine.says("non merci")

    assert "Dans quelle commune habitez-vous ?" in text
    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("Moissac")


async def test_thumbs_down_is_a_no(bot):
    martine = await from_castelsarrasin(bot)

    assert "Dans quelle commune habitez-vous ?" in await martine.says("👎")


async def test_a_commune_proposed_without_a_question_of_its_own_is_chosen_by_oui(bot):
    # The convention another question ("Vouliez-vous dire Moissac ?") may use: the proposal only.
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    # The draft is the database's (read before each update): the scene is set there.
    draft = copy.copy(bot.application.user_data[martine.user_id])
    draft.proposed_commune = "82112"  # Moissac
    await bot.application.persistence.update_user_data(martine.user_id, draft)

    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("oui")


async def test_oui_books_the_slot_and_non_books_nothing(bot):
    slot = bot.add_slot(capacity=8)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")

    refused = await martine.says("non")

    assert "D'accord, je ne réserve rien." in refused
    assert "📅 mar. 4 mars, 14h00 · Mairie de Moissac (démo)" in martine.button_texts()
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    booked = await martine.says("Oui 👍")
    assert "✅ C'est réservé, Martine !" in booked
    assert "Votre besoin : 🧾 Impôts en ligne" in booked
    assert [call.method for call in martine.last_turn] == ["sendMessage", "sendVenue"]
    with bot.session() as session:
        booking = session.scalars(select(Booking).where(Booking.slot_id == slot)).one()
        assert (booking.status, booking.need) == (BookingStatus.BOOKED, "impots")
        assert session.get(Slot, slot).seats_taken == 1


async def test_ok_cancels_a_booking_after_the_question_and_non_keeps_it(bot):
    first = bot.add_slot()
    second = bot.add_slot(starts_at=NOW + timedelta(days=2, hours=5))
    martine = bot.resident("Martine")
    books(bot, martine, first)
    books(bot, martine, second)
    await martine.says("/mesrdv")

    await martine.taps("Annuler le n°1")
    assert "C'est fait : votre participation est annulée." in await martine.says("ok")
    await martine.says("/mesrdv")
    await martine.taps("Annuler le n°1")
    assert "votre rendez-vous est maintenu" in await martine.says("non")

    with bot.session() as session:
        assert session.get(Slot, first).seats_taken == 0
        assert session.get(Slot, second).seats_taken == 1


async def test_oui_erases_the_data_after_the_question(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.says("/mesdonnees")
    await martine.taps("Tout effacer")

    text = await martine.says("oui")

    assert "toutes vos données sont effacées" in text
    with bot.session() as session:
        assert session.scalars(select(Resident)).all() == []


async def test_non_keeps_the_data(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.says("/mesdonnees")
    await martine.taps("Tout effacer")

    assert "rien n'est effacé" in await martine.says("Non.")
    with bot.session() as session:
        assert len(session.scalars(select(Resident)).all()) == 1


async def test_a_yes_answers_only_the_question_just_asked(bot):
    martine = await from_castelsarrasin(bot)
    await martine.says("Moissac")

    text = await martine.says("oui")

    # Moissac's places are shown: "oui" is neither Castelsarrasin nor a new search.
    assert "Castelsarrasin" not in text and "Je ne trouve pas" not in text
    assert "Touchez une date ou un bouton ci-dessus" in text


async def test_a_reminder_between_the_question_and_the_answer_asks_for_the_buttons(bot):
    slot = bot.add_slot()
    martine = bot.resident("Martine")
    books(bot, martine, slot)
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Castelsarrasin")
    await martine.says("/start")
    await martine.taps("CAF et aides")  # "Toujours à Castelsarrasin ?"
    bot.clock.now = MONDAY_6PM
    await run_outbox(bot)  # "⏰ Rappel : vous avez rendez-vous demain." with "Je viens ✅"

    text = await martine.says("oui")

    assert "touchez plutôt le bouton de votre choix sous le message" in text
    assert "Castelsarrasin" not in text
    with bot.session() as session:
        booking = session.scalars(select(Booking)).one()
        assert booking.confirmed_at is None


async def test_oui_to_a_reminder_asks_for_its_button_rather_than_a_welcome(bot):
    slot = bot.add_slot()
    martine = bot.resident("Martine")
    books(bot, martine, slot)
    bot.clock.now = MONDAY_6PM
    await run_outbox(bot)

    text = await martine.says("oui")

    assert "touchez plutôt le bouton de votre choix sous le message" in text
    assert "Bonjour" not in text
    await martine.tap(earlier_button(martine, "Je viens"))
    with bot.session() as session:
        assert session.scalars(select(Booking)).one().confirmed_at is not None


async def test_oui_where_nothing_was_asked_is_not_a_commune(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("oui")

    assert "Je ne trouve pas de commune" not in text
    assert "Dans quelle commune habitez-vous ?" in text
    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("Moissac")


async def test_ok_at_the_need_step_is_not_a_need(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")

    text = await martine.says("ok")

    assert "J'ai compris" not in text
    assert "Je n'ai pas bien compris votre besoin" in text
    assert "J'ai compris : 🧾 Impôts en ligne." in await martine.says("mes impôts")


async def test_a_need_written_in_english_is_understood(bot):
    john = bot.resident("John", language_code="en")

    assert "Understood: 🧾 Taxes online." in await john.says("I need help with my taxes")
    await john.says("/start")
    assert "Understood: 🔒 Scams and safety." in await john.says("I got a scam text message")


async def test_a_need_in_text_message_spelling_is_understood(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")

    assert "J'ai compris : 👪 CAF et aides." in await martine.says("pb kaf stp")


# --- everyday words for the commands --------------------------------------------------------------


async def test_mes_rdv_at_the_commune_question_shows_the_bookings_and_the_step_goes_on(bot):
    slot = bot.add_slot()
    martine = bot.resident("Martine")
    books(bot, martine, slot)
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("mes rdv")

    assert "📋 Vos rendez-vous :" in text and "Je ne trouve pas de commune" not in text
    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("Moissac")


async def test_the_ways_of_asking_for_one_s_appointments(bot):
    martine = bot.resident("Martine")
    phrasings = (
        "mes rendez-vous",
        "Mon rendez-vous",
        "annuler mon rendez-vous",
        "je veux voir mes RDV svp",
        "my appointments",
    )
    for phrasing in phrasings:
        assert "Vous n'avez aucun rendez-vous à venir." in await martine.says(phrasing), phrasing
    await martine.says("/start")
    for phrasing in phrasings:
        assert "Vous n'avez aucun rendez-vous à venir." in await martine.says(phrasing), phrasing


async def test_aide_at_the_commune_question_is_the_help_not_a_commune(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("aide")

    assert "Comment ça marche" in text and "Je ne trouve pas de commune" not in text
    assert "Comment ça marche" in await martine.says("Help!")


async def test_aide_pour_mes_impots_is_a_need_not_the_help(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")

    assert "J'ai compris : 🧾 Impôts en ligne." in await martine.says("aide pour mes impôts")


async def test_stop_leaves_the_journey_like_annuler(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("STOP")

    assert "on s'arrête là" in text
    assert martine.reply_keyboard() == []
    assert "Il n'y a rien en cours" in await martine.says("stop")


async def test_words_typed_in_a_staff_dialogue_stay_the_staff_s_answers(bot):
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/nouvelle_seance")
    await nadia.taps("Atelier collectif")
    await nadia.taps("Téléphone, tablette")
    await nadia.taps("Continuer")

    text = await nadia.says("Aide")  # the title of her workshop

    assert "Comment ça marche" not in text
    assert nadia.button_texts()[:2] == ["Aujourd'hui", "Demain"]


# --- what is not words ----------------------------------------------------------------------------


async def test_a_sticker_at_the_commune_question_gets_one_sentence_and_the_question(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    await martine.sends(sticker=STICKER)

    [answer] = martine.last_turn
    assert answer.method == "sendMessage"
    text = answer.result["text"]
    assert text.startswith(
        "Je ne comprends que les messages écrits, les boutons et une position partagée"
    )
    assert "Dans quelle commune habitez-vous ?" in text
    assert martine.reply_keyboard()[0].request_location
    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("Moissac")


async def test_a_sticker_after_toujours_a_asks_it_again(bot):
    martine = await from_castelsarrasin(bot)

    text = await martine.sends(sticker=STICKER)

    assert "Toujours à Castelsarrasin ?" in text
    assert "📍 Castelsarrasin (Tarn-et-Garonne)" in await martine.says("oui")


async def test_a_photo_at_the_need_step_gets_the_need_menu_again(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")

    text = await martine.sends(photo=PHOTO)

    assert text.startswith("Je ne comprends que les messages écrits et les boutons")
    assert "De quoi avez-vous besoin ?" in text
    assert "💬 Autre chose" in martine.button_texts()


async def test_a_sticker_before_any_conversation_gets_the_sentence_and_the_welcome(bot):
    martine = bot.resident("Martine")

    text = await martine.sends(sticker=STICKER)

    assert text.startswith("Je ne comprends que les messages écrits et les boutons")
    assert "Bonjour Martine !" in text and "De quoi avez-vous besoin ?" in text
    assert len(martine.calls("sendMessage")) == 1


async def test_a_video_and_a_voice_message_once_the_places_are_shown(bot):
    bot.add_slot()
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    for text in (await martine.sends(video=VIDEO), _texts(await martine.send_voice())):
        assert text.startswith("Je ne comprends que les messages écrits et les boutons")
        assert "Touchez une date ou un bouton ci-dessus" in text
    slot_button = earlier_button(martine, "mar. 4 mars, 14h00")
    assert "Voulez-vous réserver cette place ?" in _texts(await martine.tap(slot_button))


async def test_a_resident_s_file_in_the_journey_gets_the_question_again(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.sends_file("avis-impot.pdf", b"%PDF-1.4")

    assert "Dans quelle commune habitez-vous ?" in text
    assert [call.method for call in martine.last_turn] == ["sendMessage"]


def earlier_button(resident, label: str) -> Button:
    """A button still on screen under an earlier message of the bot (the latest such one)."""
    for message in reversed(resident.bot_messages()):
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            for data in row:
                if label in data["text"]:
                    return Button(data["text"], data.get("callback_data"), message=message)
    raise AssertionError(f"no button with {label!r}")


def _texts(calls) -> str:
    return "\n".join(call.result["text"] for call in calls if call.method == "sendMessage")

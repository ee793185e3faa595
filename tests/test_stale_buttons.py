"""Buttons stay on screen for days: a slot gone full, cancelled or past, a second tap, an old
format. Each gets an honest answer and the next best choices, never an error."""

from datetime import timedelta

from offline_bot import NOW
from sqlalchemy import func, select

from scheduling.booking import book_seat
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus
from scheduling.residents import ensure_resident


async def _martine_sees_the_tuesday_slot(bot):
    slot = bot.add_slot(capacity=1)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    return martine, slot


def _someone_else_books(bot, slot_id: int) -> None:
    with bot.session() as session:
        karim = ensure_resident(
            session, telegram_user_id=555, first_name="Karim", language="fr", now=NOW
        )
        book_seat(session, slot_id=slot_id, resident_id=karim.id, now=NOW)


async def test_a_slot_that_filled_up_meanwhile_gets_an_honest_answer_and_other_dates(bot):
    martine, slot = await _martine_sees_the_tuesday_slot(bot)
    _someone_else_books(bot, slot)

    text = await martine.taps("mar. 4 mars, 14h00 (lieu 1)")

    assert "ce créneau est complet" in text
    assert "Voici les autres possibilités" in text
    offered = [button.callback_data for button in martine.slot_buttons()]
    assert offered and f"sl1:{slot}" not in offered
    assert [call for call in bot.api.calls if call.error] == []


async def test_the_last_seat_taken_between_the_question_and_the_yes(bot):
    martine, slot = await _martine_sees_the_tuesday_slot(bot)
    await martine.taps("mar. 4 mars, 14h00 (lieu 1)")
    _someone_else_books(bot, slot)

    text = await martine.taps("Oui, je réserve")

    assert "ce créneau est complet" in text and "Voici les autres possibilités" in text
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 1


async def test_a_slot_cancelled_by_the_place(bot):
    martine, slot = await _martine_sees_the_tuesday_slot(bot)
    bot.change_slot(slot, lambda s: setattr(s, "status", SlotStatus.CANCELLED))

    text = await martine.taps("mar. 4 mars, 14h00 (lieu 1)")

    assert "ce créneau a été annulé par le lieu d'accueil" in text
    assert martine.slot_buttons()


async def test_a_slot_already_past(bot):
    martine, _slot = await _martine_sees_the_tuesday_slot(bot)
    bot.clock.advance(timedelta(days=2))

    text = await martine.taps("mar. 4 mars, 14h00 (lieu 1)")

    assert "Ce créneau est déjà passé." in text
    assert "mar. 4 mars" not in " ".join(martine.button_texts())


async def test_a_slot_already_booked_by_the_resident(bot):
    martine, slot = await _martine_sees_the_tuesday_slot(bot)
    tuesday = martine.button("mar. 4 mars, 14h00 (lieu 1)")
    await martine.tap(tuesday)
    await martine.taps("Oui, je réserve")

    await martine.tap(tuesday)

    assert "Vous êtes déjà inscrit(e) à ce créneau" in martine.last_text
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 1


async def test_yes_tapped_twice_books_one_seat(bot):
    martine, slot = await _martine_sees_the_tuesday_slot(bot)
    await martine.taps("mar. 4 mars, 14h00 (lieu 1)")
    yes = martine.button("Oui, je réserve")
    await martine.tap(yes)

    await martine.tap(yes)

    assert "déjà inscrit(e)" in martine.last_text
    with bot.session() as session:
        count = select(func.count()).select_from(Booking).where(Booking.slot_id == slot)
        assert session.scalar(count.where(Booking.status == BookingStatus.BOOKED)) == 1


async def test_a_slot_that_no_longer_exists(bot):
    martine, _slot = await _martine_sees_the_tuesday_slot(bot)

    text = await martine.presses("sl1:999999")

    assert "Ce créneau n'existe plus." in text and "Voici les autres possibilités" in text


async def test_an_old_slot_button_without_anything_remembered_still_leads_somewhere(bot):
    slot = bot.add_slot(capacity=1)
    _someone_else_books(bot, slot)
    stranger = bot.resident("Paul")  # never talked to the bot: no commune, no need remembered

    text = await stranger.presses(f"sl1:{slot}")

    assert "ce créneau est complet" in text
    assert "Mairie de Moissac (démo)" in text  # searched around the slot's place


async def test_a_button_of_an_old_format_has_expired(bot):
    martine = bot.resident("Martine")

    text = await martine.presses("sl0:12")

    assert "Ce bouton a expiré" in text
    assert martine.button_texts() == ["🔎 Trouver de l'aide", "📋 Mes rendez-vous"]
    assert "De quoi avez-vous besoin ?" in await martine.taps("Trouver de l'aide")


async def test_a_forged_button_is_refused_like_an_expired_one(bot):
    martine = bot.resident("Martine")

    for data in ("zz9:anything", "sl1:not-a-number", "bk1:", "cy1:1:2", "nd1:pizza"):
        text = await martine.presses(data)
        assert "Ce bouton a expiré" in text or "De quoi avez-vous besoin ?" in text, data
    assert [call for call in bot.api.calls if call.error] == []


async def test_forged_ids_beyond_the_database_range_are_expired_buttons(bot, caplog):
    martine = bot.resident("Martine")
    forged = (
        "sl1:9999999999999999999",
        "bk1:2147483648",
        "cx1:2147483648",
        "wa1:99999999999",
        "sl1:١٢",  # Arabic-Indic digits
        "sl1:12\n",
        "sl1:-1",
        "sl1:+5",
    )

    for data in forged:
        assert "Ce bouton a expiré" in await martine.presses(data), data

    assert [call for call in bot.api.calls if call.error] == []
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_callback_query_with_empty_or_no_data_is_an_expired_button(bot, caplog):
    martine = bot.resident("Martine")
    assert "Ce bouton a expiré" in await martine.presses("")

    query = {"id": "42", "from": martine.user, "chat_instance": "x", "game_short_name": "g"}
    await martine.process({"callback_query": query})

    [answer] = martine.calls("answerCallbackQuery")
    assert "Ce bouton a expiré" in answer.params["text"]
    assert not [r for r in caplog.records if r.levelname == "ERROR"]

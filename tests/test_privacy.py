"""/mesdonnees: a resident sees the little we keep, and erases it all."""

from sqlalchemy import func, select

from bot.persistence import UserDraft
from scheduling.models import Booking, Resident, Slot


async def test_a_stranger_is_told_nothing_is_kept(bot):
    paul = bot.resident("Paul")

    assert "Je ne garde aucune donnée sur vous." in await paul.says("/mesdonnees")
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0


async def test_the_resident_sees_what_is_stored(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    text = await martine.says("/mesdonnees")

    assert "• Prénom : Martine" in text
    assert "• Langue : français" in text
    assert "• Commune : Moissac (Tarn-et-Garonne)" in text
    assert "• Première visite : 3 mars 2025" in text
    assert "• 0 rendez-vous à venir" in text
    assert "ni nom de famille, ni téléphone, ni adresse" in text
    assert martine.button_texts() == ["🗑 Tout effacer"]


async def test_erasing_everything_cancels_future_bookings_and_frees_the_seats(bot):
    slot = bot.add_slot(capacity=1)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    await martine.taps("Oui, je réserve")
    await martine.says("/mesdonnees")

    assert "Voulez-vous vraiment tout effacer ?" in await martine.taps("Tout effacer")
    text = await martine.taps("Oui, tout effacer")

    assert "C'est fait : toutes vos données sont effacées." in text
    assert "1 rendez-vous a été annulé, sa place est libérée." in text
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 0
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
        assert session.scalar(select(Booking.resident_id).where(Booking.slot_id == slot)) is None
        assert session.scalar(select(func.count()).select_from(UserDraft)) == 0
    assert "Je ne garde aucune donnée sur vous." in await martine.says("/mesdonnees")


async def test_erasing_also_forgets_the_language_chosen(bot):
    martine = bot.resident("Martine")
    await martine.says("/langue")
    await martine.taps("English")
    chat_scope = (f'{{"chat_id": {martine.user_id}, "type": "chat"}}', "")
    assert chat_scope in bot.api.commands
    await martine.says("/mesdonnees")
    await martine.taps("Erase everything")

    assert "Done: all your data is erased." in await martine.taps("Yes, erase everything")
    assert chat_scope not in bot.api.commands
    assert (await martine.says("/start")).startswith("Bonjour Martine !")


async def test_erasing_ends_the_journey(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")  # waiting for the commune
    await martine.says("/mesdonnees")
    await martine.taps("Tout effacer")
    await martine.taps("Oui, tout effacer")

    # A fresh start: "Moissac" is a first message, not the answer to a question.
    assert (await martine.says("Moissac")).startswith("Bonjour Martine !")


async def test_the_resident_may_keep_their_data(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.says("/mesdonnees")
    await martine.taps("Tout effacer")

    assert "rien n'est effacé" in await martine.taps("Non, garder mes données")
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 1

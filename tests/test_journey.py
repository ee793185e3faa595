"""The resident's journey on Telegram, told as residents live it: need, commune, help, booking."""

import re
from datetime import timedelta

from offline_bot import NOW
from sqlalchemy import delete, select

from knowledge.catalogue import HostStructure, StructureTheme
from knowledge.service_state import bump_catalogue_version
from knowledge.themes import THEMES
from scheduling.models import Booking, BookingStatus, Resident, Slot


async def test_start_greets_the_resident_by_name_and_offers_every_need(bot):
    martine = bot.resident("Martine")

    text = await martine.says("/start")

    assert text.startswith("Bonjour Martine !")
    assert len(text.splitlines()) == 3
    assert text.splitlines()[-1] == "🇬🇧 In English: /langue"
    buttons = martine.button_texts()
    assert buttons == [f"{t.emoji} {t.label}" for t in THEMES] + ["💬 Autre chose"]
    rows = martine.latest_inline_message()["reply_markup"]["inline_keyboard"]
    assert all(len(row) == 2 for row in rows[:-2]) and rows[-1][0]["text"] == "💬 Autre chose"


async def test_a_first_message_in_words_is_understood_as_the_need(bot):
    martine = bot.resident("Martine")

    text = await martine.says("jarrive pa a declaré mes impot")

    assert text.startswith("Bonjour Martine ! J'ai compris : 🧾 Impôts en ligne.")
    assert "Dans quelle commune habitez-vous ?" in text
    assert [b.text for b in martine.reply_keyboard()] == ["📍 Partager ma position", "↩️ Retour"]
    assert martine.reply_keyboard()[0].request_location


async def test_resident_books_the_taxes_workshop_in_moissac(bot):
    tuesday = bot.add_slot(capacity=8)
    martine = bot.resident("Martine")
    await martine.says("/start")

    await martine.taps("Impôts en ligne")
    help_text = await martine.says("moisac")

    assert "📍 Moissac (Tarn-et-Garonne)" in help_text
    assert "1. Mairie de Moissac (démo) · 📏 moins de 1 km" in help_text
    assert re.search(r"^2\. .+ \(démo\) · 📏 \d+,\d km$", help_text, re.MULTILINE)
    assert "📅 mar. 4 mars, 14h00 · Mairie de Moissac (démo)" in martine.button_texts()

    confirm = await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    assert "Voulez-vous réserver cette place ?" in confirm
    assert "🎓 Atelier : Déclarer ses revenus en ligne" in confirm
    booked = await martine.taps("Oui, je réserve")

    assert "✅ C'est réservé, Martine !" in booked
    assert "mardi 4 mars à 14h00" in booked and "Mairie de Moissac (démo)" in booked
    assert "Votre besoin : 🧾 Impôts en ligne" in booked
    assert "À apporter : Votre numéro fiscal et votre dernier avis d'impôt." in booked
    [venue] = martine.calls("sendVenue")
    assert venue.params["title"] == "Mairie de Moissac (démo)"
    assert venue.params["address"] == "3 place Roger-Delthil, 82200 Moissac"
    assert abs(venue.params["latitude"] - 44.105) < 0.01
    with bot.session() as session:
        booking = session.scalars(select(Booking).where(Booking.slot_id == tuesday)).one()
        assert (booking.status, booking.need) == (BookingStatus.BOOKED, "impots")
        assert session.get(Slot, tuesday).seats_taken == 1


async def test_times_show_in_the_place_s_time_zone_whatever_the_season(bot):
    # Tuesday 1 April 2025, 12:00 UTC is 14:00 in Moissac (summer time).
    with bot.session() as session:
        session.execute(delete(Slot))
    bot.add_slot(starts_at=NOW + timedelta(days=29, hours=4))
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    await martine.says("Moissac")

    assert "mardi 1 avril à 14h00" in await martine.taps("mar. 1 avr., 14h00 · Mairie de Moissac")


async def test_the_commune_is_remembered_for_next_time(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    await martine.says("/start")
    question = await martine.taps("CAF et aides")

    assert "Toujours à Moissac ?" in question
    help_text = await martine.taps("Oui, Moissac")
    assert "📍 Moissac (Tarn-et-Garonne)" in help_text
    assert "Voici l'aide la plus proche pour « 👪 CAF et aides »" in help_text


async def test_another_commune_can_be_given_instead_of_the_remembered_one(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    assert "Dans quelle commune" in await martine.taps("Non, une autre commune")
    assert "📍 Castelsarrasin (Tarn-et-Garonne)" in await martine.says("castelsarasin")


async def test_namesakes_are_told_apart_by_their_department(bot_without_territory):
    martine = bot_without_territory.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    question = await martine.says("Parisot")

    assert "Plusieurs communes correspondent" in question
    assert martine.button_texts() == [
        "Parisot (Tarn)",
        "Parisot (Tarn-et-Garonne)",
        "✏️ Aucune de ces communes",
        "📍 Partager ma position",
        "↩️ Retour",
    ]
    assert "Parisot (Tarn-et-Garonne)" in await martine.taps("Parisot (Tarn-et-Garonne)")


async def test_in_tarn_et_garonne_parisot_is_the_served_one(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    assert "📍 Parisot (Tarn-et-Garonne)" in await martine.says("Parisot")


async def test_a_postal_code_shared_by_communes_gives_a_button_for_each(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    await martine.says("82200")

    communes = [text for text in martine.button_texts() if text.endswith("(Tarn-et-Garonne)")]
    assert "Moissac (Tarn-et-Garonne)" in communes and len(communes) >= 2
    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.taps("Moissac (Tarn-et-Garonne)")


async def test_an_unknown_commune_asks_again_with_a_hint(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("Xqwzvb")

    assert "Je ne trouve pas de commune « Xqwzvb »" in text
    assert "code postal" in text
    assert "📍 Moissac" in await martine.says("Moissac")


async def test_a_shared_location_searches_from_that_point(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Autre chose")  # not a commune: asked again

    text = await martine.shares_location(44.0404, 1.1075)  # in Castelsarrasin

    assert "📍 Castelsarrasin (Tarn-et-Garonne)" in text
    assert "Voici l'aide la plus proche pour « 🧾 Impôts en ligne »" in text
    assert martine.reply_keyboard() == []


async def test_a_location_outside_france_asks_for_the_commune(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.shares_location(40.4168, -3.7038)  # Madrid

    assert "ne semble pas être en France" in text


async def test_where_no_place_is_known_yet_it_says_so_and_offers_to_search_further(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    assert "Vouliez-vous dire Lille (Nord) ?" in await martine.says("Lille")
    text = await martine.taps("Oui, Lille")

    assert "📍 Lille (Nord)" in text
    assert "Je ne connais pas encore de lieu d'aide à moins de 30 km de chez vous" in text
    assert "🏛 Mairie de Lille" in text
    assert "Solidarité Numérique" in text and "01 70 772 372" in text
    assert martine.slot_buttons() == []
    assert martine.button_texts() == [
        "🔎 Chercher plus loin (60 km)",
        "📍 Autre commune",
        "🏠 Recommencer",
    ]
    assert "à moins de 60 km" in await martine.taps("Chercher plus loin")
    assert "à moins de 100 km" in await martine.taps("Chercher plus loin (100 km)")
    assert "🏛 Mairie de Lille" in martine.last_text
    assert martine.button_texts() == ["📍 Autre commune", "🏠 Recommencer"]  # no further


async def test_searching_further_finds_the_places_beyond_thirty_km(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    # In Aveyron (outside the territory: it asks first), the nearest demo place for taxes is
    # Parisot's, 58 km away.
    assert "Vouliez-vous dire Rodez (Aveyron) ?" in await martine.says("Rodez")
    assert "Je ne connais pas encore de lieu" in await martine.taps("Oui, Rodez")

    found = await martine.taps("Chercher plus loin (60 km)")

    assert "Voici l'aide la plus proche pour « 🧾 Impôts en ligne »" in found
    assert "1. Mairie de Parisot (démo) · 📏 58 km" in found
    assert "📅 mar. 4 mars, 14h00 · Mairie de Parisot (démo)" in martine.button_texts()


async def test_places_that_do_not_help_with_this_need_are_told_apart(bot):
    with bot.session() as session:
        session.execute(delete(StructureTheme).where(StructureTheme.theme == "sante"))
        bump_catalogue_version(session)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Santé")

    text = await martine.says("Moissac")

    assert "Les lieux d'aide que je connais à moins de 30 km ne proposent pas" in text
    assert "encore d'aide pour « 🩺 Santé et Ameli »" in text
    assert martine.button_texts()[:2] == [
        "🔎 Chercher plus loin (60 km)",
        "💡 Voir ces lieux (tous sujets)",
    ]
    assert "Voici les lieux d'aide les plus proches" in await martine.taps("Voir ces lieux")


async def test_paris_without_an_arrondissement_gets_a_town_hall(bot_without_territory):
    martine = bot_without_territory.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("Paris")

    assert "🏛 Mairie de Paris 6e Arrondissement" in text and "78 rue Bonaparte" in text


async def test_places_without_any_date_give_their_contacts_and_the_town_hall(bot):
    with bot.session() as session:
        session.execute(delete(Slot))
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("Moissac")

    assert "1. Mairie de Moissac (démo)" in text
    assert "Pas de date d'atelier pour le moment" in text
    assert martine.slot_buttons() == []
    contacts = martine.button("Mairie et aide par téléphone")
    assert "📞 05 63 04 63 63" in await martine.taps("1. Mairie de Moissac")
    await martine.tap(contacts)
    assert "🏛 Mairie de Moissac" in martine.last_text and "01 70 772 372" in martine.last_text


async def test_a_permanence_is_offered_as_an_individual_appointment(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    await martine.says("Moissac")

    appointments = [b for b in martine.slot_buttons() if b.text.startswith("👤")]
    assert appointments
    await martine.tap(appointments[0])
    assert "👤 Rendez-vous individuel avec un conseiller numérique" in martine.last_text


async def test_a_need_in_other_words(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")

    assert "Écrivez en quelques mots" in await martine.taps("Autre chose")
    text = await martine.says("je voudrais envoyer des photos à mes petits enfants")

    assert "J'ai compris : 📱 Téléphone, tablette, ordinateur." in text


async def test_a_need_not_understood_offers_the_themes_and_help_anyway(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Autre chose")

    text = await martine.says("bof")

    assert "Je n'ai pas bien compris votre besoin" in text
    await martine.taps("Chercher de l'aide quand même")
    assert "Voici les lieux d'aide les plus proches :" in await martine.says("Moissac")


async def test_back_from_the_commune_question_to_the_needs(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.taps("↩️ Retour")

    assert "De quoi avez-vous besoin ?" in text


async def test_saying_no_to_a_slot_books_nothing_and_shows_the_dates_again(bot):
    slot = bot.add_slot()
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")

    text = await martine.taps("❌ Non")

    assert "D'accord, je ne réserve rien." in text
    assert "📅 mar. 4 mars, 14h00 · Mairie de Moissac (démo)" in martine.button_texts()
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 0


async def test_annuler_leaves_the_current_step(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("/annuler")

    assert "on s'arrête là" in text and "/start" in text
    assert martine.reply_keyboard() == []
    # Out of the journey, "Moissac" is a first message again: a welcome, not a search.
    assert (await martine.says("Moissac")).startswith("Bonjour Martine !")
    assert "on s'arrête là" in await martine.says("/annuler")
    assert "Il n'y a rien en cours" in await martine.says("/annuler")


async def test_a_voice_message_gets_a_kind_answer_and_the_question_again(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    await martine.send_voice()

    [answer] = martine.calls("sendMessage")
    assert answer.result["text"].startswith(
        "Je ne comprends que les messages écrits, les boutons et une position partagée"
    )
    assert "Dans quelle commune habitez-vous ?" in answer.result["text"]


async def test_text_after_the_help_can_be_a_new_need(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    text = await martine.says("et pour la caf ?")

    assert "J'ai compris : 👪 CAF et aides." in text and "Toujours à Moissac ?" in text
    await martine.taps("Oui, Moissac")
    assert "Je n'ai pas compris" in await martine.says("hmm")


async def test_every_message_and_button_passes_telegram_s_checks(bot):
    bot.add_slot()
    martine = bot.resident("Martine")
    for step in (
        "/start",
        "Impôts en ligne",
        "Moissac",
        "mar. 4 mars, 14h00 · Mairie de Moissac",
        "Oui",
    ):
        if step.startswith("/") or step == "Moissac":
            await martine.says(step)
        else:
            await martine.taps(step)
    assert [call for call in bot.api.calls if call.error] == []
    with bot.session() as session:
        assert session.scalars(select(Resident.first_name)).all() == ["Martine"]


async def test_a_remembered_commune_with_an_article_reads_right(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Le Mans")
    await martine.taps("Oui, Le Mans")
    await martine.says("/start")

    assert "Toujours au Mans ?" in await martine.taps("Impôts en ligne")


async def test_the_bot_stays_silent_in_a_group(bot):
    martine = bot.resident("Martine")
    group = {"id": -100123, "type": "group", "title": "Club informatique"}
    martine_in_group = {"message_id": 1, "date": 0, "chat": group, "from": martine.user}

    await martine.process({"message": {**martine_in_group, "text": "bonjour"}})

    assert martine.last_turn == []


async def test_a_full_workshop_says_so_once_then_offers_the_other_dates(bot):
    full = bot.add_slot(capacity=1)
    with bot.session() as session:
        session.get(Slot, full).seats_taken = 1
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    await martine.presses(f"sl1:{full}")

    proposal, others = (call.result for call in martine.calls("sendMessage"))
    assert proposal["text"].startswith("😕 Désolé, ce créneau est complet.")
    assert "liste d'attente" in proposal["text"]
    assert others["text"].startswith("Voici les autres possibilités :\n\n1. Mairie de Moissac")
    assert "complet" not in others["text"] and "Voici l'aide" not in others["text"]
    assert f"sl1:{full}" not in [b.callback_data for b in martine.slot_buttons()]


async def test_a_place_s_details_show_its_hours_address_phone_map_and_dates(bot):
    bot.add_slot()
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    details = await martine.taps("1. Mairie de Moissac")

    assert details.splitlines()[:5] == [
        "Mairie de Moissac (démo)",
        "🟢 Ouvert, ferme à 12h00",
        "📍 3 place Roger-Delthil, 82200 Moissac",
        "📞 05 63 04 63 63",
        "🏷 Conseillers numériques",
    ]
    assert "km" not in details  # the list gives the distance
    [venue] = martine.calls("sendVenue")
    assert venue.params["title"] == "Mairie de Moissac (démo)"
    assert "📅 mar. 4 mars, 14h00 · Mairie de Moissac (démo)" in martine.button_texts()
    assert "Voulez-vous réserver" in await martine.taps("mar. 4 mars, 14h00")


async def test_the_details_of_a_place_closed_since_say_so(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    details = martine.button("1. Mairie de Moissac")
    with bot.session() as session:
        session.get(HostStructure, bot.structure_id("Mairie de Moissac")).closed = True

    await martine.tap(details)

    assert "Ce lieu n'est plus dans mon carnet d'adresses" in martine.last_text
    assert martine.button_texts() == ["🔎 Chercher de l'aide"]


async def test_a_place_known_only_by_its_commune_shows_no_precise_distance_nor_pin(bot):
    bot.add_slot()
    with bot.session() as session:
        session.get(HostStructure, bot.structure_id("Mairie de Moissac")).approximate = True
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    assert "1. Mairie de Moissac (démo) · 📏 dans votre commune" in await martine.says("Moissac")
    details = await martine.taps("1. Mairie de Moissac")
    assert "km" not in details and martine.calls("sendVenue") == []
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    booked = await martine.taps("Oui, je réserve")

    assert "C'est réservé" in booked and "km" not in booked
    assert martine.calls("sendVenue") == martine.calls("sendLocation") == []
    assert "km" not in await martine.says("/mesrdv")

"""The commune question as residents answer it: short words, markup, typos, namesakes, postal
codes shared by many communes, "Villeneuve/Lot", a department after the name; and the names
read back in good French ("Mairie du Havre", "Toujours aux Mureaux ?")."""

from offline_bot import OfflineBot, Resident
from sqlalchemy import select

from scheduling.models import Resident as ResidentRow


async def asked_commune(bot: OfflineBot, *, language_code: str = "fr") -> Resident:
    martine = bot.resident("Martine", language_code=language_code)
    await martine.says("/start")
    await martine.taps("🧾")
    return martine


def remembered_commune(bot: OfflineBot) -> str | None:
    with bot.session() as session:
        return session.scalars(select(ResidentRow.commune_insee)).one()


def draft(bot: OfflineBot, resident: Resident):
    return bot.application.user_data[resident.user_id]


def inline_buttons(resident: Resident) -> list[str]:
    return [button.text for button in resident.choices() if button.callback_data]


# --- a weak match asks first ----------------------------------------------------------------------


async def test_hi_is_not_silently_taken_for_y_in_the_somme(bot):
    martine = await asked_commune(bot)

    question = await martine.says("hi")

    assert question == "Vouliez-vous dire Y (Somme) ?"
    assert inline_buttons(martine) == ["✅ Oui, Y", "✏️ Non, une autre commune"]
    assert remembered_commune(bot) is None
    assert draft(bot, martine).proposed_commune == "80829"
    assert "Dans quelle commune habitez-vous ?" in await martine.taps("Non, une autre commune")
    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("Moissac")
    assert remembered_commune(bot) == "82112"


async def test_markup_is_asked_about_and_shown_as_text(bot):
    martine = await asked_commune(bot)

    assert await martine.says("<b>hi") == "Vouliez-vous dire By (Doubs) ?"
    assert remembered_commune(bot) is None


async def test_a_name_of_three_letters_is_asked_about_even_exact(bot):
    martine = await asked_commune(bot)

    assert await martine.says("By") == "Vouliez-vous dire By (Doubs) ?"


async def test_castel_asks_among_the_served_communes_it_begins_then_casteil(bot):
    martine = await asked_commune(bot)

    question = await martine.says("castel")

    # A resident of Tarn-et-Garonne who types "castel" most likely began Castelsarrasin.
    assert question == "Vouliez-vous dire Castelsarrasin (Tarn-et-Garonne) ?"
    offered = martine.button_texts()
    assert "✅ Oui, Castelsarrasin" in offered
    assert any("Castelmayran" in label for label in offered)
    assert remembered_commune(bot) is None

    help_text = await martine.taps("Castelmayran")
    assert "📍 Castelmayran (Tarn-et-Garonne)" in help_text
    assert remembered_commune(bot) == "82031"
    assert draft(bot, martine).proposed_commune is None


async def test_a_one_letter_typo_of_a_served_commune_goes_straight_on(bot):
    martine = await asked_commune(bot)

    assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("moisac")
    assert remembered_commune(bot) == "82112"


async def test_the_question_offers_the_other_communes_that_may_be_meant(bot):
    martine = await asked_commune(bot)

    question = await martine.says("castelsarazin")

    assert question == "Vouliez-vous dire Castelsarrasin (Tarn-et-Garonne) ?"
    assert inline_buttons(martine) == [
        "✅ Oui, Castelsarrasin",
        "Castel-Sarrazin (Landes)",
        "✏️ Non, une autre commune",
    ]
    assert "📍 Castel-Sarrazin (Landes)" in await martine.taps("Castel-Sarrazin (Landes)")
    assert remembered_commune(bot) == "40074"


async def test_a_commune_typed_after_the_results_follows_the_same_rule(bot):
    martine = await asked_commune(bot)
    await martine.says("Moissac")

    assert await martine.says("castel") == "Vouliez-vous dire Castelsarrasin (Tarn-et-Garonne) ?"
    assert remembered_commune(bot) == "82112"  # still Moissac until she says yes
    assert "📍 Castelsarrasin (Tarn-et-Garonne)" in await martine.says("Castelsarrasin")
    assert remembered_commune(bot) == "82033"
    assert "Plusieurs communes correspondent" in await martine.says("Beaulieu")


# --- namesakes and shared postal codes ------------------------------------------------------------

BEAULIEU_FIRST_PAGE = [
    "Beaulieu (Hérault)",
    "Beaulieu (Haute-Loire)",
    "Beaulieu (Isère)",
    "Beaulieu (Ardèche)",
    "Beaulieu (Puy-de-Dôme)",
    "Beaulieu (Orne)",
    "Beaulieu (Nièvre)",
    "Beaulieu (Souleuvre en Bocage, Calvados)",
]


async def test_all_eleven_beaulieu_are_offered_page_by_page(bot):
    martine = await asked_commune(bot)

    first = await martine.says("Beaulieu")

    assert first.startswith("Plusieurs communes correspondent. Laquelle est la vôtre ?")
    assert "Communes 1 à 8 sur 11." in first
    assert inline_buttons(martine) == [
        *BEAULIEU_FIRST_PAGE,
        "Suivantes ▶",
        "✏️ Aucune de ces communes",
    ]
    second = await martine.taps("Suivantes ▶")
    assert "Communes 9 à 11 sur 11." in second
    assert inline_buttons(martine) == [
        "Beaulieu (Cantal)",
        "Beaulieu (Indre)",
        "Beaulieu (Côte-d'Or)",
        "◀ Précédentes",
        "✏️ Aucune de ces communes",
    ]
    await martine.taps("◀ Précédentes")
    assert inline_buttons(martine)[:8] == BEAULIEU_FIRST_PAGE
    assert remembered_commune(bot) is None


async def test_the_former_commune_beaulieu_searches_from_its_own_place(bot):
    martine = await asked_commune(bot)
    await martine.says("Beaulieu")

    help_text = await martine.taps("Beaulieu (Souleuvre en Bocage, Calvados)")

    assert "📍 Beaulieu (Souleuvre en Bocage, Calvados)" in help_text
    assert remembered_commune(bot) == "14061"  # Souleuvre en Bocage
    searched = draft(bot, martine)
    assert (searched.lat, searched.lon) == (48.91748, -0.81774)  # Beaulieu, not the town hall


async def test_the_department_typed_answers_the_namesakes(bot):
    for answer in ("cantal", "15", "Beaulieu (Cantal)", "beaulieu cantal", "Beaulieu 15"):
        martine = await asked_commune(bot)
        await martine.says("Beaulieu")

        assert "📍 Beaulieu (Cantal)" in await martine.says(answer), answer


async def test_the_name_and_its_department_work_as_a_first_answer(bot):
    for typed, found in (
        ("Beaulieu (Cantal)", "Beaulieu (Cantal)"),
        ("beaulieu cantal", "Beaulieu (Cantal)"),
        ("Beaulieu 15", "Beaulieu (Cantal)"),
        ("Moissac, Tarn-et-Garonne", "Moissac (Tarn-et-Garonne)"),
    ):
        martine = await asked_commune(bot)

        assert f"📍 {found}" in await martine.says(typed), typed


async def test_a_postal_code_of_nine_communes_lists_them_all(bot):
    martine = await asked_commune(bot)

    assert "Communes 1 à 8 sur 9." in await martine.says("82160")
    communes = inline_buttons(martine)[:8]
    await martine.taps("Suivantes ▶")
    communes += inline_buttons(martine)[:1]

    assert len(set(communes)) == 9 and all(c.endswith("(Tarn-et-Garonne)") for c in communes)
    assert "Caylus (Tarn-et-Garonne)" in communes and "Parisot (Tarn-et-Garonne)" in communes
    assert "📍 Mouillac (Tarn-et-Garonne)" in await martine.taps("Mouillac")


async def test_the_pages_of_namesakes_survive_a_restart(database_url):
    async with OfflineBot(database_url=database_url).running() as first:
        martine = await asked_commune(first)
        await martine.says("Beaulieu")
        next_page = martine.button("Suivantes ▶").callback_data

    async with OfflineBot(database_url=database_url).running() as second:
        martine = second.resident("Martine", user_id=martine.user_id)
        await martine.presses(next_page)

        assert inline_buttons(martine)[0] == "Beaulieu (Cantal)"
        assert "📍 Beaulieu (Indre)" in await martine.taps("Beaulieu (Indre)")


async def test_an_old_page_button_after_the_choice_asks_the_commune_again(bot):
    martine = await asked_commune(bot)
    await martine.says("Beaulieu")
    next_page = martine.button("Suivantes ▶").callback_data
    await martine.taps("Beaulieu (Orne)")

    assert "Dans quelle commune habitez-vous ?" in await martine.presses(next_page)


async def test_every_page_stays_short_in_french_and_in_english(bot):
    for language, next_page in (("fr", "Suivantes ▶"), ("en", "Next ▶")):
        martine = await asked_commune(bot, language_code=language)
        pages = [await martine.says("51300")]  # 46 communes
        while next_page in inline_buttons(martine):
            pages.append(await martine.taps(next_page))
        assert len(pages) == 6
        assert all(len(page) <= 500 for page in pages)
    assert [call for call in bot.api.calls if call.error] == []


# --- ways of writing a name -----------------------------------------------------------------------


async def test_villeneuve_slash_lot_is_villeneuve_sur_lot(bot):
    martine = await asked_commune(bot)

    question = await martine.says("Villeneuve/Lot")

    assert question == "Vouliez-vous dire Villeneuve-sur-Lot (Lot-et-Garonne) ?"
    assert "📍 Villeneuve-sur-Lot" in await martine.taps("Oui, Villeneuve-sur-Lot")


async def test_villeneuve_slash_lot_goes_straight_on_where_lot_et_garonne_is_served(database_url):
    async with OfflineBot(database_url=database_url, territory=("82", "47")).running() as bot:
        martine = await asked_commune(bot)

        assert "📍 Villeneuve-sur-Lot (Lot-et-Garonne)" in await martine.says("Villeneuve/Lot")


async def test_a_commune_followed_by_its_department_s_name(bot):
    for typed, found in (
        ("villeneuve sur lot lot-et-garonne", "Villeneuve-sur-Lot (Lot-et-Garonne)"),
        ("Moissac Tarn-et-Garonne", "Moissac (Tarn-et-Garonne)"),
        ("castelsarrasin tarn et garonne", "Castelsarrasin (Tarn-et-Garonne)"),
    ):
        martine = await asked_commune(bot)

        assert f"📍 {found}" in await martine.says(typed), typed


# --- names read back in good French ---------------------------------------------------------------


async def test_the_town_hall_of_le_havre_is_the_mairie_du_havre(bot):
    martine = await asked_commune(bot)
    await martine.says("Le Havre")

    help_text = await martine.taps("Oui, Le Havre")

    assert "🏛 Mairie du Havre" in help_text


async def test_les_mureaux_read_back_with_aux_and_des(bot):
    martine = await asked_commune(bot)
    await martine.says("Les Mureaux")
    assert "🏛 Mairie des Mureaux" in await martine.taps("Oui, Les Mureaux")

    await martine.says("/start")
    assert "Toujours aux Mureaux ?" in await martine.taps("🧾")


async def test_a_name_starting_with_a_vowel_is_elided(bot):
    martine = await asked_commune(bot)
    await martine.says("Épinal")

    assert "🏛 Mairie d'Épinal" in await martine.taps("Oui, Épinal")


async def test_in_english_the_name_is_plain(bot):
    martine = await asked_commune(bot, language_code="en")
    assert await martine.says("Les Mureaux") == "Did you mean Les Mureaux (Yvelines)?"
    assert "🏛 Les Mureaux town hall" in await martine.taps("Yes, Les Mureaux")

    await martine.says("/start")
    assert "Still in Les Mureaux?" in await martine.taps("🧾")


async def test_a_former_commune_typed_alone_is_proposed_with_its_new_commune(bot):
    martine = await asked_commune(bot)

    question = await martine.says("le beny bocage")

    assert question == "Vouliez-vous dire Le Bény-Bocage (Souleuvre en Bocage, Calvados) ?"
    assert draft(bot, martine).proposed_commune == "14061"
    help_text = await martine.taps("Oui, Le Bény-Bocage")
    assert "📍 Le Bény-Bocage (Souleuvre en Bocage, Calvados)" in help_text
    assert remembered_commune(bot) == "14061"

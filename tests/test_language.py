"""Languages: French by default, English for an English Telegram app, /langue to switch."""

import re

from scheduling.models import Resident


def _commands(bot, language_code: str = "", scope: str = '{"type": "default"}'):
    return [c["command"] for c in bot.api.commands[scope, language_code]], {
        c["command"]: c["description"] for c in bot.api.commands[scope, language_code]
    }


async def test_commands_are_registered_in_french_and_in_english_at_start(bot):
    names, french = _commands(bot)
    _, english = _commands(bot, "en")

    assert names == ["start", "mesrdv", "aide", "langue", "mesdonnees", "annuler"]
    assert french["mesrdv"] == "Mes rendez-vous (voir, annuler)"
    assert english["mesrdv"] == "My appointments (see, cancel)"


async def test_an_english_telegram_app_gets_english(bot):
    john = bot.resident("John", language_code="en-GB")

    text = await john.says("/start")

    assert text.startswith("Hello John!")
    assert "🧾 Taxes online" in john.button_texts()


async def test_an_unknown_language_gets_french(bot):
    jan = bot.resident("Jan", language_code="nl")

    assert (await jan.says("/start")).startswith("Bonjour Jan !")


async def test_the_resident_switches_to_english_and_everything_follows(bot):
    bot.add_slot()
    martine = bot.resident("Martine")
    await martine.says("/langue")
    assert martine.button_texts() == ["🇫🇷 Français ✅", "🇬🇧 English"]

    answer = await martine.taps("English")

    assert "Done: I will now speak English with you." in answer
    chat_scope = f'{{"chat_id": {martine.user_id}, "type": "chat"}}'
    assert _commands(bot, scope=chat_scope)[1]["mesrdv"] == "My appointments (see, cancel)"
    await martine.says("/start")
    await martine.taps("Taxes online")
    help_text = await martine.says("Moissac")
    assert "Here is the nearest help for 🧾 Taxes online:" in help_text
    assert "📅 Tue 4 Mar, 2:00 PM · Mairie de Moissac (démo)" in martine.button_texts()
    with bot.session() as session:
        assert session.query(Resident.language).scalar() == "en"


async def test_the_choice_of_language_outlives_the_draft(bot):
    martine = bot.resident("Martine")
    await martine.says("/langue")
    await martine.taps("English")
    bot.application.drop_user_data(martine.user_id)

    assert (await martine.says("/start")).startswith("Hello Martine!")


async def test_distances_follow_the_language(bot):
    martine = bot.resident("Martine", language_code="en")
    await martine.says("/start")
    await martine.taps("Taxes online")

    text = await martine.says("Castelsarrasin")

    assert re.search(r"📏 \d+\.\d km", text)

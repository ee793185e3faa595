"""`aiguillage run` end to end: long polling over real HTTP against the fake Bot API server,
with the production transport (HTTPXRequest) and rate limiter."""

from fake_bot_api import DEFAULT_TOKEN, inline_buttons

from bot.application import build_application
from bot.settings import Settings

MARTINE = {"id": 4242, "is_bot": False, "first_name": "Martine", "language_code": "fr"}


async def test_a_resident_books_a_seat_through_telegram(fake_bot_api, database_url):
    settings = Settings(
        token=DEFAULT_TOKEN,
        database_url=database_url,
        territory=("82",),
        base_url=fake_bot_api.base_url,
    )
    application = build_application(settings)
    async with application:
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        await application.start()
        try:
            fake_bot_api.push_text(MARTINE, "/start")
            welcome = await fake_bot_api.wait_for_message(4242, lambda m: "Bonjour" in m["text"])
            fake_bot_api.press(MARTINE, welcome, "nd1:impots")
            await fake_bot_api.wait_for_message(4242, lambda m: "Dans quelle commune" in m["text"])
            assert fake_bot_api.reply_keyboard(4242)["keyboard"][0][0]["request_location"]

            fake_bot_api.push_text(MARTINE, "Moissac")
            found = await fake_bot_api.wait_for_message(
                4242, lambda m: "Mairie de Moissac (démo)" in m.get("text", "")
            )
            slot = next(
                b["callback_data"]
                for b in inline_buttons(found)
                if b["callback_data"].startswith("sl1:")
            )
            fake_bot_api.press(MARTINE, found, slot)
            question = await fake_bot_api.wait_for_message(
                4242, lambda m: "Voulez-vous réserver" in m["text"]
            )
            fake_bot_api.press(MARTINE, question, slot.replace("sl1:", "bk1:"))

            venue = await fake_bot_api.wait_for_call("sendVenue")
            assert venue.params["title"].endswith("(démo)")
            booked = fake_bot_api.messages(4242)[-2]
            assert "C'est réservé, Martine !" in booked["text"]
            commands = await fake_bot_api.wait_for_call("setMyCommands")
            assert [c["command"] for c in commands.params["commands"]][:2] == ["start", "mesrdv"]
        finally:
            await application.updater.stop()
            await application.stop()

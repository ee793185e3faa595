"""Telegram fails while the bot answers (a 500, a 429, a query too old): what the resident asked
for is done, and they are told so. Long polling over real HTTP against the fake Bot API server,
with the production transport and rate limiter."""

import contextlib
from datetime import timedelta

from fake_bot_api import DEFAULT_TOKEN, inline_buttons
from sqlalchemy import func, select

from bot.application import build_application
from bot.database import make_engine, make_sessionmaker
from bot.settings import Settings
from scheduling.models import Booking

MARTINE = {"id": 4242, "is_bot": False, "first_name": "Martine", "language_code": "fr"}


@contextlib.asynccontextmanager
async def _running(fake_bot_api, database_url):
    settings = Settings(
        token=DEFAULT_TOKEN,
        database_url=database_url,
        territory=("82",),
        base_url=fake_bot_api.base_url,
        outbox_interval=timedelta(seconds=0.2),
    )
    application = build_application(settings)
    async with application:
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def _until_the_question(fake_bot_api):
    """Martine asks for help with her taxes in Moissac and picks a date: (question, yes data)."""
    fake_bot_api.push_text(MARTINE, "/start")
    welcome = await fake_bot_api.wait_for_message(4242, lambda m: "Bonjour" in m["text"])
    fake_bot_api.press(MARTINE, welcome, "nd1:impots")
    await fake_bot_api.wait_for_message(4242, lambda m: "Dans quelle commune" in m["text"])
    fake_bot_api.push_text(MARTINE, "Moissac")
    found = await fake_bot_api.wait_for_message(
        4242, lambda m: any(b["callback_data"].startswith("sl1:") for b in inline_buttons(m))
    )
    slot = next(
        b["callback_data"] for b in inline_buttons(found) if b["callback_data"].startswith("sl1:")
    )
    fake_bot_api.press(MARTINE, found, slot)
    question = await fake_bot_api.wait_for_message(
        4242, lambda m: "Voulez-vous réserver" in m["text"]
    )
    return question, slot.replace("sl1:", "bk1:")


def _said(fake_bot_api, words: str) -> bool:
    return any(words in m.get("text", "") for m in fake_bot_api.messages(4242))


def _bookings(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            return session.scalar(select(func.count()).select_from(Booking))
    finally:
        engine.dispose()


async def test_the_confirmation_is_shown_although_telegram_failed_twice(fake_bot_api, database_url):
    async with _running(fake_bot_api, database_url):
        question, yes = await _until_the_question(fake_bot_api)
        fake_bot_api.fail_once("editMessageText", code=500)
        fake_bot_api.fail_once("editMessageText", code=502, description="Bad Gateway")
        fake_bot_api.press(MARTINE, question, yes)

        await fake_bot_api.wait_for_call("sendVenue")
        assert _said(fake_bot_api, "C'est réservé")
        edits = fake_bot_api.calls("editMessageText")
        assert len(edits) >= 3
        assert not _said(fake_bot_api, "problème technique")
    assert _bookings(database_url) == 1


async def test_the_confirmation_waits_out_a_rate_limit(fake_bot_api, database_url):
    async with _running(fake_bot_api, database_url):
        question, yes = await _until_the_question(fake_bot_api)
        fake_bot_api.rate_limit_once("editMessageText", retry_after=1)
        fake_bot_api.press(MARTINE, question, yes)

        await fake_bot_api.wait_for_call("sendVenue")
        assert _said(fake_bot_api, "C'est réservé")
        assert not _said(fake_bot_api, "problème technique")
    assert _bookings(database_url) == 1


async def test_a_booking_whose_confirmation_telegram_refused_is_confirmed_later(
    fake_bot_api, database_url
):
    async with _running(fake_bot_api, database_url):
        question, yes = await _until_the_question(fake_bot_api)
        for _ in range(3):  # the first try and both retries
            fake_bot_api.fail_once("editMessageText", code=500)
        fake_bot_api.press(MARTINE, question, yes)

        told = await fake_bot_api.wait_for_message(
            4242, lambda m: "inscription est bien enregistrée" in m.get("text", "")
        )
        assert "Déclarer ses impôts" in told["text"] or "Rendez-vous" in told["text"]
        assert not _said(fake_bot_api, "C'est réservé")
        assert not _said(fake_bot_api, "problème technique")
    assert _bookings(database_url) == 1


async def test_a_button_answered_too_late_still_does_what_it_says(fake_bot_api, database_url):
    async with _running(fake_bot_api, database_url):
        question, yes = await _until_the_question(fake_bot_api)
        fake_bot_api.fail_once(
            "answerCallbackQuery",
            code=400,
            description="Bad Request: query is too old and response timeout expired or query "
            "ID is invalid",
        )
        fake_bot_api.press(MARTINE, question, yes)

        await fake_bot_api.wait_for_call("sendVenue")
        assert _said(fake_bot_api, "C'est réservé")
        assert not _said(fake_bot_api, "problème technique")
    assert _bookings(database_url) == 1

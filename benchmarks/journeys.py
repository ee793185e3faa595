"""Full residents' journeys through the real application, against a bare echo bot.

Both run `Application.process_update` with the same offline Bot API (no network) on SQLite:
start → need → commune → slot → confirm, for 1,000 residents.

A third run measures what python-telegram-bot alone costs for those journeys: a bare
application that answers the same updates with the very Bot API calls our bot made (same
methods, texts and keyboards), with no database and no logic. It is the floor under any bot
that says what ours says; the gap between it and our bot is our own code. The three take turns
(50 residents each), so that a slow spell of the machine weighs on all of them alike.
"""

import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import update
from telegram import (
    Bot,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    TelegramObject,
    Update,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from benchmarks.table import Row
from bot.application import build_application
from bot.offline_api import ApiCall, OfflineBotApi, OfflineChat, snake_case
from bot.settings import Settings
from scheduling.models import Slot

RESIDENTS = int(os.environ.get("JOURNEYS", "1000"))
CHUNK = 50


async def _journey(chat: OfflineChat) -> list[list[ApiCall]]:
    """One resident books a taxes workshop in Moissac; what the bot did at each step."""
    turns = [await chat.send_text("/start")]
    turns.append(await chat.tap(next(b for b in chat.choices() if "Impôts" in b.text)))
    turns.append(await chat.send_text("moisac"))
    turns.append(await chat.tap(next(b for b in chat.choices() if b.text.startswith("📅"))))
    turns.append(await chat.tap(next(b for b in chat.choices() if b.text.startswith("✅"))))
    assert "réservé" in str(chat.last_turn), chat.last_turn
    return turns


def _ours(database: Path) -> tuple[Application, OfflineBotApi]:
    api = OfflineBotApi()
    settings = Settings(token=None, database_url=f"sqlite:///{database}", territory=("82",))
    return build_application(settings, request=api), api


async def _prepare(application: Application) -> None:
    # Room for every resident: the benchmark measures the journey, not a full workshop.
    with application.bot_data.services.sessions.begin() as session:
        session.execute(update(Slot).values(capacity=(RESIDENTS + 1) * 10))


def _markup(data: dict, bot: Bot) -> TelegramObject:
    if "inline_keyboard" in data:
        return InlineKeyboardMarkup.de_json(data, bot)
    if "keyboard" in data:
        return ReplyKeyboardMarkup.de_json(data, bot)
    return ReplyKeyboardRemove.de_json(data, bot)


# Parameters recorded as JSON that the typed Bot methods take as objects.
_OBJECTS = {"reply_markup": _markup, "link_preview_options": LinkPreviewOptions.de_json}


def _floor(turns: list[list[ApiCall]]) -> tuple[Application, OfflineBotApi]:
    """A bare application answering the journey's updates with the same Bot API calls."""

    async def replay(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        step = context.user_data["step"] = context.user_data.get("step", -1) + 1
        for call in turns[step]:
            params = {**call.params, "chat_id": update.effective_user.id}
            if call.method == "answerCallbackQuery":
                params = {"callback_query_id": update.callback_query.id}
            elif call.method == "editMessageText":
                params["message_id"] = update.callback_query.message.message_id
            for name, kind in _OBJECTS.items():
                if name in params:
                    data = params[name]
                    data = json.loads(data) if isinstance(data, str) else data
                    params[name] = kind(data, context.bot)
            await getattr(context.bot, snake_case(call.method))(**params)

    api = OfflineBotApi()
    application = ApplicationBuilder().token("1:" + "x" * 35).request(api).build()
    application.add_handler(TypeHandler(Update, replay))
    return application, api


async def _replayed_journey(chat: OfflineChat, turns: list[list[ApiCall]]) -> None:
    """The same five updates as a journey: taps on the latest buttons, or text."""
    for number, turn in enumerate(turns):
        if turn[0].method == "answerCallbackQuery":
            await chat.press("replayed", chat.latest_inline_message())
        else:
            await chat.send_text("/start" if number == 0 else "moisac")


def _echo() -> tuple[Application, OfflineBotApi]:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(update.message.text)

    api = OfflineBotApi()
    application = ApplicationBuilder().token("1:" + "x" * 35).request(api).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application, api


async def _echo_journey(chat: OfflineChat, updates: int) -> None:
    for _ in range(updates):
        await chat.send_text("bonjour")


async def _measure(database: Path) -> tuple[int, dict[str, float], int]:
    """The updates, the seconds each contender took for them, and the Bot API calls of one
    journey. The three take turns, CHUNK residents each, so that a slow spell of the machine
    falls on all three alike."""
    ours, ours_api = _ours(database)
    async with ours:
        await _prepare(ours)
        # One journey first, untimed: it warms the caches and records what the bot says.
        turns = await _journey(OfflineChat(ours, ours_api, user_id=RESIDENTS + 1))
        (echo, echo_api), (floor, floor_api) = _echo(), _floor(turns)
        async with echo, floor:
            seconds = dict.fromkeys(("ours", "echo", "floor"), 0.0)
            for first in range(1, RESIDENTS + 1, CHUNK):
                users = range(first, min(first + CHUNK, RESIDENTS + 1))
                start = time.perf_counter()
                for user_id in users:
                    await _journey(OfflineChat(ours, ours_api, user_id=user_id))
                seconds["ours"] += time.perf_counter() - start
                start = time.perf_counter()
                for user_id in users:
                    await _echo_journey(OfflineChat(echo, echo_api, user_id=user_id), len(turns))
                seconds["echo"] += time.perf_counter() - start
                start = time.perf_counter()
                for user_id in users:
                    await _replayed_journey(OfflineChat(floor, floor_api, user_id=user_id), turns)
                seconds["floor"] += time.perf_counter() - start
    return len(turns) * RESIDENTS, seconds, sum(len(turn) for turn in turns)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        updates, seconds, calls = asyncio.run(_measure(Path(folder) / "journeys.sqlite3"))
    ours_s, echo_s, floor_s = seconds["ours"], seconds["echo"], seconds["floor"]
    per_journey = 1000 / RESIDENTS
    return [
        Row(f"journeys, {RESIDENTS:,} residents ({updates:,} updates)", updates / ours_s,
            updates / echo_s, "updates/s", lower_is_better=False),
        Row("journey, one resident start to booked", ours_s * per_journey,
            echo_s * per_journey, "ms"),
        Row(f"  its {calls} Bot API calls replayed, no database nor logic (PTB alone)",
            updates / floor_s, updates / echo_s, "updates/s", lower_is_better=False),
        Row("  of one journey: python-telegram-bot for those calls", floor_s * per_journey,
            None, "ms"),
        Row("  of one journey: our code (database, matching, rendering)",
            (ours_s - floor_s) * per_journey, None, "ms"),
    ]  # fmt: skip

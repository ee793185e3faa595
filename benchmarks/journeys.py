"""Full residents' journeys through the real application, against a bare echo bot.

Both run `Application.process_update` with the same offline Bot API (no network) on SQLite:
start → need → commune → slot → confirm, for 1,000 residents.
"""

import asyncio
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import update
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from benchmarks.table import Row
from bot.application import build_application
from bot.offline_api import OfflineBotApi, OfflineChat
from bot.settings import Settings
from scheduling.models import Slot

RESIDENTS = int(os.environ.get("JOURNEYS", "1000"))


async def _journey(chat: OfflineChat) -> int:
    """One resident books a taxes workshop in Moissac; the number of updates it took."""
    await chat.send_text("/start")
    await chat.tap(next(b for b in chat.choices() if "Impôts" in b.text))
    await chat.send_text("moisac")
    await chat.tap(next(b for b in chat.choices() if b.text.startswith("📅")))
    await chat.tap(next(b for b in chat.choices() if b.text.startswith("✅")))
    assert "réservé" in chat.last_turn[-1].params.get("text", "") + str(chat.last_turn), (
        chat.last_turn
    )
    return 5


async def _ours(database: Path) -> tuple[int, float]:
    api = OfflineBotApi()
    settings = Settings(token=None, database_url=f"sqlite:///{database}", territory=("82",))
    application = build_application(settings, request=api)
    async with application:
        # Room for every resident: the benchmark measures the journey, not a full workshop.
        with application.bot_data.services.sessions.begin() as session:
            session.execute(update(Slot).values(capacity=RESIDENTS * 10))
        start = time.perf_counter()
        updates = 0
        for user_id in range(1, RESIDENTS + 1):
            chat = OfflineChat(application, api, user_id=user_id, first_name="Martine")
            updates += await _journey(chat)
        return updates, time.perf_counter() - start


async def _echo(updates: int) -> float:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(update.message.text)

    api = OfflineBotApi()
    application = ApplicationBuilder().token("1:" + "x" * 35).request(api).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        start = time.perf_counter()
        for user_id in range(1, updates // 5 + 1):
            chat = OfflineChat(application, api, user_id=user_id)
            for _ in range(5):
                await chat.send_text("bonjour")
        return time.perf_counter() - start


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        updates, ours_s = asyncio.run(_ours(Path(folder) / "journeys.sqlite3"))
    echo_s = asyncio.run(_echo(updates))
    return [
        Row(f"journeys, {RESIDENTS:,} residents ({updates:,} updates)", updates / ours_s,
            updates / echo_s, "updates/s", lower_is_better=False),
        Row("journey, one resident start to booked", ours_s / RESIDENTS * 1000,
            echo_s / RESIDENTS * 1000, "ms"),
    ]  # fmt: skip

"""Reminders over real HTTP, against the fake Bot API: a resident who blocked the bot, and 429s.

The application is built as in production (AIORateLimiter, HTTPXRequest), pointed at the fake
server; the `outbox` job is run by hand at the test's clock.
"""

import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta

from fake_bot_api import DEFAULT_TOKEN, FakeBotApi
from offline_bot import NOW, Clock, OfflineBot
from sqlalchemy import select
from test_reminders_bot import MONDAY_6PM, books, resident_id, run_outbox

from bot.application import build_application
from bot.settings import Settings
from scheduling import Notification, NotificationKind, NotificationStatus, Resident


@contextlib.asynccontextmanager
async def bot_on(server: FakeBotApi, database_url: str) -> AsyncIterator[OfflineBot]:
    world = OfflineBot(database_url=database_url, clock=Clock(NOW))
    settings = Settings(
        token=DEFAULT_TOKEN,
        database_url=database_url,
        territory=("82",),
        base_url=server.base_url,
    )
    world.application = build_application(settings, clock=world.clock)
    async with world.application:
        yield world


def sends_to(server: FakeBotApi, chat_id: int) -> int:
    return sum(int(call.params["chat_id"]) == chat_id for call in server.calls("sendMessage"))


def reminder_status(bot: OfflineBot, resident) -> NotificationStatus:
    with bot.session() as session:
        return session.scalars(
            select(Notification.status).where(
                Notification.resident_id == resident_id(bot, resident),
                Notification.kind == NotificationKind.REMINDER_DAY_BEFORE,
            )
        ).one()


async def test_a_blocked_resident_is_marked_unreachable_and_a_429_is_waited_out(
    fake_bot_api: FakeBotApi, database_url: str
):
    async with bot_on(fake_bot_api, database_url) as bot:
        martine, bernard = bot.resident("Martine"), bot.resident("Bernard")
        slot_id = bot.add_slot()
        books(bot, martine, slot_id)
        books(bot, bernard, slot_id)
        fake_bot_api.block(martine.user_id)
        fake_bot_api.rate_limit_once(chat_id=bernard.user_id, retry_after=1)

        bot.clock.now = MONDAY_6PM
        delivery = await run_outbox(bot)
        # The rate limiter waited the second Telegram asked for, then sent (production's
        # AIORateLimiter retries up to 3 times; beyond, the outbox tries again later).
        assert (delivery.unreachable, delivery.retried, delivery.sent) == (1, 0, 1)
        assert reminder_status(bot, martine) == NotificationStatus.UNREACHABLE
        with bot.session() as session:
            assert session.get(Resident, resident_id(bot, martine)).unreachable
        assert reminder_status(bot, bernard) == NotificationStatus.SENT
        [message] = fake_bot_api.messages(bernard.user_id)
        assert "Rappel" in message["text"]

        bot.clock.advance(timedelta(hours=1))
        await run_outbox(bot)
        assert sends_to(fake_bot_api, martine.user_id) == 1  # tried once, never again
        assert sends_to(fake_bot_api, bernard.user_id) == 2  # the 429, then the reminder

"""Conversation state survives a restart: the database holds the truth, no pickle file."""

import json
from datetime import timedelta

from offline_bot import OfflineBot
from sqlalchemy import select

from bot.persistence import ConversationState, UserDraft


async def test_the_bot_restarts_mid_conversation_and_the_next_message_continues(database_url):
    async with OfflineBot(database_url=database_url).running() as first:
        martine = first.resident("Martine", user_id=1001)
        await martine.says("/start")
        await martine.taps("Impôts en ligne")  # the bot now waits for the commune

    async with OfflineBot(database_url=database_url).running() as second:
        martine = second.resident("Martine", user_id=1001)
        text = await martine.says("Moissac")

    assert "📍 Moissac (Tarn-et-Garonne)" in text
    assert "Voici l'aide la plus proche pour « 🧾 Impôts en ligne »" in text


async def test_a_conversation_left_for_hours_is_over_after_a_restart(database_url):
    async with OfflineBot(database_url=database_url).running() as first:
        martine = first.resident("Martine", user_id=1001)
        await martine.says("/start")
        await martine.taps("Impôts en ligne")

    later = OfflineBot(database_url=database_url)
    later.clock.advance(timedelta(hours=3))
    async with later.running():
        martine = later.resident("Martine", user_id=1001)
        # "Bonjour" is a greeting again, not a commune the bot cannot find.
        assert (await martine.says("Bonjour")).startswith("Bonjour Martine !")


async def test_each_step_is_written_at_once_so_a_crash_loses_nothing(database_url):
    bot = OfflineBot(database_url=database_url)
    async with bot.running():
        martine = bot.resident("Martine", user_id=1001)
        await martine.says("/start")
        await martine.taps("Impôts en ligne")

        # Read from the database while the bot still runs, as after a crash.
        with bot.session() as session:
            [state] = session.scalars(select(ConversationState)).all()
            draft = session.get(UserDraft, 1001)
    assert (state.name, json.loads(state.key), json.loads(state.state)) == (
        "journey",
        [1001, 1001],
        2,
    )
    assert json.loads(draft.data)["theme"] == "impots"


async def test_a_finished_conversation_leaves_no_state_behind(database_url, tmp_path):
    bot = OfflineBot(database_url=database_url)
    async with bot.running():
        martine = bot.resident("Martine")
        await martine.says("/start")
        await martine.says("/annuler")
        with bot.session() as session:
            assert session.scalars(select(ConversationState)).all() == []
    assert not list(tmp_path.glob("*.pickle"))

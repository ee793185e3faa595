"""One resident never stops everyone: residents are served side by side, a slow or locked step
holds only the resident it belongs to, and a resident who floods is slowed down alone.

The updates go through the application's update queue and update processor, as polling delivers
them; the tests wait for the bot's answers (nothing sleeps).
"""

import asyncio
import contextlib
import dataclasses
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from offline_bot import OfflineBot
from scheduling_world import add_advisor
from sqlalchemy import create_engine, make_url, select, text

from handlers.flood import FloodGate, Verdict
from scheduling.models import Resident


def answers(bot, resident) -> list[str]:
    return [call.result["text"] for call in bot.api.calls if resident.answered(call)]


async def test_a_slow_commune_search_holds_only_the_resident_who_typed_it(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    searching, release = threading.Event(), threading.Event()
    services = bot.application.bot_data.services
    communes = services.communes

    class SlowCommunes:
        def find(self, *args, **kwargs):
            searching.set()
            release.wait(timeout=30)
            return communes.find(*args, **kwargs)

    bot.application.bot_data.services = dataclasses.replace(services, communes=SlowCommunes())
    before = len(answers(bot, martine))
    await martine.post_text("moissac")
    assert await asyncio.to_thread(searching.wait, 30)

    bernard = bot.resident("Bernard")
    await bernard.post_text("/start")
    welcome = await bot.api.wait_for(bernard.answered)

    assert welcome.result["text"].startswith("Bonjour Bernard !")
    assert len(answers(bot, martine)) == before  # still searching
    release.set()
    await bot.api.wait_for(
        lambda call: martine.answered(call) and "Mairie de Moissac" in call.result["text"]
    )


async def test_a_resident_s_updates_are_answered_in_the_order_they_were_sent(bot):
    martine = bot.resident("Martine")
    for typed in ("/start", "/aide", "/start"):
        await martine.post_text(typed)
    await bot.api.wait_for(lambda call: len(answers(bot, martine)) == 3)

    first, help_, last = answers(bot, martine)
    assert first.startswith("Bonjour Martine") and last.startswith("Bonjour Martine")
    assert not help_.startswith("Bonjour")


async def test_a_resident_who_floods_is_told_once_then_paused_and_others_are_not(bot):
    bernard = bot.resident("Bernard")
    expected = await bernard.says("/start")
    martine = bot.resident("Martine")

    for _ in range(20):
        assert (await martine.says("/start")).startswith("Bonjour Martine")
    notice = await martine.says("/start")
    assert "beaucoup de messages" in notice and "pause de 1 minute" in notice
    for _ in range(30):
        assert await martine.says("/start") == ""
    assert await bernard.says("/start") == expected

    bot.clock.advance(timedelta(seconds=60))
    assert (await martine.says("/start")).startswith("Bonjour Martine")


def test_the_flood_gate_counts_a_sliding_minute_per_sender(bot):
    gate = FloodGate(limit=3, pause=timedelta(seconds=60))
    now = bot.clock()
    seconds = [0, 20, 40, 61, 81]  # never more than 3 within a minute
    assert [gate.check(1, now + timedelta(seconds=s)) for s in seconds] == [Verdict.PASS] * 5
    burst = [gate.check(2, now) for _ in range(5)]
    assert burst == [Verdict.PASS] * 3 + [Verdict.NOTICE, Verdict.DROP]
    assert gate.check(2, now + timedelta(seconds=59)) is Verdict.DROP
    assert gate.check(2, now + timedelta(seconds=60)) is Verdict.PASS


async def test_a_4096_character_answer_to_the_commune_question_gets_a_kind_answer(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    for typed in ("moissac " * 512, "zq " * 1365, "z " * 2048):
        answer = await martine.says(typed[:4096])

        assert "Je ne trouve pas" in answer, answer
        assert len(answer) < 600
    assert "Mairie de Moissac" in await martine.says("Moissac")


@contextlib.contextmanager
def locked(database_url: str, table: str) -> Iterator[None]:
    """Another connection holds a lock that stops the bot writing `table` (SQLite: writing
    anything; PostgreSQL: even reading it)."""
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(database_url).database, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
        return
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection, connection.begin():
            connection.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))
            yield
    finally:
        engine.dispose()


async def test_a_locked_database_gets_a_kind_answer_and_leaves_nothing_half_done(database_url):
    quick = OfflineBot(database_url=database_url, database_timeout=timedelta(milliseconds=300))
    async with quick.running() as bot:
        martine = bot.resident("Martine")
        await martine.says("/start")
        await martine.taps("Impôts en ligne")

        with locked(database_url, "residents"):
            answer = await martine.says("Moissac")

        assert "très sollicité" in answer and "Réessayez" in answer
        with bot.session() as session:
            resident = session.scalars(select(Resident)).one()
            assert resident.commune_insee is None  # the search was not half made
        assert "Mairie de Moissac" in await martine.says("Moissac")


async def test_a_lock_on_what_one_resident_needs_does_not_hold_the_others(
    database_url, database_kind
):
    if database_kind == "sqlite":
        pytest.skip("SQLite has one write lock for the whole file: every writer waits on it")
    async with OfflineBot(database_url=database_url).running() as bot:
        martine = bot.resident("Martine")
        await martine.says("/start")
        await martine.taps("Impôts en ligne")
        bernard = bot.resident("Bernard")
        with locked(database_url, "slots"):
            await martine.post_text("Moissac")  # her search reads the slots: it waits
            await bernard.post_text("/start")
            welcome = await bot.api.wait_for(bernard.answered)
            assert welcome.result["text"].startswith("Bonjour Bernard !")
            assert not any("Mairie de Moissac" in said for said in answers(bot, martine))
        await bot.api.wait_for(
            lambda call: martine.answered(call) and "Mairie de Moissac" in call.result["text"]
        )


async def test_advisors_and_coordinators_are_never_slowed(bot):
    with bot.session() as session:
        add_advisor(session, first_name="Nadia", telegram_user_id=9001)
    nadia = bot.resident("Nadia", user_id=9001)

    for _ in range(30):
        assert "beaucoup de messages" not in await nadia.says("/aide")


def test_a_flood_is_dropped_as_it_arrives_once_paused_or_far_over_the_limit(bot):
    gate = FloodGate(limit=3, pause=timedelta(seconds=60))
    now = bot.clock()
    assert [gate.admits(1, now) for _ in range(10)] == [True] * 9 + [False]
    assert all(gate.check(2, now) is Verdict.PASS for _ in range(3))
    assert gate.check(2, now) is Verdict.NOTICE
    assert not gate.admits(2, now + timedelta(seconds=30))  # paused: not even queued
    assert gate.admits(2, now + timedelta(seconds=60))
    gate.forgive(1, now)  # found to be staff
    assert all(gate.admits(1, now) for _ in range(50))


async def test_a_flood_through_the_update_queue_gets_twenty_answers_and_one_notice(bot):
    martine, bernard = bot.resident("Martine"), bot.resident("Bernard")
    for _ in range(200):
        await martine.post_text("/aide")
    await bernard.post_text("/start")
    await bot.application.update_queue.join()
    await bot.api.wait_for(bernard.answered)
    await bot.api.wait_for(lambda call: len(answers(bot, martine)) >= 21)

    said = answers(bot, martine)
    assert len(said) == 21 and sum("beaucoup de messages" in text for text in said) == 1

"""One resident never stops everyone: residents are served side by side, a slow or locked step
holds only the resident it belongs to, and a resident who floods is slowed down alone.

The updates go through the application's update queue and update processor, as polling delivers
them; the tests wait for the bot's answers (nothing sleeps).
"""

import asyncio
import dataclasses
import threading
from datetime import timedelta

from handlers.flood import FloodGate, Verdict


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
    for text in ("/start", "/aide", "/start"):
        await martine.post_text(text)
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

    for text in ("moissac " * 512, "zq " * 1365, "z " * 2048):
        answer = await martine.says(text[:4096])

        assert "Je ne trouve pas" in answer, answer
        assert len(answer) < 600
    assert "Mairie de Moissac" in await martine.says("Moissac")

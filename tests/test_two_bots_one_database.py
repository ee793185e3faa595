"""Two bots on one database, each resident's updates served by one then the other (as a load
balancer spreads webhook posts): the conversation and the draft are the database's, read before
each update, so the journey continues whichever bot gets the next step. Every bot runs the
time-driven jobs: the outbox's claims are leased in the database (tests/test_outbox_claims.py,
tests/test_two_processes.py), and retention is idempotent, even run by two at once."""

import asyncio
import contextlib
import logging
from datetime import timedelta

from offline_bot import OfflineBot, Resident
from sqlalchemy import select

from bot.jobs import RETENTION_JOB
from bot.offline_api import OfflineBotApi
from bot.persistence import UserDraft
from scheduling.models import Booking, BookingStatus, Slot


@contextlib.asynccontextmanager
async def two_bots(database_url: str):
    api = OfflineBotApi()  # one Telegram: the message ids of a chat are counted once
    first, second = OfflineBot(database_url, api=api), OfflineBot(database_url, api=api)
    async with first.running(), second.running():
        yield first, second


class Alternating(Resident):
    """A resident whose every update goes to the other bot than the last."""

    bots: tuple[OfflineBot, OfflineBot]
    served = 0

    async def process(self, payload: dict) -> list:
        self.application = self.bots[self.served % 2].application
        self.served += 1
        return await super().process(payload)


def alternating(bots: tuple[OfflineBot, OfflineBot], name: str, user_id: int) -> Alternating:
    resident = Alternating(
        bots[0].application, bots[0].api, user_id=user_id, first_name=name, language_code="fr"
    )
    resident.bots = bots
    return resident


async def test_martine_books_though_each_of_her_steps_goes_to_the_other_bot(database_url):
    async with two_bots(database_url) as bots:
        tuesday = bots[0].add_slot(capacity=8)
        martine = alternating(bots, "Martine", 1001)

        await martine.says("/start")
        await martine.taps("Impôts en ligne")
        assert "📍 Moissac (Tarn-et-Garonne)" in await martine.says("Moissac")
        question = await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
        assert "Voulez-vous réserver" in question
        assert "✅ C'est réservé, Martine !" in await martine.taps("Oui, je réserve")

        assert martine.served == 5
        with bots[1].session() as session:
            booking = session.scalars(select(Booking).where(Booking.slot_id == tuesday)).one()
            assert booking.status == BookingStatus.BOOKED
            assert session.get(Slot, tuesday).seats_taken == 1


async def test_a_choice_made_on_one_bot_is_what_the_other_one_remembers_next(database_url):
    async with two_bots(database_url) as bots:
        martine = alternating(bots, "Martine", 1001)
        await martine.says("/start")
        await martine.taps("Impôts en ligne")
        await martine.says("Moissac")
        # She starts again on another need: the first bot, which served "Impôts", must not
        # search for it, nor skip writing "CAF" because it wrote it once itself.
        await martine.says("/start")
        await martine.taps("CAF et aides")
        text = await martine.says("Moissac")

        assert "Voici l'aide la plus proche pour « " in text and "CAF et aides" in text
        assert "Impôts" not in text


async def test_a_conversation_left_for_hours_is_over_on_whichever_bot_gets_the_next_message(
    database_url,
):
    async with two_bots(database_url) as bots:
        martine = alternating(bots, "Martine", 1001)
        await martine.says("/start")
        await martine.taps("Impôts en ligne")  # the bot now waits for the commune
        for bot in bots:
            bot.clock.advance(timedelta(hours=3))

        # "Bonjour" is a greeting again, not a commune the bot cannot find.
        assert (await martine.says("Bonjour")).startswith("Bonjour Martine !")


async def test_both_bots_run_retention_at_once_and_it_is_done_once_without_error(
    database_url, caplog
):
    async with two_bots(database_url) as bots:
        tuesday = bots[0].add_slot(capacity=8)
        martine = alternating(bots, "Martine", 1001)
        await martine.says("/start")
        await martine.taps("Impôts en ligne")
        await martine.says("Moissac")
        await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
        await martine.taps("Oui, je réserve")
        for bot in bots:
            bot.clock.advance(timedelta(days=400))

        # Every process has the daily job; they may run it at the same moment.
        applications = [bot.application for bot in bots]
        jobs = [app.job_queue.get_jobs_by_name(RETENTION_JOB)[0] for app in applications]
        await asyncio.gather(*(job.run(app) for job, app in zip(jobs, applications, strict=True)))

        assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
        with bots[0].session() as session:
            booking = session.scalars(select(Booking).where(Booking.slot_id == tuesday)).one()
            assert booking.resident_id is None  # anonymised, and counted still
            assert session.get(Slot, tuesday).seats_taken == 1
            assert session.scalars(select(UserDraft)).all() == []

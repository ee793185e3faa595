"""Makes the databases the upgrade test starts from: a SQLite file and a PostgreSQL dump, both
created by Aiguillage at commit 728413c (the last schema made by `create_all`) and filled through
the bot: residents who booked, cancelled, joined a waitlist or stopped half-way, an advisor and
the outbox rows all that queued.

Run it from a checkout of that commit, with the current tests/data/ as the output:

    git worktree add /tmp/v728 728413c
    cd /tmp/v728 && PYTHONPATH=.:tests python /path/to/tests/data/make_upgrade_fixtures.py \
        /path/to/tests/data

It writes `728413c.sqlite3` and `728413c.pg.sql` (`pg_dump --no-owner`, plain SQL).
"""

import asyncio
import dataclasses
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from offline_bot import NOW, OfflineBot
from postgres_server import PostgresServer
from sqlalchemy import create_engine, text

from bot.jobs import OUTBOX_JOB
from bot.outbox import deliver_due
from knowledge.catalogue import Advisor, HostStructure
from scheduling.models import Slot, Workshop, WorkshopKind, WorkshopTheme


class BotOn(OfflineBot):
    """The offline bot on any database URL."""

    def __init__(self, url: str) -> None:
        super().__init__(database=Path("unused"))
        self.url = url

    @property
    def settings(self):
        return dataclasses.replace(super().settings, database_url=self.url)


async def journey(bot: OfflineBot, name: str, need: str, slot_id: int, *, book: bool = True):
    resident = bot.resident(name)
    await resident.says("/start")
    await resident.taps(need)
    await resident.says("moisac")
    await resident.presses(f"sl1:{slot_id}")
    if book:
        await resident.taps("Oui, je réserve")
    return resident


async def fill(bot: OfflineBot) -> None:
    moissac = bot.structure_id("Mairie de Moissac")
    with bot.session() as session:
        nadia = Advisor(first_name="Nadia", last_name="Conseillère", telegram_user_id=9001)
        nadia.structures.append(session.get(HostStructure, moissac))
        session.add(nadia)
        session.flush()
        advisor_id = nadia.id
        # A one-seat individual appointment covering three themes: its bookings have no
        # certain need, unlike those of the single-theme workshop below.
        multi = Workshop(
            structure_id=moissac,
            title="Permanence numérique",
            kind=WorkshopKind.INDIVIDUAL,
            advisor_id=advisor_id,
            themes=[WorkshopTheme(theme=t) for t in ("caf", "impots", "papiers")],
        )
        starts = NOW + timedelta(days=2, hours=1)
        slot = Slot(
            workshop=multi, starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=1
        )
        session.add(slot)
        session.flush()
        multi_slot = slot.id
    taxes = bot.add_slot(capacity=8)
    bot.change_slot(taxes, lambda slot: setattr(slot.workshop, "advisor_id", advisor_id))

    await journey(bot, "Martine", "Impôts en ligne", taxes)
    await journey(bot, "Bernard", "CAF", multi_slot)
    jean = await journey(bot, "Jean", "Impôts en ligne", multi_slot, book=False)
    await jean.presses(f"wj1:{multi_slot}")
    paul = await journey(bot, "Paul", "Impôts en ligne", taxes)
    await paul.says("/mesrdv")
    await paul.taps("Annuler le n°1")
    await paul.taps("Oui, j'annule")
    lucie = bot.resident("Lucie")
    await lucie.says("/start")
    await lucie.taps("Impôts en ligne")  # and stops at the commune question

    [job] = bot.application.job_queue.get_jobs_by_name(OUTBOX_JOB)
    await deliver_due(bot.application, worker=job.data)


async def make(url: str) -> None:
    async with BotOn(url).running() as bot:
        await fill(bot)


def main(out: Path) -> None:
    sqlite_file = out / "728413c.sqlite3"
    sqlite_file.unlink(missing_ok=True)
    asyncio.run(make(f"sqlite:///{sqlite_file}"))
    with PostgresServer.start() as server:
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text('CREATE DATABASE "v728"'))
        admin.dispose()
        asyncio.run(make(server.url("v728")))
        dump = subprocess.run(
            [
                str(server.bin_dir / "pg_dump"),
                "--no-owner",
                "--no-privileges",
                "-h",
                "127.0.0.1",
                "-p",
                str(server.port),
                "-U",
                "postgres",
                "v728",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    (out / "728413c.pg.sql").write_text(dump)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())

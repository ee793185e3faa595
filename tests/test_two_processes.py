"""Two real bot processes (`aiguillage run --webhook`) on one PostgreSQL database, behind one
webhook URL: the fake Bot API posts the updates to each process in turn, whatever the chat, as a
load balancer would. Residents go through both; one process is killed (SIGKILL) mid-way and
started again. Nothing is lost (every journey continues and books), nothing is doubled (one
booking each, the seats counted right, each reminder claimed and sent once, a freed seat held for
the first in line only and offered to her once: offers go out between 08:00 and 20:00 at the
place, so the offer's message is awaited only when the test runs in those hours).

Slow (two processes start, each loading the catalogue): about a minute. SQLite serves one
process (its writes are one file's): these tests run on PostgreSQL only.
"""

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fake_bot_api import DEFAULT_TOKEN, FakeBotApi, inline_buttons
from sqlalchemy import select

from bot.database import make_engine, make_sessionmaker
from knowledge.catalogue import HostStructure
from scheduling.booking import book_seat, cancel_booking
from scheduling.models import (
    Booking,
    BookingStatus,
    Resident,
    Slot,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
)
from scheduling.notification_models import Notification, NotificationKind, NotificationStatus
from scheduling.residents import ensure_resident
from scheduling.waitlist import join_waitlist
from scheduling.waitlist_models import WaitlistEntry, WaitlistStatus

ROOT = Path(__file__).resolve().parent.parent
SECRET = "webhook-secret-for-the-two-process-test-0123456789"
PUBLIC_URL = "https://bot.example.fr/telegram"
RESIDENTS = [5001, 5002, 5003, 5004, 5005, 5006]
WAITING = [7001, 7002, 7003]  # the full slot's holder, then two in line
# The reminder "n minutes before" falls due REMINDER_DELAY after the test starts: the residents
# book before that, and both processes' outbox jobs (every second) race to send it.
REMINDER_DELAY = timedelta(seconds=45)
REMINDER_MINUTES = 180
STEP = 30.0  # seconds a step may take on a loaded 2-core machine (a safety net, never waited)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class BotProcess:
    """`aiguillage run --webhook` on a loopback port, started, killed and started again."""

    def __init__(self, name: str, env: dict[str, str], logs: Path) -> None:
        self.name = name
        self.port = free_port()
        self.env = env
        self.logs = logs
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    def start(self) -> None:
        self.starts += 1
        log = open(self.logs / f"{self.name}-{self.starts}.log", "wb")  # noqa: SIM115
        command = ["run", "--webhook", "--port", str(self.port), "--log-format", "json"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", *command],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def postgres_only(database_kind: str, database_url: str) -> str:
    if database_kind != "postgresql":
        pytest.skip("several processes share a PostgreSQL database; SQLite serves one process")
    return database_url


def add_slot(sessions, *, starts_at: datetime, capacity: int, title: str) -> int:
    with sessions.begin() as session:
        structure = session.scalars(
            select(HostStructure.id).where(HostStructure.name.startswith("Mairie de Moissac"))
        ).first()
        workshop = Workshop(
            structure_id=structure,
            title=title,
            kind=WorkshopKind.COLLECTIVE,
            themes=[WorkshopTheme(theme="impots")],
        )
        slot = Slot(
            workshop=workshop,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=capacity,
        )
        session.add_all([workshop, slot])
        session.flush()
        return slot.id


async def wait_for_start(server: FakeBotApi, starts: int) -> None:
    await server.wait_until(
        lambda: True if len(server.calls("setWebhook")) >= starts else None,
        timeout=120,
        what=f"{starts} setWebhook calls",
    )


async def test_residents_book_through_two_processes_one_killed_and_restarted(
    postgres_only, tmp_path
):
    database_url = postgres_only
    engine = make_engine(database_url)
    sessions = make_sessionmaker(engine)
    async with FakeBotApi() as server:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
            "TELEGRAM_BASE_URL": server.base_url,
            "DATABASE_URL": database_url,
            "AIGUILLAGE_TERRITORY": "82",
            "AIGUILLAGE_WEBHOOK_URL": PUBLIC_URL,
            "AIGUILLAGE_WEBHOOK_SECRET": SECRET,
            "AIGUILLAGE_SECRET_KEY": "dashboard-secret-key-for-the-two-process-test",
            "AIGUILLAGE_OUTBOX_SECONDS": "1",
            "AIGUILLAGE_REMINDER_DAY_BEFORE": "off",
            "AIGUILLAGE_REMINDER_BEFORE_MINUTES": str(REMINDER_MINUTES),
        }
        first, second = BotProcess("first", env, tmp_path), BotProcess("second", env, tmp_path)
        server.route_webhook([first.address, second.address])
        try:
            # One after the other: the first start loads the demo catalogue into the database.
            first.start()
            await wait_for_start(server, 1)
            second.start()
            await wait_for_start(server, 2)
            assert server.webhook["url"] == PUBLIC_URL
            assert server.webhook["secret_token"] == SECRET

            started = datetime.now(UTC)
            soon = started + timedelta(minutes=REMINDER_MINUTES) + REMINDER_DELAY
            workshop = add_slot(sessions, starts_at=soon, capacity=10, title="Impôts en ligne")
            # Two days ahead: a freed seat is offered (not too close to the start).
            full = add_slot(
                sessions, starts_at=started + timedelta(days=2), capacity=1, title="Complet"
            )

            async def step(user: int, act, expected: str) -> dict:
                act()
                return await server.wait_for_message(
                    user, lambda m: expected in m.get("text", ""), timeout=STEP
                )

            async def begin(user: int) -> None:
                welcome = await step(user, lambda: server.push_text(user, "/start"), "Bonjour")
                await step(
                    user, lambda: server.press(user, welcome, "nd1:impots"), "Dans quelle commune"
                )

            async def book(user: int) -> None:
                found = await server.wait_for_message(
                    user, lambda m: f"sl1:{workshop}" in str(m.get("reply_markup")), timeout=STEP
                )
                assert f"sl1:{workshop}" in [b.get("callback_data") for b in inline_buttons(found)]
                question = await step(
                    user,
                    lambda: server.press(user, found, f"sl1:{workshop}"),
                    "Voulez-vous réserver",
                )
                server.press(user, question, f"bk1:{workshop}")
                # The question is edited into the confirmation.
                await server.wait_until(
                    lambda: (
                        True
                        if any("C'est réservé" in m.get("text", "") for m in server.messages(user))
                        else None
                    ),
                    timeout=STEP,
                    what=f"{user}'s booking",
                )

            await asyncio.gather(*(begin(user) for user in RESIDENTS))
            # Everyone's next words go out, and the first process dies under them: those posted
            # to it are not answered, and go to the second.
            for user in RESIDENTS:
                server.push_text(user, "Moissac")
            first.kill()
            await asyncio.gather(*(book(user) for user in RESIDENTS[:3]))
            first.start()
            await wait_for_start(server, 3)
            await asyncio.gather(*(book(user) for user in RESIDENTS[3:]))

            # Both processes served updates, before and after the restart.
            assert set(_served(tmp_path)) == {"first-1", "second-1", "first-2"}

            with sessions() as session:
                bookings = session.execute(
                    select(Booking.resident_id, Booking.status).where(Booking.slot_id == workshop)
                ).all()
                assert len(bookings) == len(RESIDENTS)
                assert {status for _, status in bookings} == {BookingStatus.BOOKED}
                assert session.get(Slot, workshop).seats_taken == len(RESIDENTS)

            # A freed seat of a full slot: held for the first in line only.
            with sessions.begin() as session:
                now = datetime.now(UTC)
                people = [
                    ensure_resident(
                        session, telegram_user_id=user, first_name="X", language="fr", now=now
                    ).id
                    for user in WAITING
                ]
                holder = book_seat(session, slot_id=full, resident_id=people[0], now=now)
                for person in people[1:]:
                    join_waitlist(session, slot_id=full, resident_id=person, now=now)
            with sessions.begin() as session:
                cancel_booking(
                    session,
                    booking_id=holder.booking_id,
                    resident_id=people[0],
                    now=datetime.now(UTC),
                )

            # Each resident gets their reminder once, though two processes send the outbox.
            def reminded() -> Counter | None:
                counts = Counter(
                    int(call.params["chat_id"])
                    for call in server.calls("sendMessage")
                    if "Rappel" in str(call.params.get("text", ""))
                    or "rappel" in str(call.params.get("text", ""))
                )
                return counts if set(counts) >= set(RESIDENTS) else None

            counts = await server.wait_until(reminded, timeout=120, what="every reminder")
            with sessions() as session:
                # Claimed once each, sent (or being marked so, as the lease runs): no process
                # can claim them again.
                reminders = session.execute(
                    select(Notification.status, Notification.attempts)
                    .join(Resident, Resident.id == Notification.resident_id)
                    .where(
                        Notification.kind == NotificationKind.REMINDER_HOURS_BEFORE,
                        Resident.telegram_user_id.in_(RESIDENTS),
                    )
                ).all()
                assert len(reminders) == len(RESIDENTS)
                assert {attempts for _, attempts in reminders} == {1}
                assert {status for status, _ in reminders} <= {
                    NotificationStatus.SENT,
                    NotificationStatus.CLAIMED,
                }
            assert all(counts[user] == 1 for user in RESIDENTS), counts

            with sessions() as session:
                offered = session.scalars(
                    select(WaitlistEntry.resident_id).where(
                        WaitlistEntry.slot_id == full,
                        WaitlistEntry.status == WaitlistStatus.OFFERED,
                    )
                ).all()
                assert offered == [people[1]]
                assert session.get(Slot, full).seats_taken == 1
                [offer] = session.scalars(
                    select(Notification).where(Notification.kind == NotificationKind.WAITLIST_OFFER)
                ).all()
                assert offer.resident_id == people[1]
                offer_due = offer.due_at <= datetime.now(UTC)
            if offer_due:  # in waking hours at the place: sent now, once

                def offers() -> list | None:
                    found = [
                        int(call.params["chat_id"])
                        for call in server.calls()
                        if call.method == "sendMessage"
                        and int(call.params["chat_id"]) in WAITING
                        and "wa1:" in str(call.params.get("reply_markup"))
                    ]
                    return found or None

                assert await server.wait_until(offers, timeout=STEP, what="the offer") == [
                    WAITING[1]
                ]

            async with httpx.AsyncClient() as client:
                health = await client.get(f"http://127.0.0.1:{second.port}/healthz")
                refused = await client.post(second.address, json={"update_id": 1})
            assert health.status_code == 200
            assert refused.status_code == 403
        finally:
            for process in (first, second):
                process.stop()
            engine.dispose()


def _served(logs: Path) -> Counter:
    """How many updates each run of a process handled (its JSON log lines naming an update)."""
    import json

    served: Counter = Counter()
    for path in logs.glob("*.log"):
        for line in path.read_text().splitlines():
            with contextlib.suppress(ValueError):
                if json.loads(line).get("update_id") is not None:
                    served[path.stem] += 1
    return served

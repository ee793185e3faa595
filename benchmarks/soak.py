"""Soak: hundreds of residents doing whole journeys at once, over HTTP, with and without a flooder.

The bot runs as in production, in a process of its own: `bot.application.run_polling` (the lane
update processor, the flood gate, AIORateLimiter, the job queue) on a SQLite file, long polling
the fake Bot API server of tests/fake_bot_api.py, which runs here and holds every request
SOAK_DELAY_MS (50) as a round trip to Telegram would. The simulated residents run here too.

Two phases of SOAK_RESIDENTS (500) new residents each: their journeys (/start → need button →
"moisac" → a slot button → "Oui, je réserve") begin at random over SOAK_SECONDS (180), with one
to four seconds of thought between steps. The baseline phase has them alone; in the second, one
more resident floods the bot the whole time (a message every SOAK_FLOOD_MS, 15). Each phase
measures, for the journeys' residents, the time from sending an update to the bot's first message
(sent or edited) in their chat; and it checks, or the benchmark exits non-zero:

- every resident ends booked, on a slot with room (the benchmark first gives every slot enough
  seats, as benchmarks/journeys.py does), or told plainly why not; none is left unanswered;
- the residents told "C'est réservé" are exactly those with a booking in the database, one each;
  no resident holds two bookings on one slot; each slot's `seats_taken` equals its bookings;
- the bot logged nothing at WARNING or above (a flood notice is logged at INFO), and did not die;
- the flooder got at most AIGUILLAGE_FLOOD_MESSAGES (20) answers, then one notice, per pause.

The bot's memory (VmRSS of /proc/<pid>/status) is sampled every two seconds. Telegram (and PTB's
AIORateLimiter, which the bot uses) allows a bot about 30 messages a second in all; a journey
takes eight, so 500 journeys need at least 133 s: SOAK_SECONDS much below that measures the
queue of the rate limiter, not the bot.
"""

import asyncio
import contextlib
import logging
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, update

from benchmarks.table import Row, p99_ms, print_table
from bot.database import make_engine
from scheduling.models import Booking, BookingStatus, Resident, Slot

RESIDENTS = int(os.environ.get("SOAK_RESIDENTS", "500"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "180"))
DELAY = float(os.environ.get("SOAK_DELAY_MS", "50")) / 1000
FLOOD_EVERY = float(os.environ.get("SOAK_FLOOD_MS", "15")) / 1000
THINK = (1.0, 4.0)
"""Seconds a resident takes to read an answer and tap or type the next step."""
STEP_TIMEOUT = 60.0
"""A step unanswered for this long is a lost resident: the soak fails."""
FLOOD_LIMIT = 20
"""The bot's AIGUILLAGE_FLOOD_MESSAGES (its default, which the soak does not change)."""
SAMPLE_EVERY = 2.0
SEED = 20260101
WARM_UP_USERS = 500_000
"""The first Telegram user id of the ten residents who warm the bot up."""
TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWxyz0123456789a"
# An apology or the "too busy" answer of handlers/errors.py: never part of a good journey.
TROUBLE = ("😕", "⏳")


class SoakFailed(Exception):
    """Something was lost, doubled, logged or killed: the message says what."""


# --- the bot's process ----------------------------------------------------------------------


def serve(base_url: str, database_url: str, log_path: str) -> None:
    """The bot as `aiguillage run` runs it, its WARNING+ records and stderr in `log_path`."""
    from bot.application import run_polling
    from bot.settings import Settings

    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (the process's)
    os.dup2(log.fileno(), sys.stderr.fileno())  # a crash's traceback too
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.WARNING)
    logging.captureWarnings(True)
    run_polling(
        Settings(token=TOKEN, base_url=base_url, database_url=database_url, territory=("82",))
    )


class BotProcess:
    """The bot in a 'spawn'ed process: its pid, its memory, its log."""

    def __init__(self, base_url: str, database: Path, log_path: Path) -> None:
        self.database_url = f"sqlite:///{database}"
        self.log_path = log_path
        context = multiprocessing.get_context("spawn")
        self.process = context.Process(
            target=serve, args=(base_url, self.database_url, str(log_path)), daemon=True
        )
        self.rss: list[tuple[float, float]] = []
        """(seconds since start, MB) every SAMPLE_EVERY."""

    def start(self) -> None:
        self.log_path.touch()
        self.process.start()

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    async def watch(self, started: float) -> None:
        """Sample the memory until cancelled; raise SoakFailed as soon as the bot dies."""
        while True:
            if not self.process.is_alive():
                raise SoakFailed(
                    f"the bot process died (exit code {self.process.exitcode}); its log:\n"
                    + self.log()
                )
            self.rss.append((time.monotonic() - started, self.rss_mb()))
            await asyncio.sleep(SAMPLE_EVERY)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def stop(self) -> int | None:
        """SIGTERM, as a service manager stops it; its exit code."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(60)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
            raise SoakFailed("the bot did not stop within 60 s of SIGTERM")
        return self.process.exitcode


# --- the residents ----------------------------------------------------------------------------


def _text(call) -> str:
    return str(call.params.get("text", ""))


def _buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [button.get("callback_data", "") for row in rows for button in row]


@dataclass
class Chat:
    """What the bot sent to one resident's chat, as the server answered it, with the times."""

    heard: list[tuple[float, object]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def hear(self, call: object) -> None:
        self.heard.append((time.perf_counter(), call))
        self.changed.set()


class Ears:
    """What the fake server tells as it answers (its `on_answer`): each resident's chat, when
    each awaited update reached the bot, how many long polls the bot made."""

    def __init__(self) -> None:
        self.chats: dict[int, Chat] = {}
        self.awaited: set[int] = set()
        self.delivered: dict[int, float] = {}
        self.polls = 0

    def __call__(self, call, result) -> None:
        if call.method == "getUpdates":
            self.polls += 1
            now = time.perf_counter()
            for update in result:
                if update["update_id"] in self.awaited:
                    self.awaited.discard(update["update_id"])
                    self.delivered[update["update_id"]] = now
            return
        chat = self.chats.get(call.params.get("chat_id"))
        if chat is not None and call.method != "sendChatAction":
            chat.hear(call)


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    """Seconds from each update to the bot's first message in the chat after it."""
    polled: list[float] = field(default_factory=list)
    """Of which: until a getUpdates of the bot's took the update."""
    handled: list[float] = field(default_factory=list)
    """Of which: from then to the first message (the bot's work and its own Bot API calls)."""
    booked: bool = False
    refused: str | None = None
    """What the bot said instead of "C'est réservé", if it did."""


class SimulatedResident:
    def __init__(self, server, user_id: int, ears: Ears, rng: random.Random) -> None:
        self.server = server
        self.user_id = user_id
        self.ears = ears
        self.chat = ears.chats.setdefault(user_id, Chat())
        self.rng = rng
        self.outcome = Outcome()

    async def step(self, send: Callable[[], object], done: Callable[[object], bool]) -> object:
        """Send one update; wait for the call that ends the bot's answer; time the first one."""
        seen = len(self.chat.heard)
        pushed = time.perf_counter()
        update_id = send()["update_id"]
        self.ears.awaited.add(update_id)
        first = True
        try:
            async with asyncio.timeout(STEP_TIMEOUT):
                while True:
                    self.chat.changed.clear()
                    for at, call in self.chat.heard[seen:]:
                        if first:
                            polled = self.ears.delivered.pop(update_id)
                            self.outcome.latencies.append(at - pushed)
                            self.outcome.polled.append(polled - pushed)
                            self.outcome.handled.append(at - polled)
                            first = False
                        if _text(call).startswith(TROUBLE):
                            raise SoakFailed(f"resident {self.user_id} was told: {_text(call)!r}")
                        if done(call):
                            return call
                    seen = len(self.chat.heard)
                    await self.chat.changed.wait()
        except TimeoutError:
            said = [_text(call)[:60] for _, call in self.chat.heard]
            raise SoakFailed(
                f"resident {self.user_id} waited {STEP_TIMEOUT:.0f} s for an answer; "
                f"the bot said: {said}"
            ) from None

    def press(self, data: Callable[[str], bool]) -> Callable[[], object]:
        """Press the first button matching `data` on the newest bot message offering one."""

        def send() -> object:
            for message in reversed(self.server.messages(self.user_id)):
                for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                    for button in row:
                        if data(button.get("callback_data", "")):
                            return self.server.press(self.user_id, message, button["callback_data"])
            raise SoakFailed(f"resident {self.user_id}: no such button in their chat")

        return send

    def type(self, text: str) -> Callable[[], object]:
        return lambda: self.server.push_text(self.user_id, text)

    async def think(self) -> None:
        await asyncio.sleep(self.rng.uniform(*THINK))

    async def journey(self, begin_after: float) -> Outcome:
        await asyncio.sleep(begin_after)
        await self.step(self.type("/start"), lambda call: "nd1:impots" in _buttons(call))
        await self.think()
        await self.step(
            self.press(lambda data: data == "nd1:impots"),
            lambda call: "Dans quelle commune" in _text(call),
        )
        await self.think()
        found = await self.step(
            self.type("moisac"),
            lambda call: any(data.startswith("sl1:") for data in _buttons(call)),
        )
        slot = self.rng.choice([data for data in _buttons(found) if data.startswith("sl1:")])
        await self.think()
        await self.step(self.press(lambda data: data == slot), lambda call: _buttons(call))
        await self.think()
        confirm = "bk1:" + slot.removeprefix("sl1:")
        answer = await self.step(
            self.press(lambda data: data == confirm),
            lambda call: call.method in ("editMessageText", "sendMessage"),
        )
        if "C'est réservé" in _text(answer):
            self.outcome.booked = True
        else:
            self.outcome.refused = _text(answer)[:80]
        return self.outcome


@dataclass
class Flooder:
    """One resident sending a message every FLOOD_EVERY seconds until stopped."""

    server: object
    user_id: int
    chat: Chat
    sent: int = 0

    async def flood(self) -> None:
        while True:
            self.server.push_text(self.user_id, "allo")
            self.sent += 1
            await asyncio.sleep(FLOOD_EVERY)

    @property
    def notices(self) -> int:
        return sum("🐢" in _text(call) for _, call in self.chat.heard)

    @property
    def answers(self) -> int:
        return len(self.chat.heard) - self.notices


# --- a phase ----------------------------------------------------------------------------------


@dataclass
class Phase:
    seconds: float
    outcomes: dict[int, Outcome]
    rss_mb: list[float]
    polls: int
    """The bot's getUpdates calls during the phase."""
    flooder: Flooder | None = None

    @property
    def latencies(self) -> list[float]:
        return [s for outcome in self.outcomes.values() for s in outcome.latencies]

    @property
    def polled(self) -> list[float]:
        return [s for outcome in self.outcomes.values() for s in outcome.polled]

    @property
    def handled(self) -> list[float]:
        return [s for outcome in self.outcomes.values() for s in outcome.handled]

    @property
    def booked(self) -> set[int]:
        return {user_id for user_id, outcome in self.outcomes.items() if outcome.booked}


async def _phase(
    server,
    ears: Ears,
    bot: BotProcess,
    first_user: int,
    *,
    flood: bool,
    residents_count: int = RESIDENTS,
    seconds: float = SECONDS,
) -> Phase:
    rng = random.Random(SEED + first_user)
    residents = []
    for user_id in range(first_user, first_user + residents_count):
        chat_rng = random.Random(rng.random())
        residents.append(SimulatedResident(server, user_id, ears, chat_rng))
    flooder = None
    if flood:
        flooder_id = first_user + residents_count
        flooder = Flooder(server, flooder_id, ears.chats.setdefault(flooder_id, Chat()))
    samples_before, polls_before = len(bot.rss), ears.polls
    start = time.perf_counter()
    tasks = [asyncio.create_task(r.journey(rng.uniform(0, seconds))) for r in residents]
    if flooder is not None:
        tasks.append(asyncio.create_task(flooder.flood()))
    try:
        await asyncio.gather(*tasks[:residents_count])  # the first failure ends the phase
    finally:
        for task in tasks:
            task.cancel()
    seconds = time.perf_counter() - start
    rss = [mb for _, mb in bot.rss[samples_before:]] or [bot.rss_mb()]
    return Phase(
        seconds=seconds,
        outcomes={r.user_id: r.outcome for r in residents},
        rss_mb=rss,
        polls=ears.polls - polls_before,
        flooder=flooder,
    )


# --- the checks -------------------------------------------------------------------------------


def _give_every_slot_room(database_url: str) -> None:
    # Room for every resident: the soak measures answers and bookings, not a full workshop.
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(update(Slot).values(capacity=(2 * RESIDENTS + 1) * 10))
    finally:
        engine.dispose()


def check_bookings(database_url: str, told_booked: set[int], phase_users: range) -> list[str]:
    """What is wrong with the database's bookings of `phase_users`; nothing if all is right."""
    problems = []
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            per_resident = dict(
                connection.execute(
                    select(Resident.telegram_user_id, func.count(Booking.id))
                    .join(Booking, Booking.resident_id == Resident.id)
                    .where(
                        Booking.status == BookingStatus.BOOKED,
                        Resident.telegram_user_id.between(phase_users[0], phase_users[-1]),
                    )
                    .group_by(Resident.telegram_user_id)
                ).all()
            )
            doubled = connection.execute(
                select(Booking.slot_id, Booking.resident_id, func.count())
                .where(Booking.status == BookingStatus.BOOKED)
                .group_by(Booking.slot_id, Booking.resident_id)
                .having(func.count() > 1)
            ).all()
            active = (
                select(func.count(Booking.id))
                .where(Booking.slot_id == Slot.id, Booking.status == BookingStatus.BOOKED)
                .scalar_subquery()
            )
            miscounted = connection.execute(
                select(Slot.id, Slot.seats_taken, active).where(Slot.seats_taken != active)
            ).all()
    finally:
        engine.dispose()
    lost = sorted(told_booked - per_resident.keys())
    if lost:
        problems.append(f"told 'réservé' but no booking: residents {lost[:10]} ({len(lost)})")
    untold = sorted(per_resident.keys() - told_booked)
    if untold:
        problems.append(f"a booking but never told: residents {untold[:10]} ({len(untold)})")
    several = {user: count for user, count in per_resident.items() if count != 1}
    if several:
        problems.append(f"more than one booking: {dict(list(several.items())[:10])}")
    if doubled:
        problems.append(f"two bookings of one resident on one slot: {doubled[:10]}")
    if miscounted:
        problems.append(f"seats_taken differs from the bookings (slot, seats, bookings): "
                        f"{miscounted[:10]}")  # fmt: skip
    return problems


def _check_flooder(flooder: Flooder) -> list[str]:
    problems = []
    if flooder.notices < 1:
        problems.append(f"the flooder sent {flooder.sent} updates and was never paused")
    if flooder.answers > FLOOD_LIMIT * (flooder.notices + 1):
        problems.append(
            f"the flooder got {flooder.answers} answers for {flooder.notices} pauses "
            f"(at most {FLOOD_LIMIT} a pause)"
        )
    return problems


def _logged(bot: BotProcess) -> list[str]:
    return [line for line in bot.log().splitlines() if line.strip()]


# --- the run ----------------------------------------------------------------------------------


async def _soak(folder: Path) -> tuple[Phase, Phase, float, list[str]]:
    from tests.fake_bot_api import FakeBotApi

    ears = Ears()
    problems: list[str] = []
    phases: list[Phase] = []
    logged = 0  # lines of the bot's log already reported
    async with FakeBotApi(TOKEN, delay=DELAY, on_answer=ears) as server:
        bot = BotProcess(server.base_url, folder / "soak.sqlite3", folder / "bot.log")
        started = time.monotonic()
        bot.start()
        watching = asyncio.create_task(bot.watch(started))
        try:
            # The first long poll: the bot has loaded its data, demo slots included.
            await server.wait_for_call("getUpdates", timeout=120)
            _give_every_slot_room(bot.database_url)
            start_mb = bot.rss_mb()
            # Untimed: the first queries of each kind are compiled and cached, the worker threads
            # and connections opened; then both phases start from the same warm bot.
            await _phase(server, ears, bot, WARM_UP_USERS, flood=False, residents_count=10,
                         seconds=2)  # fmt: skip

            for number, flood in enumerate((False, True)):
                first_user = 1_000_000 * (number + 1)
                phase_task = asyncio.create_task(_phase(server, ears, bot, first_user, flood=flood))
                done, _ = await asyncio.wait(
                    {phase_task, watching}, return_when=asyncio.FIRST_COMPLETED
                )
                if watching in done:
                    phase_task.cancel()
                    watching.result()  # raises SoakFailed: the bot died
                phase = phase_task.result()
                phases.append(phase)
                users = range(first_user, first_user + RESIDENTS)
                label = "with a flooder" if flood else "baseline"
                await asyncio.sleep(2 * DELAY + 1)  # the last calls (a venue) are answered
                problems += [f"{label}: {p}" for p in check_bookings(
                    bot.database_url, phase.booked, users)]  # fmt: skip
                if phase.flooder is not None:
                    problems += [f"{label}: {p}" for p in _check_flooder(phase.flooder)]
                lines = _logged(bot)
                problems += [f"{label}: the bot logged: {line}" for line in lines[logged:]]
                logged = len(lines)
                if problems:
                    break
        except SoakFailed as failure:
            if not bot.process.is_alive():
                raise  # its message holds the log
            log = bot.log() or "(empty)"
            raise SoakFailed(f"{failure}\nthe bot's log so far:\n{log}") from None
        finally:
            watching.cancel()
            with contextlib.suppress(asyncio.CancelledError, SoakFailed):
                await watching
            # Off the event loop: the server answers the bot's last requests meanwhile.
            exit_code = await asyncio.to_thread(bot.stop)
    if exit_code != 0:
        problems.append(f"the bot exited with code {exit_code} on SIGTERM")
    problems += [f"at stop: the bot logged: {line}" for line in _logged(bot)[logged:]]
    if len(phases) < 2:
        raise SoakFailed("\n".join(problems))
    return phases[0], phases[1], start_mb, problems


def _rows(baseline: Phase, flooded: Phase, start_mb: float) -> list[Row]:
    flooder = flooded.flooder
    assert flooder is not None
    base_rss, flood_rss = baseline.rss_mb, flooded.rss_mb
    return [
        Row(f"time to answer a resident, p50 ({RESIDENTS} residents a phase)",
            statistics.median(flooded.latencies) * 1000,
            statistics.median(baseline.latencies) * 1000, "ms"),
        Row("time to answer a resident, p99", p99_ms(flooded.latencies),
            p99_ms(baseline.latencies), "ms"),
        Row("time to answer a resident, max", max(flooded.latencies) * 1000,
            max(baseline.latencies) * 1000, "ms"),
        Row("  of which until the bot's getUpdates takes the update, p50",
            statistics.median(flooded.polled) * 1000,
            statistics.median(baseline.polled) * 1000, "ms"),
        Row("  of which until the bot's getUpdates takes the update, p99",
            p99_ms(flooded.polled), p99_ms(baseline.polled), "ms"),
        Row("  of which the bot's work, its Bot API call included, p50",
            statistics.median(flooded.handled) * 1000,
            statistics.median(baseline.handled) * 1000, "ms"),
        Row("  of which the bot's work, its Bot API call included, p99",
            p99_ms(flooded.handled), p99_ms(baseline.handled), "ms"),
        Row("bot's long polls (getUpdates)", flooded.polls / flooded.seconds,
            baseline.polls / baseline.seconds, "/s", lower_is_better=False),
        Row(f"residents booked (of {RESIDENTS})", len(flooded.booked), len(baseline.booked),
            "", lower_is_better=False),
        Row("updates answered (5 a journey)", len(flooded.latencies), len(baseline.latencies),
            "", lower_is_better=False),
        Row("phase, first update to last answer", flooded.seconds, baseline.seconds, "s"),
        Row("flooder: updates sent", flooder.sent, None, ""),
        Row(f"flooder: answers (at most {FLOOD_LIMIT} a pause)", flooder.answers, None, ""),
        Row("flooder: pauses (one notice each)", flooder.notices, None, ""),
        Row("bot memory (VmRSS) at the phase's end", flood_rss[-1], base_rss[-1], "MB"),
        Row("bot memory, peak of the phase", max(flood_rss), max(base_rss), "MB"),
        Row("bot memory once started, before any resident", start_mb, None, "MB"),
    ]  # fmt: skip


def run() -> list[Row]:
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as folder:
            baseline, flooded, start_mb, problems = asyncio.run(_soak(Path(folder)))
    except SoakFailed as failure:
        raise SystemExit(f"soak failed: {failure}") from None
    rows = _rows(baseline, flooded, start_mb)
    growth = flooded.rss_mb[-1] - baseline.rss_mb[-1]
    print(
        f"soak: {time.perf_counter() - started:.0f} s in all; Bot API round trip "
        f"{DELAY * 1000:.0f} ms; bot memory {start_mb:.0f} MB once started, "
        f"{baseline.rss_mb[-1]:.0f} MB after the baseline, {flooded.rss_mb[-1]:.0f} MB at the end "
        f"({growth:+.1f} MB over the second {RESIDENTS} residents: "
        f"{'flat' if abs(growth) < 0.05 * baseline.rss_mb[-1] else 'NOT flat'})"
    )
    refused = [o.refused for p in (baseline, flooded) for o in p.outcomes.values() if o.refused]
    if refused:
        print(f"soak: {len(refused)} residents not booked, told e.g.: {refused[0]!r}")
    if problems:
        print_table("Soak (failed)", rows)
        raise SystemExit("soak failed:\n" + "\n".join(problems))
    return rows

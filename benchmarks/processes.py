"""Bot processes sharing one database: bookings and reminder claims per second with one and with
two processes on PostgreSQL, and with one on SQLite, in one run; and the booking race's figures
for each (no more bookings than seats, whatever the processes).

The workload, the same for each configuration, on a fresh database:
- bookings: 1,200 residents each book a distinct slot (one seat each) by `book_seat`, in a
  transaction each, as the bot does for a tap on "Oui, je réserve"; the residents are split
  between the processes, which start together (a barrier) and each book theirs one after the
  other (one process's updates per resident are in order; between residents, processes are what
  scales). Each booking queues its two-hour reminder.
- reminder claims: then every process claims what is due (`claim_due`, 50 a batch, its own
  worker name), hands it to a no-op sender and marks it sent, until nothing is left: every one of
  the 1,200 reminders must be claimed exactly once across the processes.
- the race: 50 residents tap "Réserver" at once for the last 5 seats of a slot, from 10
  connections per process: attempts, seats, bookings made (never more than the seats).

Processes are real ones (`multiprocessing`, each with its own engine and connection pool), not
threads: Python runs one thread at a time per process. The PostgreSQL server is the tests'
throwaway cluster (`tests/postgres_server.py`: fsync off, in memory when /dev/shm has room), so
the figures are the database's CPU and round trips, not a disk's.
"""

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from benchmarks.reminders import taxes_workshop
from benchmarks.table import Row
from bot.database import make_engine, make_sessionmaker
from bot.migrate import open_database
from scheduling.booking import Booked, book_seat
from scheduling.models import Booking, BookingStatus, Resident, Slot
from scheduling.notifications import claim_due, mark_all_sent
from scheduling.policy import Policy, ReminderPolicy

RESIDENTS = 1_200
BATCH = 50
RACE_ATTEMPTS = 50
RACE_SEATS = 5
RACE_THREADS = 10
NOW = datetime(2025, 3, 6, 11, 0, tzinfo=UTC)
BOOKED_AT = NOW - timedelta(days=3)
# Only the two-hour reminder: due one minute before NOW.
POLICY = Policy(reminders=ReminderPolicy(day_before_at=None))
STARTS_AT = NOW + timedelta(hours=2, minutes=-1)


def run() -> list[Row]:
    import tempfile

    from tests.postgres_server import PostgresServer, find_bin_dir

    with tempfile.TemporaryDirectory() as tmp:
        sqlite = _measure(f"sqlite:///{tmp}/processes.sqlite3", processes=1)
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL is not installed: only SQLite measured")
        return _rows(sqlite, None, None)
    with PostgresServer.start(bin_dir) as server:
        one = _measure(_new_database(server.url(), "one_process"), processes=1)
        two = _measure(_new_database(server.url(), "two_processes"), processes=2)
    return _rows(sqlite, one, two)


def _rows(sqlite: dict, one: dict | None, two: dict | None) -> list[Row]:
    """Ours: two processes on PostgreSQL, then one on SQLite; baseline: one on PostgreSQL."""
    base = one or {}
    rows: list[Row] = []
    for label, figures in (("PostgreSQL, 2 processes", two), ("SQLite, 1 process", sqlite)):
        if figures is None:
            continue
        rows += [
            Row(f"{label}: bookings per second", figures["bookings"], base.get("bookings"), "/s",
                lower_is_better=False),
            Row(f"{label}: reminder claims per second", figures["claims"], base.get("claims"),
                "/s", lower_is_better=False),
        ]  # fmt: skip
    if one is not None:
        rows += [
            Row("PostgreSQL, 1 process: bookings per second", one["bookings"], None, "/s",
                lower_is_better=False),
            Row("PostgreSQL, 1 process: reminder claims per second", one["claims"], None, "/s",
                lower_is_better=False),
        ]  # fmt: skip
    configurations = (
        ("SQLite, 1 process", sqlite),
        ("PostgreSQL, 1 process", one),
        ("PostgreSQL, 2 processes", two),
    )
    for label, figures in configurations:
        if figures is not None:
            rows.append(Row(f"{label}: a booking's wall time in its process", figures["wall"],
                            None, "ms"))  # fmt: skip
            rows.append(Row("  of which the process's own CPU", figures["cpu"], None, "ms"))
    for label, figures in configurations:
        if figures is not None:
            attempts, seats, booked = figures["race"]
            rows.append(Row(f"race, {label}: attempts / seats / bookings", attempts, None,
                            f"/ {seats} / {booked}"))  # fmt: skip
    return rows


def _new_database(server_url: str, name: str) -> str:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _measure(url: str, *, processes: int) -> dict:
    """Bookings and claims per second, and the race's (attempts, seats, bookings), for `url`."""
    slots, race_slot, racers = _build(url)
    context = multiprocessing.get_context("spawn")  # no engine or connection crosses a fork
    with context.Manager() as manager, context.Pool(processes) as pool:
        barrier = manager.Barrier(processes)
        shares = [
            (url, barrier, [(slots[i], i + 1) for i in range(k, RESIDENTS, processes)])
            for k in range(processes)
        ]
        spans = pool.starmap(_book, shares)
        elapsed = max(end for _, end, _, _ in spans) - min(s for s, _, _, _ in spans)
        bookings = RESIDENTS / elapsed
        assert sum(made for _, _, made, _ in spans) == RESIDENTS
        # The processes' own CPU per booking (Python, SQLAlchemy, the driver), the rest of the
        # wall time being the database's work and the waits for a core.
        cpu = sum(used for _, _, _, used in spans) / RESIDENTS
        spans = pool.starmap(_claim, [(url, barrier, f"w{k}") for k in range(processes)])
        claims = RESIDENTS / (max(end for _, end, _ in spans) - min(s for s, _, _ in spans))
        assert sum(claimed for _, _, claimed in spans) == RESIDENTS  # each exactly once
        made = pool.starmap(
            _race,
            [(url, barrier, race_slot, racers[k::processes]) for k in range(processes)],
        )
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            booked = session.scalar(
                select(func.count())
                .select_from(Booking)
                .where(Booking.slot_id == race_slot, Booking.status == BookingStatus.BOOKED)
            )
            taken = session.scalar(select(Slot.seats_taken).where(Slot.id == race_slot))
    finally:
        engine.dispose()
    assert booked == sum(made) == taken <= RACE_SEATS, (booked, made, taken)
    return {
        "bookings": bookings,
        "claims": claims,
        "cpu": cpu * 1000,
        "wall": elapsed * 1000 * processes / RESIDENTS,
        "race": (RACE_ATTEMPTS, RACE_SEATS, booked),
    }


def _book(url: str, barrier, taps: list[tuple[int, int]]) -> tuple[float, float, int, float]:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as session:
            session.connection()  # connected before the start
        barrier.wait()
        start, cpu = time.time(), time.process_time()
        made = 0
        for slot_id, resident_id in taps:
            with sessions.begin() as session:
                outcome = book_seat(
                    session, slot_id=slot_id, resident_id=resident_id, now=BOOKED_AT, policy=POLICY
                )
            made += isinstance(outcome, Booked)
        return start, time.time(), made, time.process_time() - cpu
    finally:
        engine.dispose()


def _claim(url: str, barrier, worker: str) -> tuple[float, float, int]:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as session:
            session.connection()
        barrier.wait()
        start = time.time()
        claimed = 0
        while True:
            with sessions.begin() as session:
                claims = claim_due(session, now=NOW, worker=worker, limit=BATCH)
            if not claims:
                break
            with sessions.begin() as session:
                mark_all_sent(session, claims=claims, now=NOW)
            claimed += len(claims)
        return start, time.time(), claimed
    finally:
        engine.dispose()


def _race(url: str, barrier, slot_id: int, residents: list[int]) -> int:
    engine = make_engine(url)  # its pool holds RACE_THREADS connections (5 and 10 overflow)
    sessions = make_sessionmaker(engine)

    def tap(resident_id: int) -> bool:
        with sessions.begin() as session:
            outcome = book_seat(session, slot_id=slot_id, resident_id=resident_id, now=BOOKED_AT)
        return isinstance(outcome, Booked)

    try:
        barrier.wait()
        with ThreadPoolExecutor(RACE_THREADS) as pool:
            return sum(pool.map(tap, residents))
    finally:
        engine.dispose()


def _build(url: str) -> tuple[list[int], int, list[int]]:
    """The residents, a distinct one-seat slot for each, and the race's slot and residents."""
    engine = open_database(url)
    try:
        with make_sessionmaker(engine).begin() as session:
            workshop = taxes_workshop(session)
            slots = [
                Slot(workshop_id=workshop.id, starts_at=STARTS_AT,
                     ends_at=STARTS_AT + timedelta(hours=2), capacity=1)
                for _ in range(RESIDENTS)
            ]  # fmt: skip
            race = Slot(
                workshop_id=workshop.id, starts_at=STARTS_AT + timedelta(days=1),
                ends_at=STARTS_AT + timedelta(days=1, hours=2), capacity=RACE_SEATS,
            )  # fmt: skip
            session.add_all([*slots, race])
            session.flush()
            people = RESIDENTS + RACE_ATTEMPTS
            session.execute(
                insert(Resident),
                [{"id": i, "telegram_user_id": 10_000_000 + i, "first_name": f"H{i}",
                  "language": "fr", "created_at": BOOKED_AT, "last_seen_at": BOOKED_AT}
                 for i in range(1, people + 1)],
            )  # fmt: skip
            if session.bind.dialect.name == "postgresql":
                session.execute(
                    text("SELECT setval('residents_id_seq', (SELECT max(id) FROM residents))")
                )
            return (
                [slot.id for slot in slots],
                race.id,
                list(range(RESIDENTS + 1, people + 1)),
            )
    finally:
        engine.dispose()

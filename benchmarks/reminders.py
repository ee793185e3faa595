"""Reminders falling due at once, on a SQLite file: claimed in batches by one guarded UPDATE
against one row at a time (SELECT, then UPDATE, per row); and memory: nothing per booking.

- 10,000 reminders due at the same instant are claimed (500 a batch), their facts read and
  handed to a no-op sender (no Telegram rate limit), then marked sent; the baseline does the same
  work one row at a time (find, claim, read, send, mark) on an identical copy of the database.
- Peak memory (tracemalloc, a separate run: it slows Python down) of that whole cycle.
- 1,000 then 100,000 future bookings (two pending reminders each) plus 100 due: time and peak
  memory of claiming the 100, against the memory of one APScheduler job per booking (what the
  outbox replaces). Only due rows are ever read, so the peak must not grow.
"""

import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.table import Row
from bot.database import make_engine, make_sessionmaker
from bot.migrate import open_database
from knowledge.catalogue import HostStructure, Typology
from scheduling.messages import load_messages
from scheduling.models import BookedBy, Booking, BookingStatus, Resident, Slot, Workshop
from scheduling.notification_models import Notification, NotificationStatus
from scheduling.notifications import claim_due, mark_all_sent
from scheduling.outbox import Outgoing, enqueue, notification_key
from scheduling.policy import ReminderPolicy
from scheduling.reminders import reminder_times

DUE = 10_000
BATCH = 500
SEATS = 50
NOW = datetime(2025, 3, 6, 11, 0, tzinfo=UTC)
GROWTH = (1_000, 100_000)
DUE_IN_GROWTH = 100


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp, "due.sqlite3")
        _build(template, due=DUE, future=0)
        with _copy(template, "ours") as sessions:
            ours_claim, ours_mark = _claim_in_batches(sessions)
        with _copy(template, "baseline") as sessions:
            base_claim, base_mark = _claim_one_by_one(sessions)
        with _copy(template, "memory") as sessions:
            peak = _peak_bytes(lambda: _claim_in_batches(sessions))

        claim_times, peaks, job_memory = [], [], []
        for future in GROWTH:
            template = Path(tmp, f"future-{future}.sqlite3")
            _build(template, due=DUE_IN_GROWTH, future=future)
            with _copy(template, "timed") as sessions:
                claim_times.append(_claim_in_batches(sessions, expect=DUE_IN_GROWTH)[0])
            with _copy(template, "traced") as sessions:
                peaks.append(_peak_bytes(lambda: _claim_in_batches(sessions, expect=DUE_IN_GROWTH)))
            job_memory.append(_apscheduler_jobs_memory(future))

    kib = 1024
    small, large = GROWTH
    return [
        Row(f"{DUE:,} due reminders: claim and hand to the sender", ours_claim * 1000,
            base_claim * 1000, "ms"),
        Row("  then mark them sent", ours_mark * 1000, base_mark * 1000, "ms"),
        Row("  claimed and handed over per second", DUE / ours_claim, DUE / base_claim, "/s",
            lower_is_better=False),
        Row(f"  peak memory (tracemalloc), claim + send + mark {DUE:,}", peak / kib, None, "KiB"),
        Row(f"claim {DUE_IN_GROWTH} due among {small:,} future bookings", claim_times[0] * 1000,
            None, "ms"),
        Row(f"claim {DUE_IN_GROWTH} due among {large:,} future bookings", claim_times[1] * 1000,
            None, "ms"),
        Row(f"peak memory of that claim, {small:,} future bookings", peaks[0] / kib,
            job_memory[0] / kib, "KiB"),
        Row(f"peak memory of that claim, {large:,} future bookings", peaks[1] / kib,
            job_memory[1] / kib, "KiB"),
        Row(f"memory growth {small:,} → {large:,} future bookings (baseline: one APScheduler "
            "job each)", (peaks[1] - peaks[0]) / kib, (job_memory[1] - job_memory[0]) / kib,
            "KiB"),
    ]  # fmt: skip


@contextmanager
def _copy(template: Path, name: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a fresh copy of `template`, so that every run starts from the same rows."""
    path = template.with_name(f"{template.stem}-{name}.sqlite3")
    shutil.copy(template, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()


def _peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _send(_message) -> None:
    """The sender, without Telegram."""


def _claim_in_batches(sessions: sessionmaker[Session], *, expect: int = DUE) -> tuple[float, float]:
    """Seconds to claim and hand over everything due, and to mark it sent (batch by batch)."""
    claiming = marking = 0.0
    handed = 0
    while True:
        start = time.perf_counter()
        with sessions.begin() as session:
            claims = claim_due(session, now=NOW, worker="bench", limit=BATCH)
        for claim in claims:
            _send(claim.message)
        claimed = time.perf_counter()
        claiming += claimed - start
        if not claims:
            break
        with sessions.begin() as session:
            mark_all_sent(session, claims=claims, now=NOW)
        marking += time.perf_counter() - claimed
        handed += len(claims)
    assert handed == expect, (handed, expect)
    return claiming, marking


def _claim_one_by_one(sessions: sessionmaker[Session]) -> tuple[float, float]:
    """The obvious loop: find one due row, claim it if still pending, read its facts, send it,
    mark it sent; each row in transactions of its own."""
    columns = (
        Notification.id, Notification.kind, Notification.attempts, Notification.due_at,
        Notification.resident_id, Notification.advisor_id, Notification.booking_id,
        Notification.slot_id, Notification.previous_slot_id, Notification.waitlist_entry_id,
        Notification.agenda_day, Notification.seats_left,
    )  # fmt: skip
    claiming = marking = 0.0
    handed = 0
    while True:
        start = time.perf_counter()
        with sessions.begin() as session:
            row = session.execute(
                select(*columns)
                .where(
                    Notification.status == NotificationStatus.PENDING,
                    Notification.available_at <= NOW,
                )
                .order_by(Notification.available_at, Notification.id)
                .limit(1)
            ).one_or_none()
            if row is None:
                break
            taken = session.execute(
                update(Notification)
                .where(
                    Notification.id == row.id,
                    Notification.status == NotificationStatus.PENDING,
                )
                .values(status=NotificationStatus.CLAIMED, claimed_by="bench",
                        attempts=Notification.attempts + 1)
            ).rowcount  # fmt: skip
            outcome = load_messages(session, [row], now=NOW)[row.id] if taken else None
        if outcome is None:
            continue
        _send(outcome)
        claimed = time.perf_counter()
        claiming += claimed - start
        with sessions.begin() as session:
            session.execute(
                update(Notification)
                .where(Notification.id == row.id, Notification.status == NotificationStatus.CLAIMED)
                .values(status=NotificationStatus.SENT, sent_at=NOW)
            )
        marking += time.perf_counter() - claimed
        handed += 1
    assert handed == DUE, handed
    return claiming, marking


def taxes_workshop(session: Session) -> Workshop:
    """A taxes workshop at France Services Moissac, for the benchmarks' slots."""
    structure = HostStructure(
        name="France Services Moissac", typology=Typology.FRANCE_SERVICES,
        commune_insee="82112", lat=44.104, lon=1.085,
    )  # fmt: skip
    session.add(structure)
    session.flush()
    workshop = Workshop(structure_id=structure.id, title="Impôts", kind="collective")
    session.add(workshop)
    session.flush()
    return workshop


def _build(path: Path, *, due: int, future: int) -> None:
    """`due` bookings whose two-hour reminder is due at NOW, `future` bookings a month ahead."""
    engine = open_database(f"sqlite:///{path}")
    try:
        sessions = make_sessionmaker(engine)
        with sessions.begin() as session:
            workshop = taxes_workshop(session)
            booked_at = NOW - timedelta(days=3)
            groups = [
                (due, NOW + timedelta(hours=2, minutes=-1), ReminderPolicy(day_before_at=None)),
                (future, NOW + timedelta(days=30), ReminderPolicy()),
            ]
            next_id = 1
            for count, starts_at, policy in groups:
                if not count:
                    continue
                slot_ids = []
                for first in range(0, count, SEATS):
                    slot = Slot(
                        workshop_id=workshop.id, starts_at=starts_at,
                        ends_at=starts_at + timedelta(hours=2), capacity=SEATS,
                        seats_taken=min(SEATS, count - first),
                    )  # fmt: skip
                    session.add(slot)
                    session.flush()
                    slot_ids.append(slot.id)
                ids = range(next_id, next_id + count)
                next_id += count
                slot_of = {i: slot_ids[n // SEATS] for n, i in enumerate(ids)}
                session.execute(
                    insert(Resident),
                    [{"id": i, "telegram_user_id": 10_000_000 + i, "first_name": f"H{i}",
                      "language": "fr", "created_at": booked_at, "last_seen_at": booked_at}
                     for i in ids],
                )  # fmt: skip
                session.execute(
                    insert(Booking),
                    [{"id": i, "slot_id": slot_of[i], "resident_id": i,
                      "status": BookingStatus.BOOKED, "booked_by": BookedBy.RESIDENT,
                      "created_at": booked_at} for i in ids],
                )  # fmt: skip
                times = reminder_times(
                    starts_at=starts_at, timezone="Europe/Paris", now=booked_at, policy=policy
                )
                for chunk in range(0, count, 5_000):
                    enqueue(
                        session,
                        (
                            Outgoing(
                                kind=t.kind, key=notification_key(t.kind, b=i, s=slot_of[i]),
                                due_at=t.due_at, expires_at=t.expires_at, resident_id=i,
                                booking_id=i, slot_id=slot_of[i],
                            )
                            for i in ids[chunk : chunk + 5_000]
                            for t in times
                        ),
                        now=booked_at,
                    )  # fmt: skip
    finally:
        engine.dispose()


def _apscheduler_jobs_memory(count: int) -> int:
    """Bytes held by `count` date jobs (one per booking) in APScheduler's memory job store."""
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.start(paused=True)
    try:
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        for booking_id in range(count):
            scheduler.add_job(
                _send, "date", run_date=NOW + timedelta(days=30), args=(booking_id,),
                id=f"reminder:{booking_id}",
            )  # fmt: skip
        after, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return after - before
    finally:
        scheduler.shutdown(wait=False)

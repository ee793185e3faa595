"""Sending what the outbox holds, exactly once: claims with a lease, and how each claim ends.

A worker (the bot's periodic job; several may run on one database) calls `claim_due`, sends each
`Claimed` through Telegram, and ends every claim with one of `mark_sent` (`mark_all_sent` for a
batch), `retry_later`, `mark_unreachable`, `mark_failed` or, when stopping, `release`. Each is
one UPDATE guarded by the claim itself (`status = 'claimed' AND claimed_by = :worker AND
attempts = :attempt`): a claim that was taken over after its lease ran out, or whose message
was dropped meanwhile (the slot was cancelled), changes nothing and returns False.

`claim_due` takes up to `limit` due rows in one statement:

    UPDATE notifications SET status = CASE WHEN expires_at <= :now THEN 'dropped' ELSE 'claimed'
           END, claimed_by = :worker, available_at = :now + :lease, attempts = attempts + 1 …
    WHERE id IN (SELECT id FROM notifications
                 WHERE status IN ('pending', 'claimed') AND available_at <= :now
                 ORDER BY available_at, id LIMIT :limit
                 FOR UPDATE SKIP LOCKED)                       -- PostgreSQL only
      AND status IN ('pending', 'claimed') AND available_at <= :now
    RETURNING …

PostgreSQL skips the rows another claimer has locked and re-checks the guard on the rows it
waited for; SQLite runs one writer at a time (this statement must be the transaction's first,
so that it waits for the lock instead of failing on a stale snapshot: claim in a transaction of
its own). Either way no row is ever claimed twice while its lease runs. Rows past `expires_at`
are dropped in the same statement, and rows whose subject has changed (a cancelled booking…)
when their facts are read: neither is ever handed out.

Delivery is at least once with a window of one send: a worker that dies after Telegram accepted
a message but before `mark_sent` committed lets it be sent again when the lease runs out. Keep
the lease longer than a batch takes to send, and mark each message as soon as it is sent.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, case, literal, select, update
from sqlalchemy.orm import Session

from knowledge.orm import UTCDateTime
from scheduling.local_time import require_aware
from scheduling.messages import Message, Recipient, load_messages
from scheduling.models import Resident
from scheduling.notification_models import (
    LIVE_STATUSES,
    DropReason,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from scheduling.outbox import drop
from scheduling.waitlist_models import WaitlistEntry, WaitlistStatus

DEFAULT_LEASE = timedelta(minutes=5)
DEFAULT_MAX_ATTEMPTS = 6


@dataclass(frozen=True, slots=True)
class Claimed:
    """One message handed to a worker: send it, then end the claim."""

    notification_id: int
    worker: str
    attempt: int
    """1 for the first try; with `worker`, what identifies this claim."""
    kind: NotificationKind
    due_at: datetime
    recipient: Recipient
    message: Message


def claim_due(
    session: Session,
    *,
    now: datetime,
    worker: str,
    limit: int = 50,
    lease: timedelta = DEFAULT_LEASE,
) -> list[Claimed]:
    """Claim up to `limit` messages due at `now` for `worker`, oldest first, for `lease`.

    Expired and obsolete messages met on the way are dropped, never returned. An empty list
    means nothing is due.
    """
    require_aware(now)
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if lease <= timedelta(0):
        raise ValueError("lease must be positive")
    while True:
        rows = _claim_rows(session, now=now, worker=worker, limit=limit, lease=lease)
        # RETURNING comes in no particular order: hand them out oldest first.
        live = sorted(
            (row for row in rows if row.status == NotificationStatus.CLAIMED),
            key=lambda row: (row.due_at, row.id),
        )
        loaded = load_messages(session, live, now=now) if live else {}
        claims: list[Claimed] = []
        for row in live:
            outcome = loaded[row.id]
            if isinstance(outcome, DropReason):
                _end(
                    session,
                    notification_id=row.id,
                    worker=worker,
                    attempt=row.attempts,
                    status=NotificationStatus.DROPPED,
                    drop_reason=outcome,
                )
                continue
            recipient, message = outcome
            claims.append(
                Claimed(
                    notification_id=row.id,
                    worker=worker,
                    attempt=row.attempts,
                    kind=row.kind,
                    due_at=row.due_at,
                    recipient=recipient,
                    message=message,
                )
            )
        # A batch wholly dropped says nothing of what is left: look again.
        if claims or len(rows) < limit:
            return claims


def _claim_rows(session: Session, *, now: datetime, worker: str, limit: int, lease: timedelta):
    due = (
        select(Notification.id)
        .where(Notification.status.in_(LIVE_STATUSES), Notification.available_at <= now)
        .order_by(Notification.available_at, Notification.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    expired = and_(Notification.expires_at.is_not(None), Notification.expires_at <= now)
    return session.execute(
        update(Notification)
        .where(
            Notification.id.in_(due.scalar_subquery()),
            Notification.status.in_(LIVE_STATUSES),
            Notification.available_at <= now,
        )
        .values(
            status=case(
                (expired, literal(NotificationStatus.DROPPED.value)),
                else_=literal(NotificationStatus.CLAIMED.value),
            ),
            drop_reason=case((expired, literal(DropReason.EXPIRED.value)), else_=None),
            claimed_by=case((expired, None), else_=literal(worker)),
            available_at=case(
                (expired, Notification.available_at),
                else_=literal(now + lease, UTCDateTime()),
            ),
            attempts=case((expired, Notification.attempts), else_=Notification.attempts + 1),
        )
        .returning(
            Notification.id,
            Notification.kind,
            Notification.status,
            Notification.attempts,
            Notification.due_at,
            Notification.resident_id,
            Notification.advisor_id,
            Notification.booking_id,
            Notification.slot_id,
            Notification.previous_slot_id,
            Notification.waitlist_entry_id,
            Notification.agenda_day,
            Notification.seats_left,
        )
        .execution_options(synchronize_session=False)
    ).all()


# --- ending a claim -----------------------------------------------------------------------------


def _end(session: Session, *, notification_id: int, worker: str, attempt: int, **values) -> bool:
    return bool(
        session.execute(
            update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.status == NotificationStatus.CLAIMED,
                Notification.claimed_by == worker,
                Notification.attempts == attempt,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def _end_claim(session: Session, claim: Claimed, **values) -> bool:
    return _end(
        session,
        notification_id=claim.notification_id,
        worker=claim.worker,
        attempt=claim.attempt,
        **values,
    )


def mark_sent(session: Session, *, claim: Claimed, now: datetime) -> bool:
    """Telegram accepted the message. False if the claim was lost (taken over, or dropped)."""
    require_aware(now)
    return _end_claim(session, claim, status=NotificationStatus.SENT, sent_at=now)


def mark_all_sent(session: Session, *, claims: Sequence[Claimed], now: datetime) -> int:
    """`mark_sent` for a batch sent together, in one statement; returns how many were marked."""
    require_aware(now)
    if not claims:
        return 0
    table = Notification.__table__
    statement = (
        update(table)
        .where(
            table.c.id == bindparam("claimed_id"),
            table.c.status == NotificationStatus.CLAIMED,
            table.c.claimed_by == bindparam("claimed_worker"),
            table.c.attempts == bindparam("claimed_attempt"),
        )
        .values(status=NotificationStatus.SENT, sent_at=now)
    )
    result = session.execute(
        statement,
        [
            {
                "claimed_id": claim.notification_id,
                "claimed_worker": claim.worker,
                "claimed_attempt": claim.attempt,
            }
            for claim in claims
        ],
    )
    return result.rowcount or 0


def mark_failed(session: Session, *, claim: Claimed, now: datetime) -> bool:
    """A permanent error (Telegram's BadRequest…): never retried."""
    require_aware(now)
    return _end_claim(session, claim, status=NotificationStatus.FAILED)


def retry_delay(
    attempt: int,
    *,
    base: timedelta = timedelta(seconds=30),
    cap: timedelta = timedelta(minutes=30),
) -> timedelta:
    """Exponential backoff: `base` after the first attempt, doubling, at most `cap`."""
    return min(cap, base * 2 ** max(attempt - 1, 0))


def retry_later(
    session: Session,
    *,
    claim: Claimed,
    at: datetime,
    now: datetime,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> bool:
    """A transient error (network, RetryAfter): try again from `at`, e.g.
    `now + retry_delay(claim.attempt)`. After `max_attempts` claims, it fails instead (False).

    A retry past the message's expiry is dropped when it comes due, never sent late.
    """
    require_aware(now)
    require_aware(at, "at")
    if claim.attempt >= max_attempts:
        _end_claim(session, claim, status=NotificationStatus.FAILED)
        return False
    return _end_claim(
        session,
        claim,
        status=NotificationStatus.PENDING,
        claimed_by=None,
        available_at=max(at, now),
    )


def release(session: Session, *, claims: Iterable[Claimed], now: datetime) -> int:
    """Give back claims not sent (the bot is stopping): due again at once, the attempt not
    counted. Returns how many were given back."""
    require_aware(now)
    released = 0
    for claim in claims:
        released += _end_claim(
            session,
            claim,
            status=NotificationStatus.PENDING,
            claimed_by=None,
            available_at=now,
            attempts=Notification.attempts - 1,
        )
    return released


def mark_unreachable(session: Session, *, claim: Claimed, now: datetime) -> bool:
    """Telegram said Forbidden: the recipient blocked the bot. Never retried.

    A resident is flagged `unreachable` (cleared when they write to the bot again): nothing
    more is queued for them, their other pending messages are dropped, and a seat offered to
    them passes at once (at the next `expire_offers`) to the next in line. An advisor's other
    pending messages are dropped.
    """
    require_aware(now)
    if not _end_claim(session, claim, status=NotificationStatus.UNREACHABLE):
        return False
    resident_id = claim.recipient.resident_id
    if resident_id is None:
        session.execute(
            update(Notification)
            .where(
                Notification.advisor_id == claim.recipient.advisor_id,
                Notification.status == NotificationStatus.PENDING,
            )
            .values(status=NotificationStatus.DROPPED, drop_reason=DropReason.UNREACHABLE)
            .execution_options(synchronize_session=False)
        )
        return True
    session.execute(
        update(Resident)
        .where(Resident.id == resident_id)
        .values(unreachable=True)
        .execution_options(synchronize_session="fetch")
    )
    drop(session, reason=DropReason.UNREACHABLE, resident_id=resident_id, only_pending=True)
    session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.resident_id == resident_id,
            WaitlistEntry.status == WaitlistStatus.OFFERED,
            WaitlistEntry.offer_expires_at > now,
        )
        .values(offer_expires_at=now)
        .execution_options(synchronize_session=False)
    )
    return True


def told_since(session: Session, *, telegram_user_id: int, since: datetime) -> bool:
    """Whether a message of the outbox (a reminder, a waitlist offer, a notice) reached this
    resident after `since`, or is being sent: then what they type next may answer it, not what
    the bot asked them before."""
    require_aware(since)
    found = session.scalar(
        select(Notification.id)
        .join(Resident, Resident.id == Notification.resident_id)
        .where(
            Resident.telegram_user_id == telegram_user_id,
            ((Notification.status == NotificationStatus.SENT) & (Notification.sent_at > since))
            | (Notification.status == NotificationStatus.CLAIMED),
        )
        .limit(1)
    )
    return found is not None

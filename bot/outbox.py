"""The outbox's sender: a worker of the bot process, not a conversation handler. One pass of the
periodic job (`bot.jobs`):

    sent = await deliver_due(application, worker="host:1234:ab12cd34")

What to send, to whom, when, how often to retry and which next sessions a cancelled workshop's
participants are offered are `scheduling`'s decisions (`scheduling.notifications`,
`scheduling.offers.alternatives_to`); this module sends, and maps Telegram's answers to them.

One pass: `expire_offers` (a transaction), `queue_daily_agendas` (another), then, batch after
batch, `claim_due` in a transaction of its own (on SQLite the claim must be the transaction's first
write), send each claim, and end it at once in a short transaction: sent → `mark_sent`,
`Forbidden` → `mark_unreachable`, `RetryAfter` → `retry_later` after Telegram's wait,
`NetworkError`/`TimedOut` → `retry_later` with backoff, `BadRequest` → `mark_failed`. Cancelled
(the bot is stopping) or failing, the pass releases the claims not yet ended. No `await` inside
a transaction.

Pacing is AIORateLimiter's (configured by `build_application` in production). The lease covers a
batch: `BATCH_SIZE` messages at Telegram's 30 a second take seconds, the lease is minutes.
"""

import logging
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application
from telegram.warnings import PTBDeprecationWarning

from handlers.context import Services, Tr
from handlers.render import Screen
from handlers.render.notifications import render
from handlers.replies import send_to
from scheduling.advisors import queue_daily_agendas
from scheduling.messages import SlotCancelledMessage
from scheduling.notifications import (
    Claimed,
    claim_due,
    mark_failed,
    mark_sent,
    mark_unreachable,
    release,
    retry_delay,
    retry_later,
)
from scheduling.offers import Alternatives, alternatives_to
from scheduling.waitlist import expire_offers

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
LEASE = timedelta(minutes=5)
"""Far longer than a batch takes to send (20 messages, paced at 30 a second)."""
MAX_BATCHES = 50
"""Per pass: what is left waits for the next pass (a zero RetryAfter cannot spin)."""
NEXT_SLOTS = 3
"""How many next slots a cancelled workshop's participants are offered."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one pass did."""

    sent: int = 0
    unreachable: int = 0
    retried: int = 0
    failed: int = 0


def retry_after(error: RetryAfter) -> timedelta:
    """Telegram's wait, as a timedelta (PTB 22 warns when the int is read; 23 gives a timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait if isinstance(wait, timedelta) else timedelta(seconds=wait)


async def deliver_due(
    application: Application, *, worker: str, batch_size: int = BATCH_SIZE, lease: timedelta = LEASE
) -> Delivery:
    """One pass of the outbox for `worker`: what is due now is sent, each message once."""
    services: Services = application.bot_data.services
    now = services.clock()
    expiries = await services.transaction(expire_offers, now=now, policy=services.policy)
    if expiries.expired:
        logger.info("%d waitlist offers expired", len(expiries.expired))
    await services.transaction(queue_daily_agendas, now=now)
    counts = {"sent": 0, "unreachable": 0, "retried": 0, "failed": 0}
    for _batch in range(MAX_BATCHES):
        claims = await services.transaction(
            claim_due, now=services.clock(), worker=worker, limit=batch_size, lease=lease
        )
        if not claims:
            break
        for index, claim in enumerate(claims):
            try:
                outcome = await _send(application.bot, services, claim)
            except BaseException:  # stopping (CancelledError), or the database failed
                released = await services.transaction(
                    release, claims=claims[index:], now=services.clock()
                )
                logger.info("outbox: %d claims given back", released)
                raise
            counts[outcome] += 1
        if len(claims) < batch_size:
            break
    return Delivery(**counts)


async def _send(bot: Bot, services: Services, claim: Claimed) -> str:
    """Send one claim and end it; what became of it (a `Delivery` field)."""
    try:
        screen = await _screen(services, claim)
    except Exception:  # a bug in rendering must not stop the other messages
        logger.exception("notification %s could not be rendered", claim.notification_id)
        return await _end(services, claim, "failed", mark_failed)
    try:
        await send_to(bot, claim.recipient.chat_id, screen)
    except Forbidden:
        return await _end(services, claim, "unreachable", mark_unreachable)
    except RetryAfter as error:
        wait = retry_after(error)
        return await _end(services, claim, "retried", _retry(lambda now: now + wait))
    except BadRequest as error:
        logger.warning("notification %s refused: %s", claim.notification_id, error)
        return await _end(services, claim, "failed", mark_failed)
    except (NetworkError, TelegramError) as error:  # TimedOut included; anything else too
        logger.info("notification %s: %s, retried later", claim.notification_id, error)
        delay = retry_delay(claim.attempt)
        return await _end(services, claim, "retried", _retry(lambda now: now + delay))
    return await _end(services, claim, "sent", mark_sent)


def _retry(at):
    def later(session: Session, *, claim: Claimed, now: datetime) -> bool:
        return retry_later(session, claim=claim, at=at(now), now=now)

    return later


async def _end(services: Services, claim: Claimed, outcome: str, how) -> str:
    await services.transaction(how, claim=claim, now=services.clock())
    return outcome


async def _screen(services: Services, claim: Claimed) -> Screen:
    language = claim.recipient.language
    if language not in services.catalogs:
        language = "fr"
    tr = Tr.of(services.catalogs[language], language)
    message = claim.message
    if not isinstance(message, SlotCancelledMessage):
        return render(claim.kind, message, tr)

    def alternatives(session: Session) -> Alternatives:
        return alternatives_to(
            session,
            services.structures.current(session),
            slot=message.slot,
            resident_id=claim.recipient.resident_id,
            now=services.clock(),
            limit=NEXT_SLOTS,
        )

    offered = await services.transaction(alternatives)
    return render(
        claim.kind, message, tr, next_slots=offered.slots, place_names=offered.place_names
    )

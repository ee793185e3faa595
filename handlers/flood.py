"""A resident who floods the bot is slowed down, and only them.

Past `limit` updates within a minute, the resident gets one polite notice, then their updates are
dropped for `pause`; everyone else is served as usual (their updates run in lanes of their own,
see `bot.update_processor`), and advisors and coordinators are never slowed. The gate runs
before every other handler.
"""

import logging
from collections import deque
from datetime import datetime, timedelta
from enum import Enum

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from handlers.context import CustomContext, Tr
from handlers.render import Screen
from handlers.replies import send
from handlers.staff_access import is_staff

logger = logging.getLogger(__name__)

WINDOW = timedelta(minutes=1)
# Updates may arrive faster than they are handled: this many times the limit may wait in a
# sender's lane before the gate has had its say; past that, they are dropped as they arrive.
ARRIVAL_ALLOWANCE = 3
# How long an advisor or coordinator found over the limit is let through without asking again.
STAFF_MEMORY = timedelta(minutes=10)


class Verdict(Enum):
    PASS = "pass"
    NOTICE = "notice"
    """Just went over the limit: tell them, drop the update."""
    DROP = "drop"


class FloodGate:
    """Counts each sender's updates over the last minute (their times, at most `limit` + 1)."""

    def __init__(self, *, limit: int, pause: timedelta) -> None:
        self.limit = limit
        self.pause = pause
        self._seen: dict[int, deque[datetime]] = {}
        self._paused_until: dict[int, datetime] = {}
        self._checks = 0
        # What arrived, counted before the updates wait in their sender's lane.
        self._arrived: dict[int, deque[datetime]] = {}
        self._staff_until: dict[int, datetime] = {}

    def admits(self, sender: int, now: datetime) -> bool:
        """Whether an update just arrived may wait for its turn: not while its sender is paused,
        nor past `ARRIVAL_ALLOWANCE` times the limit within a minute (the notice and the pause
        are decided when the updates are handled, which can be later); staff always may."""
        staff_until = self._staff_until.get(sender)
        if staff_until is not None and now < staff_until:
            return True
        paused_until = self._paused_until.get(sender)
        if paused_until is not None and now < paused_until:
            return False
        arrived = self._arrived.setdefault(sender, deque(maxlen=self.limit * ARRIVAL_ALLOWANCE + 1))
        while arrived and now - arrived[0] >= WINDOW:
            arrived.popleft()
        arrived.append(now)
        return len(arrived) <= self.limit * ARRIVAL_ALLOWANCE

    def check(self, sender: int, now: datetime) -> Verdict:
        self._checks += 1
        if self._checks % 1000 == 0:
            self._forget_quiet(now)
        paused_until = self._paused_until.get(sender)
        if paused_until is not None:
            if now < paused_until:
                return Verdict.DROP
            del self._paused_until[sender]
            self._seen.pop(sender, None)
        seen = self._seen.setdefault(sender, deque(maxlen=self.limit + 1))
        while seen and now - seen[0] >= WINDOW:
            seen.popleft()
        seen.append(now)
        if len(seen) <= self.limit:
            return Verdict.PASS
        self._paused_until[sender] = now + self.pause
        return Verdict.NOTICE

    def forgive(self, sender: int, now: datetime) -> None:
        """`sender` is staff: forget what they sent, and let them through for a while without
        asking the database again."""
        self._seen.pop(sender, None)
        self._paused_until.pop(sender, None)
        self._arrived.pop(sender, None)
        self._staff_until[sender] = now + STAFF_MEMORY

    def _forget_quiet(self, now: datetime) -> None:
        # Senders silent for a minute, pauses and staff exemptions over: no memory needed.
        for until_table in (self._paused_until, self._staff_until):
            for sender in [s for s, until in until_table.items() if until <= now]:
                del until_table[sender]
        for times_table in (self._seen, self._arrived):
            for sender, times in list(times_table.items()):
                quiet = not times or now - times[-1] >= WINDOW
                if quiet and sender not in self._paused_until:
                    del times_table[sender]


def flood_notice(pause: timedelta, tr: Tr) -> Screen:
    minutes = max(1, round(pause.total_seconds() / 60))
    return Screen(
        tr.ngettext(
            "🐢 Vous m'envoyez beaucoup de messages à la fois. Je fais une pause de {minutes} "
            "minute avec vous, puis je vous réponds de nouveau : reprenez alors là où vous en "
            "étiez.",
            "🐢 Vous m'envoyez beaucoup de messages à la fois. Je fais une pause de {minutes} "
            "minutes avec vous, puis je vous réponds de nouveau : reprenez alors là où vous en "
            "étiez.",
            minutes,
        ).format(minutes=minutes)
    )


def handlers(gate: FloodGate) -> list[BaseHandler]:
    async def admit(update: Update, context: CustomContext) -> None:
        """Let the update through, or drop it (with one notice) when its sender floods."""
        sender = update.effective_user
        if sender is None:
            return
        verdict = gate.check(sender.id, context.now())
        if verdict is Verdict.PASS:
            return
        # Advisors and coordinators may send many updates (a planning, attendance taps): the
        # database is asked only when someone goes over the limit.
        if await is_staff(update, context):
            gate.forgive(sender.id, context.now())
            return
        if verdict is Verdict.NOTICE:
            logger.info("a resident sent more than %d updates in a minute: paused", gate.limit)
            if update.effective_chat is not None:
                await send(update, flood_notice(gate.pause, context.tr))
        raise ApplicationHandlerStop

    return [TypeHandler(Update, admit)]

"""Residents served side by side: different people's updates run concurrently, one person's in
the order Telegram sent them; a flooding sender's updates are dropped as they arrive.

python-telegram-bot processes updates one at a time by default, so one slow answer (a network
round trip, a locked database) delays every resident. Its `BaseUpdateProcessor` may run them
concurrently, but a resident's second tap must not overtake their first: the conversation's state
and their draft move one step at a time. So each update waits in its sender's lane (a lock per
user, or per chat for updates without a user), taken *before* the concurrency limit so that the
lane keeps arrival order whatever the limit does: asyncio locks wake their waiters first come,
first served.

In the private chats the bot serves, chat and user are the same person; updates from groups are
turned away by the gatekeeper (`handlers.help`), one lane per chat then.
"""

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from handlers.flood import FloodGate

# Enough for every resident active at once to be answered without waiting for another; the
# database calls they make are bounded by the connection pool and the worker threads anyway.
MAX_CONCURRENT_UPDATES = 256


class LaneUpdateProcessor(BaseUpdateProcessor):
    """Updates of different senders concurrently, each sender's in order."""

    def __init__(
        self,
        gate: FloodGate,
        clock: Callable[[], datetime],
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._lanes: dict[tuple[str, int], _Lane] = {}
        self._gate = gate
        self._clock = clock

    async def process_update(self, update: object, coroutine: Coroutine) -> None:
        key = _lane(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        if key[0] == "user" and not self._gate.admits(key[1], self._clock()):
            # A flood is dropped as it arrives: it never waits in memory for its turn.
            coroutine.close()
            return
        lane = self._lanes.setdefault(key, _Lane())
        lane.updates += 1
        try:
            async with lane.lock:
                await super().process_update(update, coroutine)
        finally:
            lane.updates -= 1
            if lane.updates == 0:
                # Nobody waits behind: forget the lane, so that memory stays flat.
                del self._lanes[key]

    @property
    def lanes(self) -> int:
        """How many senders have updates in progress or waiting."""
        return len(self._lanes)

    async def do_process_update(self, update: object, coroutine: Awaitable) -> None:
        await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class _Lane:
    __slots__ = ("lock", "updates")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.updates = 0
        """Updates of this sender in progress or waiting."""


def _lane(update: object) -> tuple[str, int] | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    return None

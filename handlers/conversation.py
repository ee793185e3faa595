"""The one way a conversation of the bot is built: named, persistent (its step survives a restart,
see `bot.persistence`), with a timeout, and its buttons tracked per user.

The timeout is not python-telegram-bot's `conversation_timeout`: that one is a job inside the
process that handled the last step, which another process serving the same resident never sees
(and which would end, later, a conversation that process moved on). It is `Conversation.timeout`,
read by `bot.application` before each update: a step stored longer ago than that is over.
"""

import warnings
from collections.abc import Sequence
from datetime import timedelta

from telegram.ext import BaseHandler, ConversationHandler
from telegram.warnings import PTBUserWarning


class Conversation(ConversationHandler):
    """A ConversationHandler that knows how long its steps last (see the module docstring)."""

    __slots__ = ("timeout",)

    def __init__(self, *, timeout: timedelta, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.timeout = timeout


def persistent_conversation(
    *,
    name: str,
    entry_points: Sequence[BaseHandler],
    states: dict[object, list[BaseHandler]],
    fallbacks: Sequence[BaseHandler],
    timeout: timedelta,
) -> Conversation:
    with warnings.catch_warnings():
        # Buttons are tracked per user, not per message, on purpose: a button carries what it
        # means (ids), so it works from any step; python-telegram-bot warns about that choice.
        warnings.filterwarnings(
            "ignore", message=r"If 'per_message=False'", category=PTBUserWarning
        )
        return Conversation(
            name=name,
            persistent=True,
            entry_points=list(entry_points),
            states=states,
            fallbacks=list(fallbacks),
            timeout=timeout,
        )

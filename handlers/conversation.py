"""The one way a conversation of the bot is built: named, persistent (its step survives a restart,
see `bot.persistence`), with a timeout, and its buttons tracked per user."""

import warnings
from collections.abc import Sequence
from datetime import timedelta

from telegram.ext import BaseHandler, ConversationHandler
from telegram.warnings import PTBUserWarning


def persistent_conversation(
    *,
    name: str,
    entry_points: Sequence[BaseHandler],
    states: dict[object, list[BaseHandler]],
    fallbacks: Sequence[BaseHandler],
    timeout: timedelta,
) -> ConversationHandler:
    with warnings.catch_warnings():
        # Buttons are tracked per user, not per message, on purpose: a button carries what it
        # means (ids), so it works from any step; python-telegram-bot warns about that choice.
        warnings.filterwarnings(
            "ignore", message=r"If 'per_message=False'", category=PTBUserWarning
        )
        return ConversationHandler(
            name=name,
            persistent=True,
            entry_points=list(entry_points),
            states=states,
            fallbacks=list(fallbacks),
            conversation_timeout=timeout,
        )

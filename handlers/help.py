"""/aide, and the answers for what nothing else handles: an old button, an unknown command."""

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.context import CustomContext
from handlers.render import account as render
from handlers.replies import send

logger = logging.getLogger(__name__)


async def show_help(update: Update, context: CustomContext) -> None:
    """/aide: what the bot does, its commands and the national helpline."""
    await send(update, render.help_text(context.tr))


async def nothing_to_cancel(update: Update, context: CustomContext) -> None:
    """/annuler outside the journey."""
    await send(update, render.nothing_to_cancel(context.tr))


async def unknown_command(update: Update, context: CustomContext) -> None:
    """A command we do not have."""
    await send(update, render.unknown_command(context.tr))


async def expired(update: Update, context: CustomContext) -> None:
    """A button no handler knows (an old version, or garbage): say so, and offer a way on."""
    query = update.callback_query
    await query.answer()
    # Its kind only: the rest may be anything a forger typed.
    logger.info("a button of no current kind: %r", (query.data or "").split(":")[0][:8])
    await send(update, render.expired(context.tr))


async def keep_gate(update: Update, context: CustomContext) -> None:
    """What no handler should see: a group chat (the bot talks to residents one by one, so it
    stays silent there), and a callback query with empty or no data (a game button, a forged
    query), which python-telegram-bot lets through every `CallbackQueryHandler`, whatever its
    pattern."""
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        raise ApplicationHandlerStop
    query = update.callback_query
    if query is not None and not query.data:
        if query.message is None:  # a button of an inline message: no chat to answer in
            await query.answer(render.expired(context.tr).text, show_alert=True)
        else:
            await expired(update, context)
        raise ApplicationHandlerStop


def gatekeeper() -> list[BaseHandler]:
    """Registered in a group before every other handler."""
    return [TypeHandler(Update, keep_gate)]


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler(["aide", "help"], show_help),
        CommandHandler("annuler", nothing_to_cancel),
    ]


def last_resort() -> list[BaseHandler]:
    """Registered after every other handler: they catch only what nothing else took."""
    return [
        CallbackQueryHandler(expired),
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
    ]

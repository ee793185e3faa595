"""What the resident sees when something breaks on our side: an apology and a way on."""

import logging

from telegram import Update
from telegram.error import Forbidden

from handlers.callback_data import Restart
from handlers.context import CustomContext, Tr
from handlers.render import Screen, button, keyboard
from handlers.replies import send

logger = logging.getLogger(__name__)


def sorry(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("😕 Désolé, j'ai eu un problème technique. Réessayez dans un instant, ou recommencez."),
        keyboard([button(_("🏠 Recommencer"), Restart())]),
    )


async def on_error(update: object, context: CustomContext) -> None:
    """Log the error with its traceback; tell the resident if there is one to tell."""
    if isinstance(context.error, Forbidden):
        logger.info("a resident blocked the bot: %s", context.error)
        return
    logger.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await send(update, sorry(context.tr))
    except Exception:  # the apology itself failed (network down): already logged above
        logger.warning("could not apologise to the resident", exc_info=True)

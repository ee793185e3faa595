"""What the resident sees when something breaks on our side: an apology and a way on."""

import logging
import traceback

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as DatabaseTimeout
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


def busy(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "⏳ Désolé, je suis très sollicité en ce moment et votre dernière demande n'a pas "
            "pu être enregistrée. Réessayez dans une minute."
        ),
        keyboard([button(_("🏠 Recommencer"), Restart())]),
    )


def _kind(error: DBAPIError) -> str:
    return f"{type(error).__name__}: {type(error.orig).__name__}"


async def on_error(update: object, context: CustomContext) -> None:
    """Log the error with its traceback; tell the resident if there is one to tell."""
    error = context.error
    if isinstance(error, Forbidden):
        logger.info("a resident blocked the bot: %s", error)
        return
    # The database locked past the timeout, or out of reach: its transaction was rolled back
    # whole, and the next update will find it again by itself.
    unavailable = isinstance(error, OperationalError | DatabaseTimeout)
    if unavailable:
        logger.warning("database unavailable (%s)", type(error).__name__)
    elif isinstance(error, DBAPIError):
        # The server's own words can quote a row (PostgreSQL: "DETAIL: Key
        # (telegram_user_id)=(…) already exists"): log where it failed, not what it said.
        where = "".join(traceback.format_tb(error.__traceback__))
        logger.error("database error while handling an update (%s)\n%s", _kind(error), where)
    else:
        logger.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await send(update, (busy if unavailable else sorry)(context.tr))
    except Exception:  # the apology itself failed (network down): already logged above
        logger.warning("could not apologise to the resident", exc_info=True)

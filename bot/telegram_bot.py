"""The application's `ExtBot`, for which answering a button is a courtesy.

`answerCallbackQuery` only stops the spinner on the button. Telegram refuses it once the query is
about 15 seconds old ("query is too old"), which happens whenever an update waited: the resident's
booking, cancellation or choice must go on regardless. Every handler answers first, as
python-telegram-bot's examples do, so the failure is absorbed here, once, rather than in each.
"""

import logging

from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

logger = logging.getLogger(__name__)


class CourteousBot(ExtBot):
    async def answer_callback_query(self, *args, **kwargs) -> bool:
        try:
            return await super().answer_callback_query(*args, **kwargs)
        except (BadRequest, NetworkError) as error:  # NetworkError: TimedOut included
            logger.info("a button left unanswered (%s); its action goes on", error)
            return False

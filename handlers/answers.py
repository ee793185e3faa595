"""Words typed for a button or a command: "oui", "ok 👍", "non merci" at a yes/no question;
"mes rdv", "aide", "stop" at any step (the words are `knowledge.everyday_words`).

A handler that asks a yes/no question calls `ask(context, yes, no)` with the data of its two
buttons. The question lives for the user's next update only: `keep_questions()` (registered
before every other handler but the deep links) moves it from the draft to `context.question` at
each update, so an answer typed after anything else (a need, a commune, /mesrdv) answers
nothing. `pressed` then says which button a typed "oui" or "non" stands for, unless the outbox
sent the resident a message since the question (a reminder, a waitlist offer), or in the last two
hours when no question is pending: then the answer may be meant for that message, whose buttons
the resident is asked to use (its question has no step of the conversation to receive text).
"""

import logging
from datetime import UTC, datetime, timedelta
from enum import Enum

from telegram import Message, Update
from telegram.ext import BaseHandler, TypeHandler, filters

from handlers.callback_data import CallbackData
from handlers.context import CustomContext
from knowledge.everyday_words import Answer, Command, command_in, yes_or_no
from scheduling.notifications import told_since

logger = logging.getLogger(__name__)

# How long a question whose moment is unknown (a commune proposed by `Draft.proposed_commune`
# alone) is taken to have been pending, and how recent a message of the outbox (a reminder) a
# typed "oui" may be meant for when no question is pending: the journey's timeout.
UNKNOWN_QUESTION_AGE = timedelta(hours=2)


class _Typed(filters.MessageFilter):
    """Text that is, as a whole, a yes or a no (`answers=True`) or the command `command`."""

    def __init__(self, *, command: Command | None = None, answers: bool = False) -> None:
        super().__init__(name=f"typed {command or 'yes/no'}")
        self._command = command
        self._answers = answers

    def filter(self, message: Message) -> bool:
        text = message.text or ""
        if self._answers:
            return yes_or_no(text) is not None
        return command_in(text) is self._command


YES_OR_NO = _Typed(answers=True)
MY_BOOKINGS = _Typed(command=Command.MY_BOOKINGS)
HELP = _Typed(command=Command.HELP)
CANCEL = _Typed(command=Command.CANCEL)


class Unclear(Enum):
    """A typed yes or no that may answer a message of the outbox rather than the question."""

    OUTBOX_SPOKE_SINCE = "outbox"


def ask(context: CustomContext, yes: CallbackData, no: CallbackData) -> None:
    """Remember the yes/no question just asked, by the data of its two buttons."""
    draft = context.user_data
    draft.question = f"{yes.pack()} {no.pack()}"
    draft.question_at = context.now().timestamp()


async def button_data(update: Update, context: CustomContext) -> str:
    """The data of the button pressed (the press answered), or of the button a typed answer
    stands for: so that one callback serves both."""
    query = update.callback_query
    if query is None:
        assert context.typed_button is not None, "a button callback run without a button"
        return context.typed_button
    await query.answer()
    return query.data or ""


async def _take_question(update: Update, context: CustomContext) -> None:
    """At every update: the question asked last time is for this update only."""
    draft = context.user_data
    if draft is None or draft.question is None:
        return  # nothing to write: most updates leave the draft untouched
    context.question = (draft.question, draft.question_at)
    draft.question = None
    draft.question_at = None


def keep_questions() -> list[BaseHandler]:
    """Registered in the group before the main one (see `bot.application`)."""
    return [TypeHandler(Update, _take_question)]


async def pressed(
    update: Update, context: CustomContext, *, fallback: tuple[str, str] | None = None
) -> str | Unclear | None:
    """The packed data of the button the typed yes or no stands for, in the question asked just
    before (else `fallback`, the yes and no data of a question of unknown moment); `Unclear`
    when the outbox spoke since (or lately, with no question: the answer is then surely for its
    reminder or offer); None when nothing is waiting for a yes or a no."""
    answer = yes_or_no(update.message.text or "")
    if answer is None:
        return None
    now = context.now()
    yes = no = None
    since = now - UNKNOWN_QUESTION_AGE
    if context.question is not None:
        data, at = context.question
        yes, _, no = data.partition(" ")
        if at is not None:
            since = datetime.fromtimestamp(at, UTC)
    elif fallback is not None:
        yes, no = fallback
    user_id = update.effective_user.id
    if await context.transaction(told_since, telegram_user_id=user_id, since=since):
        logger.info("a typed answer after a message of the outbox: its buttons are asked for")
        return Unclear.OUTBOX_SPOKE_SINCE
    return yes if answer is Answer.YES else no

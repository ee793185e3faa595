"""Advisors join by a link: a coordinator makes it with /inviter, the advisor opens it.

- `/start <token>` (the link, `https://t.me/<bot>?start=<token>`) is handled in a group before
  the journey's. An invitation accepted links the Telegram account, greets the advisor with their
  places and commands, sets their menu, and goes no further. A link used, expired or unknown
  gets a kind sentence, and the journey's /start then greets them as any resident.
- `/inviter` (coordinators only): a conversation named "invite", persistent like the journey:
  the place (found by a few letters of its name or its commune), the advisor's name, then the
  link to forward and its expiry. Registered before the journey, so that while it runs its steps
  own the text typed; `/annuler` leaves at every step. Place buttons carry a place id, the words
  searched stay in the draft (buttons never carry free text).
"""

import logging
from datetime import timedelta
from enum import IntEnum

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url

from handlers.callback_data import InvitePlace, InvitePlacesPage
from handlers.context import CustomContext
from handlers.conversation import persistent_conversation
from handlers.render import staff_admin as render
from handlers.replies import edit, send
from handlers.staff_access import allowed
from handlers.staff_menus import language_of, show_menu
from knowledge.gazetteer import timezone_for_department
from knowledge.places import Place, find_places, get_place
from scheduling.authority import Action
from scheduling.staff import (
    InvitationRefused,
    Invited,
    Role,
    Welcomed,
    accept_invitation,
    actor_for,
    invite_advisor,
)

logger = logging.getLogger(__name__)

NAME = "invite"
TIMEOUT = timedelta(minutes=30)
MAX_PLACES = 48
"""Places offered for the words typed (8 pages); more words narrow the search."""
NAME_LENGTH = 100
"""Of a first name, of a last name (the advisors' columns)."""
# What a deep link sends: "/start " and the payload, at most 64 characters of A-Za-z0-9_-.
INVITATION_LINK = filters.Regex(r"^/start [A-Za-z0-9_-]{1,64}$")


class Step(IntEnum):
    """Where typed text goes. Stored in the database: never renumber, only add."""

    PLACE = 1
    NAME = 2


# --- the link opened ------------------------------------------------------------------------------


async def open_invitation(update: Update, context: CustomContext) -> None:
    """/start <token>: become an advisor of the invitation's places, or hear why not."""
    token = context.args[0]
    user_id = update.effective_user.id

    def accept(session: Session) -> tuple[Welcomed | InvitationRefused, Role, str | None]:
        now = context.now()
        outcome = accept_invitation(session, token=token, telegram_user_id=user_id, now=now)
        actor = actor_for(
            session, telegram_user_id=user_id, admin_ids=context.services.admin_ids, now=now
        )
        return outcome, actor.role, language_of(session, user_id)

    outcome, role, language = await context.transaction(accept)
    if isinstance(outcome, InvitationRefused):
        logger.info("invitation link refused: %s", outcome.value)
        await send(update, render.invitation_refused(outcome, context.tr))
        return  # the journey's /start follows, in the next group
    logger.info("advisor %s joined by an invitation", outcome.advisor_id)
    await send(update, render.advisor_welcome(outcome, role, context.tr))
    await show_menu(
        context.bot,
        context.services,
        chat_id=update.effective_chat.id,
        role=role,
        language=language,
    )
    raise ApplicationHandlerStop


# --- /inviter -------------------------------------------------------------------------------------


async def invite(update: Update, context: CustomContext) -> Step | int:
    """/inviter: ask in which place."""
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return ConversationHandler.END
    context.user_data.forget_invitation()
    await send(update, render.ask_place(context.tr))
    return Step.PLACE


async def search_places(update: Update, context: CustomContext) -> Step | int:
    """Words typed: the places whose name or commune holds them, as buttons."""
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return ConversationHandler.END
    context.user_data.invite_search = " ".join(update.message.text.split())
    return await _show_places(update, context, page=0)


async def turn_page(update: Update, context: CustomContext) -> Step | int:
    """ "Suivants ▶️": another page of the places found."""
    query = update.callback_query
    await query.answer()
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return ConversationHandler.END
    if context.user_data.invite_search is None:  # a lost draft: ask again
        await send(update, render.ask_place(context.tr))
        return Step.PLACE
    return await _show_places(update, context, page=InvitePlacesPage.unpack(query.data).page)


async def _show_places(update: Update, context: CustomContext, *, page: int) -> Step:
    words = context.user_data.invite_search or ""
    places = await context.transaction(
        find_places, context.services.gazetteer, search=words, limit=MAX_PLACES + 1
    )
    screen = render.places_found(
        places[:MAX_PLACES],
        search=words,
        page=page,
        more=len(places) > MAX_PLACES,
        tr=context.tr,
    )
    await (edit if update.callback_query else send)(update, screen)
    return Step.PLACE


async def choose_place(update: Update, context: CustomContext) -> Step | int:
    """A place button: remember it, ask for the advisor's name."""
    query = update.callback_query
    await query.answer()
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return ConversationHandler.END
    place_id = InvitePlace.unpack(query.data).structure_id
    place = await context.transaction(get_place, context.services.gazetteer, place_id=place_id)
    if place is None:
        logger.warning("invitation to place %s refused: no such place", place_id)
        await send(update, render.place_gone(context.tr))
        return Step.PLACE
    context.user_data.invite_place_id = place.id
    await edit(update, render.ask_name(place, context.tr))
    return Step.NAME


async def type_name(update: Update, context: CustomContext) -> Step | int:
    """ "Prénom Nom": make the invitation, give the link to forward and its expiry."""
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return ConversationHandler.END
    tr = context.tr
    words = update.message.text.split()
    first_name, last_name = words[0] if words else "", " ".join(words[1:])
    if not last_name or len(first_name) > NAME_LENGTH or len(last_name) > NAME_LENGTH:
        await send(update, render.name_not_understood(tr))
        return Step.NAME
    place_id = context.user_data.invite_place_id
    gazetteer = context.services.gazetteer

    def make(session: Session) -> tuple[Place, Invited] | None:
        place = get_place(session, gazetteer, place_id=place_id) if place_id else None
        if place is None:
            return None
        invited = invite_advisor(
            session,
            structure_ids=[place.id],
            first_name=first_name,
            last_name=last_name,
            now=context.now(),
        )
        return place, invited

    made = await context.transaction(make)
    if made is None:  # the place was deleted meanwhile, or the draft lost
        context.user_data.forget_invitation()
        await send(update, render.place_gone(tr))
        return Step.PLACE
    place, invited = made
    logger.info("invitation made for place %s", place.id)
    context.user_data.forget_invitation()
    commune = gazetteer.get(place.commune)
    screen = render.invitation_link(
        full_name=f"{first_name} {last_name}",
        place=place,
        link=create_deep_linked_url(context.bot.username, invited.token),
        expires_at=invited.expires_at,
        timezone=timezone_for_department(commune.department if commune else ""),
        tr=tr,
    )
    await send(update, screen)
    return ConversationHandler.END


async def not_text(update: Update, context: CustomContext) -> None:
    """A sticker, a photo… during /inviter: ask for words, stay at the same step."""
    await send(update, render.type_an_answer(context.tr))


async def cancel(update: Update, context: CustomContext) -> int:
    """/annuler: no invitation is made."""
    context.user_data.forget_invitation()
    await send(update, render.invitation_cancelled(context.tr))
    return ConversationHandler.END


async def ended(update: Update, context: CustomContext) -> None:
    """A place button of an /inviter already over (or a forged one): say so, after the check."""
    await update.callback_query.answer()
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return
    await send(update, render.inviting_over(context.tr))


def deep_links() -> list[BaseHandler]:
    """Registered in a group of their own, before the journey's /start (see the docstring)."""
    return [CommandHandler("start", open_invitation, INVITATION_LINK)]


def handlers() -> list[BaseHandler]:
    new_message = filters.UpdateType.MESSAGE & ~filters.COMMAND
    text = new_message & filters.TEXT
    buttons = [
        CallbackQueryHandler(choose_place, pattern=InvitePlace.matches),
        CallbackQueryHandler(turn_page, pattern=InvitePlacesPage.matches),
    ]
    conversation = persistent_conversation(
        name=NAME,
        entry_points=[CommandHandler("inviter", invite)],
        states={
            Step.PLACE: [MessageHandler(text, search_places)],
            Step.NAME: [MessageHandler(text, type_name)],
        },
        fallbacks=[
            CommandHandler("annuler", cancel),
            CommandHandler("inviter", invite),
            *buttons,
            MessageHandler(new_message & ~filters.StatusUpdate.ALL, not_text),
        ],
        timeout=TIMEOUT,
    )
    return [
        conversation,
        CallbackQueryHandler(ended, pattern=InvitePlace.matches),
        CallbackQueryHandler(ended, pattern=InvitePlacesPage.matches),
    ]

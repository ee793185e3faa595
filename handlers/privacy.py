"""/mesdonnees: what we keep about the resident, and erasing all of it after a confirmation."""

import logging

from telegram import BotCommandScopeChat, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler

from handlers.answers import ask, button_data
from handlers.callback_data import AskErase, ConfirmErase, KeepData, MyDataPage
from handlers.context import CustomContext
from handlers.render import account as render
from handlers.render import commune_label
from handlers.replies import edit, send
from knowledge.gazetteer import timezone_for_department
from scheduling.residents import erase_resident, stored_data

logger = logging.getLogger(__name__)


async def show_data(update: Update, context: CustomContext) -> None:
    """/mesdonnees (or "Suite ▶"): list what is stored, with a button to erase it."""
    page = 0
    if update.callback_query:
        await update.callback_query.answer()
        page = MyDataPage.unpack(update.callback_query.data).page
    gazetteer = context.services.gazetteer
    data = await context.transaction(
        stored_data, telegram_user_id=update.effective_user.id, now=context.now()
    )
    commune = gazetteer.get(data.commune_insee) if data and data.commune_insee else None
    label = (
        commune_label(commune.name, gazetteer.department_name(commune.department))
        if commune
        else None
    )
    tz = timezone_for_department(commune.department if commune else "")
    screen = render.my_data(data, label, search=context.user_data, page=page, tz=tz, tr=context.tr)
    await (edit if update.callback_query else send)(update, screen)


async def ask_erase(update: Update, context: CustomContext) -> None:
    """ "Tout effacer": ask once more, it cannot be undone."""
    await update.callback_query.answer()
    await edit(update, render.ask_erase(context.tr))
    ask(context, ConfirmErase(), KeepData())


async def confirm_erase(update: Update, context: CustomContext) -> int:
    """ "Oui, tout effacer" (or a typed "oui"): cancel future bookings, delete the resident,
    forget the draft."""
    await button_data(update, context)
    user_id = update.effective_user.id
    tr = context.tr  # before the language is forgotten with the rest
    result = await context.transaction(
        erase_resident, telegram_user_id=user_id, now=context.now(), policy=context.services.policy
    )
    context.application.drop_user_data(user_id)
    await context.services.forget_on_disk()
    logger.info("a resident erased their data")
    await edit(update, render.erased(result, tr))
    # The command menu in the language they chose (see /langue) goes too.
    await context.bot.delete_my_commands(scope=BotCommandScopeChat(update.effective_chat.id))
    return ConversationHandler.END


async def keep_data(update: Update, context: CustomContext) -> None:
    """ "Non, garder mes données" (or a typed "non")."""
    await button_data(update, context)
    await edit(update, render.data_kept(context.tr))


def journey_enders() -> list[BaseHandler]:
    """Erasing also ends the journey: registered inside it (see `handlers.journey`)."""
    return [CallbackQueryHandler(confirm_erase, pattern=ConfirmErase.matches)]


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("mesdonnees", show_data),
        CallbackQueryHandler(show_data, pattern=MyDataPage.matches),
        CallbackQueryHandler(ask_erase, pattern=AskErase.matches),
        CallbackQueryHandler(keep_data, pattern=KeepData.matches),
    ]

"""/langue: the resident chooses the language the bot speaks to them."""

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers.callback_data import LanguageChoice
from handlers.context import LANGUAGES, CustomContext
from handlers.render import account as render
from handlers.replies import edit, send
from handlers.staff_menus import show_menu
from scheduling.residents import ensure_resident, set_language
from scheduling.staff import Role, actor_for


async def language_menu(update: Update, context: CustomContext) -> None:
    """/langue: one button per language, each named in itself."""
    await send(update, render.language_menu(context.language, context.tr))


async def choose_language(update: Update, context: CustomContext) -> None:
    """A language button: store the choice, answer and list the commands in that language."""
    query = update.callback_query
    await query.answer()
    language = LanguageChoice.unpack(query.data).language
    if language not in LANGUAGES:
        await edit(update, render.language_menu(context.language, context.tr))
        return
    user = update.effective_user

    def choose(session: Session) -> Role:
        resident = ensure_resident(
            session,
            telegram_user_id=user.id,
            first_name=user.first_name,
            language=language,
            now=context.now(),
        )
        set_language(session, resident_id=resident.id, language=language)
        actor = actor_for(
            session,
            telegram_user_id=user.id,
            admin_ids=context.services.admin_ids,
            now=context.now(),
        )
        return actor.role

    role = await context.transaction(choose)
    context.user_data.language = language
    await edit(update, render.language_set(context.tr))
    # The commands of their role (the staff have more), in that language.
    await show_menu(
        context.bot,
        context.services,
        chat_id=update.effective_chat.id,
        role=role,
        language=language,
    )


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("langue", language_menu),
        CallbackQueryHandler(choose_language, pattern=LanguageChoice.matches),
    ]

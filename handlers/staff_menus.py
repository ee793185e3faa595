"""Each role sees its own command menu: advisors and coordinators get one in their chat.

Telegram shows a private chat the menu set for that chat in the user's app language, else the
one set for that chat without a language, else the bot's default menus (the residents', French,
and English for English apps: set at start by `bot.application`). So a staff member's chat gets
their role's menu the same way: French, and English for an English app; or, when the bot knows
the language it speaks to them (they are also a resident, or chose one with /langue), that one
for every app. A chat back to the resident role loses its own menus and sees the defaults (or
gets the residents' menu in the language the bot speaks to them, as /langue gives it).

Set when the role changes (an invitation accepted, a promotion, a demotion, a revocation, a
language chosen), and for every staff account at start, so that menus follow a new version and
the coordinators of AIGUILLAGE_ADMIN_IDS get theirs.
"""

import logging

from sqlalchemy.orm import Session
from telegram import Bot, BotCommandScopeChat
from telegram.error import TelegramError

from handlers.context import DEFAULT_LANGUAGE, Services, Tr
from handlers.render.account import menu_for
from scheduling.residents import find_resident
from scheduling.staff import Role, staff_accounts

logger = logging.getLogger(__name__)


def language_of(session: Session, telegram_user_id: int) -> str | None:
    """The language the bot speaks to this account, if it knows one (their resident row)."""
    resident = find_resident(session, telegram_user_id=telegram_user_id)
    return resident.language if resident else None


async def show_menu(
    bot: Bot, services: Services, *, chat_id: int, role: Role, language: str | None
) -> None:
    """The chat's menu for `role`, in `language` if known (see the module docstring)."""
    scope = BotCommandScopeChat(chat_id)
    catalogs = services.catalogs
    try:
        if language is not None:
            menu = menu_for(role, Tr.of(catalogs[language], language))
            await bot.set_my_commands(menu, scope=scope)
            await bot.delete_my_commands(scope=scope, language_code="en")
        elif role is Role.RESIDENT:
            await bot.delete_my_commands(scope=scope)
            await bot.delete_my_commands(scope=scope, language_code="en")
        else:
            french = Tr.of(catalogs[DEFAULT_LANGUAGE], DEFAULT_LANGUAGE)
            await bot.set_my_commands(menu_for(role, french), scope=scope)
            english = Tr.of(catalogs["en"], "en")
            await bot.set_my_commands(menu_for(role, english), scope=scope, language_code="en")
    except TelegramError as error:
        # A coordinator of the settings who never opened the bot has no chat yet: their menu
        # comes at the next start. Nothing else depends on it.
        logger.info("could not set a %s command menu: %s", role.value, error)


async def show_staff_menus(bot: Bot, services: Services) -> None:
    """At start: every advisor's and coordinator's menu, as the database says now."""

    def read(session: Session) -> list[tuple[int, Role, str | None]]:
        accounts = staff_accounts(session, admin_ids=services.admin_ids)
        return [(id_, role, language_of(session, id_)) for id_, role in sorted(accounts.items())]

    for chat_id, role, language in await services.transaction(read):
        await show_menu(bot, services, chat_id=chat_id, role=role, language=language)

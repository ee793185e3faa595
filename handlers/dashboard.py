"""/tableau: an advisor or a coordinator gets a one-time link to the web dashboard.

Who asks is checked like every staff command (`handlers.staff_access.allowed`): a resident gets
the kind "réservé aux conseillers" answer and no link. The link opens a session once, within 10
minutes (`scheduling.web_logins`); the dashboard checks the role again at every page.
"""

import logging

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from handlers.context import CustomContext
from handlers.render import dashboard as render
from handlers.replies import send
from handlers.staff_access import allowed
from scheduling.authority import Action
from scheduling.web_logins import issue_login

logger = logging.getLogger(__name__)

# The dashboard's path that opens a session (handlers.web.routes serves it).
LOGIN_PATH = "/connexion/"


async def dashboard_link(update: Update, context: CustomContext) -> None:
    """/tableau"""
    if await allowed(update, context, Action.SEE_PLANNING) is None:
        return
    public_url = context.services.public_url
    if public_url is None:
        await send(update, render.no_public_url(context.tr))
        return
    token = await context.transaction(
        issue_login, telegram_user_id=update.effective_user.id, now=context.now()
    )
    # The dashboard speaks the language the staff member chose here.
    url = f"{public_url}{LOGIN_PATH}{token}?lang={context.language}"
    await send(update, render.login_link(url, context.tr))


def handlers() -> list[BaseHandler]:
    return [CommandHandler("tableau", dashboard_link)]

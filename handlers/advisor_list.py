"""/conseillers: the coordinators' list of advisors, a page at a time, with buttons to revoke one
(after a confirmation), promote or demote them.

Each button carries an advisor id and nothing else: who presses it is checked again, the change
is decided by `scheduling.staff.change_staff`, and the advisor's command menu follows their new
role. A refusal or an unknown id changes nothing and is logged with ids only.
"""

import logging

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers.callback_data import AdvisorsPage, AskRevoke, ConfirmRevoke, Demote, Promote
from handlers.context import CustomContext
from handlers.render import staff_admin as render
from handlers.replies import edit, send
from handlers.staff_access import allowed
from handlers.staff_menus import language_of, show_menu
from scheduling.authority import Action
from scheduling.staff import (
    AdvisorSummary,
    ChangeRefused,
    StaffChange,
    StaffChanged,
    change_staff,
    list_advisors,
)

logger = logging.getLogger(__name__)


async def show_advisors(update: Update, context: CustomContext) -> None:
    """/conseillers, or a page button: the list."""
    query = update.callback_query
    if query:
        await query.answer()
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return
    page = AdvisorsPage.unpack(query.data).page if query else 0
    advisors = await context.transaction(list_advisors, admin_ids=context.services.admin_ids)
    await (edit if query else send)(update, render.advisors_page(advisors, page, context.tr))


async def ask_revoke(update: Update, context: CustomContext) -> None:
    """ "Retirer n°3": who it is, and a confirmation."""
    query = update.callback_query
    await query.answer()
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return
    advisor_id = AskRevoke.unpack(query.data).advisor_id
    advisors = await context.transaction(list_advisors, admin_ids=context.services.admin_ids)
    advisor = next((a for a in advisors if a.advisor_id == advisor_id and a.linked), None)
    if advisor is None:
        logger.warning("revoke of advisor %s refused: %s", advisor_id, ChangeRefused.UNKNOWN.value)
        notice = render.change_notice(StaffChange.REVOKE, ChangeRefused.UNKNOWN, context.tr)
        await edit(update, render.advisors_page(advisors, 0, context.tr, notice=notice))
        return
    page = render.page_of(advisors, advisor_id)
    await edit(update, render.ask_revoke(advisor, page, context.tr))


async def confirm_revoke(update: Update, context: CustomContext) -> None:
    """ "Oui, retirer l'accès"."""
    await _change(update, context, StaffChange.REVOKE, ConfirmRevoke)


async def promote(update: Update, context: CustomContext) -> None:
    """ "Promouvoir n°3": the advisor becomes a coordinator."""
    await _change(update, context, StaffChange.PROMOTE, Promote)


async def demote(update: Update, context: CustomContext) -> None:
    """ "Rétrograder n°3": a promoted coordinator is an advisor again."""
    await _change(update, context, StaffChange.DEMOTE, Demote)


async def _change(
    update: Update,
    context: CustomContext,
    change: StaffChange,
    kind: type[ConfirmRevoke] | type[Promote] | type[Demote],
) -> None:
    query = update.callback_query
    await query.answer()
    if await allowed(update, context, Action.MANAGE_STAFF) is None:
        return
    advisor_id = kind.unpack(query.data).advisor_id
    admin_ids = context.services.admin_ids

    def apply(
        session: Session,
    ) -> tuple[StaffChanged | ChangeRefused, str | None, list[AdvisorSummary]]:
        outcome = change_staff(session, advisor_id=advisor_id, change=change, admin_ids=admin_ids)
        language = (
            language_of(session, outcome.telegram_user_id)
            if isinstance(outcome, StaffChanged)
            else None
        )
        return outcome, language, list_advisors(session, admin_ids=admin_ids)

    outcome, language, advisors = await context.transaction(apply)
    if isinstance(outcome, ChangeRefused):
        logger.warning("%s of advisor %s refused: %s", change.value, advisor_id, outcome.value)
    else:
        logger.info("%s of advisor %s done", change.value, advisor_id)
        await show_menu(
            context.bot,
            context.services,
            chat_id=outcome.telegram_user_id,
            role=outcome.role,
            language=language,
        )
    notice = render.change_notice(change, outcome, context.tr)
    page = render.page_of(advisors, advisor_id)
    await edit(update, render.advisors_page(advisors, page, context.tr, notice=notice))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("conseillers", show_advisors),
        CallbackQueryHandler(show_advisors, pattern=AdvisorsPage.matches),
        CallbackQueryHandler(ask_revoke, pattern=AskRevoke.matches),
        CallbackQueryHandler(confirm_revoke, pattern=ConfirmRevoke.matches),
        CallbackQueryHandler(promote, pattern=Promote.matches),
        CallbackQueryHandler(demote, pattern=Demote.matches),
    ]

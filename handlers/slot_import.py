"""A staff member sends a spreadsheet of sessions: its dry run, then "Appliquer" or "Abandonner".

`scheduling.slot_import` reads, checks and plans the file, and keeps it until a button is pressed;
the report is `handlers.render.slot_import`, the same as `aiguillage import-slots` prints.
Coordinators may import for every place, advisors for their own (checked line by line, and again
when they press "Appliquer"). A resident who sends a document is told, kindly, that the bot does
not read files.
"""

import logging

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from handlers.callback_data import ApplyImport, DropImport
from handlers.context import CustomContext
from handlers.render import slot_import as render
from handlers.replies import drop_buttons, edit, send
from handlers.staff_access import allowed, is_staff
from scheduling.authority import Action
from scheduling.errors import ImportConflict
from scheduling.slot_import import (
    MAX_FILE_BYTES,
    Applied,
    apply_staged,
    check_file,
    drop_staged,
)

logger = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = (".csv", ".xlsx")


async def receive_file(update: Update, context: CustomContext) -> None:
    """A document: a staff member's spreadsheet of sessions, answered with its dry run."""
    if not await is_staff(update, context):
        await send(update, render.resident_document(context.tr))
        return
    actor = await allowed(update, context, Action.MANAGE_SESSIONS)
    if actor is None:
        return
    document = update.message.document
    name = document.file_name or ""
    if not name.lower().endswith(SPREADSHEET_SUFFIXES):
        await send(update, render.not_a_spreadsheet(context.tr))
        return
    if (document.file_size or 0) > MAX_FILE_BYTES:
        await send(update, render.too_big(context.tr))
        return
    telegram_file = await document.get_file()
    content = bytes(await telegram_file.download_as_bytearray())
    checked = await context.transaction(
        check_file,
        telegram_user_id=update.effective_user.id,
        file_name=name,
        content=content,
        actor=actor,
        now=context.now(),
    )
    logger.info(
        "slot import checked: %d problems, %d sessions",
        len(checked.plan.problems),
        len(checked.plan.sessions),
    )
    await send(update, render.file_report(checked, context.tr))


async def apply_import(update: Update, context: CustomContext) -> None:
    """ "Appliquer": the plan that was shown, if it still is; else the plan as it is now."""
    query = update.callback_query
    await query.answer()
    pressed = ApplyImport.unpack(query.data)
    actor = await allowed(update, context, Action.MANAGE_SESSIONS)
    if actor is None:
        return
    try:
        outcome = await context.transaction(
            apply_staged,
            staged_id=pressed.staged_id,
            telegram_user_id=update.effective_user.id,
            digest=pressed.digest,
            actor=actor,
            now=context.now(),
            policy=context.services.policy,
        )
    except ImportConflict as conflict:
        logger.info("slot import %s not applied: %s", pressed.staged_id, conflict)
        await send(update, render.conflict(context.tr))
        return
    if outcome is None:
        await edit(update, render.not_staged(context.tr))
    elif isinstance(outcome, Applied):
        logger.info("slot import %s applied", pressed.staged_id)
        await edit(update, render.applied(outcome.plan, outcome.file_name, context.tr))
    else:
        await drop_buttons(update)
        await send(update, render.changed_since(outcome, context.tr))


async def drop_import(update: Update, context: CustomContext) -> None:
    """ "Abandonner": the file is forgotten, nothing changes."""
    query = update.callback_query
    await query.answer()
    staged_id = DropImport.unpack(query.data).staged_id
    if await allowed(update, context, Action.MANAGE_SESSIONS) is None:
        return
    await context.transaction(
        drop_staged, staged_id=staged_id, telegram_user_id=update.effective_user.id
    )
    await edit(update, render.dropped(context.tr))


def handlers() -> list[BaseHandler]:
    return [
        MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, receive_file),
        CallbackQueryHandler(apply_import, pattern=ApplyImport.matches),
        CallbackQueryHandler(drop_import, pattern=DropImport.matches),
    ]

"""/mesrdv: the resident's coming bookings, each cancellable after a confirmation."""

import logging

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers.answers import ask, button_data
from handlers.callback_data import AskCancel, ConfirmCancel, KeepBooking, MyBookings
from handlers.context import CustomContext
from handlers.render import bookings as render
from handlers.replies import edit, send
from scheduling.booking import (
    BookingView,
    CancelOutcome,
    NotFound,
    cancel_booking,
    upcoming_bookings,
)
from scheduling.residents import find_resident

logger = logging.getLogger(__name__)


def _upcoming(session: Session, update: Update, context: CustomContext) -> list[BookingView]:
    """The resident's coming bookings; none for someone the bot does not know."""
    resident = find_resident(session, telegram_user_id=update.effective_user.id)
    if resident is None:
        return []
    return upcoming_bookings(session, resident_id=resident.id, now=context.now())


async def my_bookings(update: Update, context: CustomContext) -> None:
    """/mesrdv or "Mes rendez-vous": the list, soonest first."""
    if update.callback_query:
        await update.callback_query.answer()
    views = await context.transaction(_upcoming, update, context)
    await send(update, render.bookings_list(views, context.tr))


async def ask_cancel(update: Update, context: CustomContext) -> None:
    """ "Annuler le n°1": show which one, and ask for a confirmation."""
    query = update.callback_query
    await query.answer()
    booking_id = AskCancel.unpack(query.data).booking_id
    views = await context.transaction(_upcoming, update, context)
    view = next((v for v in views if v.booking_id == booking_id), None)
    if view is None:
        await send(update, render.cancel_result(NotFound(booking_id), context.tr))
        return
    await send(update, render.ask_cancel(view, context.tr))
    ask(context, ConfirmCancel(view.booking_id), KeepBooking(view.booking_id))


async def confirm_cancel(update: Update, context: CustomContext) -> None:
    """ "Oui, j'annule" (or a typed "oui"): cancel and free the seat, or say honestly why not."""
    booking_id = ConfirmCancel.unpack(await button_data(update, context)).booking_id

    def cancel(session: Session) -> CancelOutcome:
        resident = find_resident(session, telegram_user_id=update.effective_user.id)
        if resident is None:
            return NotFound(booking_id)
        return cancel_booking(
            session,
            booking_id=booking_id,
            resident_id=resident.id,
            now=context.now(),
            policy=context.services.policy,
        )

    outcome = await context.transaction(cancel)
    logger.info("booking %s: %s", booking_id, type(outcome).__name__)
    await edit(update, render.cancel_result(outcome, context.tr))


async def keep_booking(update: Update, context: CustomContext) -> None:
    """ "Non, je garde ce rendez-vous" (or a typed "non")."""
    await button_data(update, context)
    await edit(update, render.booking_kept(context.tr))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("mesrdv", my_bookings),
        CallbackQueryHandler(my_bookings, pattern=MyBookings.matches),
        CallbackQueryHandler(ask_cancel, pattern=AskCancel.matches),
        CallbackQueryHandler(confirm_cancel, pattern=ConfirmCancel.matches),
        CallbackQueryHandler(keep_booking, pattern=KeepBooking.matches),
    ]

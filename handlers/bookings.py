"""/mesrdv: the resident's coming bookings and the waitlists they are in, each cancellable (or
left) after a confirmation."""

import logging

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers.answers import ask, button_data
from handlers.callback_data import (
    AskCancel,
    AskLeaveWaitlist,
    ConfirmCancel,
    ConfirmLeaveWaitlist,
    KeepBooking,
    MyBookings,
    MyBookingsPage,
    StayOnWaitlist,
)
from handlers.context import CustomContext
from handlers.reminders import leave_as_sender
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
from scheduling.waitlist import (
    OfferGone,
    OfferGoneReason,
    WaitlistView,
    waitlists_of,
)

logger = logging.getLogger(__name__)


def _upcoming(session: Session, update: Update, context: CustomContext) -> list[BookingView]:
    """The resident's coming bookings; none for someone the bot does not know."""
    resident = find_resident(session, telegram_user_id=update.effective_user.id)
    if resident is None:
        return []
    return upcoming_bookings(session, resident_id=resident.id, now=context.now())


def _upcoming_and_waiting(
    session: Session, update: Update, context: CustomContext
) -> tuple[list[BookingView], list[WaitlistView]]:
    """The resident's coming bookings and the lines they are in."""
    resident = find_resident(session, telegram_user_id=update.effective_user.id)
    if resident is None:
        return [], []
    now = context.now()
    return (
        upcoming_bookings(session, resident_id=resident.id, now=now),
        waitlists_of(session, resident_id=resident.id, now=now),
    )


async def my_bookings(update: Update, context: CustomContext) -> None:
    """/mesrdv or "Mes rendez-vous": the bookings, soonest first, then the waitlists."""
    if update.callback_query:
        await update.callback_query.answer()
    views, waitlists = await context.transaction(_upcoming_and_waiting, update, context)
    await send(update, render.bookings_list(views, context.tr, waitlists=waitlists))


async def turn_page(update: Update, context: CustomContext) -> None:
    """ "Suivants ▶": the same list, another page, in place."""
    query = update.callback_query
    await query.answer()
    page = MyBookingsPage.unpack(query.data).page
    views, waitlists = await context.transaction(_upcoming_and_waiting, update, context)
    await edit(update, render.bookings_list(views, context.tr, waitlists=waitlists, page=page))


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


# --- leaving a waitlist ---------------------------------------------------------------------------


async def ask_leave(update: Update, context: CustomContext) -> None:
    """ "Quitter la liste d'attente": show which one, and ask for a confirmation."""
    query = update.callback_query
    await query.answer()
    entry_id = AskLeaveWaitlist.unpack(query.data).entry_id
    _views, waitlists = await context.transaction(_upcoming_and_waiting, update, context)
    view = next((w for w in waitlists if w.entry_id == entry_id), None)
    if view is None:
        gone = OfferGone(entry_id=entry_id, reason=OfferGoneReason.LEFT)
        await send(update, render.leave_result(gone, context.tr))
        return
    await send(update, render.ask_leave(view, context.tr))
    ask(context, ConfirmLeaveWaitlist(view.entry_id), StayOnWaitlist(view.entry_id))


async def confirm_leave(update: Update, context: CustomContext) -> None:
    """ "Oui, je quitte la liste" (or a typed "oui"): out of the line (an offered seat passes
    on), or why not."""
    entry_id = ConfirmLeaveWaitlist.unpack(await button_data(update, context)).entry_id

    outcome = await context.transaction(leave_as_sender, update, context, entry_id)
    logger.info("waitlist entry %s left from /mesrdv: %s", entry_id, type(outcome).__name__)
    await edit(update, render.leave_result(outcome, context.tr))


async def stay(update: Update, context: CustomContext) -> None:
    """ "Non, je reste sur la liste" (or a typed "non")."""
    await button_data(update, context)
    await edit(update, render.staying(context.tr))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("mesrdv", my_bookings),
        CallbackQueryHandler(my_bookings, pattern=MyBookings.matches),
        CallbackQueryHandler(turn_page, pattern=MyBookingsPage.matches),
        CallbackQueryHandler(ask_cancel, pattern=AskCancel.matches),
        CallbackQueryHandler(confirm_cancel, pattern=ConfirmCancel.matches),
        CallbackQueryHandler(keep_booking, pattern=KeepBooking.matches),
        CallbackQueryHandler(ask_leave, pattern=AskLeaveWaitlist.matches),
        CallbackQueryHandler(confirm_leave, pattern=ConfirmLeaveWaitlist.matches),
        CallbackQueryHandler(stay, pattern=StayOnWaitlist.matches),
    ]

"""The buttons under reminders and waitlist offers, and joining a full slot's waitlist.

"Je viens ✅" → `confirm_attendance`; "Je ne peux plus venir ❌" is `AskCancel`, the same
confirmation step as /mesrdv (`handlers.bookings`). "Je prends la place" → `accept_offer`,
"Je laisse ma place" → `leave_waitlist`, "M'inscrire sur la liste d'attente" → `join_waitlist`.
Every press is re-checked against the database: an old button gets an honest answer.
"""

import logging

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from handlers.callback_data import AcceptOffer, ConfirmAttendance, DeclineOffer, JoinWaitlist
from handlers.context import CustomContext
from handlers.render import reminders as render
from handlers.render.journey import booked
from handlers.replies import drop_buttons, edit, send, send_place
from scheduling.attendance import Confirmed, confirm_attendance
from scheduling.booking import AlreadyBooked, Booked, NotFound, Overlaps
from scheduling.offers import SlotOffer, slot_offer
from scheduling.residents import ResidentView, ensure_resident, find_resident
from scheduling.waitlist import (
    JoinOutcome,
    Left,
    OfferGone,
    OfferGoneReason,
    accept_offer,
    join_waitlist,
    leave_waitlist,
)

logger = logging.getLogger(__name__)


async def confirm_coming(update: Update, context: CustomContext) -> None:
    """ "Je viens ✅": recorded, or why not."""
    query = update.callback_query
    await query.answer()
    booking_id = ConfirmAttendance.unpack(query.data).booking_id

    def confirm(session: Session) -> Confirmed | NotFound:
        resident = find_resident(session, telegram_user_id=update.effective_user.id)
        if resident is None:
            return NotFound(booking_id)
        return confirm_attendance(
            session, booking_id=booking_id, resident_id=resident.id, now=context.now()
        )

    outcome = await context.transaction(confirm)
    logger.info("attendance %s: %s", booking_id, type(outcome).__name__)
    await drop_buttons(update)
    await send(update, render.attendance_result(outcome, context.tr))


async def take_offer(update: Update, context: CustomContext) -> None:
    """ "Je prends la place": the held seat is booked, or the offer is honestly gone."""
    query = update.callback_query
    await query.answer()
    entry_id = AcceptOffer.unpack(query.data).entry_id
    now = context.now()

    def take(
        session: Session,
    ) -> tuple[
        ResidentView | None, Booked | AlreadyBooked | OfferGone | Overlaps, SlotOffer | None
    ]:
        resident = find_resident(session, telegram_user_id=update.effective_user.id)
        if resident is None:
            return None, OfferGone(entry_id=entry_id, reason=OfferGoneReason.NOT_FOUND), None
        outcome = accept_offer(
            session,
            entry_id=entry_id,
            resident_id=resident.id,
            now=now,
            policy=context.services.policy,
        )
        if not isinstance(outcome, Booked):
            return resident, outcome, None
        return (
            resident,
            outcome,
            slot_offer(session, slot_id=outcome.slot_id, resident_id=None, now=now),
        )

    resident, outcome, offer = await context.transaction(take)
    logger.info("waitlist offer %s: %s", entry_id, type(outcome).__name__)
    if isinstance(outcome, Overlaps):
        # The offer runs on: its buttons stay, for when the other time is freed.
        await send(update, render.offer_overlaps(outcome.other, entry_id, context.tr))
        return
    await drop_buttons(update)
    if offer is None:
        await send(update, render.offer_result(outcome, context.tr))
        return
    # As after any booking: the date, the place, what to bring, and the place on a map.
    await send(
        update,
        booked(
            offer.slot,
            first_name=resident.first_name,
            need=outcome.need,
            tr=context.tr,
            reminders=outcome.reminders,
        ),
    )
    await send_place(update, offer.slot)


def leave_as_sender(
    session: Session, update: Update, context: CustomContext, entry_id: int
) -> Left | OfferGone:
    """The sender leaves the waitlist entry (theirs only: `leave_waitlist` checks it)."""
    resident = find_resident(session, telegram_user_id=update.effective_user.id)
    if resident is None:
        return OfferGone(entry_id=entry_id, reason=OfferGoneReason.NOT_FOUND)
    return leave_waitlist(
        session,
        entry_id=entry_id,
        resident_id=resident.id,
        now=context.now(),
        policy=context.services.policy,
    )


async def decline_offer(update: Update, context: CustomContext) -> None:
    """ "Je laisse ma place": out of the waitlist, the seat goes to the next in line (or says
    honestly that the offer had already gone)."""
    query = update.callback_query
    await query.answer()
    entry_id = DeclineOffer.unpack(query.data).entry_id

    outcome = await context.transaction(leave_as_sender, update, context, entry_id)
    logger.info("waitlist offer %s declined: %s", entry_id, type(outcome).__name__)
    await edit(update, render.offer_declined(outcome, context.tr))


async def join(update: Update, context: CustomContext) -> None:
    """ "M'inscrire sur la liste d'attente" on a full slot, for the need chosen in the journey."""
    query = update.callback_query
    await query.answer()
    slot_id = JoinWaitlist.unpack(query.data).slot_id
    user = update.effective_user

    def queue_up(session: Session) -> JoinOutcome:
        resident = ensure_resident(
            session,
            telegram_user_id=user.id,
            first_name=user.first_name,
            language=context.language,
            now=context.now(),
        )
        return join_waitlist(
            session,
            slot_id=slot_id,
            resident_id=resident.id,
            now=context.now(),
            need=context.user_data.theme,
            policy=context.services.policy,
        )

    outcome = await context.transaction(queue_up)
    logger.info("waitlist of slot %s: %s", slot_id, type(outcome).__name__)
    await drop_buttons(update)
    await send(update, render.join_result(outcome, context.tr))


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(confirm_coming, pattern=ConfirmAttendance.matches),
        CallbackQueryHandler(take_offer, pattern=AcceptOffer.matches),
        CallbackQueryHandler(decline_offer, pattern=DeclineOffer.matches),
        CallbackQueryHandler(join, pattern=JoinWaitlist.matches),
    ]

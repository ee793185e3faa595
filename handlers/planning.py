"""/planning and /notifications: advisors and coordinators run their sessions from the bot.

/planning lists today and the next 14 days at the staff member's places (a coordinator: every
place), a page at a time; a session's button shows its participants. Before the start: cancel
it (a reason typed, or none), move it (a new day and time typed, in the place's zone), book
someone who is not on Telegram (first name, need, phone or "Passer"), undo such a booking. From
the start: present or absent, per participant. /notifications chooses what the advisor is told.

The typed steps are one small persistent `ConversationHandler` named "planning", registered
before the journey, with /annuler; the session and the walk-in's answers wait in `Draft`. Every
button carries ids only; who presses is checked on the slot or booking it names, at every step
(`handlers.staff_access.allowed`): a forged button changes nothing.
"""

import logging
from enum import IntEnum

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from handlers import journey
from handlers.callback_data import (
    AskCancelSlot,
    AskCancelWalkIn,
    AskMoveSlot,
    CancelSessionNow,
    ConfirmCancelWalkIn,
    MarkPresence,
    NotificationChoice,
    PlanningPage,
    PlanningSlot,
    StartWalkIn,
    WalkInNeed,
    WalkInNoPhone,
)
from handlers.context import CustomContext
from handlers.conversation import persistent_conversation
from handlers.render import planning as render
from handlers.replies import edit, send
from handlers.staff_access import allowed
from knowledge.themes import THEMES_BY_SLUG
from scheduling.advisor_models import Advisor, NotificationLevel
from scheduling.advisors import set_notification_level
from scheduling.attendance import Marked, NotStarted, mark_attendance
from scheduling.authority import Action
from scheduling.booking import Booked, Cancelled, SlotFull
from scheduling.errors import InvalidSlotTimes
from scheduling.local_time import at_local, zone
from scheduling.models import BookedBy
from scheduling.planning import (
    SessionDetail,
    cancel_walk_in,
    planning,
    session_detail,
    slot_of_booking,
)
from scheduling.residents import FIRST_NAME_LENGTH
from scheduling.service_changes import SlotCancelled, SlotMoved, cancel_slot, move_slot
from scheduling.staff import Role
from scheduling.typed_times import TypedRefused, parse_day_and_time
from scheduling.walk_ins import book_walk_in, valid_phone

logger = logging.getLogger(__name__)

NAME = "planning"
TIMEOUT = journey.TIMEOUT
REASON_LENGTH = 300


class Step(IntEnum):
    """Where typed text goes. Stored in the database: never renumber, only add."""

    REASON = 1
    NEW_TIME = 2
    WALK_IN_NAME = 3
    WALK_IN_NEED = 4
    WALK_IN_PHONE = 5


def _end(context: CustomContext) -> int:
    draft = context.user_data
    draft.planning_slot_id = draft.walk_in_name = draft.walk_in_need = None
    return ConversationHandler.END


async def _answer(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


async def _detail(context: CustomContext, slot_id: int) -> SessionDetail | None:
    return await context.transaction(session_detail, slot_id=slot_id)


async def _show(update: Update, context: CustomContext, slot_id: int, notice: str = "") -> None:
    detail = await _detail(context, slot_id)
    if detail is None:
        return
    screen = render.session_detail(detail, now=context.now(), tr=context.tr, notice=notice)
    await (edit if update.callback_query else send)(update, screen)


# --- the list and a session -----------------------------------------------------------------------


async def show_planning(update: Update, context: CustomContext) -> None:
    """/planning, or a page button."""
    await _answer(update)
    actor = await allowed(update, context, Action.SEE_PLANNING)
    if actor is None:
        return
    query = update.callback_query
    page = PlanningPage.unpack(query.data).page if query else 0
    places = None if actor.role is Role.COORDINATOR else actor.structure_ids
    sessions = await context.transaction(planning, structure_ids=places, now=context.now())
    await (edit if query else send)(update, render.planning_page(sessions, page, context.tr))


async def show_session(update: Update, context: CustomContext) -> int:
    """A session's button (or "⬅️ Garder la séance"): its detail."""
    await _answer(update)
    slot_id = PlanningSlot.unpack(update.callback_query.data).slot_id
    if await allowed(update, context, Action.SEE_PLANNING, slot_id=slot_id) is not None:
        await _show(update, context, slot_id)
    return _end(context)


async def mark_presence(update: Update, context: CustomContext) -> None:
    """ "✅ Martine" / "❌ Martine": she came, or not; the detail again."""
    await _answer(update)
    data = MarkPresence.unpack(update.callback_query.data)
    actor = await allowed(update, context, Action.MARK_ATTENDANCE, booking_id=data.booking_id)
    if actor is None:
        return

    def mark(session: Session):
        outcome = mark_attendance(
            session, booking_id=data.booking_id, came=bool(data.came), now=context.now()
        )
        return outcome, slot_of_booking(session, booking_id=data.booking_id)

    outcome, slot_id = await context.transaction(mark)
    notice = ""
    if isinstance(outcome, NotStarted):
        notice = render.problem("not_started", context.tr)
    elif not isinstance(outcome, Marked):
        notice = render.problem("cancelled", context.tr)
    await _show(update, context, slot_id, notice)


# --- cancelling a session -------------------------------------------------------------------------


async def ask_cancel(update: Update, context: CustomContext) -> int:
    """ "🗑 Annuler la séance": how many are booked; a reason to type, or none."""
    await _answer(update)
    slot_id = AskCancelSlot.unpack(update.callback_query.data).slot_id
    if await allowed(update, context, Action.MANAGE_SESSIONS, slot_id=slot_id) is None:
        return _end(context)
    detail = await _detail(context, slot_id)
    context.user_data.planning_slot_id = slot_id
    await edit(update, render.ask_cancel(detail, context.tr))
    return Step.REASON


async def cancel_now(update: Update, context: CustomContext) -> int:
    """ "Annuler sans motif"."""
    await _answer(update)
    slot_id = CancelSessionNow.unpack(update.callback_query.data).slot_id
    return await _cancel(update, context, slot_id, None)


async def type_reason(update: Update, context: CustomContext) -> int:
    slot_id = context.user_data.planning_slot_id
    if slot_id is None:
        return _end(context)
    reason = " ".join(update.message.text.split())[:REASON_LENGTH] or None
    return await _cancel(update, context, slot_id, reason)


async def _cancel(update: Update, context: CustomContext, slot_id: int, reason: str | None) -> int:
    if await allowed(update, context, Action.MANAGE_SESSIONS, slot_id=slot_id) is None:
        return _end(context)
    outcome = await context.transaction(
        cancel_slot, slot_id=slot_id, now=context.now(), reason=reason
    )
    if isinstance(outcome, SlotCancelled):
        logger.info("slot %s cancelled by the staff", slot_id)
        await send(update, render.cancelled(len(outcome.cancelled_bookings), context.tr))
    else:
        await send(update, render.Screen(render.problem("unavailable", context.tr)))
    return _end(context)


# --- moving a session -----------------------------------------------------------------------------


async def ask_move(update: Update, context: CustomContext) -> int:
    await _answer(update)
    slot_id = AskMoveSlot.unpack(update.callback_query.data).slot_id
    if await allowed(update, context, Action.MANAGE_SESSIONS, slot_id=slot_id) is None:
        return _end(context)
    context.user_data.planning_slot_id = slot_id
    await send(update, render.ask_move(await _detail(context, slot_id), context.tr))
    return Step.NEW_TIME


async def type_new_time(update: Update, context: CustomContext) -> int:
    """ "jeudi 14h", "12/01 9h30", in the place's zone; the length stays the same."""
    slot_id = context.user_data.planning_slot_id
    if slot_id is None:
        return _end(context)
    if await allowed(update, context, Action.MANAGE_SESSIONS, slot_id=slot_id) is None:
        return _end(context)
    detail = await _detail(context, slot_id)
    slot = detail.slot
    now = context.now()
    typed = parse_day_and_time(
        update.message.text, now_local=now.astimezone(zone(slot.structure_timezone))
    )
    problem = None
    if typed is TypedRefused.IN_THE_PAST:
        problem = "in_the_past"
    elif isinstance(typed, TypedRefused):
        problem = "not_understood"
    elif typed[1] is None:
        problem = "no_time"
    if problem is not None:
        await send(
            update, render.ask_move(detail, context.tr, problem=render.problem(problem, context.tr))
        )
        return Step.NEW_TIME
    new_start = at_local(typed[0], typed[1], slot.structure_timezone)
    try:
        outcome = await context.transaction(
            move_slot,
            slot_id=slot_id,
            new_start=new_start,
            new_end=new_start + (slot.ends_at - slot.starts_at),
            now=now,
            policy=context.services.policy,
        )
    except InvalidSlotTimes:
        problem = render.problem("in_the_past", context.tr)
        await send(update, render.ask_move(detail, context.tr, problem=problem))
        return Step.NEW_TIME
    if isinstance(outcome, SlotMoved):
        logger.info("slot %s moved by the staff to slot %s", slot_id, outcome.new_slot_id)
        moved = await _detail(context, outcome.new_slot_id)
        await send(update, render.moved(moved, len(outcome.moved_bookings), context.tr))
    else:
        await send(update, render.Screen(render.problem("unavailable", context.tr)))
    return _end(context)


# --- booking a walk-in ----------------------------------------------------------------------------


async def start_walk_in(update: Update, context: CustomContext) -> int:
    await _answer(update)
    slot_id = StartWalkIn.unpack(update.callback_query.data).slot_id
    if await allowed(update, context, Action.BOOK_FOR_SOMEONE, slot_id=slot_id) is None:
        return _end(context)
    _end(context)
    context.user_data.planning_slot_id = slot_id
    await send(update, render.ask_walk_in_name(context.tr))
    return Step.WALK_IN_NAME


async def type_walk_in_name(update: Update, context: CustomContext) -> int:
    name = " ".join(update.message.text.split())
    if not name or len(name) > FIRST_NAME_LENGTH:
        await send(
            update,
            render.ask_walk_in_name(context.tr, problem=render.problem("bad_name", context.tr)),
        )
        return Step.WALK_IN_NAME
    context.user_data.walk_in_name = name
    await send(update, render.ask_walk_in_need(name, context.tr))
    return Step.WALK_IN_NEED


async def choose_walk_in_need(update: Update, context: CustomContext) -> int:
    await _answer(update)
    theme = WalkInNeed.unpack(update.callback_query.data).theme
    if theme not in THEMES_BY_SLUG or context.user_data.walk_in_name is None:
        return Step.WALK_IN_NEED
    context.user_data.walk_in_need = theme
    await edit(update, render.ask_walk_in_phone(context.tr))
    return Step.WALK_IN_PHONE


async def type_walk_in_phone(update: Update, context: CustomContext) -> int:
    phone = update.message.text.strip()
    if not valid_phone(phone):
        await send(
            update,
            render.ask_walk_in_phone(context.tr, problem=render.problem("bad_phone", context.tr)),
        )
        return Step.WALK_IN_PHONE
    return await _book_walk_in(update, context, phone)


async def skip_walk_in_phone(update: Update, context: CustomContext) -> int:
    await _answer(update)
    return await _book_walk_in(update, context, None)


async def _book_walk_in(update: Update, context: CustomContext, phone: str | None) -> int:
    draft = context.user_data
    slot_id, name = draft.planning_slot_id, draft.walk_in_name
    if slot_id is None or name is None:
        return _end(context)
    actor = await allowed(update, context, Action.BOOK_FOR_SOMEONE, slot_id=slot_id)
    if actor is None:
        return _end(context)
    outcome = await context.transaction(
        book_walk_in,
        slot_id=slot_id,
        first_name=name,
        need=draft.walk_in_need,
        phone=phone,
        booked_by=BookedBy.ADMIN if actor.role is Role.COORDINATOR else BookedBy.ADVISOR,
        now=context.now(),
        policy=context.services.policy,
    )
    _end(context)
    if isinstance(outcome, Booked):
        logger.info("walk-in booked on slot %s", slot_id)
        notice = render.walk_in_booked(name, context.tr, overlap=outcome.overlap)
    elif isinstance(outcome, SlotFull):
        notice = render.problem("full", context.tr)
    else:
        notice = render.problem("unavailable", context.tr)
    update_without_query = update.callback_query is None
    if update_without_query:
        await _show(update, context, slot_id, notice)
    else:
        detail = await _detail(context, slot_id)
        await send(
            update, render.session_detail(detail, now=context.now(), tr=context.tr, notice=notice)
        )
    return ConversationHandler.END


async def ask_cancel_walk_in(update: Update, context: CustomContext) -> None:
    await _answer(update)
    booking_id = AskCancelWalkIn.unpack(update.callback_query.data).booking_id
    if await allowed(update, context, Action.BOOK_FOR_SOMEONE, booking_id=booking_id) is None:
        return
    slot_id = await context.transaction(slot_of_booking, booking_id=booking_id)
    detail = await _detail(context, slot_id)
    found = next((p for p in detail.participants if p.booking_id == booking_id and p.walk_in), None)
    if found is None:
        await _show(update, context, slot_id, render.problem("not_walk_in", context.tr))
        return
    await edit(update, render.confirm_cancel_walk_in(found, context.tr))


async def confirm_cancel_walk_in(update: Update, context: CustomContext) -> None:
    await _answer(update)
    booking_id = ConfirmCancelWalkIn.unpack(update.callback_query.data).booking_id
    if await allowed(update, context, Action.BOOK_FOR_SOMEONE, booking_id=booking_id) is None:
        return

    def cancel(session: Session):
        outcome = cancel_walk_in(session, booking_id=booking_id, now=context.now())
        return outcome, slot_of_booking(session, booking_id=booking_id)

    outcome, slot_id = await context.transaction(cancel)
    notice = "" if isinstance(outcome, Cancelled) else render.problem("not_walk_in", context.tr)
    await _show(update, context, slot_id, notice)


# --- /notifications -------------------------------------------------------------------------------


async def notifications(update: Update, context: CustomContext) -> None:
    """/notifications, or a level's button."""
    await _answer(update)
    actor = await allowed(update, context, Action.SET_NOTIFICATIONS)
    if actor is None:
        return
    query = update.callback_query
    level = None
    if query is not None:
        try:
            level = NotificationLevel(NotificationChoice.unpack(query.data).level)
        except ValueError:
            level = None

    def apply(session: Session) -> NotificationLevel | None:
        if actor.advisor_id is None:
            return None
        if level is not None:
            set_notification_level(session, advisor_id=actor.advisor_id, level=level)
        return session.get(Advisor, actor.advisor_id).notification_level

    current = await context.transaction(apply)
    if current is None:  # a coordinator of the settings who is no advisor: nothing to tell
        await send(update, render.Screen(render.problem("no_advisor_profile", context.tr)))
        return
    screen = render.notification_levels(current, context.tr, changed=level is not None)
    await (edit if query else send)(update, screen)


async def leave(update: Update, context: CustomContext) -> int:
    """/annuler: nothing changes."""
    await send(update, render.Screen(render.problem("left", context.tr)))
    return _end(context)


def handlers() -> list[BaseHandler]:
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    entries = [
        CallbackQueryHandler(ask_cancel, pattern=AskCancelSlot.matches),
        CallbackQueryHandler(ask_move, pattern=AskMoveSlot.matches),
        CallbackQueryHandler(start_walk_in, pattern=StartWalkIn.matches),
    ]
    conversation = persistent_conversation(
        name=NAME,
        entry_points=entries,
        states={
            Step.REASON: [MessageHandler(text, type_reason)],
            Step.NEW_TIME: [MessageHandler(text, type_new_time)],
            Step.WALK_IN_NAME: [MessageHandler(text, type_walk_in_name)],
            Step.WALK_IN_NEED: [
                CallbackQueryHandler(choose_walk_in_need, pattern=WalkInNeed.matches)
            ],
            Step.WALK_IN_PHONE: [
                MessageHandler(text, type_walk_in_phone),
                CallbackQueryHandler(skip_walk_in_phone, pattern=WalkInNoPhone.matches),
            ],
        },
        fallbacks=[
            CommandHandler("annuler", leave),
            CallbackQueryHandler(cancel_now, pattern=CancelSessionNow.matches),
            CallbackQueryHandler(show_session, pattern=PlanningSlot.matches),
            *entries,
        ],
        timeout=TIMEOUT,
    )
    return [
        conversation,
        CommandHandler("planning", show_planning),
        CommandHandler("notifications", notifications),
        CallbackQueryHandler(show_planning, pattern=PlanningPage.matches),
        CallbackQueryHandler(show_session, pattern=PlanningSlot.matches),
        CallbackQueryHandler(cancel_now, pattern=CancelSessionNow.matches),
        CallbackQueryHandler(mark_presence, pattern=MarkPresence.matches),
        CallbackQueryHandler(ask_cancel_walk_in, pattern=AskCancelWalkIn.matches),
        CallbackQueryHandler(confirm_cancel_walk_in, pattern=ConfirmCancelWalkIn.matches),
        CallbackQueryHandler(notifications, pattern=NotificationChoice.matches),
    ]

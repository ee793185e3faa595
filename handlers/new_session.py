"""/nouvelle_seance: an advisor or a coordinator adds a session, or a series of them, in a guided
dialogue: place, kind, themes, title, day, start, duration, seats, repetition, then a summary.

One `ConversationHandler` named "new_session", persistent like the journey, registered before it
so that its steps own the text typed while it runs; `/annuler` (or "❌ Annuler") leaves at every
step, "⬅️ Retour" asks the previous question again, and it ends by itself after `TIMEOUT`.

Where the answers live: the conversation's state (a `Step`, a small int) says which question
typed text answers; the answers so far are a `SessionDraft` in the user's `Draft`
(`Draft.new_session`), which `bot.persistence` stores as JSON in the same transaction as the
state. Both survive a restart; neither is the truth about anything: `scheduling.sessions`
checks everything again when the sessions are created.

Each button carries one answer and works at any step while the dialogue runs; after each answer
the dialogue asks the first question not yet answered, so going back to change one answer leads
straight back to the summary. Who may act, and at which place, is asked of the database at every
step (`handlers.staff_access.allowed`), and again at "Créer": never taken from a button.
"""

import functools
import json
import logging
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
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
    NEW_SESSION_BUTTONS,
    NewBack,
    NewCancel,
    NewCapacity,
    NewCreate,
    NewDay,
    NewDuration,
    NewKind,
    NewPlace,
    NewRepeat,
    NewRestart,
    NewStart,
    NewTheme,
    NewThemesDone,
    NewTitleSuggested,
    NewUntil,
)
from handlers.context import CustomContext, SessionDraft
from handlers.conversation import persistent_conversation
from handlers.render import new_session as render
from handlers.render.new_session import Period, Problem
from handlers.replies import drop_buttons, edit, send
from handlers.staff_access import allowed
from knowledge.places import find_places
from knowledge.themes import THEMES_BY_SLUG
from scheduling.authority import Action
from scheduling.local_time import at_local, local_date, zone
from scheduling.models import WorkshopKind
from scheduling.sessions import (
    MAX_CAPACITY,
    MAX_DURATION,
    MIN_DURATION,
    TITLE_LENGTH,
    NewSessions,
    Repetition,
    SessionPlace,
    SessionRefused,
    SessionsAdded,
    add_sessions,
    check_sessions,
    occurrences,
    session_places,
)
from scheduling.staff import Actor, Role
from scheduling.typed_times import (
    TypedRefused,
    parse_day_and_time,
    parse_duration,
    parse_number,
    parse_time,
)

logger = logging.getLogger(__name__)

NAME = "new_session"
# The journey's: a step stored longer ago is over (read before each update, `bot.application`).
TIMEOUT = journey.TIMEOUT
# Places offered as buttons after a search: enough to spot the right one on a phone.
PLACES_SHOWN = 8


class Step(IntEnum):
    """The question on screen, where typed text goes. Stored in the database: never renumber."""

    PLACE = 1
    KIND = 2
    THEMES = 3
    TITLE = 4
    DAY = 5
    START = 6
    DURATION = 7
    CAPACITY = 8
    REPEAT = 9
    UNTIL = 10
    CONFIRM = 11


# --- the draft ------------------------------------------------------------------------------------


def _draft(context: CustomContext) -> SessionDraft:
    return SessionDraft.from_json(context.user_data.new_session)


def _keep(context: CustomContext, draft: SessionDraft) -> None:
    context.user_data.new_session = draft.to_json()


def _end(context: CustomContext) -> int:
    context.user_data.new_session = None
    return ConversationHandler.END


def _first_missing(draft: SessionDraft) -> Step:
    if draft.place_id is None or draft.timezone is None:
        return Step.PLACE
    if draft.kind is None:
        return Step.KIND
    if not draft.themes or not draft.themes_done:
        return Step.THEMES
    if draft.title is None:
        return Step.TITLE
    if draft.day is None:
        return Step.DAY
    if draft.start is None:
        return Step.START
    if draft.minutes is None:
        return Step.DURATION
    if draft.capacity is None:
        return Step.CAPACITY
    if draft.every_weeks is None:
        return Step.REPEAT
    if draft.every_weeks and draft.until is None:
        return Step.UNTIL
    return Step.CONFIRM


def _asked(draft: SessionDraft, step: Step) -> bool:
    """Whether this dialogue asks that question (an advisor's only place, an individual
    appointment's one seat, a single session's end are not asked)."""
    if step is Step.PLACE:
        return not draft.place_fixed
    if step is Step.CAPACITY:
        return draft.kind != WorkshopKind.INDIVIDUAL
    if step is Step.UNTIL:
        return bool(draft.every_weeks)
    return True


def _previous(draft: SessionDraft, step: Step) -> int | None:
    """Where "⬅️ Retour" leads from `step`; None on the first question."""
    earlier = [s for s in Step if s < step and _asked(draft, s)]
    return earlier[-1].value if earlier else None


def _first_start(draft: SessionDraft) -> datetime:
    assert draft.day and draft.start and draft.timezone
    return at_local(date.fromisoformat(draft.day), time.fromisoformat(draft.start), draft.timezone)


def _new_sessions(draft: SessionDraft) -> NewSessions:
    assert draft.kind and draft.title and draft.minutes and draft.capacity and draft.day
    repetition = None
    if draft.every_weeks:
        assert draft.until
        repetition = Repetition(draft.every_weeks, date.fromisoformat(draft.until))
    return NewSessions(
        title=draft.title,
        kind=WorkshopKind(draft.kind),
        themes=draft.themes,
        first_start=_first_start(draft),
        duration=timedelta(minutes=draft.minutes),
        capacity=draft.capacity,
        repetition=repetition,
    )


def _check(draft: SessionDraft) -> int:
    """A short fingerprint of the answers, carried by "Créer" (see `NewCreate`)."""
    # 31 bits: a callback field is at most 2³¹−1 (see `callback_data`).
    return zlib.crc32(json.dumps(draft.to_json(), sort_keys=True).encode()) & 0x7FFFFFFF


def _now_local(context: CustomContext, draft: SessionDraft) -> datetime:
    assert draft.timezone
    return context.now().astimezone(zone(draft.timezone))


def _with_place(draft: SessionDraft, place: SessionPlace, *, fixed: bool) -> SessionDraft:
    return replace(
        draft, place_id=place.id, place_name=place.name, timezone=place.timezone, place_fixed=fixed
    )


# --- asking ---------------------------------------------------------------------------------------


async def _guard(update: Update, context: CustomContext) -> tuple[Actor, SessionDraft] | None:
    """Answer the button if any, then ask the database whether the sender may still add
    sessions at the place chosen so far (told kindly if not)."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    draft = _draft(context)
    actor = await allowed(update, context, Action.MANAGE_SESSIONS, structure_id=draft.place_id)
    return None if actor is None else (actor, draft)


def _step(answer: Callable[..., Awaitable[Step | int]]) -> Callable[..., Awaitable[Step | int]]:
    """The handler of an answer: the button answered and the sender's right checked first; the
    dialogue ends (nothing created) for someone who may no longer add sessions there."""

    @functools.wraps(answer)
    async def handler(update: Update, context: CustomContext) -> Step | int:
        found = await _guard(update, context)
        if found is None:
            return _end(context)
        return await answer(update, context, *found)

    return handler


async def _next(
    update: Update,
    context: CustomContext,
    actor: Actor,
    draft: SessionDraft,
    *,
    intro: str | None = None,
) -> Step | int:
    """Ask the first question not answered yet (the summary once all are)."""
    return await _ask(update, context, actor, draft, _first_missing(draft), intro=intro)


async def _ask(
    update: Update,
    context: CustomContext,
    actor: Actor,
    draft: SessionDraft,
    step: Step,
    *,
    intro: str | None = None,
) -> Step | int:
    """Show the question of `step` (answered or not), in place of the button's message."""
    if step is Step.PLACE:
        return await _ask_place(update, context, actor, draft, intro=intro)
    if step is Step.CONFIRM:
        return await _confirm(update, context, actor, draft, intro=intro)
    tr = context.tr
    back = _previous(draft, step)
    if step is Step.KIND:
        screen = render.ask_kind(draft.place_name or "", tr=tr, back=back, intro=intro)
    elif step is Step.THEMES:
        screen = render.ask_themes(draft.themes, tr=tr, back=back, intro=intro)
    elif step is Step.TITLE:
        screen = render.ask_title(draft.themes, tr=tr, back=back, intro=intro)
    elif step is Step.DAY:
        today = _now_local(context, draft).date()
        screen = render.ask_day(today, tr=tr, back=back, intro=intro)
    elif step is Step.START:
        assert draft.day
        screen = render.ask_start(date.fromisoformat(draft.day), tr=tr, back=back, intro=intro)
    elif step is Step.DURATION:
        screen = render.ask_duration(tr=tr, back=back, intro=intro)
    elif step is Step.CAPACITY:
        screen = render.ask_capacity(tr=tr, back=back, intro=intro)
    elif step is Step.REPEAT:
        screen = render.ask_repeat(tr=tr, back=back, intro=intro)
    else:
        screen = render.ask_until(_until_options(draft), tr=tr, back=back, intro=intro)
    _keep(context, draft)
    await edit(update, screen)
    return step


async def _ask_place(
    update: Update,
    context: CustomContext,
    actor: Actor,
    draft: SessionDraft,
    *,
    intro: str | None = None,
    search: str | None = None,
) -> Step | int:
    """The staff member's open places as buttons (or those `search` finds); an advisor with
    only one is not asked."""
    coordinator = actor.role is Role.COORDINATOR

    def look(session: Session) -> list[SessionPlace]:
        ids = actor.structure_ids
        if search is not None:
            found = find_places(session, context.services.gazetteer, search=search, limit=200)
            ids = {place.id for place in found if coordinator or place.id in actor.structure_ids}
        return [place for place in session_places(session, structure_ids=ids) if not place.closed]

    places = await context.transaction(look)
    if search is not None and not places:
        intro = render.problem(Problem.PLACE_NOT_FOUND, context.tr)
        places = await context.transaction(
            lambda session: [
                p
                for p in session_places(session, structure_ids=actor.structure_ids)
                if not p.closed
            ]
        )
    if not coordinator and search is None:
        if not places:
            await send(update, render.no_place(context.tr))
            return _end(context)
        if len(places) == 1:
            return await _next(update, context, actor, _with_place(draft, places[0], fixed=True))
    _keep(context, replace(draft, place_fixed=False))
    choices = [(place.id, place.name) for place in places[:PLACES_SHOWN]]
    await edit(
        update, render.ask_place(choices, can_search=coordinator, tr=context.tr, intro=intro)
    )
    return Step.PLACE


async def _confirm(
    update: Update,
    context: CustomContext,
    actor: Actor,
    draft: SessionDraft,
    *,
    intro: str | None = None,
) -> Step | int:
    """The summary, once `scheduling.sessions` agrees; else the question to answer again."""
    starts = check_sessions(_new_sessions(draft), timezone=draft.timezone, now=context.now())
    if isinstance(starts, SessionRefused):
        return await _refused(update, context, actor, draft, starts)
    _keep(context, draft)
    screen = render.summary(
        draft,
        starts,
        today=_now_local(context, draft).date(),
        check=_check(draft),
        tr=context.tr,
        back=_previous(draft, Step.CONFIRM),
        intro=intro,
    )
    await edit(update, screen)
    return Step.CONFIRM


async def _refused(
    update: Update,
    context: CustomContext,
    actor: Actor,
    draft: SessionDraft,
    reason: SessionRefused,
) -> Step | int:
    """Say why, forget the answer at fault, and ask for it again."""
    if reason in (SessionRefused.UNKNOWN_PLACE, SessionRefused.PLACE_CLOSED):
        draft = replace(draft, place_id=None, place_name=None, timezone=None, place_fixed=False)
    elif reason in (SessionRefused.NO_THEME, SessionRefused.UNKNOWN_THEME):
        themes = tuple(theme for theme in draft.themes if theme in THEMES_BY_SLUG)
        draft = replace(draft, themes=themes, themes_done=False)
    elif reason is SessionRefused.NO_TITLE:
        draft = replace(draft, title=None)
    elif reason is SessionRefused.IN_THE_PAST:
        draft = replace(draft, day=None, start=None)
    elif reason is SessionRefused.BAD_DURATION:
        draft = replace(draft, minutes=None)
    elif reason is SessionRefused.BAD_CAPACITY:
        draft = replace(draft, capacity=None)
    else:  # BAD_REPETITION, TOO_MANY
        draft = replace(draft, until=None)
    return await _next(update, context, actor, draft, intro=render.problem(reason, context.tr))


def _until_options(draft: SessionDraft) -> list[tuple[Period, date, int]]:
    """The usual ends of the series: each as its last session's day and how many it makes."""
    assert draft.day and draft.every_weeks and draft.timezone
    first = date.fromisoformat(draft.day)
    month_end = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
    quarter_month = (first.month - 1) // 3 * 3 + 4  # the month after the quarter
    quarter_end = date(first.year + quarter_month // 13, (quarter_month - 1) % 12 + 1, 1)
    bounds = [
        (Period.FOUR_WEEKS, first + timedelta(weeks=4, days=-1)),
        (Period.EIGHT_WEEKS, first + timedelta(weeks=8, days=-1)),
        (Period.END_OF_MONTH, month_end),
        (Period.END_OF_QUARTER, quarter_end - timedelta(days=1)),
    ]
    # One button per last day, named after the first of these periods that leads to it.
    options: dict[date, tuple[Period, date, int]] = {}
    for period, bound in bounds:
        starts = _series(draft, bound)
        last = local_date(starts[-1], draft.timezone)
        options.setdefault(last, (period, last, len(starts)))
    return sorted(options.values(), key=lambda option: option[1])


def _series(draft: SessionDraft, until: date) -> list[datetime]:
    assert draft.every_weeks and draft.timezone
    repetition = Repetition(draft.every_weeks, until)
    return occurrences(_first_start(draft), timezone=draft.timezone, repetition=repetition)


def _last_day(draft: SessionDraft, until: date) -> date:
    """The day of the last session up to `until`: what the summary says the series ends on."""
    assert draft.timezone
    return local_date(_series(draft, until)[-1], draft.timezone)


# --- the entry, the way out -----------------------------------------------------------------------


async def start(update: Update, context: CustomContext) -> Step | int:
    """/nouvelle_seance: staff only; the first question (or the second, for an advisor with
    only one place)."""
    actor = await allowed(update, context, Action.MANAGE_SESSIONS)
    if actor is None:
        return _end(context)
    return await _next(update, context, actor, SessionDraft())


async def cancel(update: Update, context: CustomContext) -> int:
    """/annuler or "❌ Annuler": nothing is created."""
    if update.callback_query is not None:
        await update.callback_query.answer()
        await drop_buttons(update)
    await send(update, render.cancelled(context.tr))
    return _end(context)


async def leave_for_journey(update: Update, context: CustomContext) -> int:
    """/start during the dialogue: it ends, nothing created, and the search for help begins
    (the journey's own /start never sees it while this dialogue owns the update)."""
    _end(context)
    await journey.start(update, context)
    return ConversationHandler.END


async def not_in_progress(update: Update, context: CustomContext) -> None:
    """A button of a dialogue that is over: say so, and how to start again."""
    await update.callback_query.answer()
    await drop_buttons(update)
    await send(update, render.not_in_progress(context.tr))


def _again(step: Step):
    """For typed text (or a sticker) where only a button can answer `step`."""

    @_step
    async def again(
        update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
    ) -> Step | int:
        """Say so, and ask the same question again."""
        intro = render.problem(Problem.USE_THE_BUTTONS, context.tr)
        return await _ask(update, context, actor, draft, step, intro=intro)

    return again


# --- the answers, by button -----------------------------------------------------------------------


async def choose_place(update: Update, context: CustomContext) -> Step | int | None:
    """A place button: only a place the sender may manage (asked of the database, whatever the
    button says), open."""
    query = update.callback_query
    await query.answer()
    structure_id = NewPlace.unpack(query.data).structure_id
    actor = await allowed(update, context, Action.MANAGE_SESSIONS, structure_id=structure_id)
    if actor is None:
        return None  # the same question stays on screen; nothing is kept
    draft = _draft(context)
    places = await context.transaction(session_places, structure_ids=[structure_id])
    if not places or places[0].closed:
        reason = SessionRefused.PLACE_CLOSED if places else SessionRefused.UNKNOWN_PLACE
        return await _ask_place(
            update, context, actor, draft, intro=render.problem(reason, context.tr)
        )
    return await _next(update, context, actor, _with_place(draft, places[0], fixed=False))


@_step
async def choose_kind(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "Atelier collectif" or "Rendez-vous individuel" (one seat, not asked)."""
    kind = NewKind.unpack(update.callback_query.data).kind
    if kind not in set(WorkshopKind):
        return await _ask(update, context, actor, draft, Step.KIND)
    if kind == WorkshopKind.INDIVIDUAL:
        capacity = 1
    else:  # an individual appointment's one seat is no answer for a workshop
        capacity = None if draft.kind == WorkshopKind.INDIVIDUAL else draft.capacity
    return await _next(update, context, actor, replace(draft, kind=kind, capacity=capacity))


@_step
async def toggle_theme(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """A theme button: chosen, or no longer; the same question, marked."""
    theme = NewTheme.unpack(update.callback_query.data).theme
    if theme in draft.themes:
        themes = tuple(t for t in draft.themes if t != theme)
    elif theme in THEMES_BY_SLUG:
        themes = (*draft.themes, theme)
    else:
        themes = draft.themes
    draft = replace(draft, themes=themes, themes_done=False)
    return await _ask(update, context, actor, draft, Step.THEMES)


@_step
async def themes_done(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "Continuer": at least one theme."""
    if not draft.themes:
        intro = render.problem(SessionRefused.NO_THEME, context.tr)
        return await _ask(update, context, actor, draft, Step.THEMES, intro=intro)
    return await _next(update, context, actor, replace(draft, themes_done=True))


@_step
async def use_suggested_title(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "Utiliser : <label>": the themes' labels, in the sender's language."""
    if not draft.themes:
        return await _next(update, context, actor, replace(draft, themes_done=False))
    title = render.suggested_title(draft.themes, context.tr)[:TITLE_LENGTH]
    return await _next(update, context, actor, replace(draft, title=title))


@_step
async def choose_day(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """A day button (today, tomorrow, the coming week); the start is asked next."""
    if draft.timezone is None:
        return await _next(update, context, actor, draft)
    try:
        day = date.fromisoformat(NewDay.unpack(update.callback_query.data).day)
    except ValueError:
        return await _ask(update, context, actor, draft, Step.DAY)
    if day < _now_local(context, draft).date():  # an old button
        intro = render.problem(SessionRefused.IN_THE_PAST, context.tr)
        return await _ask(update, context, actor, draft, Step.DAY, intro=intro)
    return await _next(update, context, actor, replace(draft, day=str(day), start=None))


async def _take_start(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft, start: time
) -> Step | int:
    assert draft.day and draft.timezone
    if at_local(date.fromisoformat(draft.day), start, draft.timezone) <= context.now():
        intro = render.problem(SessionRefused.IN_THE_PAST, context.tr)
        return await _ask(update, context, actor, draft, Step.START, intro=intro)
    return await _next(update, context, actor, replace(draft, start=start.strftime("%H:%M")))


@_step
async def choose_start(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """A start button (9h, 10h…), on the day chosen."""
    minutes = NewStart.unpack(update.callback_query.data).minutes
    if draft.day is None or draft.timezone is None or not 0 <= minutes < 24 * 60:
        return await _next(update, context, actor, draft)
    return await _take_start(update, context, actor, draft, time(minutes // 60, minutes % 60))


@_step
async def choose_duration(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    minutes = NewDuration.unpack(update.callback_query.data).minutes
    return await _take_duration(update, context, actor, draft, timedelta(minutes=minutes))


async def _take_duration(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft, length: timedelta
) -> Step | int:
    if not MIN_DURATION <= length <= MAX_DURATION:
        intro = render.problem(SessionRefused.BAD_DURATION, context.tr)
        return await _ask(update, context, actor, draft, Step.DURATION, intro=intro)
    minutes = int(length.total_seconds() // 60)
    return await _next(update, context, actor, replace(draft, minutes=minutes))


@_step
async def choose_capacity(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    seats = NewCapacity.unpack(update.callback_query.data).seats
    return await _take_capacity(update, context, actor, draft, seats)


async def _take_capacity(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft, seats: int
) -> Step | int:
    if not 1 <= seats <= MAX_CAPACITY:
        intro = render.problem(SessionRefused.BAD_CAPACITY, context.tr)
        return await _ask(update, context, actor, draft, Step.CAPACITY, intro=intro)
    return await _next(update, context, actor, replace(draft, capacity=seats))


@_step
async def choose_repeat(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "Une seule fois", "Chaque semaine", "Toutes les 2 semaines"."""
    every_weeks = NewRepeat.unpack(update.callback_query.data).every_weeks
    if not 0 <= every_weeks <= 52:
        return await _ask(update, context, actor, draft, Step.REPEAT)
    until = draft.until if every_weeks else None
    return await _next(update, context, actor, replace(draft, every_weeks=every_weeks, until=until))


@_step
async def choose_until(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    try:
        until = date.fromisoformat(NewUntil.unpack(update.callback_query.data).day)
    except ValueError:
        return await _next(update, context, actor, draft)
    return await _take_until(update, context, actor, draft, until)


async def _take_until(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft, until: date
) -> Step | int:
    if not draft.every_weeks or draft.day is None:
        return await _next(update, context, actor, draft)
    if until < date.fromisoformat(draft.day):
        intro = render.problem(SessionRefused.BAD_REPETITION, context.tr)
        return await _ask(update, context, actor, draft, Step.UNTIL, intro=intro)
    return await _next(update, context, actor, replace(draft, until=str(_last_day(draft, until))))


@_step
async def go_back(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "⬅️ Retour": that question again, its answer kept until another is given."""
    wanted = NewBack.unpack(update.callback_query.data).step
    missing = _first_missing(draft)
    step = Step(wanted) if wanted in set(Step) and wanted <= missing else missing
    return await _ask(update, context, actor, draft, step)


@_step
async def restart(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "✏️ Recommencer": every answer forgotten, the first question again."""
    return await _next(update, context, actor, SessionDraft())


@_step
async def create(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "✅ Créer": the sender's right at the place checked again, then the sessions, bookable
    at once; or why not, and the question to answer again."""
    if _first_missing(draft) is not Step.CONFIRM:
        return await _next(update, context, actor, draft)
    if NewCreate.unpack(update.callback_query.data).check != _check(draft):
        # An older summary's button: show what would be created now instead.
        intro = render.problem(Problem.SUMMARY_CHANGED, context.tr)
        return await _confirm(update, context, actor, draft, intro=intro)
    assert draft.place_id is not None
    outcome = await context.transaction(
        add_sessions,
        structure_id=draft.place_id,
        new=_new_sessions(draft),
        advisor_id=actor.advisor_id,
        now=context.now(),
    )
    if isinstance(outcome, SessionRefused):
        return await _refused(update, context, actor, draft, outcome)
    assert isinstance(outcome, SessionsAdded)
    logger.info("%d sessions added at place %s", len(outcome.slot_ids), draft.place_id)
    await drop_buttons(update)
    screen = render.created(
        len(outcome.slot_ids),
        title=draft.title or "",
        place_name=draft.place_name or "",
        themes_added=outcome.themes_added_to_place,
        tr=context.tr,
    )
    await send(update, screen)
    return _end(context)


# --- the answers, typed ---------------------------------------------------------------------------


@_step
async def type_place(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """A few letters of a place's name or commune."""
    return await _ask_place(update, context, actor, draft, search=update.message.text)


@_step
async def type_theme(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """A need in words ("impôts") chooses its theme, as residents' words do."""
    match = await context.compute(context.services.needs.classify, update.message.text)
    if match is None:
        intro = render.problem(Problem.USE_THE_BUTTONS, context.tr)
        return await _ask(update, context, actor, draft, Step.THEMES, intro=intro)
    themes = draft.themes if match.theme in draft.themes else (*draft.themes, match.theme)
    return await _ask(update, context, actor, replace(draft, themes=themes), Step.THEMES)


@_step
async def type_title(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    title = " ".join(update.message.text.split())
    if not title or len(title) > TITLE_LENGTH:
        intro = render.problem(SessionRefused.NO_TITLE, context.tr)
        return await _ask(update, context, actor, draft, Step.TITLE, intro=intro)
    return await _next(update, context, actor, replace(draft, title=title))


@_step
async def type_day(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "jeudi 14h", "12/01 9h30", "demain": the day, and the start if given."""
    if draft.timezone is None:
        return await _next(update, context, actor, draft)
    typed = parse_day_and_time(update.message.text, now_local=_now_local(context, draft))
    if isinstance(typed, TypedRefused):
        which = SessionRefused.IN_THE_PAST if typed is TypedRefused.IN_THE_PAST else None
        intro = render.problem(which or Problem.DATE_NOT_UNDERSTOOD, context.tr)
        return await _ask(update, context, actor, draft, Step.DAY, intro=intro)
    day, start = typed
    start_text = start.strftime("%H:%M") if start is not None else None
    return await _next(update, context, actor, replace(draft, day=str(day), start=start_text))


@_step
async def type_start(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "14h30"; or a day and its start, typed again."""
    if draft.day is None or draft.timezone is None:
        return await _next(update, context, actor, draft)
    start = parse_time(update.message.text)
    if start is not None:
        return await _take_start(update, context, actor, draft, start)
    typed = parse_day_and_time(update.message.text, now_local=_now_local(context, draft))
    if isinstance(typed, tuple):
        day, start = typed
        start_text = start.strftime("%H:%M") if start is not None else None
        return await _next(update, context, actor, replace(draft, day=str(day), start=start_text))
    which = (
        SessionRefused.IN_THE_PAST
        if typed is TypedRefused.IN_THE_PAST
        else Problem.TIME_NOT_UNDERSTOOD
    )
    intro = render.problem(which, context.tr)
    return await _ask(update, context, actor, draft, Step.START, intro=intro)


@_step
async def type_duration(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "45 min", "1h30", "2h"."""
    length = parse_duration(update.message.text)
    if length is None:
        intro = render.problem(Problem.DURATION_NOT_UNDERSTOOD, context.tr)
        return await _ask(update, context, actor, draft, Step.DURATION, intro=intro)
    return await _take_duration(update, context, actor, draft, length)


@_step
async def type_capacity(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """ "8", "12 places"."""
    seats = parse_number(update.message.text)
    return await _take_capacity(update, context, actor, draft, seats or 0)


@_step
async def type_until(
    update: Update, context: CustomContext, actor: Actor, draft: SessionDraft
) -> Step | int:
    """The last session's day: "30/06", "fin juin" is not understood (the buttons have it)."""
    if draft.timezone is None:
        return await _next(update, context, actor, draft)
    typed = parse_day_and_time(update.message.text, now_local=_now_local(context, draft))
    if isinstance(typed, TypedRefused):
        which = (
            SessionRefused.BAD_REPETITION
            if typed is TypedRefused.IN_THE_PAST
            else Problem.DATE_NOT_UNDERSTOOD
        )
        intro = render.problem(which, context.tr)
        return await _ask(update, context, actor, draft, Step.UNTIL, intro=intro)
    return await _take_until(update, context, actor, draft, typed[0])


# --- the handlers ---------------------------------------------------------------------------------


def _is_ours(data: object) -> bool:
    return any(kind.matches(data) for kind in NEW_SESSION_BUTTONS)


def handlers() -> list[BaseHandler]:
    new_message = filters.UpdateType.MESSAGE & ~filters.COMMAND
    text = new_message & filters.TEXT
    anything_else = new_message & ~filters.StatusUpdate.ALL
    typed = {
        Step.PLACE: type_place,
        Step.THEMES: type_theme,
        Step.TITLE: type_title,
        Step.DAY: type_day,
        Step.START: type_start,
        Step.DURATION: type_duration,
        Step.CAPACITY: type_capacity,
        Step.UNTIL: type_until,
    }
    states = {
        step: [
            *([MessageHandler(text, typed[step])] if step in typed else []),
            MessageHandler(anything_else, _again(step)),
        ]
        for step in Step
    }
    buttons = [
        CallbackQueryHandler(choose_place, pattern=NewPlace.matches),
        CallbackQueryHandler(choose_kind, pattern=NewKind.matches),
        CallbackQueryHandler(toggle_theme, pattern=NewTheme.matches),
        CallbackQueryHandler(themes_done, pattern=NewThemesDone.matches),
        CallbackQueryHandler(use_suggested_title, pattern=NewTitleSuggested.matches),
        CallbackQueryHandler(choose_day, pattern=NewDay.matches),
        CallbackQueryHandler(choose_start, pattern=NewStart.matches),
        CallbackQueryHandler(choose_duration, pattern=NewDuration.matches),
        CallbackQueryHandler(choose_capacity, pattern=NewCapacity.matches),
        CallbackQueryHandler(choose_repeat, pattern=NewRepeat.matches),
        CallbackQueryHandler(choose_until, pattern=NewUntil.matches),
        CallbackQueryHandler(go_back, pattern=NewBack.matches),
        CallbackQueryHandler(create, pattern=NewCreate.matches),
        CallbackQueryHandler(restart, pattern=NewRestart.matches),
        CallbackQueryHandler(cancel, pattern=NewCancel.matches),
    ]
    conversation = persistent_conversation(
        name=NAME,
        entry_points=[CommandHandler("nouvelle_seance", start)],
        # Past `TIMEOUT` the step is over (`bot.application`); the answers kept in the draft are
        # replaced by the next /nouvelle_seance's, and forgotten by retention.
        states=states,
        fallbacks=[
            CommandHandler("annuler", cancel),
            CommandHandler("nouvelle_seance", start),
            CommandHandler("start", leave_for_journey),
            *buttons,
        ],
        timeout=TIMEOUT,
    )
    return [
        conversation,
        # Outside the dialogue (over, cancelled, expired), its buttons get an answer.
        CallbackQueryHandler(not_in_progress, pattern=_is_ours),
    ]

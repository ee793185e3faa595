"""The dashboard's pages and forms: parse, check, call `scheduling`, render a template.

GET pages show; POST forms change something and redirect (303) to the page that shows the
result, with a short code for the notice (`done=`, `problem=`), so that a reload repeats
nothing. Every form carries the session's CSRF token (`access.checked_form`).
"""

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from handlers.context import Tr
from handlers.render import new_session as new_session_render
from handlers.render import planning as planning_render
from handlers.web import access, forms
from handlers.web.access import page, staff
from handlers.web.view import DayView, SessionView, WeekView, new_session_choices
from knowledge.gazetteer import timezone_for_department
from knowledge.places import find_places
from knowledge.themes import THEMES_BY_SLUG
from scheduling.attendance import Marked, NotStarted, mark_attendance
from scheduling.authority import Action
from scheduling.booking import Booked, Cancelled, SlotFull
from scheduling.errors import InvalidSlotTimes
from scheduling.local_time import at_local, local_date
from scheduling.models import BookedBy, WorkshopKind
from scheduling.planning import (
    cancel_walk_in,
    day_sheet,
    days_planning,
    planning_places,
    session_detail,
    slot_of_booking,
)
from scheduling.residents import FIRST_NAME_LENGTH
from scheduling.service_changes import SlotCancelled, SlotMoved, cancel_slot, move_slot
from scheduling.sessions import (
    EditRefused,
    NewSessions,
    Repetition,
    SessionPlace,
    SessionRefused,
    add_sessions,
    edit_session,
)
from scheduling.staff import Role, list_advisors
from scheduling.walk_ins import book_walk_in, valid_phone
from scheduling.web_logins import LoginRefused, end_session, open_session, session_user

logger = logging.getLogger(__name__)

REASON_LENGTH = 300
SEARCH_LENGTH = 100
SEARCH_LIMIT = 50
SEE_OTHER = 303


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=SEE_OTHER)


def _today(places: Sequence[SessionPlace], place_id: int | None, now: datetime) -> date:
    """Today where the place chosen is (else the first place shown; else in mainland France):
    a week or a day by default is the place's, not UTC's."""
    chosen = [place for place in places if place.id == place_id] or list(places)
    return local_date(now, chosen[0].timezone if chosen else timezone_for_department(""))


# --- logging in and out ---------------------------------------------------------------------------


async def login(request: Request) -> Response:
    """/connexion/<token>: the link /tableau sent; opens the session, once."""
    known = access.services(request)
    if request.query_params.get("lang") in ("fr", "en"):
        request.session[access.LANGUAGE] = request.query_params["lang"]
    opened = await known.transaction(
        open_session, token=request.path_params["token"], now=known.clock()
    )
    if isinstance(opened, LoginRefused):
        logger.info("web: login link refused (%s)", opened.value)
        login_id = request.session.get(access.LOGIN)
        if isinstance(login_id, int) and await known.transaction(
            session_user, login_id=login_id, now=known.clock()
        ):
            # The link opened this browser's session already (a second click, the back button).
            return _redirect("/planning")
        return access.refused(request, "bad_link")
    request.session[access.LOGIN] = opened.login_id
    request.session.pop(access.CSRF, None)
    actor = await staff(request, Action.SEE_PLANNING)
    if isinstance(actor, Response):  # a resident, or an advisor since revoked
        request.session.pop(access.LOGIN, None)
        return actor
    logger.info("web: a %s logged in", actor.role.value)
    return _redirect("/planning")


async def logout(request: Request) -> Response:
    if await access.checked_form(request) is None:
        return access.refused(request, "forged")
    login_id = request.session.get(access.LOGIN)
    if isinstance(login_id, int):
        known = access.services(request)
        await known.transaction(end_session, login_id=login_id, now=known.clock())
    language = access.language(request)
    request.session.clear()
    request.session[access.LANGUAGE] = language
    return page(request, "signed_out.html")


async def choose_language(request: Request) -> Response:
    """/langue/en?next=/planning: a preference of the browser, nothing else."""
    code = request.path_params["code"]
    if code in ("fr", "en"):
        request.session[access.LANGUAGE] = code
    target = request.query_params.get("next", "/planning")
    safe = target.startswith("/") and not target.startswith("//")
    return _redirect(target if safe else "/planning")


async def home(request: Request) -> Response:
    return _redirect("/planning")


# --- the planning ---------------------------------------------------------------------------------


async def week(request: Request) -> Response:
    """/planning?semaine=2025-03-03&lieu=12&conseiller=3: a week of sessions."""
    place_id = forms.number(request.query_params.get("lieu"))
    actor = await staff(request, Action.SEE_PLANNING, structure_id=place_id)
    if isinstance(actor, Response):
        return actor
    known = access.services(request)
    advisor_id = forms.number(request.query_params.get("conseiller"))
    if actor.role is not Role.COORDINATOR:
        advisor_id = None
    asked = forms.day(request.query_params.get("semaine"))
    places = access.places_of(actor) if place_id is None else [place_id]
    now = known.clock()

    def read(session: Session):
        place_list = planning_places(session, structure_ids=access.places_of(actor))
        chosen = asked or _today(place_list, place_id, now)
        monday = chosen - timedelta(days=chosen.weekday())
        return (
            monday,
            days_planning(session, structure_ids=places, first_day=monday, advisor_id=advisor_id),
            place_list,
            list_advisors(session) if actor.role is Role.COORDINATOR else [],
        )

    monday, sessions, place_list, advisors = await known.transaction(read)
    view = WeekView.of(
        sessions, monday=monday, place_id=place_id, advisor_id=advisor_id, tr=access.tr(request)
    )
    return page(
        request,
        "week.html",
        {
            "view": view,
            "places": place_list,
            "advisors": advisors,
            "notice": _notice(request, access.tr(request)),
        },
        actor=actor,
    )


async def day(request: Request) -> Response:
    """/jour?lieu=12&date=2025-03-04: a place's day, with the participants, to print."""
    place_id = forms.number(request.query_params.get("lieu"))
    actor = await staff(request, Action.SEE_PLANNING, structure_id=place_id)
    if isinstance(actor, Response):
        return actor
    known = access.services(request)
    asked = forms.day(request.query_params.get("date"))
    now = known.clock()

    def read(session: Session):
        places = planning_places(session, structure_ids=access.places_of(actor))
        chosen = asked or _today(places, place_id, now) + timedelta(days=1)
        if place_id is None:
            return chosen, places, []
        return chosen, places, day_sheet(session, structure_id=place_id, day=chosen)

    chosen, place_list, details = await known.transaction(read)
    view = DayView.of(
        details,
        day=chosen,
        place_id=place_id,
        places=place_list,
        now=known.clock(),
        tr=access.tr(request),
    )
    return page(request, "day.html", {"view": view, "places": place_list}, actor=actor)


# --- a session ------------------------------------------------------------------------------------


async def show_session(request: Request) -> Response:
    slot_id = request.path_params["slot_id"]
    actor = await staff(request, Action.SEE_PLANNING, slot_id=slot_id)
    if isinstance(actor, Response):
        return actor
    known = access.services(request)
    detail = await known.transaction(session_detail, slot_id=slot_id)
    language_tr = access.tr(request)
    view = SessionView.of(detail, now=known.clock(), tr=language_tr)
    notice = _notice(request, language_tr)
    return page(
        request,
        "session.html",
        {"view": view, "notice": notice, "choices": new_session_choices(language_tr)},
        actor=actor,
    )


def _notice(request: Request, tr: Tr) -> tuple[str, str] | None:
    """(kind, sentence) for the `done=` or `problem=` of a redirect."""
    _ = tr.gettext
    done = {
        "moved": _("La séance a été déplacée : les inscrits vont être prévenus."),
        "cancelled": _("La séance a été annulée : les inscrits vont être prévenus."),
        "marked": _("Présence notée."),
        "booked": _("Inscription faite."),
        "unbooked": _("Inscription annulée."),
        "created": _("Séance ajoutée."),
        "edited": _("Séance modifiée."),
    }
    problems = {
        "unavailable": planning_render.problem("unavailable", tr),
        "in_the_past": planning_render.problem("in_the_past", tr),
        "not_understood": planning_render.problem("not_understood", tr),
        "full": planning_render.problem("full", tr),
        "bad_name": planning_render.problem("bad_name", tr),
        "bad_phone": planning_render.problem("bad_phone", tr),
        "not_started": planning_render.problem("not_started", tr),
        "not_walk_in": planning_render.problem("not_walk_in", tr),
        "cancelled": planning_render.problem("cancelled", tr),
        "no_title": new_session_render.problem(SessionRefused.NO_TITLE, tr),
        "bad_capacity": new_session_render.problem(SessionRefused.BAD_CAPACITY, tr),
        "below_taken": _(
            "Il y a plus d'inscrits que ce nombre de places : désinscrivez d'abord quelqu'un."
        ),
    }
    code = request.query_params.get("done")
    if code in done:
        return "done", done[code]
    code = request.query_params.get("problem")
    if code in problems:
        return "problem", problems[code]
    return None


def _back(slot_id: int, **notice: str) -> RedirectResponse:
    (key, value), *_rest = notice.items()
    return _redirect(f"/seances/{slot_id}?{key}={value}")


async def _slot_form(request: Request, action: Action) -> tuple[int, FormData] | Response:
    """The slot of the URL and the form, if the CSRF token is right and the actor may."""
    slot_id = request.path_params["slot_id"]
    form = await access.checked_form(request)
    if form is None:
        return access.refused(request, "forged")
    actor = await staff(request, action, slot_id=slot_id)
    if isinstance(actor, Response):
        return actor
    request.state.actor = actor
    return slot_id, form


async def mark(request: Request) -> Response:
    """A participant came, or not."""
    checked = await _slot_form(request, Action.MARK_ATTENDANCE)
    if isinstance(checked, Response):
        return checked
    slot_id, form = checked
    booking_id = forms.number(form.get("booking"))
    known = access.services(request)

    def apply(session: Session):
        # The booking must be one of this slot's: the slot is what was checked.
        if booking_id is None or slot_of_booking(session, booking_id=booking_id) != slot_id:
            return None
        return mark_attendance(
            session, booking_id=booking_id, came=form.get("came") == "1", now=known.clock()
        )

    outcome = await known.transaction(apply)
    if isinstance(outcome, Marked):
        return _back(slot_id, done="marked")
    if isinstance(outcome, NotStarted):
        return _back(slot_id, problem="not_started")
    return _back(slot_id, problem="cancelled")


async def cancel(request: Request) -> Response:
    checked = await _slot_form(request, Action.MANAGE_SESSIONS)
    if isinstance(checked, Response):
        return checked
    slot_id, form = checked
    reason = " ".join(str(form.get("reason", "")).split())[:REASON_LENGTH] or None
    known = access.services(request)
    outcome = await known.transaction(
        cancel_slot, slot_id=slot_id, now=known.clock(), reason=reason
    )
    if isinstance(outcome, SlotCancelled):
        logger.info("web: slot %s cancelled by the staff", slot_id)
        return _back(slot_id, done="cancelled")
    return _back(slot_id, problem="unavailable")


async def move(request: Request) -> Response:
    """A new day and start, on the place's clock; the length stays the same."""
    checked = await _slot_form(request, Action.MANAGE_SESSIONS)
    if isinstance(checked, Response):
        return checked
    slot_id, form = checked
    new_day, new_time = forms.day(form.get("day")), forms.clock(form.get("time"))
    if new_day is None or new_time is None:
        return _back(slot_id, problem="not_understood")
    known = access.services(request)

    def apply(session: Session):
        detail = session_detail(session, slot_id=slot_id)
        slot = detail.slot
        new_start = at_local(new_day, new_time, slot.structure_timezone)
        try:
            return move_slot(
                session,
                slot_id=slot_id,
                new_start=new_start,
                new_end=new_start + (slot.ends_at - slot.starts_at),
                now=known.clock(),
                policy=known.policy,
            )
        except InvalidSlotTimes:
            return None

    outcome = await known.transaction(apply)
    if outcome is None:
        return _back(slot_id, problem="in_the_past")
    if isinstance(outcome, SlotMoved):
        logger.info("web: slot %s moved to slot %s", slot_id, outcome.new_slot_id)
        return _back(outcome.new_slot_id, done="moved")
    return _back(slot_id, problem="unavailable")


async def edit(request: Request) -> Response:
    """A new title (for every date of the workshop) and number of seats."""
    checked = await _slot_form(request, Action.MANAGE_SESSIONS)
    if isinstance(checked, Response):
        return checked
    slot_id, form = checked
    capacity = forms.number(form.get("capacity"))
    if capacity is None:
        return _back(slot_id, problem="bad_capacity")
    known = access.services(request)
    outcome = await known.transaction(
        edit_session,
        slot_id=slot_id,
        title=str(form.get("title", "")),
        capacity=capacity,
        now=known.clock(),
        policy=known.policy,
    )
    if isinstance(outcome, EditRefused):
        return _back(slot_id, problem=outcome.value)
    logger.info("web: slot %s edited, %d waitlist offers", slot_id, outcome.offers_made)
    return _back(slot_id, done="edited")


async def book(request: Request) -> Response:
    """Someone booked in person: first name, need, phone (or none)."""
    checked = await _slot_form(request, Action.BOOK_FOR_SOMEONE)
    if isinstance(checked, Response):
        return checked
    slot_id, form = checked
    actor = request.state.actor
    name = " ".join(str(form.get("first_name", "")).split())
    if not name or len(name) > FIRST_NAME_LENGTH:
        return _back(slot_id, problem="bad_name")
    phone = str(form.get("phone", "")).strip() or None
    if phone is not None and not valid_phone(phone):
        return _back(slot_id, problem="bad_phone")
    need = form.get("need")
    known = access.services(request)
    outcome = await known.transaction(
        book_walk_in,
        slot_id=slot_id,
        first_name=name,
        need=need if need in THEMES_BY_SLUG else None,
        phone=phone,
        booked_by=BookedBy.ADMIN if actor.role is Role.COORDINATOR else BookedBy.ADVISOR,
        now=known.clock(),
        policy=known.policy,
    )
    if isinstance(outcome, Booked):
        logger.info("web: walk-in booked on slot %s", slot_id)
        return _back(slot_id, done="booked")
    return _back(slot_id, problem="full" if isinstance(outcome, SlotFull) else "unavailable")


async def unbook(request: Request) -> Response:
    """Undo a booking the staff made for someone not on Telegram."""
    checked = await _slot_form(request, Action.BOOK_FOR_SOMEONE)
    if isinstance(checked, Response):
        return checked
    slot_id, form = checked
    booking_id = forms.number(form.get("booking"))
    known = access.services(request)

    def apply(session: Session):
        if booking_id is None or slot_of_booking(session, booking_id=booking_id) != slot_id:
            return None
        return cancel_walk_in(session, booking_id=booking_id, now=known.clock())

    outcome = await known.transaction(apply)
    if isinstance(outcome, Cancelled):
        return _back(slot_id, done="unbooked")
    return _back(slot_id, problem="not_walk_in")


# --- new sessions ---------------------------------------------------------------------------------


async def new_sessions_form(request: Request) -> Response:
    actor = await staff(request, Action.MANAGE_SESSIONS)
    if isinstance(actor, Response):
        return actor
    return await _new_sessions_page(request, actor, {}, None)


async def _new_sessions_page(request, actor, values, problem: str | None, status_code=200):
    """The form; a coordinator's places: those with sessions, and those found in the whole
    catalogue by `?recherche=` (for a first session at a place)."""
    known = access.services(request)
    search = " ".join(request.query_params.get("recherche", "").split())[:SEARCH_LENGTH]
    if actor.role is not Role.COORDINATOR:
        search = ""

    def read(session: Session):
        places = planning_places(session, structure_ids=access.places_of(actor))
        if search:
            found = find_places(session, known.gazetteer, search=search, limit=SEARCH_LIMIT)
            ids = {place.id for place in found}
            places = [*found, *(place for place in places if place.id not in ids)]
        return places

    places = await known.transaction(read)
    choices = new_session_choices(access.tr(request))
    return page(
        request,
        "new_session.html",
        {
            "places": places,
            "choices": choices,
            "values": values,
            "problem": problem,
            "search": search,
        },
        actor=actor,
        status_code=status_code,
    )


async def create_sessions(request: Request) -> Response:
    form = await access.checked_form(request)
    if form is None:
        return access.refused(request, "forged")
    place_id = forms.number(form.get("place"))
    if place_id is None:
        actor = await staff(request, Action.MANAGE_SESSIONS)
    else:
        actor = await staff(request, Action.MANAGE_SESSIONS, structure_id=place_id)
    if isinstance(actor, Response):
        return actor
    language_tr = access.tr(request)
    _ = language_tr.gettext
    values = {key: form.getlist(key) if key == "themes" else form.get(key) for key in form}
    first_day, start = forms.day(form.get("day")), forms.clock(form.get("time"))
    minutes, capacity = forms.number(form.get("minutes")), forms.number(form.get("capacity"))
    every_weeks = forms.number(form.get("every_weeks")) or 0
    until = forms.day(form.get("until"))
    kind = form.get("kind")
    if (
        place_id is None
        or first_day is None
        or start is None
        or minutes is None
        or capacity is None
        or kind not in tuple(WorkshopKind)
        or (every_weeks and until is None)
    ):
        problem = _("Remplissez chaque champ : lieu, type, date, heure, durée, places.")
        return await _new_sessions_page(request, actor, values, problem, 400)
    known = access.services(request)

    def apply(session: Session):
        [place] = planning_places(session, structure_ids=[place_id]) or [None]
        if place is None:
            return SessionRefused.UNKNOWN_PLACE, None
        new = NewSessions(
            title=str(form.get("title", "")),
            kind=WorkshopKind(kind),
            themes=tuple(form.getlist("themes")),
            first_start=at_local(first_day, start, place.timezone),
            duration=timedelta(minutes=minutes),
            capacity=capacity,
            repetition=Repetition(every_weeks=every_weeks, until=until) if every_weeks else None,
        )
        added = add_sessions(
            session,
            structure_id=place_id,
            new=new,
            advisor_id=actor.advisor_id,
            now=known.clock(),
        )
        return added, place.timezone

    outcome, timezone = await known.transaction(apply)
    if isinstance(outcome, SessionRefused):
        problem = new_session_render.problem(outcome, language_tr)
        return await _new_sessions_page(request, actor, values, problem, 400)
    logger.info("web: %d sessions added at place %s", len(outcome.slot_ids), place_id)
    first = local_date(outcome.starts[0], timezone)
    monday = first - timedelta(days=first.weekday())
    return _redirect(f"/planning?semaine={monday.isoformat()}&lieu={place_id}&done=created")


def routes() -> list[Route]:
    return [
        Route("/", home),
        Route("/connexion/{token}", login),
        Route("/deconnexion", logout, methods=["POST"]),
        Route("/langue/{code}", choose_language),
        Route("/planning", week),
        Route("/jour", day),
        Route("/seances/nouvelle", new_sessions_form),
        Route("/seances/nouvelle", create_sessions, methods=["POST"]),
        Route("/seances/{slot_id:int}", show_session),
        Route("/seances/{slot_id:int}/presence", mark, methods=["POST"]),
        Route("/seances/{slot_id:int}/annulation", cancel, methods=["POST"]),
        Route("/seances/{slot_id:int}/deplacement", move, methods=["POST"]),
        Route("/seances/{slot_id:int}/modification", edit, methods=["POST"]),
        Route("/seances/{slot_id:int}/inscription", book, methods=["POST"]),
        Route("/seances/{slot_id:int}/desinscription", unbook, methods=["POST"]),
    ]

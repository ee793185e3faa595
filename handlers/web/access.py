"""Who is at the dashboard, what they may do, and the page they get back.

The session cookie (signed by Starlette's SessionMiddleware with AIGUILLAGE_SECRET_KEY) holds
the id of a `scheduling.web_logins` session, the CSRF token of its forms and the language. At
every request `staff` reads, in one transaction, whose session it still is
(`session_user`), their role and places now (`actor_for`, as the bot does) and asks
`scheduling.authority` (`may`, `may_on_slot`, `may_on_booking`). Anyone else gets a 403 page and
nothing changes; the refusal is logged without personal data.
"""

import logging
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse

from handlers.context import LANGUAGES, Services, Tr
from scheduling.authority import Action, may, may_on_booking, may_on_slot
from scheduling.staff import Actor, Role, actor_for
from scheduling.web_logins import session_user

logger = logging.getLogger(__name__)

LOGIN = "login"
CSRF = "csrf"
LANGUAGE = "lang"


def services(request: Request) -> Services:
    return request.app.state.services


def language(request: Request) -> str:
    chosen = request.session.get(LANGUAGE)
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def tr(request: Request) -> Tr:
    code = language(request)
    return Tr.of(services(request).catalogs[code], code)


def csrf_token(request: Request) -> str:
    """The token every form of this session carries; made with the session."""
    token = request.session.get(CSRF)
    if not isinstance(token, str):
        token = request.session[CSRF] = secrets.token_urlsafe(32)
    return token


def page(
    request: Request,
    template: str,
    values: Mapping[str, Any] | None = None,
    *,
    actor: Actor | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The template in the visitor's language, with what every page shows."""
    language_tr = tr(request)
    context = {
        "request": request,
        "gettext": language_tr.gettext,
        "ngettext": language_tr.ngettext,
        "tr": language_tr,
        "lang": language_tr.locale,
        "actor": actor,
        "coordinator": actor is not None and actor.role is Role.COORDINATOR,
        "csrf": csrf_token(request) if actor is not None else "",
        **(values or {}),
    }
    html = request.app.state.templates.get_template(template).render(context)
    return HTMLResponse(html, status_code=status_code)


def refused(request: Request, reason: str) -> HTMLResponse:
    """The 403 page: `signed_out` (no session, or it ended), `not_allowed`, `forged` (a form
    without this session's CSRF token), `bad_link` (a login link used, expired or unknown)."""
    return page(request, "refused.html", {"reason": reason}, status_code=403)


async def staff(
    request: Request,
    action: Action,
    *,
    structure_id: int | None = None,
    slot_id: int | None = None,
    booking_id: int | None = None,
) -> Actor | HTMLResponse:
    """The actor, if their session lasts and they may do `action` (on the place, slot or
    booking named); else the 403 page to return."""
    login_id = request.session.get(LOGIN)
    if not isinstance(login_id, int):
        return refused(request, "signed_out")
    known = services(request)

    def decide(session: Session) -> Actor | str:
        now = known.clock()
        telegram_user_id = session_user(session, login_id=login_id, now=now)
        if telegram_user_id is None:
            return "signed_out"
        actor = actor_for(
            session, telegram_user_id=telegram_user_id, admin_ids=known.admin_ids, now=now
        )
        if slot_id is not None:
            permitted = may_on_slot(session, actor, action, slot_id=slot_id)
        elif booking_id is not None:
            permitted = may_on_booking(session, actor, action, booking_id=booking_id)
        else:
            permitted = may(actor, action, structure_id=structure_id)
        if not permitted:
            logger.warning("web: refused %s to a %s", action.value, actor.role.value)
            return "not_allowed"
        return actor

    decided = await known.transaction(decide)
    if isinstance(decided, str):
        if decided == "signed_out":
            request.session.pop(LOGIN, None)
        return refused(request, decided)
    return decided


async def checked_form(request: Request) -> FormData | None:
    """The form, if it carries this session's CSRF token; None for a forged one."""
    form = await request.form()
    sent = form.get(CSRF)
    expected = request.session.get(CSRF)
    if not isinstance(sent, str) or not isinstance(expected, str):
        return None
    return form if secrets.compare_digest(sent, expected) else None


def places_of(actor: Actor) -> frozenset[int] | None:
    """The places whose sessions the actor sees: None for every place (a coordinator)."""
    return None if actor.role is Role.COORDINATOR else actor.structure_ids

"""The coordinators' desk: places, imports, exports and statistics (advisors get the 403 page).

Places: search the catalogue, correct a place's contact and hours (`knowledge.place_edits`,
kept over later imports), close it. Imports: a file of sessions (`scheduling.slot_import`, the
plan the bot and `aiguillage import-slots` show) or a national file of places
(`scheduling.place_file_import`), dry run first, kept server-side until "Appliquer". Exports:
`scheduling.exports`, the rows of `aiguillage export-bookings`. Statistics: `scheduling.statistics`
drawn by `handlers.render.charts` off the event loop, each chart beside its table.
"""

import logging
from datetime import date, timedelta

from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from handlers.render import charts as chart_render
from handlers.web import access, forms
from handlers.web.access import page, staff
from handlers.web.desk_view import (
    ChartView,
    PlaceReportView,
    PlaceView,
    SlotPlanView,
    StatisticsView,
    inline_svg,
)
from knowledge.catalogue import DEFAULT_TIMEZONE
from knowledge.place_edits import EDITABLE, close_place, edit_place, place_card
from knowledge.place_files import FileFormat, Placer, UnreadableFile
from knowledge.places import find_places
from scheduling.authority import Action
from scheduling.exports import export_rows, to_csv, to_xlsx
from scheduling.local_time import local_date
from scheduling.place_file_import import (
    MAX_PLACE_FILE_BYTES,
    PlaceFileApplied,
    apply_place_file,
    check_place_file,
)
from scheduling.planning import planning_places
from scheduling.slot_import import MAX_FILE_BYTES, Applied, apply_staged, check_file
from scheduling.staff import UnknownPlaces
from scheduling.statistics import statistics

logger = logging.getLogger(__name__)

SEE_OTHER = 303
SEARCH_LENGTH = 100
SEARCH_LIMIT = 50
FORMATS = {".csv": FileFormat.MEDNUM, ".json": FileFormat.DATA_INCLUSION}


def _period(request: Request) -> tuple[date, date]:
    """`du` and `au` of the query; else the last 30 days, on mainland France's calendar."""
    today = local_date(access.services(request).clock(), DEFAULT_TIMEZONE)
    start = forms.day(request.query_params.get("du")) or today - timedelta(days=29)
    end = forms.day(request.query_params.get("au")) or today
    return (start, end) if start <= end else (end, start)


# --- places ---------------------------------------------------------------------------------------


async def places(request: Request) -> Response:
    """/lieux?recherche=moissac: the catalogue, by words of a name or a commune."""
    actor = await staff(request, Action.MANAGE_PLACES)
    if isinstance(actor, Response):
        return actor
    known = access.services(request)
    search = " ".join(request.query_params.get("recherche", "").split())[:SEARCH_LENGTH]
    found = await known.transaction(find_places, known.gazetteer, search=search, limit=SEARCH_LIMIT)
    return page(request, "places.html", {"found": found, "search": search}, actor=actor)


async def show_place(request: Request) -> Response:
    actor = await staff(request, Action.MANAGE_PLACES)
    if isinstance(actor, Response):
        return actor
    return await _place_page(request, actor)


async def _place_page(request, actor, *, sent=None, problems=None, status_code=200) -> Response:
    known = access.services(request)
    language_tr = access.tr(request)
    _ = language_tr.gettext
    card = await known.transaction(
        place_card, known.gazetteer, place_id=request.path_params["place_id"]
    )
    if card is None:
        return page(request, "not_found.html", actor=actor, status_code=404)
    view = PlaceView.of(card, now=known.clock(), tr=language_tr, sent=sent, problems=problems)
    done = {
        "edited": _("Fiche enregistrée : les habitants la voient dès maintenant."),
        "closed": _("Lieu fermé : il n'est plus proposé aux habitants."),
    }.get(request.query_params.get("done", ""))
    notice = ("done", done) if done else None
    if problems:
        notice = ("problem", _("Rien n'a été enregistré : corrigez les champs signalés."))
    return page(
        request, "place.html", {"view": view, "notice": notice}, actor=actor,
        status_code=status_code,
    )  # fmt: skip


async def _checked(request: Request, action: Action) -> tuple[object, FormData] | Response:
    form = await access.checked_form(request)
    if form is None:
        return access.refused(request, "forged")
    actor = await staff(request, action)
    if isinstance(actor, Response):
        return actor
    return actor, form


async def save_place(request: Request) -> Response:
    checked = await _checked(request, Action.MANAGE_PLACES)
    if isinstance(checked, Response):
        return checked
    actor, form = checked
    place_id = request.path_params["place_id"]
    sent = {name: str(form.get(name, "")) for name in EDITABLE}
    known = access.services(request)

    def apply(session: Session):
        try:
            return edit_place(session, place_id=place_id, values=sent, now=known.clock())
        except LookupError:
            return "unknown"

    problems = await known.transaction(apply)
    if problems == "unknown":
        return page(request, "not_found.html", actor=actor, status_code=404)
    if problems:
        return await _place_page(request, actor, sent=sent, problems=problems, status_code=400)
    logger.info("web: place %s edited", place_id)
    return RedirectResponse(f"/lieux/{place_id}?done=edited", status_code=SEE_OTHER)


async def close(request: Request) -> Response:
    checked = await _checked(request, Action.MANAGE_PLACES)
    if isinstance(checked, Response):
        return checked
    place_id = request.path_params["place_id"]
    known = access.services(request)
    if await known.transaction(close_place, place_id=place_id):
        logger.info("web: place %s closed", place_id)
    return RedirectResponse(f"/lieux/{place_id}?done=closed", status_code=SEE_OTHER)


# --- imports --------------------------------------------------------------------------------------


async def imports(request: Request) -> Response:
    actor = await staff(request, Action.IMPORT_SESSIONS)
    if isinstance(actor, Response):
        return actor
    return page(request, "imports.html", {"notice": None}, actor=actor)


async def _upload(request: Request, action: Action, limit: int):
    """(actor, form, file name, content) of a form with one file; else the page to return."""
    # Refused before it is read, when the browser says its size.
    length = forms.number(request.headers.get("content-length"), high=2**63 - 1)
    if length is not None and length > limit + 10_000:
        return _too_big(request)
    try:
        # Parsed once with these limits; `checked_form` then reads the same form.
        await request.form(max_files=1, max_fields=10)
    except MultiPartException:
        return access.refused(request, "forged")
    form = await access.checked_form(request)
    if form is None:
        return access.refused(request, "forged")
    actor = await staff(request, action)
    if isinstance(actor, Response):
        return actor
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _import_problem(request, actor, "no_file")
    content = await upload.read(limit + 1)
    if len(content) > limit:
        return _too_big(request)
    return actor, form, upload.filename, content


def _too_big(request: Request) -> Response:
    _ = access.tr(request).gettext
    notice = ("problem", _("Ce fichier est trop gros : découpez-le."))
    return page(request, "imports.html", {"notice": notice}, status_code=413)


def _import_problem(request: Request, actor, code: str, status_code: int = 400) -> Response:
    _ = access.tr(request).gettext
    sentences = {
        "no_file": _("Choisissez un fichier avant d'envoyer."),
        "gone": _(
            "Ce fichier n'attend plus (appliqué, remplacé ou trop ancien) : renvoyez-le pour "
            "revoir l'essai."
        ),
    }
    notice = ("problem", sentences.get(code, code))
    return page(request, "imports.html", {"notice": notice}, actor=actor, status_code=status_code)


async def upload_sessions(request: Request) -> Response:
    """A file of sessions: its dry run, kept for "Appliquer"."""
    uploaded = await _upload(request, Action.IMPORT_SESSIONS, MAX_FILE_BYTES)
    if isinstance(uploaded, Response):
        return uploaded
    actor, _form, file_name, content = uploaded
    known = access.services(request)
    checked = await known.transaction(
        check_file,
        telegram_user_id=actor.telegram_user_id,
        file_name=file_name,
        content=content,
        actor=actor,
        now=known.clock(),
    )
    return _slot_plan(request, actor, checked.plan, file_name, checked.staged_id)


def _slot_plan(request, actor, plan, file_name, staged_id, *, changed=False) -> Response:
    view = SlotPlanView.of(plan, file_name, access.tr(request))
    _ = access.tr(request).gettext
    notice = None
    if changed:
        notice = ("problem", _("Le planning a changé depuis cet essai : rien n'a été appliqué. "
                               "Le voici à jour."))  # fmt: skip
    return page(
        request,
        "slot_plan.html",
        {
            "view": view,
            "valid": plan.valid,
            "changes": plan.changes_anything,
            "staged_id": staged_id,
            "digest": plan.digest,
            "notice": notice,
            "applied": False,
        },
        actor=actor,
        status_code=200 if plan.valid else 400,
    )


async def apply_sessions(request: Request) -> Response:
    checked = await _checked(request, Action.IMPORT_SESSIONS)
    if isinstance(checked, Response):
        return checked
    actor, form = checked
    known = access.services(request)
    outcome = await known.transaction(
        apply_staged,
        staged_id=request.path_params["staged_id"],
        telegram_user_id=actor.telegram_user_id,
        digest=str(form.get("digest", "")),
        actor=actor,
        now=known.clock(),
        policy=known.policy,
    )
    if outcome is None:
        return _import_problem(request, actor, "gone", 409)
    if not isinstance(outcome, Applied):
        return _slot_plan(
            request, actor, outcome.plan, outcome.file_name, outcome.staged_id, changed=True
        )
    logger.info("web: a file of sessions applied")
    view = SlotPlanView.of(outcome.plan, outcome.file_name, access.tr(request))
    _ = access.tr(request).gettext
    notice = ("done", _("C'est appliqué : les inscrits des séances changées vont être prévenus."))
    first = min((local_date(s.starts_at, s.timezone) for s in outcome.plan.sessions), default=None)
    return page(
        request,
        "slot_plan.html",
        {"view": view, "valid": True, "notice": notice, "applied": True, "first": first},
        actor=actor,
    )


def _placer(request: Request) -> Placer:
    known = access.services(request)
    return Placer(known.gazetteer, matcher=lambda: known.communes)


async def upload_places(request: Request) -> Response:
    """A national file of places: its dry run, kept for "Appliquer"."""
    uploaded = await _upload(request, Action.MANAGE_PLACES, MAX_PLACE_FILE_BYTES)
    if isinstance(uploaded, Response):
        return uploaded
    actor, form, file_name, content = uploaded
    file_format = _format(form.get("format"), file_name)
    known = access.services(request)
    try:
        checked = await known.transaction(
            check_place_file,
            known.gazetteer,
            _placer(request),
            telegram_user_id=actor.telegram_user_id,
            file_name=file_name,
            content=content,
            file_format=file_format,
            now=known.clock(),
        )
    except UnreadableFile as error:
        return _import_problem(request, actor, str(error))
    return _place_plan(request, actor, checked)


def _format(value: object, file_name: str) -> FileFormat:
    if value in tuple(FileFormat):
        return FileFormat(value)
    return next(
        (found for suffix, found in FORMATS.items() if file_name.lower().endswith(suffix)),
        FileFormat.MEDNUM,
    )


def _place_plan(request, actor, checked, *, changed=False) -> Response:
    _ = access.tr(request).gettext
    notice = None
    if changed:
        notice = ("problem", _("Le catalogue a changé depuis cet essai : rien n'a été appliqué. "
                               "Le voici à jour."))  # fmt: skip
    return page(
        request,
        "place_plan.html",
        {
            "view": PlaceReportView.of(checked.report, checked.file_name, access.tr(request)),
            "staged_id": checked.staged_id,
            "digest": checked.digest,
            "format": checked.file_format.value,
            "notice": notice,
            "applied": False,
        },
        actor=actor,
    )


async def apply_places(request: Request) -> Response:
    checked = await _checked(request, Action.MANAGE_PLACES)
    if isinstance(checked, Response):
        return checked
    actor, form = checked
    known = access.services(request)
    outcome = await known.transaction(
        apply_place_file,
        known.gazetteer,
        _placer(request),
        staged_id=request.path_params["staged_id"],
        telegram_user_id=actor.telegram_user_id,
        file_format=_format(form.get("format"), ""),
        digest=str(form.get("digest", "")),
        now=known.clock(),
    )
    if outcome is None:
        return _import_problem(request, actor, "gone", 409)
    if not isinstance(outcome, PlaceFileApplied):
        return _place_plan(request, actor, outcome, changed=True)
    logger.info("web: a file of places applied")
    _ = access.tr(request).gettext
    return page(
        request,
        "place_plan.html",
        {
            "view": PlaceReportView.of(outcome.report, outcome.file_name, access.tr(request)),
            "notice": ("done", _("C'est appliqué : le catalogue est à jour.")),
            "applied": True,
        },
        actor=actor,
    )


# --- exports and statistics -----------------------------------------------------------------------


async def exports(request: Request) -> Response:
    actor = await staff(request, Action.SEE_STATISTICS)
    if isinstance(actor, Response):
        return actor
    start, end = _period(request)
    place_list = await access.services(request).transaction(planning_places, structure_ids=None)
    values = {"start": start, "end": end, "places": place_list, "notice": None}
    return page(request, "exports.html", values, actor=actor)


async def export_file(request: Request) -> Response:
    """/exports/fichier?du=…&au=…&lieu=…&format=csv|xlsx: the file, to download."""
    actor = await staff(request, Action.SEE_STATISTICS)
    if isinstance(actor, Response):
        return actor
    start, end = _period(request)
    place_id = forms.number(request.query_params.get("lieu"))
    xlsx = request.query_params.get("format") == "xlsx"
    known = access.services(request)
    try:
        rows = await known.transaction(
            export_rows, known.gazetteer, start=start, end=end, structure_id=place_id
        )
    except UnknownPlaces:
        return page(request, "not_found.html", actor=actor, status_code=404)
    content = await known.compute(to_xlsx if xlsx else to_csv, rows)
    name = f"inscriptions-{start.isoformat()}-{end.isoformat()}" + (
        f"-lieu-{place_id}" if place_id else ""
    )
    media = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if xlsx
        else "text/csv; charset=utf-8"
    )
    disposition = f'attachment; filename="{name}.{"xlsx" if xlsx else "csv"}"'
    logger.info("web: %d rows exported", len(rows))
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})


async def show_statistics(request: Request) -> Response:
    """/statistiques?du=…&au=…&lieu=12 or &departements=82,46: figures, charts and tables."""
    actor = await staff(request, Action.SEE_STATISTICS)
    if isinstance(actor, Response):
        return actor
    start, end = _period(request)
    place_id = forms.number(request.query_params.get("lieu"))
    typed = request.query_params.get("departements", "")[:200]
    departments = tuple(code for code in typed.replace(",", " ").upper().split() if code)
    known = access.services(request)

    def read(session: Session):
        place_list = planning_places(session, structure_ids=None)
        try:
            stats = statistics(
                session, known.gazetteer, start=start, end=end, structure_id=place_id,
                departments=() if place_id else departments,
            )  # fmt: skip
        except UnknownPlaces:
            stats = None
        return place_list, stats

    place_list, stats = await known.transaction(read)
    if stats is None:
        return page(request, "not_found.html", actor=actor, status_code=404)
    language_tr = access.tr(request)
    drawn = []
    for chart in chart_render.charts(stats, language_tr):
        document = await known.compute(chart_render.svg, chart)
        drawn.append(ChartView(chart.title, inline_svg(document, chart.title), chart.table()))
    values = {
        "view": StatisticsView.of(stats, language_tr),
        "charts": drawn,
        "start": start,
        "end": end,
        "place_id": place_id,
        "departments": " ".join(departments),
        "places": place_list,
        "notice": None,
    }
    return page(request, "statistics.html", values, actor=actor)


def routes() -> list[Route]:
    return [
        Route("/lieux", places),
        Route("/lieux/{place_id:int}", show_place),
        Route("/lieux/{place_id:int}", save_place, methods=["POST"]),
        Route("/lieux/{place_id:int}/fermeture", close, methods=["POST"]),
        Route("/imports", imports),
        Route("/imports/seances", upload_sessions, methods=["POST"]),
        Route("/imports/seances/{staged_id:int}", apply_sessions, methods=["POST"]),
        Route("/imports/lieux", upload_places, methods=["POST"]),
        Route("/imports/lieux/{staged_id:int}", apply_places, methods=["POST"]),
        Route("/exports", exports),
        Route("/exports/fichier", export_file),
        Route("/statistiques", show_statistics),
    ]

"""What the coordinators' desk pages show (places, imports, statistics), worked out from the
records of `knowledge` and `scheduling`: labels translated, dates in each place's zone. Pure: no
database, no request."""

from dataclasses import dataclass
from datetime import datetime

from babel.numbers import format_percent

from handlers.context import Tr
from handlers.formatting import opening, when_short
from handlers.render import charts as chart_render
from handlers.render.slot_import import problem_reason
from knowledge.opening import opening_status, readable
from knowledge.place_edits import EDITABLE, FieldProblem, PlaceCard
from knowledge.place_import import ImportReport
from scheduling.slot_import import Change, ImportPlan
from scheduling.statistics import Statistics


def field_label(name: str, tr: Tr) -> str:
    _ = tr.gettext
    labels = {
        "phone": _("Téléphone"),
        "email": _("Courriel"),
        "website": _("Site web"),
        "opening_hours": _("Horaires d'ouverture"),
    }
    return labels[name]


def field_problem(problem: FieldProblem, tr: Tr) -> str:
    _ = tr.gettext
    sentences = {
        FieldProblem.BAD_PHONE: _("Ce n'est pas un numéro de téléphone (par ex. 05 63 04 01 85)."),
        FieldProblem.BAD_EMAIL: _("Ce n'est pas une adresse de courriel (par ex. nom@mairie.fr)."),
        FieldProblem.BAD_WEBSITE: _("Une adresse de site commence par https:// ou http://."),
        FieldProblem.BAD_HOURS: _(
            "Ces horaires ne sont pas au format OpenStreetMap (par ex. "
            "« Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 »)."
        ),
        FieldProblem.TOO_LONG: _("C'est trop long."),
    }
    return sentences[problem]


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    label: str
    value: str
    edited: bool
    """Edited locally: imports keep this value."""
    imported: str
    """What the imports say (when edited locally)."""
    problem: str


@dataclass(frozen=True, slots=True)
class PlaceView:
    id: int
    name: str
    commune: str
    address: str
    source: str
    closed: bool
    fields: tuple[FieldView, ...]
    resident_sees: str
    """The bot's line for the hours ("🟢 Ouvert, ferme à 17h00"), or why it has none."""

    @classmethod
    def of(
        cls,
        card: PlaceCard,
        *,
        now: datetime,
        tr: Tr,
        sent: dict[str, str] | None = None,
        problems: dict[str, FieldProblem] | None = None,
    ) -> "PlaceView":
        _ = tr.gettext
        place, problems = card.place, problems or {}
        hours = card.values["opening_hours"]
        seen = opening(opening_status(hours, now=now, tz=card.timezone), now=now,
                       tz=card.timezone, tr=tr)  # fmt: skip
        if seen is None:
            if hours and not readable(hours, tz=card.timezone):
                seen = _("🕘 horaires : appelez avant de venir")
            else:
                seen = _("Rien sur les horaires (aucun horaire connu).")
        return cls(
            id=place.id,
            name=place.name,
            commune=place.commune_name,
            address=place.address or "",
            source=f"{place.source} {place.source_id or ''}".strip() if place.source else "",
            closed=place.closed,
            fields=tuple(
                FieldView(
                    name=name,
                    label=field_label(name, tr),
                    value=(sent or {}).get(name, card.values[name] or ""),
                    edited=name in card.imported,
                    imported=card.imported.get(name) or "",
                    problem=field_problem(problems[name], tr) if name in problems else "",
                )
                for name in EDITABLE
            ),
            resident_sees=seen,
        )


@dataclass(frozen=True, slots=True)
class PlannedLine:
    change: str
    title: str
    place: str
    when: str
    was: str
    booked: int


@dataclass(frozen=True, slots=True)
class SlotPlanView:
    file_name: str
    counts: tuple[tuple[str, int], ...]
    people_affected: int
    problems: tuple[tuple[int, str, str], ...]
    """(line, column, what is wrong)."""
    sessions: tuple[PlannedLine, ...]
    """Every session that would change."""

    @classmethod
    def of(cls, plan: ImportPlan, file_name: str, tr: Tr) -> "SlotPlanView":
        _ = tr.gettext
        labels = {
            Change.CREATED: _("Nouvelle"),
            Change.UPDATED: _("Modifiée"),
            Change.MOVED: _("Déplacée"),
            Change.CANCELLED: _("Annulée"),
            Change.UNCHANGED: _("Inchangée"),
        }
        counted = {
            Change.CREATED: _("Séances créées"),
            Change.UPDATED: _("Séances modifiées"),
            Change.MOVED: _("Séances déplacées"),
            Change.CANCELLED: _("Séances annulées"),
            Change.UNCHANGED: _("Séances inchangées"),
        }
        return cls(
            file_name=file_name,
            counts=tuple((label, plan.count(change)) for change, label in counted.items()),
            people_affected=plan.people_affected,
            problems=tuple(
                (problem.line, problem.column or "", problem_reason(problem, tr))
                for problem in plan.problems
            ),
            sessions=tuple(
                PlannedLine(
                    change=labels[planned.change],
                    title=planned.title,
                    place=planned.place,
                    when=when_short(planned.starts_at, planned.timezone, tr),
                    was=when_short(planned.was_starts_at, planned.timezone, tr)
                    if planned.was_starts_at is not None
                    else "",
                    booked=planned.booked,
                )
                for planned in plan.sessions
                if planned.change is not Change.UNCHANGED
            ),
        )


@dataclass(frozen=True, slots=True)
class PlaceReportView:
    file_name: str
    counts: tuple[tuple[str, int], ...]
    rejected: tuple[tuple[int, str, str], ...]
    """(line, id, why), in French as the files' checks say it."""

    @classmethod
    def of(cls, report: ImportReport, file_name: str, tr: Tr) -> "PlaceReportView":
        _ = tr.gettext
        return cls(
            file_name=file_name,
            counts=(
                (_("Lieux créés"), report.created),
                (_("Lieux mis à jour"), report.updated),
                (_("Lieux inchangés"), report.unchanged),
                (_("Lieux fermés"), report.closed),
                (_("Lignes rejetées"), len(report.rejected)),
            ),
            rejected=tuple((r.line, r.id or "", r.reason) for r in report.rejected),
        )


@dataclass(frozen=True, slots=True)
class ChartView:
    title: str
    svg: str
    """The drawing, without its XML prologue, labelled for screen readers."""
    table: tuple[tuple[str | int, ...], ...]


def inline_svg(document: str, label: str) -> str:
    """An SVG document made an image element of the page: role="img", labelled."""
    start = document.index("<svg")
    attributes = f'<svg role="img" aria-label="{_attribute(label)}"'
    return attributes + document[start + len("<svg") :]


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@dataclass(frozen=True, slots=True)
class StatisticsView:
    period: str
    bookings: int
    residents_helped: int
    cancellation_rate: str
    no_show_rate: str

    @classmethod
    def of(cls, stats: Statistics, tr: Tr) -> "StatisticsView":
        _ = tr.gettext

        def percent(rate: float | None) -> str:
            if rate is None:
                return "—"
            # One decimal at most: "12,5 %", "0 %".
            return format_percent(round(rate, 3), locale=tr.locale, decimal_quantization=False)

        return cls(
            period=chart_render.period(stats, tr),
            bookings=stats.bookings,
            residents_helped=stats.residents_helped,
            cancellation_rate=percent(stats.cancellation_rate),
            no_show_rate=percent(stats.no_show_rate),
        )

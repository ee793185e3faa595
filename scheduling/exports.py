"""The bookings of a period as a spreadsheet: one row per participant and session.

`export_rows` reads them (`scheduling.history`) and spells them as the coordinators' file says
them, in French, whatever the reader's language: the file's columns (`COLUMNS`, in this order)
and values are a format other tools read, like the headers of a planning file. Nothing personal
but the first name and the commune the person gave (both empty once the booking was
anonymised). `to_csv` writes it for French spreadsheet software (UTF-8 with a BOM, `;`),
`to_xlsx` as a workbook with real date and time cells.
"""

import csv
import io
from dataclasses import astuple, dataclass, fields
from datetime import date, time

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from knowledge.gazetteer import Gazetteer
from knowledge.themes import theme_by_slug
from scheduling.history import Booker, booker, booking_records, commune_name
from scheduling.local_time import zone
from scheduling.models import BookingStatus, WorkshopKind
from scheduling.slot_details import booking_needs

STATUS_LABELS = {
    BookingStatus.BOOKED: "inscrit",
    BookingStatus.CANCELLED_BY_RESIDENT: "annulé par la personne",
    BookingStatus.CANCELLED_BY_SERVICE: "annulé par le lieu",
    BookingStatus.ATTENDED: "venu",
    BookingStatus.NO_SHOW: "absent",
}
BOOKER_LABELS = {
    Booker.PERSON: "la personne",
    Booker.TEAM: "un conseiller",
    Booker.WAITLIST: "la liste d'attente",
}
# The words of the `type` column of a planning file (`scheduling.slot_import`).
KIND_LABELS = {WorkshopKind.COLLECTIVE: "atelier", WorkshopKind.INDIVIDUAL: "rendez-vous"}


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One participant of one session; dates and hours on the calendar of the place."""

    date_inscription: date
    date_seance: date
    heure_debut: time
    heure_fin: time
    lieu: str
    commune_lieu: str
    type: str
    titre: str
    besoin: str
    """The theme the person came for, else the session's themes, separated by " | "."""
    statut: str
    inscrit_par: str
    commune_personne: str
    prenom: str


COLUMNS = tuple(field.name for field in fields(ExportRow))


def export_rows(
    session: Session,
    gazetteer: Gazetteer,
    *,
    start: date,
    end: date,
    structure_id: int | None = None,
) -> list[ExportRow]:
    """The rows for the sessions held from `start` to `end` (both included), at one place or
    everywhere; by session start, then in booking order. Raises `scheduling.staff.UnknownPlaces`
    when `structure_id` names no place."""
    rows = []
    for record in booking_records(
        session, gazetteer, start=start, end=end, structure_id=structure_id
    ):
        slot, local = record.slot, zone(record.slot.structure_timezone)
        needs = booking_needs(slot.themes, record.need)
        rows.append(
            ExportRow(
                date_inscription=record.booked_at.astimezone(local).date(),
                date_seance=record.session_date,
                heure_debut=slot.starts_at.astimezone(local).time().replace(tzinfo=None),
                heure_fin=slot.ends_at.astimezone(local).time().replace(tzinfo=None),
                lieu=slot.structure_name,
                commune_lieu=commune_name(gazetteer, record.structure_commune),
                type=KIND_LABELS[slot.workshop_kind],
                titre=slot.workshop_title,
                besoin=" | ".join(_theme_label(code) for code in needs),
                statut=STATUS_LABELS[record.status],
                inscrit_par=BOOKER_LABELS[booker(record.booked_by)],
                commune_personne=commune_name(gazetteer, record.resident_commune),
                prenom=record.first_name or "",
            )
        )
    return rows


def _theme_label(code: str) -> str:
    theme = theme_by_slug(code)
    return theme.label if theme is not None else code


def _cell_text(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def to_csv(rows: list[ExportRow]) -> bytes:
    """UTF-8 with a BOM and `;` between cells, as French spreadsheet software opens it by a
    double click; days as JJ/MM/AAAA, hours as HH:MM."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell_text(value) for value in astuple(row)] for row in rows)
    return text.getvalue().encode("utf-8-sig")


_FORMATS = {date: "DD/MM/YYYY", time: "HH:MM"}
_WIDTHS = {"lieu": 32, "titre": 32, "besoin": 28, "statut": 22, "inscrit_par": 18}


def to_xlsx(rows: list[ExportRow]) -> bytes:
    """One sheet, "inscriptions": a bold header row that stays in view and filters, then one
    row per booking, days and hours as real date and time cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "inscriptions"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(astuple(row))
        for cell in sheet[sheet.max_row]:
            cell.number_format = _FORMATS.get(type(cell.value), cell.number_format)
    for index, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()

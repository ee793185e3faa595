"""A coordinator's week in Tarn-et-Garonne, exported and counted: the bookings of the sessions
from Monday 3 to Sunday 9 March 2025, one row per participant and session, read back from the
CSV and the XLSX exactly; the statistics of the same week; `aiguillage export-bookings`.

The week: at France Services Moissac, Tuesday's 2-seat workshop on taxes (Martine came; Karim
cancelled, and Sophie took his seat from the waitlist but did not come), Wednesday's individual
appointment (CAF, health) where the advisor booked Josette at the desk, and Sunday's workshop on
devices at 23:30; at the Médiathèque de Castelsarrasin, Thursday's e-mail workshop, cancelled by
the place. Monday 10 March at 00:30 (still Sunday in UTC) is the next week.
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import openpyxl
import pytest
from scheduling_world import MONDAY_9AM, add_resident, add_slot, add_structure, add_workshop, book
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot import cli
from bot.database import make_sessionmaker
from knowledge.gazetteer import load_gazetteer
from scheduling import (
    BookedBy,
    Booking,
    Joined,
    Resident,
    WaitlistEntry,
    WorkshopKind,
    accept_offer,
    cancel_booking,
    cancel_slot,
    join_waitlist,
)
from scheduling.attendance import mark_attendance
from scheduling.exports import COLUMNS, export_rows, to_csv, to_xlsx
from scheduling.history import Booker
from scheduling.models import BookingStatus, Workshop
from scheduling.retention import apply_retention
from scheduling.staff import UnknownPlaces
from scheduling.statistics import CommuneCount, MonthCount, ThemeCount, statistics
from scheduling.walk_ins import book_walk_in

MONDAY, SUNDAY = date(2025, 3, 3), date(2025, 3, 9)
TUESDAY_2PM = datetime(2025, 3, 4, 13, 0, tzinfo=UTC)
WEDNESDAY_10AM = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)
THURSDAY_2PM = datetime(2025, 3, 6, 13, 0, tzinfo=UTC)
SUNDAY_11_30PM = datetime(2025, 3, 9, 22, 30, tzinfo=UTC)
NEXT_MONDAY_0_30AM = datetime(2025, 3, 9, 23, 30, tzinfo=UTC)

HEADER = [
    "date_inscription", "date_seance", "heure_debut", "heure_fin", "lieu", "commune_lieu",
    "type", "titre", "besoin", "statut", "inscrit_par", "commune_personne", "prenom",
]  # fmt: skip
ROWS = [
    ["03/03/2025", "04/03/2025", "14:00", "16:00", "France Services Moissac", "Moissac",
     "atelier", "Déclarer ses revenus en ligne", "Impôts en ligne", "venu", "la personne",
     "Moissac", "Martine"],
    ["03/03/2025", "04/03/2025", "14:00", "16:00", "France Services Moissac", "Moissac",
     "atelier", "Déclarer ses revenus en ligne", "Impôts en ligne", "annulé par la personne",
     "la personne", "Montauban", "Karim"],
    ["03/03/2025", "04/03/2025", "14:00", "16:00", "France Services Moissac", "Moissac",
     "atelier", "Déclarer ses revenus en ligne", "Impôts en ligne", "absent",
     "la liste d'attente", "", "Sophie"],
    ["03/03/2025", "05/03/2025", "10:00", "11:00", "France Services Moissac", "Moissac",
     "rendez-vous", "Rendez-vous numérique", "CAF et aides | Santé et Ameli", "inscrit",
     "un conseiller", "", "Josette"],
    ["03/03/2025", "06/03/2025", "14:00", "16:00", "Médiathèque de Castelsarrasin",
     "Castelsarrasin", "atelier", "Mes e-mails", "E-mails", "annulé par le lieu",
     "la personne", "Moissac", "Martine"],
    ["03/03/2025", "09/03/2025", "23:30", "01:30", "France Services Moissac", "Moissac",
     "atelier", "Mon téléphone", "Téléphone, tablette, ordinateur", "inscrit", "la personne",
     "Montauban", "Karim"],
]  # fmt: skip


@dataclass
class Week:
    sessions: sessionmaker[Session]
    moissac: int
    castelsarrasin: int


def _slot(session, structure, title, themes, starts_at, *, capacity=8, hours=2.0, kind=None):
    workshop = add_workshop(session, structure_id=structure, title=title, themes=themes)
    if kind is not None:
        session.get(Workshop, workshop).kind = kind
    return add_slot(
        session, workshop_id=workshop, starts_at=starts_at, capacity=capacity, hours=hours
    )


@pytest.fixture
def week(engine: Engine) -> Week:
    sessions = make_sessionmaker(engine)
    now = MONDAY_9AM
    with sessions.begin() as session:
        moissac = add_structure(session)
        castelsarrasin = add_structure(
            session, name="Médiathèque de Castelsarrasin", commune_insee="82033"
        )
        taxes = _slot(
            session, moissac, "Déclarer ses revenus en ligne", ("impots",), TUESDAY_2PM,
            capacity=2,
        )  # fmt: skip
        appointment = _slot(
            session, moissac, "Rendez-vous numérique", ("caf", "sante"), WEDNESDAY_10AM,
            hours=1, kind=WorkshopKind.INDIVIDUAL,
        )  # fmt: skip
        emails = _slot(session, castelsarrasin, "Mes e-mails", ("courriel",), THURSDAY_2PM)
        phone = _slot(session, moissac, "Mon téléphone", ("equipement",), SUNDAY_11_30PM)
        next_week = _slot(session, moissac, "Mon téléphone", ("equipement",), NEXT_MONDAY_0_30AM)
        martine, karim, sophie = (
            add_resident(session, first_name=name, telegram_user_id=chat)
            for name, chat in (("Martine", 1001), ("Karim", 1002), ("Sophie", 1003))
        )
        session.get(Resident, martine).commune_insee = "82112"
        session.get(Resident, karim).commune_insee = "82121"
    book(sessions, slot_id=taxes, resident_id=martine, now=now, need="impots")
    karim_taxes = book(sessions, slot_id=taxes, resident_id=karim, now=now).booking_id
    book(sessions, slot_id=emails, resident_id=martine, now=now, need="courriel")
    book(sessions, slot_id=phone, resident_id=karim, now=now)
    book(sessions, slot_id=next_week, resident_id=martine, now=now)
    with sessions.begin() as session:
        assert isinstance(
            join_waitlist(session, slot_id=taxes, resident_id=sophie, now=now), Joined
        )
        cancel_booking(session, booking_id=karim_taxes, resident_id=karim, now=now)
        entry = session.scalars(select(WaitlistEntry.id).where(WaitlistEntry.resident_id == sophie))
        accept_offer(session, entry_id=entry.one(), resident_id=sophie, now=now)
        book_walk_in(
            session, slot_id=appointment, first_name="Josette", need=None, phone=None,
            booked_by=BookedBy.ADVISOR, now=now,
        )  # fmt: skip
        cancel_slot(session, slot_id=emails, now=now, reason="Salle indisponible")
    after_class = TUESDAY_2PM + timedelta(hours=2)
    with sessions.begin() as session:
        for booking in session.scalars(select(Booking).where(Booking.slot_id == taxes)):
            if booking.status is BookingStatus.BOOKED:
                came = booking.resident_id == martine
                mark_attendance(session, booking_id=booking.id, came=came, now=after_class)
    return Week(sessions, moissac, castelsarrasin)


def rows(week: Week, **where) -> list:
    with week.sessions() as session:
        return export_rows(session, load_gazetteer(), start=MONDAY, end=SUNDAY, **where)


def test_the_csv_opens_in_french_spreadsheet_software_with_one_row_per_participant(week):
    content = to_csv(rows(week))

    assert content.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in content
    read = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert read == [HEADER, *ROWS]
    assert list(COLUMNS) == HEADER


def test_the_xlsx_has_real_dates_and_hours_under_a_bold_frozen_header(week):
    content = to_xlsx(rows(week))

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    first = values[1]
    assert first[:4] == (datetime(2025, 3, 3), datetime(2025, 3, 4), time(14, 0), time(16, 0))
    assert sheet["A2"].number_format == "DD/MM/YYYY" and sheet["C2"].number_format == "HH:MM"
    as_text = [
        [cell.strftime("%d/%m/%Y") if isinstance(cell, datetime) else cell for cell in row]
        for row in values[1:]
    ]
    assert [
        [cell.strftime("%H:%M") if isinstance(cell, time) else cell or "" for cell in row]
        for row in as_text
    ] == ROWS


def test_one_place_only(week):
    assert [row.lieu for row in rows(week, structure_id=week.castelsarrasin)] == [
        "Médiathèque de Castelsarrasin"
    ]
    with pytest.raises(UnknownPlaces):
        rows(week, structure_id=999)


def test_an_anonymised_booking_stays_without_the_person(week):
    with week.sessions.begin() as session:
        apply_retention(session, now=MONDAY_9AM + timedelta(days=400))

    exported = rows(week)

    assert [(row.statut, row.prenom, row.commune_personne) for row in exported][:2] == [
        ("venu", "", ""),
        ("annulé par la personne", "", ""),
    ]
    assert len(exported) == len(ROWS)


def test_the_week_in_figures(week):
    with week.sessions() as session:
        stats = statistics(session, load_gazetteer(), start=MONDAY, end=SUNDAY)

    assert stats.bookings == 6
    assert stats.residents_helped == 1
    assert stats.by_theme == (
        ThemeCount("impots", 3), ThemeCount("caf", 1), ThemeCount("courriel", 1),
        ThemeCount("equipement", 1), ThemeCount("sante", 1),
    )  # fmt: skip
    assert stats.by_commune == (
        CommuneCount("82112", "Moissac", 5),
        CommuneCount("82033", "Castelsarrasin", 1),
    )
    assert stats.by_month == (MonthCount(date(2025, 3, 1), bookings=6, attended=1),)
    assert [(item.booker, item.bookings) for item in stats.by_booker] == [
        (Booker.PERSON, 4), (Booker.TEAM, 1), (Booker.WAITLIST, 1),
    ]  # fmt: skip
    assert [item.bookings for item in stats.by_status] == [2, 1, 1, 1, 1]
    assert stats.cancellation_rate == pytest.approx(2 / 6)
    assert stats.no_show_rate == pytest.approx(1 / 2)


def test_figures_for_a_territory_or_one_place(week):
    gazetteer = load_gazetteer()
    with week.sessions() as session:
        one_place = statistics(
            session, gazetteer, start=MONDAY, end=SUNDAY, structure_id=week.castelsarrasin
        )
        elsewhere = statistics(session, gazetteer, start=MONDAY, end=SUNDAY, departments=["47"])
        here = statistics(session, gazetteer, start=MONDAY, end=SUNDAY, departments=["82"])
        two_months = statistics(session, gazetteer, start=date(2025, 2, 20), end=date(2025, 3, 10))

    assert one_place.bookings == 1 and one_place.cancellation_rate == 1
    assert one_place.no_show_rate is None and one_place.residents_helped == 0
    assert elsewhere.bookings == 0 and elsewhere.by_theme == () and elsewhere.by_commune == ()
    assert elsewhere.cancellation_rate is None
    assert here.bookings == 6
    assert two_months.by_month == (
        MonthCount(date(2025, 2, 1), bookings=0, attended=0),
        MonthCount(date(2025, 3, 1), bookings=7, attended=1),
    )


@pytest.fixture
def command_line(week, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return week


def test_export_bookings_prints_the_csv(command_line, capsys):
    out = io.StringIO()

    assert (
        cli.main(["export-bookings", "--from", "2025-03-03", "--to", "09/03/2025"], stdout=out) == 0
    )

    read = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert read == [HEADER, *ROWS]


def test_export_bookings_writes_an_xlsx_file_for_one_place(command_line, tmp_path):
    target = tmp_path / "castelsarrasin.xlsx"
    out = io.StringIO()
    argv = [
        "export-bookings", "--from", "2025-03-03", "--to", "2025-03-09",
        "--structure", str(command_line.castelsarrasin), "--output", str(target),
    ]  # fmt: skip

    assert cli.main(argv, stdout=out) == 0

    assert json.loads(out.getvalue()) == {"rows": 1, "file": str(target)}
    sheet = openpyxl.load_workbook(target).active
    assert [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Médiathèque de Castelsarrasin"
    ]


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (["--structure", "999"], "no place with id 999 (see `aiguillage places`)"),
        (["--format", "xlsx"], "an XLSX file needs --output FILE"),
        (["--to", "2025-03-01"], "--to is before --from"),
        (["--to", "le 9 mars"], "not a day (AAAA-MM-JJ or JJ/MM/AAAA): 'le 9 mars'"),
    ],
)
def test_export_bookings_refuses_in_one_line(command_line, extra, reason, capsys):
    argv = ["export-bookings", "--from", "2025-03-03", "--to", "2025-03-09", *extra]

    assert cli.main(argv, stdout=io.StringIO()) == 2

    error = capsys.readouterr().err
    assert reason in error and error.count("\n") == 1

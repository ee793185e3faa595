"""Coordinators load the month's sessions from a spreadsheet: CSV (either delimiter, with or
without BOM) or XLSX, all or nothing, every problem with its line and column, the same file twice
changes nothing, and the participants of a moved or removed session are told. SQLite and
PostgreSQL.

Monday 3 March 2025, 9:00 in Moissac: France Services Moissac (where Nadia advises) and the
Médiathèque de Castelsarrasin plan their workshops.
"""

import codecs
import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from scheduling_world import (
    MONDAY_9AM,
    FakeTelegram,
    add_advisor,
    add_resident,
    add_structure,
    book,
    deliver,
    outbox,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.cli import main
from bot.database import make_sessionmaker
from bot.i18n import load_catalogs
from handlers.context import Tr
from handlers.render import slot_import as report
from knowledge.catalogue import HostStructure, StructureTheme
from knowledge.spreadsheet import read_table
from scheduling.advisor_models import Advisor
from scheduling.booking import Booked
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus, Workshop, WorkshopKind
from scheduling.notification_models import NotificationKind
from scheduling.service_changes import cancel_slot, move_slot
from scheduling.sessions import NewSessions, add_sessions
from scheduling.slot_import import (
    COLUMNS,
    Change,
    ImportPlan,
    Problem,
    Reason,
    apply_plan,
    plan_file,
)
from scheduling.staff import actor_for

HEADER = [
    "id", "lieu", "themes", "titre", "date", "debut", "fin", "places", "type", "conseiller",
    "repetition", "jusqu_au",
]  # fmt: skip
MARTINE, KARIM, SOPHIE = 1001, 1002, 1003
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NADIA = 9001


@dataclass
class World:
    db: sessionmaker[Session]
    moissac: int
    castel: int
    closed: int
    nadia: int


@pytest.fixture
def world(engine) -> World:
    db = make_sessionmaker(engine)
    with db.begin() as session:
        moissac = add_structure(session, name="France Services Moissac")
        castel = add_structure(session, name="Médiathèque de Castelsarrasin", commune_insee="82033")
        closed = add_structure(session, name="Mairie annexe", commune_insee="82033")
        session.get(HostStructure, closed).closed = True
        nadia = add_advisor(session, first_name="Nadia", telegram_user_id=NADIA)
        advisor = session.get(Advisor, nadia)
        advisor.structures.append(session.get(HostStructure, moissac))
        for _ in range(2):
            add_advisor(session, first_name="Paul", telegram_user_id=None)
    return World(db, moissac, castel, closed, nadia)


def row(key: str, place: int, **cells: str) -> list[str]:
    """A line of the template: the taxes workshop, Thursday 6 March, 14:00–16:00, 8 places."""
    values = {
        "themes": "impots", "titre": "Déclarer ses revenus en ligne", "date": "06/03/2025",
        "debut": "14:00", "fin": "16:00", "places": "8", "type": "atelier", "conseiller": "",
        "repetition": "", "jusqu_au": "", **cells,
    }  # fmt: skip
    return [key, str(place), *(values[name] for name in HEADER[2:])]


def csv_file(*rows: list[str], delimiter: str = ";", bom: bool = False, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode()
    return codecs.BOM_UTF8 + data if bom else data


def plan(world: World, content: bytes, *, now: datetime = MONDAY_9AM, actor=None) -> ImportPlan:
    with world.db.begin() as session:
        return plan_file(session, content, actor=actor, now=now)


def apply(world: World, content: bytes, *, now: datetime = MONDAY_9AM) -> ImportPlan:
    with world.db.begin() as session:
        planned = plan_file(session, content, actor=None, now=now)
        assert planned.valid, planned.problems
        apply_plan(session, planned, now=now)
    return planned


def counts(planned: ImportPlan) -> dict[str, int]:
    return {change.value: planned.count(change) for change in Change if planned.count(change)} | (
        {"people": planned.people_affected} if planned.people_affected else {}
    )


def problems(planned: ImportPlan) -> list[tuple[int, str | None, Reason]]:
    return [(p.line, p.column, p.reason) for p in planned.problems]


def live_slots(world: World) -> list[tuple[str, int, datetime, datetime, int]]:
    """(line id, occurrence, start, end, capacity) of every scheduled slot, in order."""
    with world.db() as session:
        return [
            tuple(found)
            for found in session.execute(
                select(
                    Workshop.import_key, Slot.import_occurrence, Slot.starts_at, Slot.ends_at,
                    Slot.capacity,
                )
                .join(Workshop, Workshop.id == Slot.workshop_id)
                .where(Slot.status == SlotStatus.SCHEDULED)
                .order_by(Slot.starts_at)
            )
        ]  # fmt: skip


def slot_id(world: World, key: str, occurrence: int = 1) -> int:
    with world.db() as session:
        return session.scalars(
            select(Slot.id)
            .join(Workshop, Workshop.id == Slot.workshop_id)
            .where(
                Workshop.import_key == key,
                Slot.import_occurrence == occurrence,
                Slot.status == SlotStatus.SCHEDULED,
            )
        ).one()


def books(world: World, key: str, telegram_user_id: int, occurrence: int = 1) -> int:
    with world.db.begin() as session:
        resident = add_resident(session, first_name="Résident", telegram_user_id=telegram_user_id)
    booked = book(
        world.db, slot_id=slot_id(world, key, occurrence), resident_id=resident, now=MONDAY_9AM
    )
    assert isinstance(booked, Booked)
    return booked.booking_id


def local(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A wall-clock time in Moissac, as the UTC instant stored."""
    offset = 2 if (month, day) >= (3, 30) else 1  # summer time from Sunday 30 March 2025
    return datetime(2025, month, day, hour - offset, minute, tzinfo=UTC)


# --- reading the file ---------------------------------------------------------------------------


def test_a_weekly_line_in_a_csv_with_a_bom_makes_sessions_at_the_same_local_hour(world):
    content = csv_file(
        row("A1", world.moissac, date="20/03/2025", debut="14h", fin="16h30",
            repetition="hebdomadaire", jusqu_au="03/04/2025",
            themes="impots | Téléphone, tablette, ordinateur"),
        bom=True,
    )  # fmt: skip

    planned = apply(world, content)

    assert counts(planned) == {"created": 3}
    assert live_slots(world) == [
        ("A1", 1, local(20, 14), local(20, 16, 30), 8),
        ("A1", 2, local(27, 14), local(27, 16, 30), 8),
        ("A1", 3, local(3, 14, month=4), local(3, 16, 30, month=4), 8),  # summer time
    ]
    with world.db() as session:
        workshop = session.scalars(select(Workshop)).one()
        assert workshop.theme_codes == ("equipement", "impots")
        assert workshop.kind is WorkshopKind.COLLECTIVE and workshop.structure_id == world.moissac
        # The place now answers for the themes its sessions cover.
        assert set(
            session.scalars(
                select(StructureTheme.theme).where(StructureTheme.structure_id == world.moissac)
            )
        ) == {"equipement", "impots"}


def test_a_csv_with_commas_french_headers_and_a_column_of_notes_reads_the_same(world):
    header = ["ID", "Lieu", "Thèmes", "Titre", "Date", "Début", "Fin", "Places", "Type",
              "Conseiller", "Répétition", "Jusqu'au", "Notes"]  # fmt: skip
    lines = [
        [*row("A1", world.moissac, themes="Impôts en ligne, CAF et aides"), "salle 2"],
        [*row("R1", world.castel, type="Rendez-vous", places="1", date="2025-03-07",
              debut="9:30", fin="10:00", conseiller="Nadia Conseillère"), ""],
    ]  # fmt: skip

    semicolons = plan(world, csv_file(*lines, header=header))
    commas = plan(world, csv_file(*lines, header=header, delimiter=",", bom=True))

    assert semicolons.valid and counts(semicolons) == {"created": 2}
    assert commas.sessions == semicolons.sessions
    assert [w.line.themes for w in commas.workshops] == [("impots", "caf"), ("impots",)]
    assert commas.workshops[1].line.advisor_id == world.nadia
    assert commas.workshops[1].line.kind is WorkshopKind.INDIVIDUAL


def test_an_xlsx_with_real_date_and_time_cells_and_its_sheet_rows(world):
    book_ = Workbook()
    sheet = book_.active
    sheet.append(HEADER)
    sheet.append(["A1", world.moissac, "impots", "Déclarer ses revenus", date(2025, 3, 6),
                  time(14, 0), time(16, 0), 8, "atelier", None, None, None])  # fmt: skip
    sheet.append([])  # a blank row: the next one is still sheet row 4
    sheet.append([12, world.castel, "caf", "CAF", datetime(2025, 3, 7), "10h", "11h", 3.0,
                  "atelier", None, "toutes les 2 semaines", date(2025, 3, 21)])  # fmt: skip
    out = io.BytesIO()
    book_.save(out)

    planned = apply(world, out.getvalue())

    assert counts(planned) == {"created": 3}
    assert [line for line, *_ in live_slots(world)] == ["A1", "12", "12"]
    assert live_slots(world)[2][2] == local(21, 10)

    sheet["D4"] = "x" * 201
    sheet["H2"] = 0
    out = io.BytesIO()
    book_.save(out)
    assert problems(plan(world, out.getvalue())) == [
        (2, "places", Reason.BAD_CAPACITY),
        (4, "titre", Reason.TITLE_TOO_LONG),
    ]


def test_lines_are_the_records_a_spreadsheet_shows_not_the_physical_lines(world):
    content = csv_file(
        row("A1", world.moissac, titre="Déclarer\nses revenus"),  # a cell over two lines
        row("A2", world.moissac, debut="25:00"),
    )

    planned = plan(world, content)

    assert problems(planned) == [(3, "debut", Reason.BAD_TIME)]
    assert planned.problems[0].value == "25:00"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id;lieu\n".encode("utf-16"), [(1, None, Reason.NOT_A_SPREADSHEET)]),
        ("id;lieu;titre\nA;1;Atelier d'été\n".encode("latin-1"), [(1, None, Reason.NOT_UTF8)]),
        (b"PK\x03\x04 not really a workbook", [(1, None, Reason.NOT_A_SPREADSHEET)]),
        (b"", [(1, None, Reason.NO_ROWS)]),
        (";".join(HEADER).encode(), [(1, None, Reason.NO_ROWS)]),
        (
            b"id;lieu;themes;titre;date;fin;places;type;date\nA;1;impots;T;06/03/2025;16h;8;atelier\n",
            [(1, "date", Reason.DUPLICATE_COLUMN), (1, "debut", Reason.MISSING_COLUMN)],
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why_on_line_1(world, content, expected):
    assert problems(plan(world, content)) == expected


@pytest.mark.parametrize("name", ["planning-seances.csv", "planning-seances.xlsx"])
def test_the_templates_import_as_they_are_once_they_name_a_real_place(world, name):
    content = (TEMPLATES / name).read_bytes()
    assert read_table(content).header == COLUMNS
    if name.endswith(".csv"):
        content = content.replace(b";12;", f";{world.moissac};".encode())
    else:
        workbook = load_workbook(io.BytesIO(content))
        for cells in workbook.active.iter_rows(min_row=2, min_col=2, max_col=2):
            cells[0].value = world.moissac
        out = io.BytesIO()
        workbook.save(out)
        content = out.getvalue()

    planned = plan(world, content)

    assert counts(planned) == {"created": 4 + 3 + 1}  # weekly, every other week, once
    assert planned.workshops[0].line.advisor_id == world.nadia


# --- all or nothing -----------------------------------------------------------------------------


def test_every_problem_is_listed_with_its_line_and_column_and_nothing_changes(world):
    nadia = _actor(world, NADIA)
    content = csv_file(
        row("ok", world.moissac),
        row("", world.moissac, titre="", places=""),
        row("B", 999),
        row("C", world.castel),
        row("D", world.closed),
        row("E", world.moissac, themes="impots|astrologie"),
        row("F", world.moissac, date="31/02/2025", fin="13:00"),
        row("G", world.moissac, debut="9h", fin="22h", places="beaucoup", type="cours"),
        row("H", world.moissac, conseiller="Inconnu", repetition="tous les jours"),
        row("I", world.moissac, conseiller="Paul Conseillère", repetition="hebdomadaire"),
        row("J", world.moissac, jusqu_au="13/03/2025"),
        row("K", world.moissac, repetition="toutes les 1 semaines", jusqu_au="01/03/2025"),
        row("L", world.moissac, repetition="hebdomadaire", jusqu_au="06/03/2027"),
        row("ok", world.moissac),
        row("M", world.moissac, date="28/02/2025"),
        row("x" * 101, world.moissac),
    )

    planned = plan(world, content, actor=nadia)

    assert problems(planned) == [
        (3, "id", Reason.EMPTY),
        (3, "titre", Reason.EMPTY),
        (3, "places", Reason.EMPTY),
        (4, "lieu", Reason.UNKNOWN_PLACE),
        (5, "lieu", Reason.NOT_YOUR_PLACE),
        (6, "lieu", Reason.PLACE_CLOSED),
        (7, "themes", Reason.UNKNOWN_THEME),
        (8, "date", Reason.BAD_DATE),
        (8, "fin", Reason.END_BEFORE_START),
        (9, "fin", Reason.BAD_DURATION),
        (9, "places", Reason.BAD_CAPACITY),
        (9, "type", Reason.BAD_KIND),
        (10, "conseiller", Reason.UNKNOWN_ADVISOR),
        (10, "repetition", Reason.BAD_REPETITION),
        (11, "conseiller", Reason.SAME_NAME_ADVISORS),
        (11, "jusqu_au", Reason.NO_END_DATE),
        (12, "jusqu_au", Reason.END_DATE_WITHOUT_REPETITION),
        (13, "jusqu_au", Reason.END_BEFORE_FIRST),
        (14, "jusqu_au", Reason.TOO_MANY_SESSIONS),
        (15, "id", Reason.DUPLICATE_ID),
        (16, "date", Reason.IN_THE_PAST),
        (17, "id", Reason.ID_TOO_LONG),
    ]
    assert planned.problems[3].value == "999"
    assert planned.problems[4].value == "Médiathèque de Castelsarrasin"
    assert planned.problems[6].value == "astrologie"
    assert planned.problems[19].number == 2  # the line that has the id already
    assert planned.sessions == () and counts(planned) == {}
    with pytest.raises(ValueError):
        apply_plan(None, planned, now=MONDAY_9AM)
    assert live_slots(world) == []


def _actor(world: World, telegram_user_id: int):
    with world.db.begin() as session:
        return actor_for(
            session, telegram_user_id=telegram_user_id, admin_ids=frozenset(), now=MONDAY_9AM
        )


def test_an_advisor_imports_for_their_own_places(world):
    planned = plan(world, csv_file(row("A1", world.moissac)), actor=_actor(world, NADIA))
    assert planned.valid and counts(planned) == {"created": 1}


# --- the same file again, a changed file ---------------------------------------------------------

FIRST = [
    ("A", "moissac", {}),  # Thursday 6 March 14:00
    ("B", "moissac", {"date": "07/03/2025", "debut": "10:00", "fin": "12:00", "places": "4",
                      "repetition": "hebdomadaire", "jusqu_au": "21/03/2025"}),
    ("C", "castel", {"date": "05/03/2025", "debut": "9h30", "fin": "11h", "places": "6"}),
]  # fmt: skip


def planning(world: World, lines=FIRST, **changes: dict) -> bytes:
    """The file of `lines`, with the cells of `changes[id]` changed (None: the line removed)."""
    rows = []
    for key, place, cells in lines:
        if key in changes and changes[key] is None:
            continue
        rows.append(row(key, getattr(world, place), **(cells | changes.get(key, {}))))
    return csv_file(*rows)


def test_the_same_file_twice_changes_nothing(world):
    assert counts(apply(world, planning(world))) == {"created": 5}
    before = live_slots(world)
    ids = [slot_id(world, "B", n) for n in (1, 2, 3)]

    again = apply(world, planning(world))

    assert counts(again) == {"unchanged": 5}
    assert not again.changes_anything
    assert live_slots(world) == before
    assert [slot_id(world, "B", n) for n in (1, 2, 3)] == ids


def test_a_changed_file_moves_updates_and_cancels_and_the_participants_are_told(world):
    apply(world, planning(world))
    martine = books(world, "A", MARTINE)
    karim = books(world, "C", KARIM)
    sophie = books(world, "B", SOPHIE, occurrence=2)
    changed = planning(
        world,
        [*FIRST, ("D", "castel", {"date": "12/03/2025"})],
        A={"debut": "15:00", "fin": "17:00"},  # moved an hour later
        B={"places": "6", "jusqu_au": "14/03/2025"},  # more seats, the last week dropped
        C=None,  # the line removed; Castelsarrasin is still in the file (line D)
    )

    dry_run = plan(world, changed)

    assert counts(dry_run) == {
        "created": 1, "updated": 2, "moved": 1, "cancelled": 2, "people": 2
    }  # fmt: skip
    [moved] = [s for s in dry_run.sessions if s.change is Change.MOVED]
    assert (moved.was_starts_at, moved.starts_at, moved.booked) == (
        local(6, 14),
        local(6, 15),
        1,
    )
    assert live_slots(world)[0][2] == local(5, 9, 30)  # a dry run changes nothing

    apply(world, changed)

    assert live_slots(world) == [
        ("A", 1, local(6, 15), local(6, 17), 8),
        ("B", 1, local(7, 10), local(7, 12), 6),
        ("D", 1, local(12, 14), local(12, 16), 8),
        ("B", 2, local(14, 10), local(14, 12), 6),
    ]
    told = {(row.booking_id, row.kind) for row in outbox(world.db) if row.kind in _SERVICE}
    assert told == {
        (martine, NotificationKind.SLOT_MOVED),
        (karim, NotificationKind.SLOT_CANCELLED),
    }
    with world.db() as session:
        statuses = session.scalars(select(Slot.status)).all()
    assert (statuses.count(SlotStatus.MOVED), statuses.count(SlotStatus.CANCELLED)) == (1, 2)
    telegram = FakeTelegram()
    deliver(world.db, telegram, now=MONDAY_9AM + timedelta(minutes=1))
    assert NotificationKind.SLOT_MOVED in telegram.kinds_to(MARTINE)
    assert NotificationKind.SLOT_CANCELLED in telegram.kinds_to(KARIM)
    assert telegram.kinds_to(SOPHIE) == []
    assert _booking_status(world, sophie) is BookingStatus.BOOKED

    assert counts(apply(world, changed)) == {"unchanged": 4}


def test_a_place_the_file_does_not_name_keeps_its_sessions(world):
    apply(world, planning(world))

    planned = apply(world, planning(world, C=None))

    assert counts(planned) == {"unchanged": 4}
    assert [key for key, *_ in live_slots(world)].count("C") == 1


_SERVICE = {NotificationKind.SLOT_MOVED, NotificationKind.SLOT_CANCELLED}


def _booking_status(world: World, booking_id: int) -> BookingStatus:
    with world.db() as session:
        return session.get(Booking, booking_id).status


def test_the_file_wins_over_a_move_made_in_the_bot_and_follows_the_moved_session(world):
    apply(world, planning(world))
    martine = books(world, "A", MARTINE)
    with world.db.begin() as session:
        move_slot(
            session, slot_id=slot_id(world, "A"), new_start=local(6, 10), new_end=local(6, 12),
            now=MONDAY_9AM,
        )  # fmt: skip
    assert slot_id(world, "A")  # the replacing slot holds occurrence 1 now

    planned = plan(world, planning(world))

    assert counts(planned) == {"moved": 1, "unchanged": 4, "people": 1}
    [moved] = [s for s in planned.sessions if s.change is Change.MOVED]
    assert (moved.was_starts_at, moved.starts_at) == (local(6, 10), local(6, 14))
    apply(world, planning(world))
    assert live_slots(world)[1] == ("A", 1, local(6, 14), local(6, 16), 8)
    assert [row.kind for row in outbox(world.db, booking_id=martine) if row.kind in _SERVICE] == [
        NotificationKind.SLOT_MOVED,
        NotificationKind.SLOT_MOVED,
    ]


def test_sessions_added_in_the_bot_are_never_touched(world):
    with world.db.begin() as session:
        add_sessions(
            session,
            structure_id=world.moissac,
            new=NewSessions(
                title="Permanence", kind=WorkshopKind.INDIVIDUAL, themes=("caf",),
                first_start=local(4, 9), duration=timedelta(hours=1), capacity=1,
            ),
            advisor_id=None,
            now=MONDAY_9AM,
        )  # fmt: skip

    planned = apply(world, planning(world))

    assert counts(planned) == {"created": 5}
    assert (None, None, local(4, 9), local(4, 10), 1) in live_slots(world)


def test_a_past_session_may_stay_but_not_change_and_a_capacity_keeps_its_booked_seats(world):
    apply(world, planning(world))
    books(world, "B", MARTINE, occurrence=2)
    books(world, "B", KARIM, occurrence=2)
    friday_noon = local(7, 12)  # C, A and the first B are over

    assert counts(plan(world, planning(world), now=friday_noon)) == {"unchanged": 5}
    fewer = plan(world, planning(world, B={**FIRST[1][2], "places": "1"}), now=friday_noon)
    assert problems(fewer) == [
        (3, "places", Reason.PAST_CHANGED),
        (3, "places", Reason.UNDER_BOOKED),
    ]
    assert fewer.problems[0].starts_at == local(7, 10)
    assert (fewer.problems[1].number, fewer.problems[1].starts_at) == (2, local(14, 10))
    earlier = plan(world, planning(world, A={"debut": "13:00"}), now=friday_noon)
    assert problems(earlier) == [(2, "date", Reason.PAST_CHANGED)]
    # A session cancelled in the bot before it came is history: the file may still list it.
    with world.db.begin() as session:
        cancel_slot(session, slot_id=slot_id(world, "C"), now=MONDAY_9AM)
    assert counts(plan(world, planning(world), now=friday_noon)) == {"unchanged": 5}
    assert counts(plan(world, planning(world))) == {"created": 1, "unchanged": 4}


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def cli_database(world, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return world


def import_slots(tmp_path, content: bytes, *options: str) -> tuple[int, str]:
    """The command, on the file with its dates in 2099: the command line runs on the real clock."""
    path = tmp_path / "planning.csv"
    path.write_bytes(content.replace(b"/2025", b"/2099"))
    out = io.StringIO()
    status = main(["import-slots", str(path), *options], stdout=out)
    return status, out.getvalue()


def test_import_slots_dry_run_then_apply_then_again_as_json(cli_database, tmp_path):
    world = cli_database
    content = planning(world)

    status, out = import_slots(tmp_path, content, "--dry-run", "--json")
    assert status == 0
    assert json.loads(out) == {
        "created": 5, "updated": 0, "moved": 0, "unchanged": 0, "cancelled": 0,
        "people_affected": 0, "errors": [],
    }  # fmt: skip
    assert live_slots(world) == []

    assert import_slots(tmp_path, content, "--json")[0] == 0
    assert len(live_slots(world)) == 5
    status, out = import_slots(tmp_path, content, "--json")
    assert (status, json.loads(out)["unchanged"], json.loads(out)["created"]) == (0, 5, 0)


def test_import_slots_refuses_a_bad_file_with_exit_2_and_every_error(cli_database, tmp_path):
    world = cli_database
    content = csv_file(row("A", world.moissac, debut="14h61"), row("B", 999))

    status, out = import_slots(tmp_path, content, "--json")

    assert status == 2
    answer = json.loads(out)
    assert {key: answer[key] for key in answer if key != "errors"} == dict.fromkeys(
        ("created", "updated", "moved", "unchanged", "cancelled", "people_affected"), 0
    )
    assert answer["errors"] == [
        {"line": 2, "column": "debut", "reason": "« 14h61 » n'est pas une heure (HH:MM ou 14h30)"},
        {
            "line": 3,
            "column": "lieu",
            "reason": "aucun lieu n'a le numéro « 999 » (la liste : aiguillage places)",
        },
    ]
    status, out = import_slots(tmp_path, content)
    assert status == 2
    assert "Ligne 2, colonne « debut » : « 14h61 » n'est pas une heure" in out
    assert live_slots(world) == []


def test_import_slots_says_what_it_did_in_words(cli_database, tmp_path):
    status, out = import_slots(tmp_path, planning(cli_database))

    assert status == 0
    assert "planning.csv : c'est appliqué." in out
    assert "➕ Nouvelles séances : 5" in out


def test_import_slots_without_a_file_is_one_line_and_exit_2(cli_database, tmp_path, capsys):
    status = main(["import-slots", str(tmp_path / "absent.csv")], stdout=io.StringIO())
    assert status == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "absent.csv" in line


# --- the words --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_problem_has_its_sentence_in_each_language(language):
    tr = Tr.of(load_catalogs((language,))[language], language)
    for reason in Reason:
        problem = Problem(
            2, "debut", reason, value="25h", number=3, starts_at=local(6, 14),
            timezone="Europe/Paris",
        )  # fmt: skip
        sentence = report.problem_reason(problem, tr)
        assert sentence and "{" not in sentence, reason
    line = report.problem_line(Problem(2, "debut", Reason.BAD_TIME, value="25h"), tr)
    assert (
        line
        == {
            "fr": "Ligne 2, colonne « debut » : « 25h » n'est pas une heure (HH:MM ou 14h30)",
            "en": "Line 2, column “debut”: “25h” is not a time (HH:MM or 14h30)",
        }[language]
    )

"""Importing the national catalogue: 20,000 generated places in the LaMednum format (CSV v1.0.x),
then the same file again, on a SQLite file; against the obvious approach measured in the same run
on its own database: read the same file, then an ORM object per row, one by one (find its
(source, id), else look for the same place in its commune, create or update it, flush).

Both sides start from the file and read it with the same reader; the re-import must change
nothing (no place created, updated or closed, the catalogue version unchanged).
"""

import csv
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from benchmarks.table import Row
from bot.database import make_sessionmaker
from bot.migrate import open_database
from knowledge.catalogue import HostStructure, PlaceSource
from knowledge.gazetteer import Gazetteer, load_gazetteer
from knowledge.place_files import FileFormat, PlaceFile, Placer, PlaceRecord, read_place_file
from knowledge.place_import import FIELDS, import_places
from knowledge.same_place import place_key, similarity
from knowledge.service_state import catalogue_version
from knowledge.themes import MEDNUM_SERVICES

PLACES = 20_000
COLUMNS = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "latitude",
    "longitude", "telephone", "courriels", "horaires", "date_maj", "services",
    "dispositif_programmes_nationaux", "modalites_acces", "modalites_accompagnement", "prise_rdv",
)  # fmt: skip
KINDS = ("Médiathèque", "France services", "CCAS", "Espace numérique", "Centre social")
PROGRAMMES = ("France Services", "Conseillers numériques", "Aidants Connect", "")
HOURS = ("Mo-Fr 09:00-12:00,14:00-17:00", "Tu,Th 14:00-18:00; Sa 09:00-12:00", "sur rendez-vous")


def write_places(path: Path, gazetteer: Gazetteer, count: int = PLACES) -> None:
    """`count` places of the standard over real communes (a tenth without a point)."""
    rng = random.Random(20_000)
    communes = [c for c in gazetteer if c.postal_codes and not c.is_arrondissement]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for number in range(count):
            commune = rng.choice(communes)
            point = rng.random() > 0.1
            writer.writerow(
                (
                    f"lieu-{number}", "00000000000000",
                    f"{rng.choice(KINDS)} {number} de {commune.name}", commune.name,
                    commune.postal_codes[0], commune.insee, f"{rng.randint(1, 99)} rue de la Poste",
                    f"{commune.lat + rng.uniform(-0.01, 0.01):.6f}" if point else "",
                    f"{commune.lon + rng.uniform(-0.01, 0.01):.6f}" if point else "",
                    f"+335{rng.randint(10_000_000, 99_999_999)}", f"contact{number}@example.org",
                    rng.choice(HOURS), "2025-01-15",
                    "|".join(rng.sample(MEDNUM_SERVICES, rng.randint(1, 4))),
                    rng.choice(PROGRAMMES), rng.choice(("Se présenter|Téléphoner", "Téléphoner")),
                    rng.choice(("Accompagnement individuel", "Dans un atelier collectif")),
                    rng.choice(("", "https://rdv.example.org/")),
                )
            )  # fmt: skip


def run() -> list[Row]:
    gazetteer = load_gazetteer()
    placer = Placer(gazetteer)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "lieux.csv")
        write_places(path, gazetteer)

        ours = _sessions(Path(tmp, "ours.sqlite3"))
        first = _timed(lambda: _ours(ours, path, placer, gazetteer))
        version = _version(ours)
        again = _timed(lambda: _ours(ours, path, placer, gazetteer))
        first_report, again_report = first[1], again[1]
        assert first_report.created == PLACES, first_report
        assert (again_report.unchanged, again_report.created, again_report.updated) == (
            PLACES,
            0,
            0,
        ), again_report
        assert again_report.closed == 0 and _version(ours) == version, "the re-import changed"

        baseline = _sessions(Path(tmp, "baseline.sqlite3"))
        base_first = _timed(lambda: _one_by_one(baseline, path, placer))
        base_again = _timed(lambda: _one_by_one(baseline, path, placer))
        assert base_first[1] == (PLACES, 0) and base_again[1] == (0, PLACES)
    return [
        Row(f"import {PLACES:,} places (LaMednum CSV)", first[0], base_first[0], "s"),
        Row("re-import of the same file (changes nothing)", again[0], base_again[0], "s"),
    ]


def _sessions(path: Path) -> sessionmaker[Session]:
    return make_sessionmaker(open_database(f"sqlite:///{path}"))


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _version(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return catalogue_version(session)


def _ours(sessions, path: Path, placer: Placer, gazetteer: Gazetteer):
    place_file = read_place_file(path, FileFormat.MEDNUM, placer)
    with sessions.begin() as session:
        return import_places(session, place_file, gazetteer)


def _one_by_one(sessions, path: Path, placer: Placer) -> tuple[int, int]:
    """The obvious import: an ORM object per row; (created, unchanged)."""
    place_file: PlaceFile = read_place_file(path, FileFormat.MEDNUM, placer)
    created = unchanged = 0
    with sessions.begin() as session:
        for record in place_file.records:
            link = session.scalars(
                select(PlaceSource).where(
                    PlaceSource.source == place_file.source,
                    PlaceSource.source_id == record.source_id,
                )
            ).one_or_none()
            if link is None:
                place = _same_place(session, record) or HostStructure()
                created += place.id is None
                place.sources.append(
                    PlaceSource(source=place_file.source, source_id=record.source_id)
                )
            else:
                place = session.get(HostStructure, link.structure_id)
            changed = _set(place, record)
            unchanged += link is not None and not changed
            session.add(place)
            session.flush()
    return created, unchanged


def _same_place(session: Session, record: PlaceRecord) -> HostStructure | None:
    key = place_key(
        commune_insee=record.commune_insee, name=record.name, address=record.address,
        lat=record.lat, lon=record.lon, approximate=record.approximate,
    )  # fmt: skip
    for other in session.scalars(
        select(HostStructure)
        .where(
            HostStructure.commune_insee == record.commune_insee, HostStructure.is_demo.is_(False)
        )
        .options(selectinload(HostStructure.sources))
    ):
        if any(s.source == "mednum" for s in other.sources):
            continue
        other_key = place_key(
            commune_insee=other.commune_insee, name=other.name, address=other.address,
            lat=other.lat, lon=other.lon, approximate=other.approximate,
        )  # fmt: skip
        if similarity(key, other_key) is not None:
            return other
    return None


def _set(place: HostStructure, record: PlaceRecord) -> bool:
    changed = False
    for name in FIELDS:
        if getattr(place, name) != getattr(record, name):
            setattr(place, name, getattr(record, name))
            changed = True
    for attribute in ("themes", "programmes", "modes"):
        if set(getattr(place, attribute)) != getattr(record, attribute):
            setattr(place, attribute, set(getattr(record, attribute)))
            changed = True
    return changed

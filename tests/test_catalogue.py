"""The catalogue tables keep their promises on SQLite and on PostgreSQL."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfoNotFoundError

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from knowledge.catalogue import (
    PROGRAMME_LABELS,
    TYPOLOGY_LABELS,
    HostStructure,
    PlaceSource,
    Programme,
    StructureTheme,
    Typology,
)
from scheduling.advisor_models import Advisor


@pytest.fixture
def db(engine: Engine) -> sessionmaker[Session]:
    """A fresh catalogue on a SQLite file, then on a throwaway PostgreSQL (skipped if absent)."""
    return make_sessionmaker(engine)


def moissac_town_hall(**fields) -> HostStructure:
    values = {
        "name": "Mairie de Moissac",
        "typology": Typology.MAIRIE,
        "address": "3 place Roger-Delthil, 82200 Moissac",
        "postal_code": "82200",
        "commune_insee": "82112",
        "lat": 44.10481,
        "lon": 1.08487,
    }
    return HostStructure(**(values | fields))


def test_town_hall_is_stored_with_its_themes_programmes_and_defaults(db):
    before = datetime.now(UTC) - timedelta(minutes=5)
    with db.begin() as session:
        structure = moissac_town_hall(opening_hours="Mo-Fr 08:30-12:00")
        structure.themes = {"impots", "caf"}
        structure.themes.add("impots")  # already there: still listed once
        structure.programmes = {Programme.CONSEILLERS_NUMERIQUES, "france_services"}
        session.add(structure)
    with db() as session:
        stored = session.scalars(select(HostStructure)).one()

        assert stored.typology is Typology.MAIRIE
        assert stored.themes == {"impots", "caf"}
        assert stored.programmes == {Programme.CONSEILLERS_NUMERIQUES, Programme.FRANCE_SERVICES}
        assert stored.timezone == "Europe/Paris"
        assert (stored.itinerant, stored.individual_help, stored.is_demo) == (False, False, False)
        assert stored.created_at.tzinfo is not None
        assert stored.created_at.utcoffset() == timedelta(0)
        assert stored.created_at > before
        assert stored.opening_hours == "Mo-Fr 08:30-12:00"


def test_a_theme_cannot_be_listed_twice_for_one_structure(db):
    with db.begin() as session:
        structure = moissac_town_hall()
        session.add(structure)
        session.flush()
        structure_id = structure.id

    with pytest.raises(IntegrityError), db.begin() as session:
        session.add_all(
            [
                StructureTheme(structure_id=structure_id, theme="caf"),
                StructureTheme(structure_id=structure_id, theme="caf"),
            ]
        )
        session.flush()


def from_source(source: str, source_id: str | None, **fields) -> HostStructure:
    structure = moissac_town_hall(**fields)
    structure.sources = [PlaceSource(source=source, source_id=source_id)]
    return structure


def test_the_same_open_data_record_cannot_be_imported_twice(db):
    with db.begin() as session:
        session.add(from_source("mednum", "abc-1"))
        # Places from no source, or from a source without ids, never collide with each other.
        session.add_all([moissac_town_hall(), moissac_town_hall()])
        session.add_all([from_source("mairie", None), from_source("mairie", None)])

    with pytest.raises(IntegrityError), db.begin() as session:
        session.add(from_source("mednum", "abc-1"))

    with db() as session:
        assert session.scalar(select(func.count()).select_from(HostStructure)) == 5


def test_one_place_is_published_by_two_sources_the_first_its_own(db):
    with db.begin() as session:
        structure = from_source("mednum", "abc-1")
        structure.sources.append(PlaceSource(source="data-inclusion", source_id="dora--42"))
        session.add(structure)
    with db() as session:
        stored = session.scalars(select(HostStructure)).one()
        assert [(s.source, s.source_id, s.listed) for s in stored.sources] == [
            ("mednum", "abc-1", True),
            ("data-inclusion", "dora--42", True),
        ]
        assert stored.approximate is False and stored.appointment_only is False


@pytest.mark.parametrize(
    "fields",
    [
        {"lat": 95.0},
        {"lon": -181.0},
        {"name": ""},
        {"commune_insee": "8211"},
    ],
    ids=["lat", "lon", "name", "insee"],
)
def test_impossible_structures_are_refused_by_the_database(db, fields):
    with pytest.raises(IntegrityError), db.begin() as session:
        session.add(moissac_town_hall(**fields))


def test_unknown_typology_is_refused_even_by_raw_sql(db):
    with pytest.raises(StatementError), db.begin() as session:
        session.add(moissac_town_hall(typology="boulangerie"))

    with pytest.raises(IntegrityError), db.begin() as session:
        session.execute(
            text(
                "INSERT INTO host_structures (name, typology, commune_insee, lat, lon)"
                " VALUES ('Boulangerie', 'boulangerie', '82112', 44.1, 1.08)"
            )
        )


def test_unknown_time_zone_is_refused_on_write():
    with pytest.raises(ZoneInfoNotFoundError):
        moissac_town_hall(timezone="Europe/Moissac")


def test_advisor_works_in_two_structures_and_is_found_by_telegram_id(db):
    with db.begin() as session:
        moissac = moissac_town_hall()
        castelsarrasin = moissac_town_hall(name="CCAS de Castelsarrasin", commune_insee="82033")
        session.add(
            Advisor(
                first_name="Inès",
                last_name="Garcia",
                telegram_user_id=7_000_000_001,  # Telegram ids no longer fit in 32 bits
                structures=[moissac, castelsarrasin],
            )
        )
    with db() as session:
        advisor = session.scalars(
            select(Advisor).where(Advisor.telegram_user_id == 7_000_000_001)
        ).one()
        assert sorted(s.name for s in advisor.structures) == [
            "CCAS de Castelsarrasin",
            "Mairie de Moissac",
        ]

    with pytest.raises(IntegrityError), db.begin() as session:
        session.add(Advisor(first_name="Autre", last_name="Compte", telegram_user_id=7_000_000_001))


def test_advisors_without_telegram_account_can_be_many(db):
    with db.begin() as session:
        session.add_all(
            [
                Advisor(first_name="Paul", last_name="Roux"),
                Advisor(first_name="Léa", last_name="Roux"),
            ]
        )
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Advisor)) == 2


def test_closing_a_structure_removes_its_themes_and_advisor_links_but_not_the_advisor(db):
    with db.begin() as session:
        structure = moissac_town_hall()
        structure.themes = {"caf", "impots"}
        structure.programmes = {Programme.CONSEILLERS_NUMERIQUES}
        session.add(Advisor(first_name="Inès", last_name="Garcia", structures=[structure]))
    with db.begin() as session:
        session.delete(session.scalars(select(HostStructure)).one())
    with db() as session:
        assert session.scalar(select(func.count()).select_from(StructureTheme)) == 0
        advisor = session.scalars(select(Advisor)).one()
        assert advisor.structures == []


def test_every_typology_and_programme_has_a_label():
    assert set(TYPOLOGY_LABELS) == set(Typology)
    assert set(PROGRAMME_LABELS) == set(Programme)

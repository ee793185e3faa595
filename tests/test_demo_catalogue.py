"""The demo catalogue: real places, clearly marked as a demo, nothing invented."""

import gzip
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from knowledge.catalogue import HostStructure, PlaceSource, Programme, Typology
from knowledge.catalogue_index import load_structure_index
from knowledge.demo_catalogue import DEMO_SOURCE, load_demo_catalogue, read_demo_structures
from knowledge.gazetteer import DATA_DIR, load_gazetteer, read_gazetteer
from knowledge.nearest_help import SOLIDARITE_NUMERIQUE, find_help

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_MORNING = datetime(2025, 3, 4, 10, 0, tzinfo=PARIS)
THEMES = {
    "courriel",
    "impots",
    "caf",
    "emploi",
    "sante",
    "papiers",
    "retraite",
    "equipement",
    "securite",
    "scolarite",
    "achats",
}


@pytest.fixture
def db(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def demo(db) -> sessionmaker[Session]:
    with db.begin() as session:
        load_demo_catalogue(session, load_gazetteer())
    return db


def structure(session: Session, key: str) -> HostStructure:
    return session.scalars(
        select(HostStructure).join(PlaceSource).where(PlaceSource.source_id == key)
    ).one()


def test_demo_catalogue_fills_an_empty_catalogue_once(db):
    gazetteer = load_gazetteer()
    with db.begin() as session:
        added = load_demo_catalogue(session, gazetteer)
    with db.begin() as session:
        added_again = load_demo_catalogue(session, gazetteer)

    assert added == len(read_demo_structures()) > 20
    assert added_again == 0
    with db() as session:
        assert session.scalar(select(func.count()).select_from(HostStructure)) == added


def test_demo_catalogue_stays_out_of_a_real_catalogue(db):
    with db.begin() as session:
        session.add(
            HostStructure(
                name="Vraie structure",
                typology=Typology.ASSOCIATION,
                commune_insee="82112",
                lat=44.1,
                lon=1.08,
            )
        )
    with db.begin() as session:
        assert load_demo_catalogue(session, load_gazetteer()) == 0


def test_every_demo_structure_says_it_is_a_demo(demo):
    with demo() as session:
        rows = session.scalars(select(HostStructure)).all()

        assert rows
        for row in rows:
            assert row.is_demo
            assert [(s.source, s.listed) for s in row.sources] == [(DEMO_SOURCE, True)]
            assert "démo" in row.name
            assert row.themes and set(row.themes) <= THEMES
            assert Programme.CONSEILLERS_NUMERIQUES in row.programmes


def test_every_demo_insee_code_names_the_commune_it_claims():
    gazetteer = load_gazetteer()
    for entry in read_demo_structures():
        commune = gazetteer.get(entry.commune_insee)
        assert commune is not None and commune.name == entry.commune, entry.key
    # The codes most easily confused, checked by hand.
    expected = {
        "82033": "Castelsarrasin",
        "82037": "Caussade",
        "82112": "Moissac",
        "82121": "Montauban",
        "82137": "Parisot",
        "82155": "Saint-Antonin-Noble-Val",
        "82169": "Saint-Nicolas-de-la-Grave",
        "47001": "Agen",
        "47323": "Villeneuve-sur-Lot",
        "48095": "Mende",
    }
    for insee, name in expected.items():
        assert gazetteer.get(insee).name == name


def test_a_wrong_insee_code_in_the_demo_data_is_refused(db, tmp_path):
    # The real gazetteer files, except that 82033 is not Castelsarrasin: the demo data must not
    # load against it, as it would not load if the data file had a typo in a code.
    for name in ("communes.tsv.gz", "departments.tsv.gz", "epcis.tsv.gz"):
        data = gzip.decompress((DATA_DIR / name).read_bytes())
        if name == "communes.tsv.gz":
            data = data.replace(b"\t82033\tCastelsarrasin\t", b"\t82033\tCaussade\t")
        (tmp_path / name).write_bytes(gzip.compress(data))
    gazetteer = read_gazetteer(tmp_path)
    assert gazetteer.get("82033").name == "Caussade"

    with pytest.raises(ValueError, match="82033"), db.begin() as session:
        load_demo_catalogue(session, gazetteer)


def test_town_halls_take_their_contact_details_from_the_gazetteer_and_others_get_none(demo):
    gazetteer = load_gazetteer()
    with demo() as session:
        moissac = structure(session, "82-mairie-moissac")
        ccas = structure(session, "82-ccas-castelsarrasin")
        departement = structure(session, "82-departement")
        others = [
            (entry.key, structure(session, entry.key))
            for entry in read_demo_structures()
            if not entry.at_townhall
        ]

    townhall = gazetteer.get("82112").townhall
    assert (moissac.address, moissac.phone, moissac.email, moissac.website) == (
        townhall.address,
        townhall.phone,
        townhall.email,
        townhall.website,
    )
    assert moissac.opening_hours == townhall.opening_hours
    assert moissac.postal_code == "82200"
    # No address known: at the commune's town hall point, and no contact details at all.
    castelsarrasin = gazetteer.get("82033")
    assert (ccas.lat, ccas.lon) == (castelsarrasin.lat, castelsarrasin.lon)
    assert ccas.address is None
    assert departement.address == "100 boulevard Hubert-Gouze, 82000 Montauban"
    for key, row in others:
        assert (row.phone, row.email, row.website, row.opening_hours) == (None,) * 4, key


def test_resident_in_moissac_is_sent_to_moissac_town_hall_for_taxes(demo):
    moissac = load_gazetteer().get("82112")
    with demo() as session:
        answer = find_help(
            session,
            load_structure_index(session),
            lat=moissac.lat,
            lon=moissac.lon,
            theme="impots",
            now=TUESDAY_MORNING,
            commune=moissac,
        )

    first = answer.structures[0]
    assert first.name == "Mairie de Moissac (démo)"
    assert first.distance_km < 0.1
    assert first.phone == moissac.townhall.phone
    assert first.is_demo
    assert first.opening is not None and first.opening.is_open  # Tuesday 10:00
    assert len(answer.structures) == 3
    assert [p.distance_km for p in answer.structures] == sorted(
        p.distance_km for p in answer.structures
    )


def test_resident_in_parisot_asking_about_retirement_is_sent_to_the_communaute_de_communes(demo):
    parisot = load_gazetteer().get("82137")
    with demo() as session:
        answer = find_help(
            session,
            load_structure_index(session),
            lat=parisot.lat,
            lon=parisot.lon,
            theme="retraite",
            now=TUESDAY_MORNING,
            commune=parisot,
            k=1,
        )

    (place,) = answer.structures
    assert place.name.startswith("Communauté de communes du Quercy Rouergue")
    assert place.itinerant
    assert 10 < place.distance_km < 20


def test_resident_of_mende_looking_for_job_help_gets_town_hall_and_helpline(demo):
    mende = load_gazetteer().get("48095")
    with demo() as session:
        answer = find_help(
            session,
            load_structure_index(session),
            lat=mende.lat,
            lon=mende.lon,
            theme="emploi",
            now=TUESDAY_MORNING,
            commune=mende,
        )

    assert answer.is_fallback
    assert answer.town_hall.commune_name == "Mende"
    assert answer.town_hall.townhall.phone == mende.townhall.phone
    assert answer.helpline == SOLIDARITE_NUMERIQUE

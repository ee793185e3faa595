"""The nearest structures: the pure index against a brute-force sort, then `find_help` on a
real catalogue (SQLite, then PostgreSQL)."""

import random
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.database import make_sessionmaker
from knowledge.catalogue import HostStructure, Programme, Typology
from knowledge.catalogue_index import load_structure_index
from knowledge.gazetteer import load_gazetteer
from knowledge.geo import haversine_km
from knowledge.nearest import Nearby, StructureIndex, StructurePoint
from knowledge.nearest_help import SOLIDARITE_NUMERIQUE, find_help, wider_radius
from knowledge.opening import OpeningStatus

THEMES = ["courriel", "impots", "caf", "emploi"]
PARIS = ZoneInfo("Europe/Paris")


def brute_force(points, lat, lon, *, theme=None, k=3, radius_km=None) -> list[Nearby]:
    found = sorted(
        (haversine_km(lat, lon, p.lat, p.lon), p.id)
        for p in points
        if theme is None or theme in p.themes
    )
    if radius_km is not None:
        found = [(d, i) for d, i in found if d <= radius_km]
    return [Nearby(i, d) for d, i in found[:k]]


# Anywhere in France, overseas included; plus a few fixed spots so that ties and duplicates
# (several structures in one town hall) come up often.
anywhere = st.tuples(st.floats(-22, 52), st.floats(-62, 56))
crowded = st.tuples(
    st.sampled_from([44.1, 44.1000001, 44.2, -21.0]),
    st.sampled_from([1.08, 1.0800001, 55.5, -61.5]),
)
position = st.one_of(anywhere, crowded)


@settings(max_examples=400, deadline=None)
@given(
    spots=st.lists(
        st.tuples(position, st.frozensets(st.sampled_from(THEMES), max_size=3)), max_size=80
    ),
    query=position,
    theme=st.one_of(st.none(), st.sampled_from(THEMES)),
    k=st.integers(1, 6),
    radius_km=st.one_of(st.none(), st.floats(0, 3000), st.just(0.0)),
)
def test_index_always_agrees_with_a_brute_force_sort(spots, query, theme, k, radius_km):
    points = [
        StructurePoint(id=i, lat=lat, lon=lon, themes=themes)
        for i, ((lat, lon), themes) in enumerate(spots)
    ]
    index = StructureIndex(points)

    found = index.nearest(*query, theme=theme, k=k, radius_km=radius_km)

    assert found == brute_force(points, *query, theme=theme, k=k, radius_km=radius_km)


def test_index_of_many_structures_agrees_with_a_brute_force_sort():
    rng = random.Random(82)
    points = [
        StructurePoint(
            id=i,
            lat=rng.uniform(41.3, 51.1) if i % 10 else rng.uniform(-22, 52),
            lon=rng.uniform(-5.2, 9.6) if i % 10 else rng.uniform(-62, 56),
            themes=frozenset(rng.sample(THEMES, rng.randint(1, 3))),
        )
        for i in range(3000)
    ]
    index = StructureIndex(points)

    for _ in range(150):
        lat, lon = rng.uniform(-22, 52), rng.uniform(-62, 56)
        theme = rng.choice([None, *THEMES])
        radius_km = rng.choice([None, 10.0, 50.0])
        expected = brute_force(points, lat, lon, theme=theme, k=5, radius_km=radius_km)
        assert index.nearest(lat, lon, theme=theme, k=5, radius_km=radius_km) == expected


def test_structures_in_the_same_building_come_by_id():
    points = [
        StructurePoint(id=i, lat=44.1, lon=1.08, themes=frozenset({"caf"})) for i in (7, 3, 5)
    ]

    assert [hit.structure_id for hit in StructureIndex(points).nearest(44.2, 1.1, k=2)] == [3, 5]


def test_resident_in_reunion_is_not_sent_to_metropolitan_france():
    points = [
        StructurePoint(id=1, lat=44.104, lon=1.085, themes=frozenset({"caf"})),  # Moissac
        StructurePoint(id=2, lat=-20.882, lon=55.450, themes=frozenset({"caf"})),  # Saint-Denis
    ]

    found = StructureIndex(points).nearest(-21.34, 55.48, theme="caf", k=1)

    assert [hit.structure_id for hit in found] == [2]
    assert 45 < found[0].distance_km < 55


def test_unknown_theme_empty_index_and_zero_k_find_nothing():
    index = StructureIndex([StructurePoint(id=1, lat=44.1, lon=1.08, themes=frozenset({"caf"}))])

    assert index.nearest(44.1, 1.08, theme="astronomie") == []
    assert index.nearest(44.1, 1.08, k=0) == []
    assert StructureIndex([]).nearest(44.1, 1.08) == []
    assert index.themes == frozenset({"caf"})
    assert len(index) == 1


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        StructureIndex([StructurePoint(id=1, lat=1, lon=1), StructurePoint(id=1, lat=2, lon=2)])
    with pytest.raises(ValueError):
        StructureIndex([StructurePoint(id=1, lat=91, lon=1)])
    with pytest.raises(ValueError):
        StructureIndex([]).nearest(44.1, 1.08, radius_km=-1)


# --- find_help on a real catalogue -------------------------------------------------------------


@pytest.fixture
def sessionmaker_(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


def add(session: Session, name: str, lat: float, lon: float, themes: set[str], **fields) -> int:
    structure = HostStructure(
        name=name,
        typology=fields.pop("typology", Typology.ASSOCIATION),
        commune_insee=fields.pop("commune_insee", "82112"),
        lat=lat,
        lon=lon,
        **fields,
    )
    structure.themes = themes
    session.add(structure)
    session.flush()
    return structure.id


def count_queries(engine: Engine) -> list[str]:
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def test_resident_in_moissac_gets_the_three_nearest_tax_helpers_with_their_hours(sessionmaker_):
    with sessionmaker_.begin() as session:
        near = add(
            session,
            "Espace numérique de Moissac",
            44.1050,
            1.0850,
            {"impots", "caf"},
            opening_hours="Mo-Fr 09:00-12:00",
            individual_help=True,
        )
        add(session, "Club photo", 44.1060, 1.0860, {"equipement"})
        middle = add(session, "Centre social", 44.0400, 1.1070, {"impots"}, commune_insee="82033")
        far = add(session, "Permanence impôts", 44.0160, 1.3530, {"impots"}, commune_insee="82121")
        add(session, "Trop loin", 43.6, 1.44, {"impots"}, commune_insee="31555")
        session.get(HostStructure, middle).programmes = {Programme.FRANCE_SERVICES}
    with sessionmaker_() as session:
        index = load_structure_index(session)
        statements = count_queries(session.get_bind())
        now = datetime(2025, 3, 4, 10, 30, tzinfo=PARIS)

        answer = find_help(session, index, lat=44.1048, lon=1.0849, theme="impots", now=now)

    assert [place.structure_id for place in answer.structures] == [near, middle, far]
    assert len(statements) == 1
    first = answer.structures[0]
    assert first.name == "Espace numérique de Moissac"
    assert first.distance_km < 0.1
    assert first.individual_help
    assert first.opening == OpeningStatus(
        is_open=True, next_change=datetime(2025, 3, 4, 12, 0, tzinfo=PARIS)
    )
    assert answer.structures[1].programmes == frozenset({Programme.FRANCE_SERVICES})
    assert answer.structures[1].opening is None  # no hours known
    assert not answer.is_fallback
    assert answer.town_hall is None and answer.helpline is None


def test_structure_in_reunion_is_open_by_its_own_clock(sessionmaker_):
    with sessionmaker_.begin() as session:
        add(
            session,
            "Médiathèque de Saint-Denis",
            -20.882,
            55.450,
            {"courriel"},
            commune_insee="97411",
            opening_hours="Mo-Fr 08:00-12:00",
            timezone="Indian/Reunion",
        )
    with sessionmaker_() as session:
        now = datetime(2025, 3, 28, 5, 30, tzinfo=UTC)  # 09:30 in Saint-Denis, 06:30 in Paris

        answer = find_help(
            session, load_structure_index(session), lat=-20.9, lon=55.46, theme="courriel", now=now
        )

    (place,) = answer.structures
    assert place.opening == OpeningStatus(
        is_open=True, next_change=datetime(2025, 3, 28, 12, 0, tzinfo=ZoneInfo("Indian/Reunion"))
    )


def test_resident_in_mende_far_from_any_job_helper_gets_town_hall_and_national_helpline(
    sessionmaker_,
):
    mende = load_gazetteer().get("48095")
    with sessionmaker_.begin() as session:
        add(session, "Mission locale", 44.0160, 1.3530, {"emploi"}, commune_insee="82121")
    with sessionmaker_() as session:
        now = datetime(2025, 3, 4, 10, 0, tzinfo=PARIS)

        answer = find_help(
            session,
            load_structure_index(session),
            lat=mende.lat,
            lon=mende.lon,
            theme="emploi",
            now=now,
            commune=mende,
        )

    assert answer.is_fallback and answer.structures == ()
    assert answer.helpline == SOLIDARITE_NUMERIQUE
    assert SOLIDARITE_NUMERIQUE.phone == "01 70 772 372"
    assert answer.town_hall.commune_name == "Mende"
    assert answer.town_hall.townhall == mende.townhall
    assert answer.town_hall.distance_km == pytest.approx(0, abs=0.01)
    if mende.townhall.opening_hours:
        assert answer.town_hall.opening is not None


def test_resident_whose_commune_is_unknown_still_gets_the_helpline(sessionmaker_):
    with sessionmaker_() as session:
        answer = find_help(
            session,
            StructureIndex([]),
            lat=44.5,
            lon=3.5,
            theme="caf",
            now=datetime(2025, 3, 4, 10, 0, tzinfo=PARIS),
        )

    assert answer.town_hall is None
    assert answer.helpline == SOLIDARITE_NUMERIQUE


def test_structure_closed_since_the_index_was_built_is_left_out(sessionmaker_):
    with sessionmaker_.begin() as session:
        gone = add(session, "Fermé", 44.105, 1.085, {"caf"})
        kept = add(session, "Ouvert", 44.040, 1.107, {"caf"})
    with sessionmaker_() as session:
        index = load_structure_index(session)
    with sessionmaker_.begin() as session:
        session.delete(session.get(HostStructure, gone))
    with sessionmaker_() as session:
        answer = find_help(
            session, index, lat=44.1, lon=1.08, theme="caf", now=datetime(2025, 3, 4, tzinfo=UTC)
        )

    assert [place.structure_id for place in answer.structures] == [kept]


def test_index_loaded_from_the_catalogue_knows_each_structures_themes(sessionmaker_):
    with sessionmaker_.begin() as session:
        moissac = add(session, "A", 44.105, 1.085, {"caf", "impots"})
        add(session, "B", 44.040, 1.107, set())
    with sessionmaker_() as session:
        index = load_structure_index(session)

    assert len(index) == 2
    assert index.themes == frozenset({"caf", "impots"})
    assert [hit.structure_id for hit in index.nearest(44.0, 1.1, theme="impots")] == [moissac]


def test_searching_further_widens_30_to_60_to_100_km_then_stops():
    assert [wider_radius(radius) for radius in (30.0, 60.0, 100.0)] == [60.0, 100.0, None]
    assert wider_radius(None) is None and wider_radius(45.0) is None

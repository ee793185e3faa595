"""The bundled gazetteer: every current commune, with its town hall, as the sources give it."""

import opening_hours
import pytest

from knowledge.gazetteer import load_gazetteer, timezone_for_department

# Metropolitan France, Corsica included, and the five overseas departments.
FRANCE = [(41.3, 51.2, -5.3, 9.6)]
OVERSEAS = {
    "971": (15.8, 18.2, -63.2, -61.0),
    "972": (14.3, 15.0, -61.3, -60.8),
    "973": (2.0, 6.0, -54.7, -51.5),
    "974": (-21.5, -20.8, 55.2, 55.9),
    "976": (-13.1, -12.6, 45.0, 45.4),
}


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_every_current_commune_is_there(gazetteer):
    communes = [c for c in gazetteer if not c.is_arrondissement]
    assert 34_800 <= len(communes) <= 35_000
    assert sum(c.is_arrondissement for c in gazetteer) == 20 + 9 + 16
    assert {c.department for c in communes} >= {"01", "2A", "2B", "82", "971", "976"}
    assert 2_400 <= len(gazetteer.former) <= 2_700


def test_moissac_has_its_town_hall(gazetteer):
    moissac = gazetteer.get("82112")
    assert moissac.name == "Moissac"
    assert moissac.department == "82"
    assert moissac.postal_codes == ("82200",)
    assert moissac.population > 10_000
    assert moissac.epci in gazetteer.epci_names
    assert moissac.townhall.address == "3 place Roger-Delthil, 82200 Moissac"
    assert moissac.townhall.phone == "05 63 04 63 63"
    assert moissac.townhall.opening_hours.startswith("Mo-Fr 08:30-12:00,13:30-17:30")
    assert (44.0, 1.0) < (moissac.lat, moissac.lon) < (44.2, 1.2)


def test_every_commune_lies_in_its_territory(gazetteer):
    for commune in gazetteer:
        south, north, west, east = OVERSEAS.get(commune.department, FRANCE[0])
        assert south <= commune.lat <= north and west <= commune.lon <= east, commune


def test_every_town_hall_schedule_is_valid_osm_syntax(gazetteer):
    schedules = {c.townhall.opening_hours for c in gazetteer if c.townhall}
    schedules.discard(None)
    assert len(schedules) > 5_000
    assert all(opening_hours.validate(schedule) for schedule in schedules)


def test_former_communes_lead_to_the_commune_they_joined(gazetteer):
    saint_bois = next(f for f in gazetteer.former if f.name == "Saint-Bois")
    assert gazetteer.get(saint_bois.commune).name == "Arboys en Bugey"
    assert all(gazetteer.get(f.commune) for f in gazetteer.former)


def test_paris_arrondissements_are_reachable_by_postal_code(gazetteer):
    names = {c.name for c in gazetteer.by_postal_code("75015")}
    assert names == {"Paris", "Paris 15e Arrondissement"}
    assert gazetteer.get("75115").parent == "75056"


def test_overseas_departments_keep_their_own_time(gazetteer):
    assert timezone_for_department("82") == "Europe/Paris"
    assert timezone_for_department("974") == "Indian/Reunion"
    assert timezone_for_department("973") == "America/Cayenne"
    assert gazetteer.department_name("82") == "Tarn-et-Garonne"


@pytest.mark.parametrize(
    ("insee", "town_hall"),
    [
        ("82112", "Moissac"),  # its own
        ("75056", "Paris 6e Arrondissement"),  # Paris has none: the nearest arrondissement's
        ("75101", "Paris 9e Arrondissement"),  # an arrondissement without one: its neighbour's
        ("75115", "Paris 15e Arrondissement"),
        ("13055", "Marseille"),  # the Hôtel de Ville
        ("69123", "Lyon"),
    ],
)
def test_every_commune_of_an_arrondissement_city_has_a_town_hall(gazetteer, insee, town_hall):
    commune = gazetteer.get(insee)

    found = gazetteer.town_hall_of(commune, commune.lat, commune.lon)

    assert found.name == town_hall and found.townhall is not None

"""When two sources publish the same place: the thresholds of `knowledge.same_place`."""

import pytest

from knowledge.same_place import place_key, similarity

MEDIATHEQUE = {
    "commune_insee": "82112",
    "name": "Médiathèque municipale de Moissac",
    "address": "12 rue de la Solidarité, 82200 Moissac",
    "lat": 44.1050,
    "lon": 1.0850,
    "approximate": False,
}


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ({"name": "MEDIATHEQUE DE MOISSAC", "lat": 44.1051, "lon": 1.0852}, True),  # ~20 m
        ({"address": "12 Rue de la Solidarite"}, True),
        ({"address": None, "lat": 44.1052}, True),  # no street: the point decides
        ({"approximate": True, "lat": 44.10481, "lon": 1.08487}, True),  # the street decides
        ({"lat": 44.1057}, False),  # ~80 m away
        ({"name": "France services de Moissac"}, False),
        ({"address": "3 place Roger-Delthil, 82200 Moissac"}, False),
        ({"commune_insee": "82033"}, False),
        ({"approximate": True, "address": None}, False),  # the name alone never decides
    ],
)
def test_two_sources_publish_one_place_when_name_street_and_point_agree(other, same):
    found = similarity(place_key(**MEDIATHEQUE), place_key(**(MEDIATHEQUE | other)))

    assert (found is not None) == same

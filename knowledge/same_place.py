"""Is a row of one source a place another source already published? As the national cartography
de-duplicates its sources (mednum-cli `dedupliquer`: same postal code, fuzzy name, fuzzy street,
points within about 0.0004°): the same commune, names and streets close by rapidfuzz, points
within 50 m. Pure.

An approximate point (its commune's town hall) says nothing about where the place is: the
distance is then not compared, and the street must be. Two places with neither a street nor a
precise point in common are never merged on their names alone.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.geo import haversine_km
from knowledge.text import fold

# On folded text, token_set_ratio: word order and a word added ("Médiathèque" / "Médiathèque
# municipale") cost little, another word in its stead a lot ("France services de Moissac" /
# "Mairie de Moissac" score under 75).
NAME_MIN_SCORE = 85.0
STREET_MIN_SCORE = 80.0
MAX_DISTANCE_KM = 0.05

# The postal code and commune the importer appends to the street ("…, 82200 Moissac").
_TOWN_SUFFIX = re.compile(r",?\s*\d{5}\b[^,]*$")


@dataclass(frozen=True, slots=True)
class PlaceKey:
    """What two places are compared on."""

    commune_insee: str
    name: str
    """Folded."""
    street: str
    """Folded, without postal code and commune; empty when unknown."""
    lat: float
    lon: float
    approximate: bool


def place_key(
    *, commune_insee: str, name: str, address: str | None, lat: float, lon: float, approximate: bool
) -> PlaceKey:
    street = fold(_TOWN_SUFFIX.sub("", address or ""))
    return PlaceKey(commune_insee, fold(name), street, lat, lon, approximate)


def similarity(a: PlaceKey, b: PlaceKey) -> float | None:
    """How alike two places are (higher is closer), or None when they are not the same place."""
    if a.commune_insee != b.commune_insee:
        return None
    name = fuzz.token_set_ratio(a.name, b.name, processor=None, score_cutoff=NAME_MIN_SCORE)
    if not name:
        return None
    score = name
    compared = False
    if a.street and b.street:
        street = fuzz.token_set_ratio(
            a.street, b.street, processor=None, score_cutoff=STREET_MIN_SCORE
        )
        if not street:
            return None
        score += street
        compared = True
    if not (a.approximate or b.approximate):
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if distance > MAX_DISTANCE_KM:
            return None
        score += 100.0 * (1 - distance / MAX_DISTANCE_KM)
        compared = True
    elif not compared:
        return None
    return score

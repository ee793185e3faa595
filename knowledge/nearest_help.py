"""The answer a resident gets to "where can I get help with this, near me?".

The nearest host structures offering the theme, each with its distance and whether it is open;
when none lies within reach, the resident's own town hall and the national helpline instead.
Data only: the handler words it in the resident's language.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, Programme, StructureProgramme, Typology
from knowledge.gazetteer import Commune, TownHall, timezone_for_department
from knowledge.geo import haversine_km
from knowledge.nearest import StructureIndex
from knowledge.opening import OpeningStatus, opening_status, readable

# About half an hour's drive in the countryside: further than that, a phone call to the helpline
# or a visit to the town hall serves a resident better than a far-away desk.
DEFAULT_RADIUS_KM = 30.0
# "Chercher plus loin": the radii a resident can widen the search to, one step at a time.
SEARCH_RADII_KM = (DEFAULT_RADIUS_KM, 60.0, 100.0)


def wider_radius(radius_km: float | None) -> float | None:
    """The next of `SEARCH_RADII_KM` after `radius_km`; None past the last (or for another)."""
    if radius_km not in SEARCH_RADII_KM:
        return None
    following = SEARCH_RADII_KM[SEARCH_RADII_KM.index(radius_km) + 1 :]
    return following[0] if following else None


@dataclass(frozen=True, slots=True)
class Helpline:
    name: str
    phone: str
    website: str


# The national helpline for people stuck with online procedures (a real public service).
SOLIDARITE_NUMERIQUE = Helpline(
    name="Solidarité Numérique",
    phone="01 70 772 372",
    website="https://www.solidarite-numerique.fr",
)


@dataclass(frozen=True, slots=True)
class HelpPlace:
    """A host structure near the resident."""

    structure_id: int
    name: str
    typology: Typology
    address: str | None
    postal_code: str | None
    commune_insee: str
    lat: float
    lon: float
    phone: str | None
    email: str | None
    website: str | None
    opening_hours: str | None
    timezone: str
    opening: OpeningStatus | None  # None when the hours are unknown or unreadable
    distance_km: float
    itinerant: bool
    individual_help: bool
    programmes: frozenset[Programme]
    is_demo: bool
    approximate: bool = False
    """Placed on its commune's town hall: `distance_km` is the town hall's."""
    booking_url: str | None = None
    appointment_only: bool = False
    hours_unreadable: bool = False
    """It gives hours, but not in a form we can read."""


@dataclass(frozen=True, slots=True)
class TownHallHelp:
    """The resident's own town hall, offered when no host structure is within reach."""

    commune_insee: str
    commune_name: str
    townhall: TownHall
    lat: float
    lon: float
    distance_km: float
    timezone: str
    opening: OpeningStatus | None


@dataclass(frozen=True, slots=True)
class HelpAnswer:
    theme: str | None
    radius_km: float | None
    structures: tuple[HelpPlace, ...]
    # Both set only when `structures` is empty; `town_hall` stays None if the commune is unknown
    # or the gazetteer has no town hall for it.
    town_hall: TownHallHelp | None = None
    helpline: Helpline | None = None
    other_places_near: bool = False
    """No place for `theme`, but places for other needs within the radius: the catalogue knows
    the area, it has nothing for this need there yet."""

    @property
    def is_fallback(self) -> bool:
        return not self.structures


# Built once, the ids bound at execution: the columns a `HelpPlace` shows, not whole objects
# (one query, as the joined load of objects was).
_structures, _programmes = HostStructure.__table__, StructureProgramme.__table__
_PLACE_COLUMNS = (
    _structures.c.id,
    _structures.c.name,
    _structures.c.typology,
    _structures.c.address,
    _structures.c.postal_code,
    _structures.c.commune_insee,
    _structures.c.lat,
    _structures.c.lon,
    _structures.c.phone,
    _structures.c.email,
    _structures.c.website,
    _structures.c.opening_hours,
    _structures.c.timezone,
    _structures.c.itinerant,
    _structures.c.individual_help,
    _structures.c.is_demo,
    _structures.c.approximate,
    _structures.c.booking_url,
    _structures.c.appointment_only,
    _structures.c.closed,
    _programmes.c.programme,  # one row per programme
)
_PLACES = (
    select(*_PLACE_COLUMNS)
    .outerjoin(_programmes, _programmes.c.structure_id == _structures.c.id)
    .where(_structures.c.id.in_(bindparam("ids_", expanding=True)))
)


def find_help(
    session: Session,
    index: StructureIndex,
    *,
    lat: float,
    lon: float,
    theme: str | None,
    now: datetime,
    commune: Commune | None = None,
    k: int = 3,
    radius_km: float | None = DEFAULT_RADIUS_KM,
) -> HelpAnswer:
    """The `k` nearest structures offering `theme` within `radius_km` of (lat, lon), with their
    opening status at `now` (aware); else the town hall of `commune` and the national helpline.

    `index` is the preloaded `StructureIndex`; the matching rows are read in one query. A
    structure deleted since the index was built is skipped.
    """
    hits = index.nearest(lat, lon, theme=theme, k=k, radius_km=radius_km)
    rows: dict[int, Row] = {}
    programmes: defaultdict[int, set[Programme]] = defaultdict(set)
    if hits:
        for row in session.execute(_PLACES, {"ids_": [hit.structure_id for hit in hits]}):
            rows[row.id] = row
            if row.programme is not None:
                programmes[row.id].add(row.programme)
    places = tuple(
        _place(
            rows[hit.structure_id],
            frozenset(programmes[hit.structure_id]),
            hit.distance_km,
            now,
        )
        for hit in hits
        if hit.structure_id in rows
    )
    if places:
        return HelpAnswer(theme=theme, radius_km=radius_km, structures=places)
    return HelpAnswer(
        theme=theme,
        radius_km=radius_km,
        structures=(),
        town_hall=town_hall_help(commune, lat, lon, now),
        helpline=SOLIDARITE_NUMERIQUE,
        other_places_near=theme is not None
        and bool(index.nearest(lat, lon, k=1, radius_km=radius_km)),
    )


def help_place(session: Session, structure_id: int, *, now: datetime) -> HelpPlace | None:
    """One place as `find_help` shows it, for its own screen (None if unknown or closed).

    Seen from nowhere in particular: its `distance_km` is 0, not to be shown."""
    rows = session.execute(_PLACES, {"ids_": [structure_id]}).all()
    if not rows or rows[0].closed:
        return None
    programmes = frozenset(row.programme for row in rows if row.programme is not None)
    return _place(rows[0], programmes, 0.0, now)


def _place(
    row: Row, programmes: frozenset[Programme], distance_km: float, now: datetime
) -> HelpPlace:
    return HelpPlace(
        structure_id=row.id,
        name=row.name,
        typology=Typology(row.typology),
        address=row.address,
        postal_code=row.postal_code,
        commune_insee=row.commune_insee,
        lat=row.lat,
        lon=row.lon,
        phone=row.phone,
        email=row.email,
        website=row.website,
        opening_hours=row.opening_hours,
        timezone=row.timezone,
        opening=opening_status(row.opening_hours, now=now, tz=row.timezone),
        distance_km=distance_km,
        itinerant=row.itinerant,
        individual_help=row.individual_help,
        programmes=programmes,
        is_demo=row.is_demo,
        approximate=row.approximate,
        booking_url=row.booking_url,
        appointment_only=row.appointment_only,
        hours_unreadable=row.opening_hours is not None
        and not readable(row.opening_hours, tz=row.timezone),
    )


def town_hall_help(
    commune: Commune | None, lat: float, lon: float, now: datetime
) -> TownHallHelp | None:
    """The town hall of `commune` seen from (lat, lon), or None when it is not known."""
    if commune is None or commune.townhall is None:
        return None
    timezone = timezone_for_department(commune.department)
    return TownHallHelp(
        commune_insee=commune.insee,
        commune_name=commune.name,
        townhall=commune.townhall,
        lat=commune.lat,
        lon=commune.lon,
        distance_km=haversine_km(lat, lon, commune.lat, commune.lon),
        timezone=timezone,
        opening=opening_status(commune.townhall.opening_hours, now=now, tz=timezone),
    )

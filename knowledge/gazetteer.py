"""Every current French commune (metropolitan France and overseas departments), loaded once.

The data under `knowledge/data/` is built by `knowledge.gazetteer_build` from the INSEE Code
officiel géographique and the Annuaire de l'administration (see README, "Data").
"""

import gzip
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.geo import haversine_km

DATA_DIR = Path(__file__).parent / "data"

OVERSEAS_TIMEZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "976": "Indian/Mayotte",
}


@dataclass(frozen=True, slots=True)
class TownHall:
    address: str
    phone: str | None
    email: str | None
    website: str | None
    opening_hours: str | None  # OpenStreetMap syntax


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    name: str
    department: str
    epci: str | None
    postal_codes: tuple[str, ...]
    population: int
    lat: float
    lon: float
    townhall: TownHall | None
    # Paris, Lyon and Marseille arrondissements point to their commune.
    parent: str | None = None

    @property
    def is_arrondissement(self) -> bool:
        return self.parent is not None


@dataclass(frozen=True, slots=True)
class FormerCommune:
    """A commune déléguée or associée: a name residents still use for part of a commune."""

    insee: str
    name: str
    commune: str  # INSEE code of the current commune it belongs to
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name: str


class Gazetteer:
    """Lookups over the communes; immutable once built.

    Rows stay as the split lines of the bundled table until asked for: building 35,000 objects
    at start would cost more than everything else the bot loads.
    """

    def __init__(
        self,
        rows: list[list[str]],
        former: list[FormerCommune],
        departments: list[Department],
        epcis: Mapping[str, str],
    ) -> None:
        self._rows = {row[_INSEE]: row for row in rows}
        self.former: tuple[FormerCommune, ...] = tuple(former)
        self._former_by_insee = {f.insee: f for f in former}
        self.departments: Mapping[str, Department] = {d.code: d for d in departments}
        self.epci_names: Mapping[str, str] = epcis
        self._by_postal_code: dict[str, list[str]] = {}
        self._arrondissements: dict[str, list[str]] = {}
        for row in rows:
            if row[_PARENT]:
                self._arrondissements.setdefault(row[_PARENT], []).append(row[_INSEE])
            for code in row[_POSTAL_CODES].split():
                self._by_postal_code.setdefault(code, []).append(row[_INSEE])

    def get(self, insee: str) -> Commune | None:
        row = self._rows.get(insee)
        return _commune(row) if row else None

    def former_commune(self, insee: str) -> FormerCommune | None:
        """The commune déléguée or associée of that INSEE code."""
        return self._former_by_insee.get(insee)

    def by_postal_code(self, code: str) -> tuple[Commune, ...]:
        """Every commune (and arrondissement) served by that postal code."""
        return tuple(_commune(self._rows[insee]) for insee in self._by_postal_code.get(code, ()))

    def names(self) -> Iterator[tuple[str, str, str]]:
        """(INSEE code, name, department) of every commune and arrondissement, cheaply."""
        return ((row[_INSEE], row[_NAME], row[_DEPARTMENT]) for row in self._rows.values())

    def nearest_commune(self, lat: float, lon: float) -> Commune:
        """The commune (or arrondissement) whose point is closest: where a shared location is.

        A plain scan (some 35,000 points, a few tens of milliseconds): it runs once per shared
        location, and an index would cost more at start than it saves.
        """
        scale = math.cos(math.radians(lat)) ** 2

        def squared_degrees(row: list[str]) -> float:
            return (float(row[8]) - lat) ** 2 + scale * (float(row[9]) - lon) ** 2

        return _commune(min(self._rows.values(), key=squared_degrees))

    def town_hall_of(self, commune: Commune, lat: float, lon: float) -> Commune:
        """The commune whose town hall serves a resident of `commune` at (lat, lon): its own,
        else, in Paris, Lyon or Marseille (the city or an arrondissement without a town hall
        of its own), the nearest arrondissement's. Paris has no town hall in the data, and
        Paris Centre's is in the 3rd arrondissement only."""
        if commune.townhall is not None:
            return commune
        city = commune.parent or commune.insee
        family = [self.get(insee) for insee in (city, *self._arrondissements.get(city, ()))]
        with_town_hall = [c for c in family if c is not None and c.townhall is not None]
        if not with_town_hall:
            return commune
        return min(with_town_hall, key=lambda c: haversine_km(lat, lon, c.lat, c.lon))

    def department_name(self, code: str) -> str | None:
        department = self.departments.get(code)
        return department.name if department else None

    def __iter__(self) -> Iterator[Commune]:
        return (_commune(row) for row in self._rows.values())

    def __len__(self) -> int:
        return len(self._rows)


def timezone_for_department(department: str) -> str:
    return OVERSEAS_TIMEZONES.get(department, "Europe/Paris")


# Columns of communes.tsv.gz (see gazetteer_build.COMMUNE_COLUMNS).
_KIND, _INSEE, _NAME, _PARENT, _DEPARTMENT, _EPCI, _POSTAL_CODES, _POPULATION = range(8)


def _commune(row: list[str]) -> Commune:
    lat, lon, _source, address, phone, email, website, hours = row[8:16]
    townhall = (
        TownHall(address, phone or None, email or None, website or None, hours or None)
        if address or phone or hours
        else None
    )
    return Commune(
        insee=row[_INSEE],
        name=row[_NAME],
        department=row[_DEPARTMENT],
        epci=row[_EPCI] or None,
        postal_codes=tuple(row[_POSTAL_CODES].split()),
        population=int(row[_POPULATION] or 0),
        lat=float(lat),
        lon=float(lon),
        townhall=townhall,
        parent=row[_PARENT] or None,
    )


def _read_tsv(name: str, data_dir: Path) -> list[list[str]]:
    """The rows of a bundled table, header skipped; fields hold no tab nor newline."""
    text = gzip.decompress((data_dir / name).read_bytes()).decode("utf-8")
    return [line.split("\t") for line in text.splitlines()[1:]]


def read_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    rows, former = [], []
    for row in _read_tsv("communes.tsv.gz", data_dir):
        if row[_KIND] in "CA":
            rows.append(row)
        else:
            lat, lon = float(row[8]), float(row[9])
            former.append(FormerCommune(row[_INSEE], row[_NAME], row[_PARENT], lat, lon))
    departments = [Department(*row) for row in _read_tsv("departments.tsv.gz", data_dir)]
    epcis = dict(_read_tsv("epcis.tsv.gz", data_dir))
    return Gazetteer(rows, former, departments, epcis)


@cache
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once per process."""
    return read_gazetteer()

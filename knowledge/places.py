"""The catalogue's places as the staff look them up: by commune, or by words of their name or of
their commune's name (case and accents ignored), sorted by name. The ids shown are the ones every
command and screen takes."""

from dataclasses import dataclass

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from knowledge.gazetteer import Gazetteer
from knowledge.text import fold


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    name: str
    commune: str
    """The INSEE code."""
    commune_name: str
    address: str | None
    source: str | None
    source_id: str | None
    closed: bool


_COLUMNS = (
    HostStructure.id,
    HostStructure.name,
    HostStructure.commune_insee,
    HostStructure.address,
    HostStructure.source,
    HostStructure.source_id,
    HostStructure.closed,
)


def _place(row: Row, commune_name: str) -> Place:
    return Place(
        id=row.id,
        name=row.name,
        commune=row.commune_insee,
        commune_name=commune_name,
        address=row.address,
        source=row.source,
        source_id=row.source_id,
        closed=row.closed,
    )


def _commune_name(gazetteer: Gazetteer, insee: str) -> str:
    found = gazetteer.get(insee)
    return found.name if found else ""


def find_places(
    session: Session,
    gazetteer: Gazetteer,
    *,
    commune: str | None = None,
    search: str | None = None,
    limit: int = 50,
) -> list[Place]:
    """The places of `commune`, or those whose name or commune's name holds every word of
    `search`; all of them without either; at most `limit`, sorted by name."""
    query = select(*_COLUMNS)
    if commune is not None:
        query = query.where(HostStructure.commune_insee == commune)
    words = fold(search or "").split()
    places = []
    for row in session.execute(query):
        commune_name = _commune_name(gazetteer, row.commune_insee)
        haystack = f"{fold(row.name)} {fold(commune_name)}"
        if all(word in haystack for word in words):
            places.append(_place(row, commune_name))
    places.sort(key=lambda place: (fold(place.name), place.id))
    return places[:limit]


def get_place(session: Session, gazetteer: Gazetteer, *, place_id: int) -> Place | None:
    """The place with this id; None if there is none."""
    row = session.execute(select(*_COLUMNS).where(HostStructure.id == place_id)).first()
    return _place(row, _commune_name(gazetteer, row.commune_insee)) if row else None

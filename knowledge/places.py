"""The catalogue's places as the staff look them up: by commune, or by words of their name or of
their commune's name (case and accents ignored), sorted by name. The ids shown are the ones every
command and screen takes. A place published by several sources shows the first (its own)."""

from dataclasses import dataclass

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, PlaceSource
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
    HostStructure.closed,
)


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
    sources = select(PlaceSource.structure_id, PlaceSource.source, PlaceSource.source_id)
    if commune is not None:
        query = query.where(HostStructure.commune_insee == commune)
        sources = sources.join(HostStructure).where(HostStructure.commune_insee == commune)
    first_source = _first_sources(session, sources)
    words = fold(search or "").split()
    places = []
    for row in session.execute(query):
        commune_name = _commune_name(gazetteer, row.commune_insee)
        haystack = f"{fold(row.name)} {fold(commune_name)}"
        if all(word in haystack for word in words):
            places.append(_place(row, commune_name, first_source.get(row.id)))
    places.sort(key=lambda place: (fold(place.name), place.id))
    return places[:limit]


def get_place(session: Session, gazetteer: Gazetteer, *, place_id: int) -> Place | None:
    """The place with this id; None if there is none."""
    row = session.execute(select(*_COLUMNS).where(HostStructure.id == place_id)).first()
    if row is None:
        return None
    sources = select(PlaceSource.structure_id, PlaceSource.source, PlaceSource.source_id).where(
        PlaceSource.structure_id == place_id
    )
    source = _first_sources(session, sources).get(place_id)
    return _place(row, _commune_name(gazetteer, row.commune_insee), source)


def _first_sources(session: Session, sources: Select) -> dict[int, tuple[str, str | None]]:
    first: dict[int, tuple[str, str | None]] = {}
    for structure_id, source, source_id in session.execute(sources.order_by(PlaceSource.id)):
        first.setdefault(structure_id, (source, source_id))
    return first


def _place(row: Row, commune_name: str, source: tuple[str, str | None] | None) -> Place:
    source_name, source_id = source or (None, None)
    return Place(
        id=row.id,
        name=row.name,
        commune=row.commune_insee,
        commune_name=commune_name,
        address=row.address,
        source=source_name,
        source_id=source_id,
        closed=row.closed,
    )


def _commune_name(gazetteer: Gazetteer, insee: str) -> str:
    found = gazetteer.get(insee)
    return found.name if found else ""

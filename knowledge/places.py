"""The catalogue's places as the staff look them up: by commune, or by words of their name or of
their commune's name (case and accents ignored), sorted by name. The ids shown are the ones every
command and screen takes. A place published by several sources shows the first (its own)."""

from dataclasses import dataclass

from sqlalchemy import select
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
    query = select(
        HostStructure.id,
        HostStructure.name,
        HostStructure.commune_insee,
        HostStructure.address,
        HostStructure.closed,
    )
    sources = select(PlaceSource.structure_id, PlaceSource.source, PlaceSource.source_id)
    if commune is not None:
        query = query.where(HostStructure.commune_insee == commune)
        sources = sources.join(HostStructure).where(HostStructure.commune_insee == commune)
    first_source: dict[int, tuple[str, str | None]] = {}
    for structure_id, source, source_id in session.execute(sources.order_by(PlaceSource.id)):
        first_source.setdefault(structure_id, (source, source_id))
    words = fold(search or "").split()
    places = []
    for row in session.execute(query):
        found = gazetteer.get(row.commune_insee)
        commune_name = found.name if found else ""
        haystack = f"{fold(row.name)} {fold(commune_name)}"
        if all(word in haystack for word in words):
            source, source_id = first_source.get(row.id, (None, None))
            places.append(
                Place(
                    id=row.id,
                    name=row.name,
                    commune=row.commune_insee,
                    commune_name=commune_name,
                    address=row.address,
                    source=source,
                    source_id=source_id,
                    closed=row.closed,
                )
            )
    places.sort(key=lambda place: (fold(place.name), place.id))
    return places[:limit]

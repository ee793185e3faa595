"""Builds the in-memory nearest-structure index from the catalogue tables (two queries)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, StructureTheme
from knowledge.nearest import StructureIndex, StructurePoint


def load_structure_index(session: Session) -> StructureIndex:
    """Every host structure of the catalogue, with its themes, as a `StructureIndex`."""
    themes: dict[int, set[str]] = {}
    for structure_id, theme in session.execute(
        select(StructureTheme.structure_id, StructureTheme.theme)
    ):
        themes.setdefault(structure_id, set()).add(theme)
    rows = session.execute(select(HostStructure.id, HostStructure.lat, HostStructure.lon))
    return StructureIndex(
        StructurePoint(id=id_, lat=lat, lon=lon, themes=frozenset(themes.get(id_, ())))
        for id_, lat, lon in rows
    )

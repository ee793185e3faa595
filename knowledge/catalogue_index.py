"""The in-memory index of places for the nearest search, built from the catalogue tables, and
kept as fresh as the catalogue in every process.

Any change to the places or their themes bumps the catalogue version in the database
(`knowledge.service_state`); `LiveStructureIndex.current` reads that version (one small
SELECT, in the caller's transaction) and rebuilds the index when the one it holds is older, so
that an import or a new session in one process shows in every other's searches at once.
"""

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, StructureTheme
from knowledge.nearest import StructureIndex, StructurePoint
from knowledge.service_state import catalogue_version


def load_structure_index(session: Session) -> StructureIndex:
    """Every open host structure of the catalogue, with its themes, as a `StructureIndex`."""
    themes: dict[int, set[str]] = {}
    for structure_id, theme in session.execute(
        select(StructureTheme.structure_id, StructureTheme.theme)
    ):
        themes.setdefault(structure_id, set()).add(theme)
    rows = session.execute(
        select(HostStructure.id, HostStructure.lat, HostStructure.lon).where(
            HostStructure.closed.is_(False)
        )
    )
    return StructureIndex(
        StructurePoint(id=id_, lat=lat, lon=lon, themes=frozenset(themes.get(id_, ())))
        for id_, lat, lon in rows
    )


class LiveStructureIndex:
    """The index of places as of the catalogue's latest version."""

    def __init__(self) -> None:
        self._version: int | None = None
        self._index: StructureIndex | None = None
        # Searches run on worker threads: one of them rebuilds, the others wait for it.
        self._rebuilding = threading.Lock()

    def current(self, session: Session) -> StructureIndex:
        version = catalogue_version(session)
        if version != self._version or self._index is None:
            with self._rebuilding:
                if version != self._version or self._index is None:
                    self._index = load_structure_index(session)
                    self._version = version
        return self._index

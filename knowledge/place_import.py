"""A national file of places into the catalogue: plan what changes, then apply it in a few bulk
statements, in the caller's transaction.

    report = import_places(session, place_file, gazetteer)            # dry_run=True: plan only

- Each valid row is found by its (source, id) in `place_sources`, else matched to a place another
  source publishes (`knowledge.same_place`: it becomes one place, which stays open while either
  source lists it), else created.
- A place's fields follow its first source still listing it; a second source only adds its id.
  A field a coordinator edited (`knowledge.place_edits`) keeps its local value: the import
  only notes the value the file gives, shown beside it.
- A place of this source, in a département the file covers, whose id the file no longer lists
  is no longer listed by it; once no source lists a place, it closes (never deleted: bookings
  point at it). A place a coordinator closed stays closed.
- Once the catalogue holds a real place, the demo places close.
- The catalogue version moves on, so that every process rebuilds its index of places.

The counts are places: created, updated (a row merged into another source's place is one, and
so is a place whose locally edited field the file now gives another value), unchanged, closed
(demo places included).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from sqlalchemy import String, bindparam, delete, func, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from knowledge.catalogue import (
    HostStructure,
    PlaceEdit,
    PlaceSource,
    StructureMode,
    StructureProgramme,
    StructureTheme,
)
from knowledge.demo_catalogue import retire_demo_places
from knowledge.gazetteer import Gazetteer
from knowledge.place_files import PlaceFile, PlaceRecord, Rejected
from knowledge.same_place import PlaceKey, place_key, similarity
from knowledge.service_state import bump_catalogue_version

Progress = Callable[[int, int], None]

# The columns a row sets, in the order `_stored` reads them.
FIELDS = (
    "name",
    "typology",
    "address",
    "postal_code",
    "commune_insee",
    "lat",
    "lon",
    "approximate",
    "phone",
    "email",
    "website",
    "opening_hours",
    "booking_url",
    "timezone",
    "itinerant",
    "individual_help",
    "appointment_only",
)
# Child rows: (model, its column, the record's attribute).
CHILDREN = (
    (StructureTheme, "theme", "themes"),
    (StructureProgramme, "programme", "programmes"),
    (StructureMode, "mode", "modes"),
)
_COMMUNE = FIELDS.index("commune_insee")
_KEY_FIELDS = ("commune_insee", "name", "address", "lat", "lon", "approximate")
_structures = HostStructure.__table__
_edits_table = PlaceEdit.__table__
# Enumerations read as their plain values (a StrEnum equals its value): converting tens of
# thousands of them back to members only to compare them costs more than the whole comparison.
_FIELD_COLUMNS = [
    type_coerce(_structures.c[name], String()) if name == "typology" else _structures.c[name]
    for name in FIELDS
]
_record_fields = attrgetter(*FIELDS)
_CHUNK = 1000  # ids per IN (…): well within every database's limit on parameters


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    closed: int
    rejected: tuple[Rejected, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "closed": self.closed,
            "rejected": [{"line": r.line, "id": r.id, "reason": r.reason} for r in self.rejected],
        }


@dataclass
class _Link:
    id: int
    structure_id: int
    source: str
    source_id: str | None
    listed: bool


@dataclass
class _Place:
    fields: tuple
    closed: bool
    children: dict[str, frozenset] = field(default_factory=dict)


@dataclass
class _Plan:
    creates: list[PlaceRecord] = field(default_factory=list)
    updates: list[tuple[int, PlaceRecord]] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)  # (place, source id)
    relist: list[int] = field(default_factory=list)  # link ids
    unlist: list[int] = field(default_factory=list)
    reopen: set[int] = field(default_factory=set)  # place ids
    close: set[int] = field(default_factory=set)
    demo_closing: int = 0
    imported: list[tuple[int, str | None]] = field(default_factory=list)
    """(edit id, the file's value) of the fields edited locally whose file value changed."""

    def changes_anything(self) -> bool:
        changes = (self.creates, self.updates, self.links, self.relist, self.unlist, self.imported)
        return any(changes) or bool(self.reopen or self.close or self.demo_closing)


def import_places(
    session: Session,
    place_file: PlaceFile,
    gazetteer: Gazetteer,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Bring the catalogue in line with `place_file` (nothing written with `dry_run`)."""
    plan, counts = _plan(session, place_file, gazetteer, progress)
    if not dry_run and plan.changes_anything():
        _apply(session, plan, place_file.source)
    return ImportReport(
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        closed=len(plan.close) + plan.demo_closing,
        rejected=tuple(place_file.rejected),
    )


def _plan(
    session: Session, place_file: PlaceFile, gazetteer: Gazetteer, progress: Progress | None
) -> tuple[_Plan, dict[str, int]]:
    source, records = place_file.source, place_file.records
    links_of: defaultdict[int, list[_Link]] = defaultdict(list)
    for row in session.execute(
        select(
            PlaceSource.id,
            PlaceSource.structure_id,
            PlaceSource.source,
            PlaceSource.source_id,
            PlaceSource.listed,
        ).order_by(PlaceSource.id)
    ):
        links_of[row.structure_id].append(_Link(*row))
    ours = {
        link.source_id: link
        for links in links_of.values()
        for link in links
        if link.source == source
    }
    # The places this source lists, and those of other sources in the communes of its new rows.
    new_communes = {r.commune_insee for r in records if r.source_id not in ours}
    listed_by_us = {link.structure_id for link in ours.values()}
    candidate_ids = _real_places_in(session, new_communes) - listed_by_us
    places = _stored(session, source, candidate_ids)
    edits = _edits(session, places)
    candidates = _Candidates(places, candidate_ids, links_of, source)
    # Closed by imports alone: every source that listed it stopped (not a coordinator's doing).
    withdrawn = {
        place_id: bool(links_of[place_id]) and not any(link.listed for link in links_of[place_id])
        for place_id in places
    }

    plan, counts = _Plan(), dict.fromkeys(("created", "updated", "unchanged"), 0)
    for done, record in enumerate(records, start=1):
        if progress and (done % 500 == 0 or done == len(records)):
            progress(done, len(records))
        link = ours.get(record.source_id)
        if link is None:
            place_id = candidates.match(record)
            if place_id is None:
                plan.creates.append(record)
                counts["created"] += 1
                continue
            link = _Link(-1, place_id, source, record.source_id, True)
            links_of[place_id].append(link)
            plan.links.append((place_id, record.source_id))
            changed = True
        else:
            changed = not link.listed
            if changed:
                plan.relist.append(link.id)
                link.listed = True
        place_id = link.structure_id
        place = places[place_id]
        if place.closed and withdrawn[place_id]:
            # Closed because no source listed it any more: listed again, it reopens.
            plan.reopen.add(place_id)
            place.closed = withdrawn[place_id] = False
            changed = True
        owner = next(candidate for candidate in links_of[place_id] if candidate.listed)
        if owner is link and place_id in edits:
            noted = len(plan.imported)
            record = _keep_local(record, place, edits[place_id], plan)
            changed = changed or len(plan.imported) > noted  # a new value beside a local one
        if owner is link and _differs(place, record):
            plan.updates.append((place_id, record))
            changed = True
        counts["updated" if changed else "unchanged"] += 1

    # The file speaks for its source in the départements it covers, and there only.
    touched: set[int] = set()
    for link in ours.values():
        if link.listed and link.source_id not in place_file.listed_ids:
            commune = gazetteer.get(places[link.structure_id].fields[_COMMUNE])
            if commune is not None and commune.department in place_file.departments:
                plan.unlist.append(link.id)
                link.listed = False
                touched.add(link.structure_id)
    for place_id in sorted(touched):
        if not places[place_id].closed and not any(x.listed for x in links_of[place_id]):
            plan.close.add(place_id)
    if plan.creates or _any_real_place(session):
        plan.demo_closing = session.scalar(
            select(func.count())
            .select_from(HostStructure)
            .where(HostStructure.is_demo.is_(True), HostStructure.closed.is_(False))
        )
    return plan, counts


def _real_places_in(session: Session, communes: Iterable[str]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sorted(communes)):
        found.update(
            session.scalars(
                select(HostStructure.id).where(
                    HostStructure.commune_insee.in_(chunk), HostStructure.is_demo.is_(False)
                )
            )
        )
    return found


def _any_real_place(session: Session) -> bool:
    first = select(HostStructure.id).where(HostStructure.is_demo.is_(False)).limit(1)
    return session.scalar(first) is not None


class _Candidates:
    """The places of other sources, by commune, that a new row may be."""

    def __init__(
        self,
        places: dict[int, _Place],
        ids: Iterable[int],
        links_of: dict[int, list[_Link]],
        source: str,
    ) -> None:
        self._links_of, self._source = links_of, source
        self._by_commune: defaultdict[str, list[tuple[int, PlaceKey]]] = defaultdict(list)
        for place_id in sorted(ids):
            values = dict(zip(FIELDS, places[place_id].fields, strict=True))
            self._by_commune[values["commune_insee"]].append(
                (place_id, place_key(**{name: values[name] for name in _KEY_FIELDS}))
            )

    def match(self, record: PlaceRecord) -> int | None:
        """The place most like `record` that no row of its source has taken yet."""
        others = self._by_commune.get(record.commune_insee)
        if not others:
            return None
        key = place_key(**{name: getattr(record, name) for name in _KEY_FIELDS})
        best: tuple[float, int] | None = None
        for place_id, other in others:
            if any(link.source == self._source for link in self._links_of[place_id]):
                continue
            score = similarity(key, other)
            if score is not None and (best is None or score > best[0]):
                best = (score, place_id)
        return best[1] if best else None


def _edits(session: Session, places: dict[int, _Place]) -> dict[int, list[tuple[int, str, Any]]]:
    """The locally edited fields of these places: (edit id, field, the imported value)."""
    found: defaultdict[int, list[tuple[int, str, Any]]] = defaultdict(list)
    for chunk in _chunks(sorted(places)):
        query = select(
            PlaceEdit.structure_id, PlaceEdit.id, PlaceEdit.field, PlaceEdit.imported_value
        ).where(PlaceEdit.structure_id.in_(chunk))
        for place_id, *edit in session.execute(query):
            found[place_id].append(tuple(edit))
    return found


def _keep_local(
    record: PlaceRecord, place: _Place, edits: list[tuple[int, str, Any]], plan: _Plan
) -> PlaceRecord:
    """`record` with the place's local values of its edited fields; the file's values noted."""
    local = {}
    for edit_id, name, imported in edits:
        if getattr(record, name) != imported:
            plan.imported.append((edit_id, getattr(record, name)))
        local[name] = place.fields[FIELDS.index(name)]
    return replace(record, **local)


def _differs(place: _Place, record: PlaceRecord) -> bool:
    if place.fields != _record_fields(record):
        return True
    return any(
        place.children[attribute] != getattr(record, attribute) for *_, attribute in CHILDREN
    )


def _stored(session: Session, source: str, candidates: set[int]) -> dict[int, _Place]:
    """The fields and child rows of the places `source` lists and of the `candidates`."""
    places: dict[int, _Place] = {}
    # Those of the source by a join, the few others by their ids.
    wheres = [PlaceSource.source == source] + [
        _structures.c.id.in_(chunk) for chunk in _chunks(sorted(candidates))
    ]
    for index, where in enumerate(wheres):
        query = select(_structures.c.id, _structures.c.closed, *_FIELD_COLUMNS)
        if index == 0:
            query = query.join(PlaceSource, PlaceSource.structure_id == _structures.c.id)
        for row in session.execute(query.where(where)):
            places[row[0]] = _Place(fields=tuple(row[2:]), closed=row[1])
    for model, column, attribute in CHILDREN:
        found: defaultdict[int, set] = defaultdict(set)
        for index, where in enumerate(wheres):
            query = select(model.structure_id, type_coerce(getattr(model, column), String()))
            if index == 0:
                query = query.join(PlaceSource, PlaceSource.structure_id == model.structure_id)
            else:
                query = query.join(_structures, _structures.c.id == model.structure_id)
            for place_id, value in session.execute(query.where(where)):
                found[place_id].add(value)
        for place_id, place in places.items():
            place.children[attribute] = frozenset(found.get(place_id, ()))
    return places


def _apply(session: Session, plan: _Plan, source: str) -> None:
    links = list(plan.links)
    if plan.creates:
        ids = session.scalars(
            insert(_structures).returning(_structures.c.id, sort_by_parameter_order=True),
            [_values(record) for record in plan.creates],
        ).all()
        _insert_children(session, zip(ids, plan.creates, strict=True))
        links += [
            (place_id, record.source_id) for place_id, record in zip(ids, plan.creates, strict=True)
        ]
    if plan.updates:
        session.execute(
            update(_structures).where(_structures.c.id == bindparam("place_id")),
            [{"place_id": place_id, **_values(record)} for place_id, record in plan.updates],
        )
        ids = [place_id for place_id, _ in plan.updates]
        for model, _, _ in CHILDREN:
            for chunk in _chunks(ids):
                session.execute(delete(model).where(model.structure_id.in_(chunk)))
        _insert_children(session, plan.updates)
    if links:
        session.execute(
            insert(PlaceSource.__table__),
            [
                {"structure_id": place_id, "source": source, "source_id": source_id}
                for place_id, source_id in links
            ],
        )
    for link_ids, listed in ((plan.relist, True), (plan.unlist, False)):
        for chunk in _chunks(link_ids):
            session.execute(
                update(PlaceSource).where(PlaceSource.id.in_(chunk)).values(listed=listed)
            )
    if plan.imported:
        session.execute(
            update(_edits_table).where(_edits_table.c.id == bindparam("edit_id")),
            [{"edit_id": edit_id, "imported_value": value} for edit_id, value in plan.imported],
        )
    for place_ids, closed in ((plan.reopen, False), (plan.close, True)):
        for chunk in _chunks(sorted(place_ids)):
            session.execute(
                update(_structures).where(_structures.c.id.in_(chunk)).values(closed=closed)
            )
    retire_demo_places(session)
    bump_catalogue_version(session)


def _values(record: PlaceRecord) -> dict[str, Any]:
    return dict(zip(FIELDS, _record_fields(record), strict=True))


def _insert_children(session: Session, placed: Iterable[tuple[int, PlaceRecord]]) -> None:
    placed = list(placed)
    for model, column, attribute in CHILDREN:
        rows = [
            {"structure_id": place_id, column: value}
            for place_id, record in placed
            for value in sorted(getattr(record, attribute))
        ]
        if rows:
            # The table, not the model: a plain executemany, without the ORM's bookkeeping.
            session.execute(insert(model.__table__), rows)


def _chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    return (items[start : start + _CHUNK] for start in range(0, len(items), _CHUNK))

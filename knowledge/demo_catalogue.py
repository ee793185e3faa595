"""A demonstration catalogue, loaded into an empty database so the bot has something to show.

The structures and communes are real (Tarn-et-Garonne, Lot-et-Garonne, Charente-Maritime,
Lozère); their themes, programmes and flags are illustrative. Every row says so: `is_demo`,
the source "demo" and "(démo)" in its name. No phone number or e-mail is typed in the data file:
a town hall's contact details and hours come from the gazetteer at load time, and a structure
whose address we do not know is placed at its commune's town hall, without contact details, and
marked `approximate` (the data file says so too), so that no one is told a precise distance
to it.

Once the catalogue holds a real place, the demo places close for good (`retire_demo_places`,
called by the import of national data; `scheduling.demo_slots` then adds no demo dates).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, PlaceSource, Programme, Typology
from knowledge.gazetteer import Commune, Gazetteer, timezone_for_department
from knowledge.service_state import bump_catalogue_version

DEMO_SOURCE = "demo"
DEMO_DATA = Path(__file__).parent / "data" / "demo_structures.json"

_POSTAL_CODE = re.compile(r"\b(\d{5})\b")


@dataclass(frozen=True, slots=True)
class DemoStructure:
    """One entry of the data file, checked."""

    key: str
    name: str
    typology: Typology
    commune_insee: str
    commune: str  # the commune's name, checked against the gazetteer to catch a wrong code
    at_townhall: bool
    themes: frozenset[str]
    programmes: frozenset[Programme]
    itinerant: bool
    individual_help: bool
    approximate: bool
    """Neither at the town hall nor with a point of its own: placed on the town hall's point."""
    address: str | None = None
    lat: float | None = None
    lon: float | None = None


def read_demo_structures(path: Path = DEMO_DATA) -> list[DemoStructure]:
    """The entries of the data file; ValueError for one whose `approximate` flag is wrong."""
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["structures"]
    for entry in entries:
        on_townhall_point = not entry["at_townhall"] and entry.get("lat") is None
        if entry.get("approximate", False) != on_townhall_point:
            raise ValueError(
                f"demo structure {entry['key']!r}: approximate must be {on_townhall_point}"
            )
    return [
        DemoStructure(
            key=entry["key"],
            name=entry["name"],
            typology=Typology(entry["typology"]),
            commune_insee=entry["commune_insee"],
            commune=entry["commune"],
            at_townhall=entry["at_townhall"],
            themes=frozenset(entry["themes"]),
            programmes=frozenset(Programme(p) for p in entry["programmes"]),
            itinerant=entry["itinerant"],
            individual_help=entry["individual_help"],
            approximate=entry.get("approximate", False),
            address=entry.get("address"),
            lat=entry.get("lat"),
            lon=entry.get("lon"),
        )
        for entry in entries
    ]


def load_demo_catalogue(session: Session, gazetteer: Gazetteer) -> int:
    """Add the demo structures if the catalogue is empty; return how many were added.

    Idempotent: a catalogue with any structure (demo or real) is left alone. Two processes
    loading at once cannot both succeed: the second commit breaks the unique (source, id).
    Raises ValueError if an entry names a commune the gazetteer does not know under that code.
    """
    if session.scalar(select(func.count()).select_from(HostStructure)):
        return 0
    rows = [_row(entry, _commune(gazetteer, entry)) for entry in read_demo_structures()]
    session.add_all(rows)
    session.flush()
    bump_catalogue_version(session)
    return len(rows)


def retire_demo_places(session: Session) -> int:
    """Close the demo places once the catalogue holds a real one; return how many closed."""
    if not session.scalar(select(exists().where(HostStructure.is_demo.is_(False)))):
        return 0
    closed = session.execute(
        update(HostStructure)
        .where(HostStructure.is_demo.is_(True), HostStructure.closed.is_(False))
        .values(closed=True)
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed:
        bump_catalogue_version(session)
    return closed


def _commune(gazetteer: Gazetteer, entry: DemoStructure) -> Commune:
    commune = gazetteer.get(entry.commune_insee)
    if commune is None or commune.name != entry.commune:
        found = commune.name if commune else "nothing"
        raise ValueError(
            f"demo structure {entry.key!r}: INSEE {entry.commune_insee} is {found}, "
            f"not {entry.commune}"
        )
    return commune


def _row(entry: DemoStructure, commune: Commune) -> HostStructure:
    townhall = commune.townhall if entry.at_townhall else None
    address = townhall.address if townhall else entry.address
    row = HostStructure(
        name=entry.name,
        typology=entry.typology,
        address=address,
        postal_code=_postal_code(address, commune),
        commune_insee=commune.insee,
        # The gazetteer's point for a commune is its town hall.
        lat=entry.lat if entry.lat is not None else commune.lat,
        lon=entry.lon if entry.lon is not None else commune.lon,
        phone=townhall.phone if townhall else None,
        email=townhall.email if townhall else None,
        website=townhall.website if townhall else None,
        opening_hours=townhall.opening_hours if townhall else None,
        itinerant=entry.itinerant,
        individual_help=entry.individual_help,
        is_demo=True,
        timezone=timezone_for_department(commune.department),
        approximate=entry.approximate,
    )
    row.sources = [PlaceSource(source=DEMO_SOURCE, source_id=entry.key)]
    row.themes = set(entry.themes)
    row.programmes = set(entry.programmes)
    return row


def _postal_code(address: str | None, commune: Commune) -> str | None:
    # A town with several postal codes: the one in the address is the right one.
    for code in reversed(_POSTAL_CODE.findall(address or "")):
        if code in commune.postal_codes:
            return code
    return commune.postal_codes[0] if commune.postal_codes else None

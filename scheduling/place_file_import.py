"""A national file of places loaded from the dashboard: its dry run, kept for "Appliquer".

    checked = check_place_file(session, gazetteer, placer, telegram_user_id=…, file_name=…,
                               content=…, file_format=FileFormat.MEDNUM, now=now)
    done = apply_place_file(session, gazetteer, placer, staged_id=…, telegram_user_id=…,
                            digest=checked.digest, now=now)

The file waits in `slot_imports` (the staged files of the bot), under its sender, as a file of
sessions does; applying it imports it as `aiguillage import-places` does (the demo's dates
retire with the demo places), if the dry run is still the one shown.
"""

import hashlib
import json
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from knowledge.gazetteer import Gazetteer
from knowledge.place_files import FileFormat, Placer, read_place_file
from knowledge.place_import import ImportReport, import_places
from scheduling.demo_slots import retire_demo_slots
from scheduling.models import StagedImport
from scheduling.slot_import import stage_file, staged_file

MAX_PLACE_FILE_BYTES = 50_000_000
"""A national file of every place of France is a few tens of megabytes."""


@dataclass(frozen=True, slots=True)
class PlaceFileChecked:
    report: ImportReport
    file_name: str
    file_format: FileFormat
    staged_id: int | None
    """None: nothing to apply."""

    @property
    def digest(self) -> str:
        return report_digest(self.report)


@dataclass(frozen=True, slots=True)
class PlaceFileApplied:
    report: ImportReport
    file_name: str


def report_digest(report: ImportReport) -> str:
    text = json.dumps(report.as_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _import(
    session: Session,
    gazetteer: Gazetteer,
    placer: Placer,
    content: bytes,
    file_format: FileFormat,
    *,
    dry_run: bool,
) -> ImportReport:
    """Raises `knowledge.place_files.UnreadableFile`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "places"
        path.write_bytes(content)
        place_file = read_place_file(path, file_format, placer)
    return import_places(session, place_file, gazetteer, dry_run=dry_run)


def check_place_file(
    session: Session,
    gazetteer: Gazetteer,
    placer: Placer,
    *,
    telegram_user_id: int,
    file_name: str,
    content: bytes,
    file_format: FileFormat,
    now: datetime,
) -> PlaceFileChecked:
    """The dry run; the file kept for "Appliquer" if it would change anything (a sender's newer
    file replaces their older one). Raises `UnreadableFile`."""
    report = _import(session, gazetteer, placer, content, file_format, dry_run=True)
    staged_id = stage_file(
        session,
        telegram_user_id=telegram_user_id,
        file_name=file_name,
        content=content,
        keep=bool(report.created or report.updated or report.closed),
        now=now,
    )
    return PlaceFileChecked(report, file_name, file_format, staged_id)


def apply_place_file(
    session: Session,
    gazetteer: Gazetteer,
    placer: Placer,
    *,
    staged_id: int,
    telegram_user_id: int,
    file_format: FileFormat,
    digest: str,
    now: datetime,
) -> PlaceFileApplied | PlaceFileChecked | None:
    """Import the file the sender was shown, if its dry run is still the one they saw; else the
    new dry run (nothing applied); None when that file no longer waits."""
    staged = staged_file(session, staged_id=staged_id, telegram_user_id=telegram_user_id, now=now)
    if staged is None:
        return None
    report = _import(session, gazetteer, placer, staged.content, file_format, dry_run=True)
    if report_digest(report) != digest:
        return PlaceFileChecked(report, staged.file_name, file_format, staged_id)
    report = _import(session, gazetteer, placer, staged.content, file_format, dry_run=False)
    retire_demo_slots(session, now=now)
    session.execute(delete(StagedImport).where(StagedImport.id == staged_id))
    return PlaceFileApplied(report, staged.file_name)

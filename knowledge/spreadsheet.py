"""Spreadsheet files to plain rows, before anyone reads a meaning into them.

A UTF-8 CSV (with or without a BOM; `;` or `,` between cells, as French spreadsheet software
writes either) or the first sheet of an XLSX workbook (read with openpyxl). `read_table` gives
the header's cells and the rows under it, each with the line a spreadsheet shows: the header is
line 1; a CSV counts records, not physical lines (a quoted cell may span several); an XLSX row
is its sheet row. Rows with nothing in them are left out, their line numbers are not reused.

CSV cells are stripped text. XLSX cells are what openpyxl reads: text (stripped), numbers,
dates, times and date-times, or None. What cannot be read raises `UnreadableFile`.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

Cell = str | int | float | bool | date | datetime | time | None

MAX_ROWS = 5000
"""A month of workshops for a département is a few hundred lines: more is surely not a plan."""

_ZIP = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"


class Unreadable(StrEnum):
    NOT_UTF8 = "not_utf8"
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    """Neither text nor a workbook openpyxl can open (an old .xls, a PDF, a damaged file)."""
    EMPTY = "empty"
    TOO_LONG = "too_long"
    """More than `MAX_ROWS` rows."""


class UnreadableFile(ValueError):
    """The file is not a spreadsheet we read; `args[0]` is an `Unreadable`."""

    @property
    def reason(self) -> Unreadable:
        return self.args[0]


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: tuple[Cell, ...]
    """In the header's order; missing trailing cells are None."""


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(content: bytes) -> Table:
    """The header and the non-empty rows of a CSV or XLSX file. Raises UnreadableFile."""
    if content.startswith(_ZIP):
        header, rows = _xlsx_rows(content)
    elif content.startswith(_OLD_EXCEL) or b"\x00" in content:
        raise UnreadableFile(Unreadable.NOT_A_SPREADSHEET)
    else:
        header, rows = _csv_rows(content)
    if not any(header):
        raise UnreadableFile(Unreadable.EMPTY)
    width = len(header)
    kept = []
    for line, cells in rows:
        if all(cell is None for cell in cells):
            continue
        if len(kept) == MAX_ROWS:
            raise UnreadableFile(Unreadable.TOO_LONG)
        padded = (*cells[:width], *(None,) * (width - len(cells)))
        kept.append(Row(line=line, cells=padded))
    names = tuple("" if cell is None else str(cell) for cell in header)
    return Table(header=names, rows=tuple(kept))


def _csv_rows(content: bytes) -> tuple[tuple[Cell, ...], list[tuple[int, tuple[Cell, ...]]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(Unreadable.NOT_UTF8) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Records, not lines: a quoted cell over two lines is still one row of the spreadsheet.
    numbered = [
        (line, tuple(cell.strip() or None for cell in record))
        for line, record in enumerate(records, start=1)
    ]
    if not numbered:
        raise UnreadableFile(Unreadable.EMPTY)
    (_, header), *rows = numbered
    return header, rows


def _xlsx_rows(content: bytes) -> tuple[tuple[Cell, ...], list[tuple[int, tuple[Cell, ...]]]]:
    from openpyxl import load_workbook  # imported here: only files sent as XLSX need it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        # openpyxl reports a damaged or foreign zip (a .docx, an .ods) in these ways.
        raise UnreadableFile(Unreadable.NOT_A_SPREADSHEET) from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile(Unreadable.EMPTY)
        sheet = workbook.worksheets[0]
        numbered = []
        # In read-only mode openpyxl yields an empty row for each missing one: the count holds.
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if line > MAX_ROWS + 1 and any(value not in (None, "") for value in values):
                raise UnreadableFile(Unreadable.TOO_LONG)
            numbered.append((line, tuple(_xlsx_cell(value) for value in values)))
    finally:
        workbook.close()
    if not numbered:
        raise UnreadableFile(Unreadable.EMPTY)
    (_, header), *rows = numbered
    return header, rows


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float | bool | date | time) or value is None:
        return value
    return str(value)  # a timedelta (a duration cell) or anything newer: shown as written

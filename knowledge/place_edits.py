"""A place's contact and opening hours as a coordinator corrects them, and closing a place.

    card = place_card(session, gazetteer, place_id=12)
    edited = edit_place(session, place_id=12, values={"phone": "05 63 04 01 85"}, now=now)

A field set here is "edited locally" (`PlaceEdit`): the imports of national files keep its value
and only note the value their latest file gave (`knowledge.place_import`), which the dashboard
shows beside it. Setting a field back to that value makes it follow the imports again.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure, PlaceEdit
from knowledge.gazetteer import Gazetteer
from knowledge.opening import readable
from knowledge.place_files import MAX_EMAIL, MAX_HOURS, MAX_PHONE, MAX_URL
from knowledge.places import Place, get_place
from knowledge.service_state import bump_catalogue_version

EDITABLE = ("phone", "email", "website", "opening_hours")
"""The fields a coordinator may set (the name, address and point stay the files')."""
_LONGEST = {"phone": MAX_PHONE, "email": MAX_EMAIL, "website": MAX_URL, "opening_hours": MAX_HOURS}
_PHONE = re.compile(r"\+?[0-9][0-9 .\-()]{7,}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class FieldProblem(StrEnum):
    BAD_PHONE = "bad_phone"
    BAD_EMAIL = "bad_email"
    BAD_WEBSITE = "bad_website"
    BAD_HOURS = "bad_hours"
    """Not an OpenStreetMap `opening_hours` expression we can read."""
    TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class PlaceCard:
    place: Place
    timezone: str
    values: Mapping[str, str | None]
    """Each of `EDITABLE`, as residents see it now."""
    imported: Mapping[str, str | None]
    """The fields edited locally, with what the imports said last."""


def place_card(session: Session, gazetteer: Gazetteer, *, place_id: int) -> PlaceCard | None:
    """The place with its editable fields; None if there is none."""
    place = get_place(session, gazetteer, place_id=place_id)
    if place is None:
        return None
    columns = [getattr(HostStructure, name) for name in EDITABLE]
    row = session.execute(
        select(HostStructure.timezone, *columns).where(HostStructure.id == place_id)
    ).one()
    edits = session.execute(
        select(PlaceEdit.field, PlaceEdit.imported_value).where(PlaceEdit.structure_id == place_id)
    )
    return PlaceCard(
        place=place,
        timezone=row[0],
        values=dict(zip(EDITABLE, row[1:], strict=True)),
        imported={name: value for name, value in edits},
    )


def check_fields(values: Mapping[str, str | None], *, timezone: str) -> dict[str, FieldProblem]:
    """What is wrong with each field given (an empty one is cleared, never wrong)."""
    problems: dict[str, FieldProblem] = {}
    for name, value in values.items():
        if not value:
            continue
        if len(value) > _LONGEST[name]:
            problems[name] = FieldProblem.TOO_LONG
        elif name == "phone" and not _PHONE.fullmatch(value):
            problems[name] = FieldProblem.BAD_PHONE
        elif name == "email" and not _EMAIL.fullmatch(value):
            problems[name] = FieldProblem.BAD_EMAIL
        elif name == "website" and not value.startswith(("https://", "http://")):
            problems[name] = FieldProblem.BAD_WEBSITE
        elif name == "opening_hours" and not readable(value, tz=timezone):
            problems[name] = FieldProblem.BAD_HOURS
    return problems


def edit_place(
    session: Session, *, place_id: int, values: Mapping[str, str | None], now: datetime
) -> dict[str, FieldProblem] | None:
    """Set the fields given (of `EDITABLE`; blank clears one). The problems, and nothing
    changed, if any is wrong; None once done. Raises LookupError for an unknown place."""
    cleaned = {name: " ".join((values[name] or "").split()) or None for name in values}
    if set(cleaned) - set(EDITABLE):
        raise ValueError(f"not editable: {sorted(set(cleaned) - set(EDITABLE))}")
    columns = [getattr(HostStructure, name) for name in EDITABLE]
    row = session.execute(
        select(HostStructure.timezone, *columns).where(HostStructure.id == place_id)
    ).one_or_none()
    if row is None:
        raise LookupError(f"no place {place_id}")
    problems = check_fields(cleaned, timezone=row[0])
    if problems:
        return problems
    current = dict(zip(EDITABLE, row[1:], strict=True))
    edits = {
        edit.field: edit
        for edit in session.scalars(select(PlaceEdit).where(PlaceEdit.structure_id == place_id))
    }
    changed = {name: value for name, value in cleaned.items() if value != current[name]}
    for name, value in changed.items():
        edit = edits.get(name)
        if edit is None:
            session.add(
                PlaceEdit(
                    structure_id=place_id,
                    field=name,
                    imported_value=current[name],
                    edited_at=now,
                )
            )
        elif value == edit.imported_value:  # back to the file's value: the file leads again
            session.execute(delete(PlaceEdit).where(PlaceEdit.id == edit.id))
        else:
            edit.edited_at = now
    if changed:
        session.execute(update(HostStructure).where(HostStructure.id == place_id).values(changed))
        bump_catalogue_version(session)
    return None


def close_place(session: Session, *, place_id: int) -> bool:
    """No longer offered to residents (imports leave it closed); False if it already was, or
    is no place. Its sessions stay as they are: cancel them from the planning."""
    closed = session.execute(
        update(HostStructure)
        .where(HostStructure.id == place_id, HostStructure.closed.is_(False))
        .values(closed=True)
    ).rowcount
    if closed:
        bump_catalogue_version(session)
    return bool(closed)

"""What a message or a screen says about a slot: one bulk read for many slots.

`slot_facts` loads the slot, its workshop (title, themes) and its place (name, address, zone,
position) for a whole batch of slot ids in one query, never one per message. `themes_column`
brings a workshop's themes into any such query; `booking_needs` says which of them a booking is
about.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Label, func, select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.models import Slot, SlotStatus, Workshop, WorkshopKind, WorkshopTheme


@dataclass(frozen=True, slots=True)
class SlotFacts:
    slot_id: int
    starts_at: datetime
    ends_at: datetime
    status: SlotStatus
    capacity: int
    seats_left: int
    """Seats anyone can still book (a seat held for a waitlist offer is not left)."""
    workshop_id: int
    workshop_title: str
    workshop_kind: WorkshopKind
    themes: tuple[str, ...]
    """Theme codes: the handler shows their labels and `what_to_bring` (`knowledge.themes`)."""
    advisor_id: int | None
    structure_id: int
    structure_name: str
    structure_address: str | None
    structure_postal_code: str | None
    structure_phone: str | None
    structure_lat: float
    structure_lon: float
    structure_timezone: str
    cancellation_reason: str | None
    replaced_by_id: int | None


def slot_facts(session: Session, slot_ids: Collection[int]) -> dict[int, SlotFacts]:
    """The facts of each slot found among `slot_ids`."""
    if not slot_ids:
        return {}
    rows = session.execute(
        select(
            Slot.id,
            Slot.starts_at,
            Slot.ends_at,
            Slot.status,
            Slot.capacity,
            (Slot.capacity - Slot.seats_taken).label("seats_left"),
            Slot.cancellation_reason,
            Slot.replaced_by_id,
            Workshop.id.label("workshop_id"),
            Workshop.title,
            Workshop.kind,
            Workshop.advisor_id,
            themes_column(Workshop.id),
            HostStructure.id.label("structure_id"),
            HostStructure.name,
            HostStructure.address,
            HostStructure.postal_code,
            HostStructure.phone,
            HostStructure.lat,
            HostStructure.lon,
            HostStructure.timezone,
        )
        .join(Workshop, Workshop.id == Slot.workshop_id)
        .join(HostStructure, HostStructure.id == Workshop.structure_id)
        .where(Slot.id.in_(set(slot_ids)))
    ).all()
    return {
        row.id: SlotFacts(
            slot_id=row.id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            status=row.status,
            capacity=row.capacity,
            seats_left=max(row.seats_left, 0),
            workshop_id=row.workshop_id,
            workshop_title=row.title,
            workshop_kind=row.kind,
            themes=split_themes(row.themes),
            advisor_id=row.advisor_id,
            structure_id=row.structure_id,
            structure_name=row.name,
            structure_address=row.address,
            structure_postal_code=row.postal_code,
            structure_phone=row.phone,
            structure_lat=row.lat,
            structure_lon=row.lon,
            structure_timezone=row.timezone,
            cancellation_reason=row.cancellation_reason,
            replaced_by_id=row.replaced_by_id,
        )
        for row in rows
    }


_workshop_themes = WorkshopTheme.__table__


def themes_column(workshop_id: ColumnElement[int]) -> Label[str | None]:
    """The theme codes of the workshop `workshop_id`, as one column named "themes" of a query
    (read it with `split_themes`): no second query for them."""
    return (
        select(func.aggregate_strings(_workshop_themes.c.theme, ","))
        .where(_workshop_themes.c.workshop_id == workshop_id)
        .scalar_subquery()
        .label("themes")
    )


def split_themes(themes: str | None) -> tuple[str, ...]:
    """The codes of a `themes_column`, in alphabetical order (the order of `theme_codes`)."""
    return tuple(sorted(themes.split(","))) if themes else ()


def booking_needs(themes: tuple[str, ...], need: str | None) -> tuple[str, ...]:
    """The themes a booking is about: the resident's own need when the slot serves it; else (no
    need said, or the workshop no longer covers it) all the slot's `themes`."""
    return (need,) if need in themes else themes

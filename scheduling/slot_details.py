"""The one read model of a slot with its workshop and its place: `SlotDetails`.

Every screen, message or decision that needs "a slot with its workshop and place" reads it the
same way: `select_slots(extra…)` selects its one list of columns (slots ⋈ workshops ⋈
host_structures) then the query's own, `SlotDetails.from_row` maps the row, and the query's
record composes `SlotDetails` with its extras (`BookingView`, `SlotOffer`, `SlotNoticeFacts`).
`slot_details` reads a whole batch of slots in one query, never one per message.
`themes_column` brings a workshop's themes into a row; `booking_needs` says which of them a
booking is about.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Label, Row, Select, bindparam, func, select
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.models import Slot, SlotStatus, Workshop, WorkshopKind, WorkshopTheme

_slots, _workshops = Slot.__table__, Workshop.__table__
_structures, _workshop_themes = HostStructure.__table__, WorkshopTheme.__table__


@dataclass(frozen=True, slots=True)
class SlotDetails:
    """A slot, its workshop and its place, as `select_slots` reads them."""

    slot_id: int
    starts_at: datetime
    ends_at: datetime
    status: SlotStatus
    capacity: int
    seats_left: int
    """Seats anyone can still book (a seat held for a waitlist offer is not left)."""
    cancellation_reason: str | None
    replaced_by_id: int | None
    workshop_id: int
    workshop_title: str
    workshop_kind: WorkshopKind
    advisor_id: int | None
    """The workshop's advisor, linked to Telegram or not."""
    structure_id: int
    structure_name: str
    structure_address: str | None
    structure_postal_code: str | None
    structure_phone: str | None
    structure_lat: float
    structure_lon: float
    structure_timezone: str
    themes: tuple[str, ...]
    """The workshop's theme codes: the handler shows their labels and `what_to_bring`
    (`knowledge.themes`)."""
    structure_approximate: bool = False
    """The place's point is its commune's town hall (`HostStructure.approximate`): no map pin."""

    @property
    def is_full(self) -> bool:
        return self.seats_left <= 0

    @classmethod
    def from_row(cls, row: Row) -> "SlotDetails":
        """The row mapper, for a row of `select_slots` (its first columns are these fields, in
        this order)."""
        return cls(*row[:_THEMES], split_themes(row[_THEMES]), row[_THEMES + 1])


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


# The one column list: the fields of `SlotDetails`, by name and in order (the mapper reads them
# by position, for speed on the residents' path).
_COLUMNS = (
    _slots.c.id.label("slot_id"),
    _slots.c.starts_at,
    _slots.c.ends_at,
    _slots.c.status,
    _slots.c.capacity,
    (_slots.c.capacity - _slots.c.seats_taken).label("seats_left"),
    _slots.c.cancellation_reason,
    _slots.c.replaced_by_id,
    _workshops.c.id.label("workshop_id"),
    _workshops.c.title.label("workshop_title"),
    _workshops.c.kind.label("workshop_kind"),
    _workshops.c.advisor_id,
    _structures.c.id.label("structure_id"),
    _structures.c.name.label("structure_name"),
    _structures.c.address.label("structure_address"),
    _structures.c.postal_code.label("structure_postal_code"),
    _structures.c.phone.label("structure_phone"),
    _structures.c.lat.label("structure_lat"),
    _structures.c.lon.label("structure_lon"),
    _structures.c.timezone.label("structure_timezone"),
    themes_column(_workshops.c.id),
    _structures.c.approximate.label("structure_approximate"),
)
_THEMES = len(_COLUMNS) - 2
_SLOT_JOIN = _slots.join(_workshops, _workshops.c.id == _slots.c.workshop_id).join(
    _structures, _structures.c.id == _workshops.c.structure_id
)


def select_slots(*extras: ColumnElement) -> Select:
    """The columns of `SlotDetails`, then `extras`, from slots ⋈ workshops ⋈ host_structures:
    the start of every query of slots (`.join` more tables, `.where` …). Map its rows with
    `SlotDetails.from_row`; read the `extras` by name."""
    return select(*_COLUMNS, *extras).select_from(_SLOT_JOIN)


# Built once, values bound at execution: every batch of outgoing messages reads it.
_SLOT_DETAILS = select_slots().where(_slots.c.id.in_(bindparam("slot_ids_", expanding=True)))


def slot_details(session: Session, slot_ids: Collection[int]) -> dict[int, SlotDetails]:
    """The details of each slot found among `slot_ids`, in one query."""
    if not slot_ids:
        return {}
    rows = session.execute(_SLOT_DETAILS, {"slot_ids_": list(set(slot_ids))})
    return {row.slot_id: SlotDetails.from_row(row) for row in rows}

"""What a resident is offered: the nearest help with its next bookable slots, one slot in detail.

`find_help_offer` joins `knowledge.nearest_help.find_help` (the places) and
`scheduling.booking.next_slots` (their dates), leaving out the slots this resident already holds.
`slot_offer` reads one slot back when a button is pressed, and says honestly whether it can still
be booked: buttons stay on screen for days, and seats go in the meantime.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import bindparam, exists
from sqlalchemy.orm import Session

from knowledge.gazetteer import Commune, Gazetteer
from knowledge.geo import haversine_km
from knowledge.nearest import StructureIndex
from knowledge.nearest_help import (
    DEFAULT_RADIUS_KM,
    HelpAnswer,
    HelpPlace,
    TownHallHelp,
    find_help,
    help_place,
)
from scheduling.booking import (
    AlreadyBooked,
    Booked,
    BookingOutcome,
    Overlap,
    Overlaps,
    SlotFull,
    SlotUnavailable,
    TooManyUpcoming,
    UnavailableReason,
    at_limit,
    find_overlap,
    next_slots,
)
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus, WorkshopKind
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.slot_details import SlotDetails, select_slots

# A shared location further than this from any town hall is not in France (or is at sea).
MAX_LOCATION_KM = 50.0


class Availability(StrEnum):
    OPEN = "open"
    FULL = "full"
    ALREADY_BOOKED = "already_booked"
    CANCELLED = "cancelled"
    MOVED = "moved"
    STARTED = "started"
    NOT_FOUND = "not_found"
    OVERLAPS = "overlaps"
    """The resident holds a seat at an overlapping time (`SlotOffer.overlap`)."""
    TOO_MANY = "too_many"
    """The resident holds as many upcoming bookings and waitlist entries as allowed."""


_UNAVAILABLE = {
    UnavailableReason.NOT_FOUND: Availability.NOT_FOUND,
    UnavailableReason.CANCELLED: Availability.CANCELLED,
    UnavailableReason.MOVED: Availability.MOVED,
    UnavailableReason.STARTED: Availability.STARTED,
}


def availability_of(outcome: BookingOutcome) -> Availability:
    """Why `book_seat` did (OPEN) or did not book, in the words of `Availability`."""
    match outcome:
        case Booked():
            return Availability.OPEN
        case SlotFull():
            return Availability.FULL
        case AlreadyBooked():
            return Availability.ALREADY_BOOKED
        case SlotUnavailable(reason=reason):
            return _UNAVAILABLE[reason]
        case Overlaps():
            return Availability.OVERLAPS
        case TooManyUpcoming():
            return Availability.TOO_MANY
    raise TypeError(f"not a booking outcome: {outcome!r}")


@dataclass(frozen=True, slots=True)
class SlotOffer:
    """One slot as the confirmation screens show it, and whether this resident can book it."""

    slot: SlotDetails
    availability: Availability
    overlap: Overlap | None = None
    """For `Availability.OVERLAPS`: the resident's booking at that time."""


_slots, _bookings = Slot.__table__, Booking.__table__
# Built once, values bound at execution (the slot's screens are the busiest after the search).
_SLOT_OFFER = select_slots(
    exists()
    .where(
        _bookings.c.slot_id == _slots.c.id,
        _bookings.c.resident_id == bindparam("resident_id_"),
        _bookings.c.status == BookingStatus.BOOKED,
    )
    .label("held"),
).where(_slots.c.id == bindparam("slot_id_"))


def slot_offer(
    session: Session,
    *,
    slot_id: int,
    resident_id: int | None,
    now: datetime,
    policy: Policy = DEFAULT_POLICY,
) -> SlotOffer | None:
    """The slot with its place, and whether it can be booked at `now`; None if it is gone.

    An open slot meeting the time of one of the resident's bookings is `OVERLAPS`, and any open
    slot is `TOO_MANY` for a resident at `policy.max_upcoming`: `book_seat` would refuse it."""
    row = session.execute(
        _SLOT_OFFER, {"slot_id_": slot_id, "resident_id_": resident_id}
    ).one_or_none()
    if row is None:
        return None
    slot = SlotDetails.from_row(row)
    if row.held:
        availability = Availability.ALREADY_BOOKED
    elif slot.status == SlotStatus.CANCELLED:
        availability = Availability.CANCELLED
    elif slot.status == SlotStatus.MOVED:
        availability = Availability.MOVED
    elif slot.starts_at <= now:
        availability = Availability.STARTED
    elif slot.is_full:
        availability = Availability.FULL
    elif resident_id is not None and (
        overlap := find_overlap(session, slot_id=slot_id, resident_id=resident_id)
    ):
        return SlotOffer(slot=slot, availability=Availability.OVERLAPS, overlap=overlap)
    elif resident_id is not None and at_limit(
        session, resident_id=resident_id, now=now, policy=policy
    ):
        availability = Availability.TOO_MANY
    else:
        availability = Availability.OPEN
    return SlotOffer(slot=slot, availability=availability)


@dataclass(frozen=True, slots=True)
class HelpOffer:
    """The nearest help and, for each place, the next slots this resident can book."""

    answer: HelpAnswer
    slots: Mapping[int, tuple[SlotDetails, ...]]
    town_hall: TownHallHelp | None = None
    """The resident's town hall when no place is near (places without a date give theirs)."""

    @property
    def has_slots(self) -> bool:
        return any(self.slots.values())


def find_help_offer(
    session: Session,
    index: StructureIndex,
    *,
    lat: float,
    lon: float,
    theme: str | None,
    commune: Commune | None,
    resident_id: int | None,
    now: datetime,
    slots_per_structure: int = 2,
    exclude_slot_ids: frozenset[int] = frozenset(),
    radius_km: float = DEFAULT_RADIUS_KM,
) -> HelpOffer:
    """The nearest places for `theme` within `radius_km` and their next bookable slots on it;
    the town hall is `commune`'s (see `Gazetteer.town_hall_of`).

    Full slots, those the resident already holds or could not hold with theirs (overlapping
    times), and `exclude_slot_ids` are left out.
    Demo workshops are offered only when the places found are demo places.
    """
    answer = find_help(
        session, index, lat=lat, lon=lon, theme=theme, now=now, commune=commune,
        radius_km=radius_km,
    )  # fmt: skip
    structure_ids = [place.structure_id for place in answer.structures]
    if not structure_ids:
        return HelpOffer(answer=answer, slots={}, town_hall=answer.town_hall)
    found = next_slots(
        session,
        structure_ids=structure_ids,
        theme=theme,
        now=now,
        # Enough to pick from once the excluded ones are left out.
        limit_per_structure=slots_per_structure + len(exclude_slot_ids),
        include_full=False,
        include_demo=any(place.is_demo for place in answer.structures),
        held_by=resident_id,
    )
    slots = {
        structure_id: _pick(
            [view for view in views if view.slot_id not in exclude_slot_ids], slots_per_structure
        )
        for structure_id, views in found.items()
    }
    return HelpOffer(answer=answer, slots=slots)


@dataclass(frozen=True, slots=True)
class Alternatives:
    """The next sessions offered instead of a cancelled one, with their places' names."""

    slots: tuple[SlotDetails, ...]
    place_names: Mapping[int, str]


def alternatives_to(
    session: Session,
    index: StructureIndex,
    *,
    slot: SlotDetails,
    resident_id: int | None,
    now: datetime,
    limit: int,
) -> Alternatives:
    """What a cancelled session's participant is offered: the next bookable sessions on its
    first theme, nearest its place first, at most `limit`, never the cancelled one."""
    offer = find_help_offer(
        session,
        index,
        lat=slot.structure_lat,
        lon=slot.structure_lon,
        theme=slot.themes[0] if slot.themes else None,
        commune=None,
        resident_id=resident_id,
        now=now,
        exclude_slot_ids=frozenset({slot.slot_id}),
    )
    places = offer.answer.structures
    found = [view for place in places for view in offer.slots.get(place.structure_id, ())]
    return Alternatives(
        slots=tuple(found[:limit]),
        place_names={place.structure_id: place.name for place in places},
    )


@dataclass(frozen=True, slots=True)
class PlaceOffer:
    """One place for its own screen, with its next bookable slots on the resident's need."""

    place: HelpPlace
    slots: tuple[SlotDetails, ...]


def place_offer(
    session: Session,
    *,
    structure_id: int,
    theme: str | None,
    resident_id: int | None,
    now: datetime,
    slots_count: int = 3,
) -> PlaceOffer | None:
    """The place `structure_id` and its next slots on `theme` this resident can book (not full,
    not already theirs); None if the place is unknown or closed."""
    place = help_place(session, structure_id, now=now)
    if place is None:
        return None
    found = next_slots(
        session,
        structure_ids=[structure_id],
        theme=theme,
        now=now,
        limit_per_structure=slots_count,
        include_full=False,
        include_demo=place.is_demo,
        held_by=resident_id,
    )
    return PlaceOffer(place=place, slots=_pick(found[structure_id], slots_count))


def _pick(views: list[SlotDetails], count: int) -> tuple[SlotDetails, ...]:
    """The next workshops and, if the place holds a permanence, its next appointment only:
    one appointment date says "you can also come on your own" as well as four."""
    appointment = next((v for v in views if v.workshop_kind == WorkshopKind.INDIVIDUAL), None)
    workshops = [v for v in views if v.workshop_kind != WorkshopKind.INDIVIDUAL]
    chosen = workshops[: count - 1] if appointment else workshops[:count]
    if appointment is not None:
        chosen.append(appointment)
    return tuple(sorted(chosen, key=lambda view: (view.starts_at, view.slot_id)))


def commune_at(gazetteer: Gazetteer, *, lat: float, lon: float) -> Commune | None:
    """The commune a shared location is in (its nearest town hall); None outside France."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    commune = gazetteer.nearest_commune(lat, lon)
    if haversine_km(lat, lon, commune.lat, commune.lon) > MAX_LOCATION_KM:
        return None
    return commune

"""May this person do this to this object? The one place that answers, for every command, button
and web request: callers pass who asks (`scheduling.staff.actor_for`, read from the database at
each request) and ids that came from outside, and are never trusted.

- A coordinator may do everything, on every place.
- An advisor may act on the sessions and participants of their own places only, and may not
  manage staff nor places, nor see the figures of every place, nor load files on the dashboard.
- A resident may do nothing here (their own bookings are checked by `scheduling.booking`).
"""

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduling.models import Booking, Slot, Workshop
from scheduling.staff import Actor, Role


class Action(StrEnum):
    SEE_PLANNING = "see_planning"
    MANAGE_SESSIONS = "manage_sessions"
    """Add, cancel or move sessions."""
    MARK_ATTENDANCE = "mark_attendance"
    BOOK_FOR_SOMEONE = "book_for_someone"
    """Book a walk-in, or cancel such a booking."""
    SET_NOTIFICATIONS = "set_notifications"
    MANAGE_STAFF = "manage_staff"
    """Invite advisors, list, revoke, promote and demote them."""
    SEE_STATISTICS = "see_statistics"
    """The figures of every place (/stats, exports)."""
    MANAGE_PLACES = "manage_places"
    """Correct a place's contact and hours, close it, import a national file of places."""
    IMPORT_SESSIONS = "import_sessions"
    """Load a file of sessions on the dashboard (in the bot, an advisor may, for her places)."""


_COORDINATORS_ONLY = frozenset(
    {Action.MANAGE_STAFF, Action.SEE_STATISTICS, Action.MANAGE_PLACES, Action.IMPORT_SESSIONS}
)


def may(actor: Actor, action: Action, *, structure_id: int | None = None) -> bool:
    """Whether `actor` may do `action` (at the place `structure_id`, when it concerns one)."""
    if actor.role is Role.COORDINATOR:
        return True
    if actor.role is not Role.ADVISOR or action in _COORDINATORS_ONLY:
        return False
    return structure_id is None or structure_id in actor.structure_ids


def may_on_slot(session: Session, actor: Actor, action: Action, *, slot_id: int) -> bool:
    """`may` for the place of a slot; False for a slot that does not exist."""
    structure_id = session.scalar(
        select(Workshop.structure_id)
        .join(Slot, Slot.workshop_id == Workshop.id)
        .where(Slot.id == slot_id)
    )
    return structure_id is not None and may(actor, action, structure_id=structure_id)


def may_on_booking(session: Session, actor: Actor, action: Action, *, booking_id: int) -> bool:
    """`may` for the place of a booking's slot; False for a booking that does not exist."""
    structure_id = session.scalar(
        select(Workshop.structure_id)
        .join(Slot, Slot.workshop_id == Workshop.id)
        .join(Booking, Booking.slot_id == Slot.id)
        .where(Booking.id == booking_id)
    )
    return structure_id is not None and may(actor, action, structure_id=structure_id)

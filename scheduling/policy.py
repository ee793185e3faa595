"""What the service promises about reminders and waitlists: one frozen value, set at start.

`Policy` is passed to every operation that books, cancels or moves (they default to
`DEFAULT_POLICY`), so that reminders and waitlist offers are derived from the same rules wherever
a seat changes hands. The bot builds one from its settings and passes it along.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta

MIN_OFFER_CUTOFF = timedelta(hours=3)
"""A waitlist offer never runs later than this before the start: people need time to come."""
OFFER_HOURS = (time(8, 0), time(20, 0))
"""Waitlist offers are sent, and their hold counted, only within these local hours."""
MIN_OFFER = timedelta(minutes=30)
"""An offer shorter than this (in waking time) is not made: the seat goes to everyone."""


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    """When residents are reminded of a booking; a reminder set to None is not sent."""

    day_before_at: time | None = time(18, 0)
    """Local time (the structure's zone) on the calendar day before the session."""
    hours_before: timedelta | None = timedelta(hours=2)
    """This long before the start (an absolute duration)."""
    grace: timedelta = timedelta(hours=6)
    """A reminder not sent by `due + grace` (the bot was down) is dropped; never after the start."""

    def __post_init__(self) -> None:
        if self.hours_before is not None and self.hours_before <= timedelta(0):
            raise ValueError("hours_before must be positive")
        if self.grace < timedelta(0):
            raise ValueError("grace must not be negative")


@dataclass(frozen=True, slots=True)
class WaitlistPolicy:
    """How long a freed seat is held for the first in line."""

    offer_ttl: timedelta = timedelta(hours=2)
    """How long a resident has to tap "Je prends la place", counted in `offer_hours` only."""
    cutoff_before_start: timedelta = MIN_OFFER_CUTOFF
    """No offer runs past this before the start; after it, a freed seat is simply bookable."""
    offer_hours: tuple[time, time] = OFFER_HOURS
    """Local time of the place: offers are sent and their hold counted only within them."""
    min_offer: timedelta = MIN_OFFER
    """An offer that would leave less than this (in `offer_hours`) is not made."""

    def __post_init__(self) -> None:
        if self.offer_ttl < self.min_offer:
            raise ValueError(f"offer_ttl must be at least {self.min_offer}")
        if not self.offer_hours[0] < self.offer_hours[1]:
            raise ValueError("offer_hours must open before they close")
        if self.cutoff_before_start < MIN_OFFER_CUTOFF:
            raise ValueError(f"cutoff_before_start must be at least {MIN_OFFER_CUTOFF}")


@dataclass(frozen=True, slots=True)
class Policy:
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    waitlist: WaitlistPolicy = field(default_factory=WaitlistPolicy)
    max_upcoming: int = 5
    """Upcoming bookings and waitlist entries a resident may hold together: one account cannot
    empty a département's agenda (the staff, booking someone in person, are not limited)."""

    def __post_init__(self) -> None:
        if self.max_upcoming < 1:
            raise ValueError("max_upcoming must be at least 1")


DEFAULT_POLICY = Policy()

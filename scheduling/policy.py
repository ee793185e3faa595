"""What the service promises about reminders and waitlists: one frozen value, set at start.

`Policy` is passed to every operation that books, cancels or moves (they default to
`DEFAULT_POLICY`), so that reminders and waitlist offers are derived from the same rules wherever
a seat changes hands. The bot builds one from its settings and passes it along.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta

MIN_OFFER_CUTOFF = timedelta(hours=3)
"""A waitlist offer never runs later than this before the start: people need time to come."""


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
    """How long a resident has to tap "Je prends la place"."""
    cutoff_before_start: timedelta = MIN_OFFER_CUTOFF
    """No offer runs past this before the start; after it, a freed seat is simply bookable."""

    def __post_init__(self) -> None:
        if self.offer_ttl <= timedelta(0):
            raise ValueError("offer_ttl must be positive")
        if self.cutoff_before_start < MIN_OFFER_CUTOFF:
            raise ValueError(f"cutoff_before_start must be at least {MIN_OFFER_CUTOFF}")


@dataclass(frozen=True, slots=True)
class Policy:
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    waitlist: WaitlistPolicy = field(default_factory=WaitlistPolicy)


DEFAULT_POLICY = Policy()

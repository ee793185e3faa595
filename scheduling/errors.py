"""What scheduling raises. Expected outcomes (a full slot, a second tap) are returned, not raised.

SchedulingError
├── NaiveDatetimeError (also a ValueError)  an instant without a time zone was passed
├── InvalidSlotTimes (also a ValueError)    a slot moved to an empty or past time range
├── UnknownResident (also a LookupError)    booking for a resident id that does not exist
└── ImportConflict                          the sessions changed under a spreadsheet's import
"""


class SchedulingError(Exception):
    """Base class of every exception raised by `scheduling`."""


class NaiveDatetimeError(SchedulingError, ValueError):
    """`now` (or another instant) has no time zone; scheduling only compares aware instants."""


class InvalidSlotTimes(SchedulingError, ValueError):
    """A slot's new times end before they start, or start before `now`."""


class UnknownResident(SchedulingError, LookupError):
    """No resident has this id."""

    def __init__(self, resident_id: int) -> None:
        super().__init__(f"no resident with id {resident_id}")
        self.resident_id = resident_id


class ImportConflict(SchedulingError):
    """Between the plan of an import and its application, a session changed (a seat taken, a
    session moved or added in the bot): nothing is applied; plan again and look."""

"""Is a place open now, and until when? Read from an OpenStreetMap `opening_hours` expression.

The expressions come from open data (town halls, host structures): many are hand-typed, some are
wrong. A wrong one means "we don't know", never an error shown to a resident.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from opening_hours import OpeningHours, State

# Beyond a year ahead a "next opening" tells a resident nothing, and the search must end somewhere
# for expressions such as "off" or "24/7" that never change.
HORIZON = timedelta(days=366)

# Public holidays ("PH off") need a country; the library knows metropolitan France's calendar
# only, so overseas departments miss their local holidays (e.g. 20 December in Réunion).
_HOLIDAY_COUNTRY = "FR"


@dataclass(frozen=True, slots=True)
class OpeningStatus:
    is_open: bool
    # When it closes if open, when it next opens if closed; aware, in the place's time zone.
    # None when that does not happen within `HORIZON` (always open, closed for good).
    next_change: datetime | None


@lru_cache(maxsize=4096)
def _parse(expr: str, tz: str) -> OpeningHours | None:
    # Cached: the same few hundred expressions are evaluated over and over by the bot.
    try:
        return OpeningHours(expr, timezone=ZoneInfo(tz), country=_HOLIDAY_COUNTRY)
    except opening_hours.ParserError:
        return None


def readable(expr: str | None, *, tz: str) -> bool:
    """Whether `expr` is an OpenStreetMap `opening_hours` expression we can read (a place whose
    hours are not tells residents to call before coming)."""
    return bool(expr and expr.strip()) and _parse(expr.strip(), tz) is not None


def opening_status(expr: str | None, *, now: datetime, tz: str) -> OpeningStatus | None:
    """Whether the place is open at `now` (aware) in zone `tz`, and when that changes.

    None when there are no hours, when they cannot be parsed, or when they say the state is
    unknown at `now` (e.g. "Mo-Fr 09:00-12:00; Sa unknown" on a Saturday). Raises ValueError for
    a naive `now` and `zoneinfo.ZoneInfoNotFoundError` for an unknown zone: both are bugs of the
    caller, not of the data.
    """
    if now.tzinfo is None:
        raise ValueError("opening_status needs an aware datetime")
    zone = ZoneInfo(tz)
    if expr is None or not expr.strip():
        return None
    hours = _parse(expr.strip(), tz)
    if hours is None:
        return None
    # The library wants a ZoneInfo-aware datetime (datetime.UTC is refused).
    local_now = now.astimezone(zone)
    # Walk the intervals rather than call `next_change()`: that one also stops where only the
    # comment changes ("Mo 09:00-12:00 \"sur rendez-vous\", Mo 12:00-14:00"), and a closed place
    # may turn "unknown" before it actually opens.
    intervals = hours.intervals(local_now, local_now + HORIZON)
    first = next(intervals, None)
    if first is None or first[2] is State.UNKNOWN:
        return None
    is_open = first[2] is State.OPEN
    for start, _end, state, _comment in intervals:
        if (state is State.OPEN) != is_open:
            return OpeningStatus(is_open=is_open, next_change=start.astimezone(zone))
    return OpeningStatus(is_open=is_open, next_change=None)

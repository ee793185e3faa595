"""Wall-clock time in a structure's zone, and back to the UTC instants the database stores.

Every instant in `scheduling` is an aware UTC datetime; a structure's zone (an IANA name such as
"Europe/Paris" or "America/Cayenne") only matters when a rule speaks of the local calendar: "the
day before at 18:00", "today's sessions", "the agenda at 08:00". Those are computed here, on the
local calendar, then converted to UTC, so a clock change moves nothing: 18:00 stays 18:00.

A local time that does not exist (skipped by a spring clock change) is read with the offset in
force before the change, so it lands just after the gap; an ambiguous one (autumn) is the first.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from scheduling.errors import NaiveDatetimeError


def require_aware(instant: datetime, name: str = "now") -> None:
    """Raise `NaiveDatetimeError` unless `instant` carries a time zone."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise NaiveDatetimeError(f"`{name}` must be an aware datetime (UTC)")


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(instant: datetime, timezone: str) -> date:
    """The calendar day `instant` falls on in `timezone`."""
    return instant.astimezone(zone(timezone)).date()


def at_local(day: date, clock: time, timezone: str) -> datetime:
    """The UTC instant at which the wall clock of `timezone` shows `clock` on `day`."""
    local = datetime.combine(day, clock, tzinfo=zone(timezone))
    # A round trip through UTC normalises a wall time skipped by a clock change.
    return local.astimezone(UTC)


def local_day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of the local day in UTC: 23 or 25 hours long on a clock-change day."""
    return at_local(day, time(0), timezone), at_local(day + timedelta(days=1), time(0), timezone)


# --- waking hours ---------------------------------------------------------------------------------
# A span of the local day (08:00–20:00 for waitlist offers) in which residents may be asked to act;
# time outside it does not count. Each day's span is found on the local calendar, so a clock
# change (at night) shortens or lengthens no span.

WakingHours = tuple[time, time]


def _spans(start: datetime, timezone: str, hours: WakingHours):
    """The waking spans [open, close) in UTC, from the local day of `start` on, forever."""
    day = local_date(start, timezone)
    while True:
        yield at_local(day, hours[0], timezone), at_local(day, hours[1], timezone)
        day += timedelta(days=1)


def add_waking_time(
    start: datetime, duration: timedelta, timezone: str, hours: WakingHours
) -> datetime:
    """The first instant by which `duration` of waking time has passed since `start`: a
    duration of zero gives `start` itself when awake, else the next opening."""
    require_aware(start, "start")
    left = duration
    for opens, closes in _spans(start, timezone, hours):
        cursor = max(start, opens)
        if cursor < closes:
            if left <= closes - cursor:
                return cursor + left
            left -= closes - cursor
    raise AssertionError("unreachable")  # the spans never end


def waking_time_between(
    start: datetime, end: datetime, timezone: str, hours: WakingHours
) -> timedelta:
    """How much waking time lies in [start, end) (nothing if `end` is not after `start`)."""
    require_aware(start, "start")
    require_aware(end, "end")
    total = timedelta(0)
    for opens, closes in _spans(start, timezone, hours):
        if opens >= end:
            return total
        total += max(timedelta(0), min(closes, end) - max(opens, start))

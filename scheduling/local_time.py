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

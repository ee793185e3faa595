"""Days, times and durations as advisors type them on a phone: "jeudi 14h", "12/01 9h30",
"demain 10h", "12/01/2027 14:30", "1h30", "45 min". French first, the English words too.

Pure functions of the text and of the place's local "now" (the caller converts with the place's
time zone): a day without a year is the next such day; a weekday is the next such day, today
included while the time typed is still to come; a moment already past is refused, never moved.
"""

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class TypedRefused(StrEnum):
    NOT_UNDERSTOOD = "not_understood"
    IN_THE_PAST = "in_the_past"


_WEEKDAYS = {
    **dict.fromkeys(("lundi", "monday"), 0),
    **dict.fromkeys(("mardi", "tuesday"), 1),
    **dict.fromkeys(("mercredi", "wednesday"), 2),
    **dict.fromkeys(("jeudi", "thursday"), 3),
    **dict.fromkeys(("vendredi", "friday"), 4),
    **dict.fromkeys(("samedi", "saturday"), 5),
    **dict.fromkeys(("dimanche", "sunday"), 6),
}
_MONTHS = {
    **dict.fromkeys(("janvier", "janv", "jan", "january"), 1),
    **dict.fromkeys(("fevrier", "fevr", "fev", "february", "feb"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("avril", "avr", "april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june", "jun"), 6),
    **dict.fromkeys(("juillet", "juil", "july", "jul"), 7),
    **dict.fromkeys(("aout", "august", "aug"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("decembre", "dec", "december"), 12),
}
_RELATIVE_DAYS = {
    **dict.fromkeys(("aujourd'hui", "aujourdhui", "aujourd hui", "auj", "today"), 0),
    **dict.fromkeys(("demain", "tomorrow"), 1),
    **dict.fromkeys(("apres-demain", "apres demain"), 2),
}
# Words around the day and the time that say nothing: "le jeudi 12 à 14h", "next Monday at 2pm".
_FILLERS = frozenset(
    {"le", "a", "at", "on", "the", "ce", "cette", "this", "prochain", "prochaine", "next", "vers"}
)

_TIME = re.compile(
    r"(?<![\d/.\-])"
    r"(?:(?P<hour>\d{1,2})\s*(?:h|heures?|:)\s*(?P<minute>\d{2})?\s*(?P<half>am|pm)?"
    r"|(?P<hour12>\d{1,2})\s*(?P<half12>am|pm)"
    r"|(?P<noon>midi|noon)(?:\s+et\s+(?P<noon_half>demie?))?)"
    r"(?![\w/])"
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?")
_WORDED_DATE = re.compile(r"(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?")
_DURATION = re.compile(
    r"(?:(?P<hours>\d{1,2}(?:[.,]\d+)?)\s*(?:h|heures?|hours?|hrs?)"
    r"(?:\s*(?P<minutes>\d{1,2})\s*(?:min|mins|minutes?|mn)?)?"
    r"|(?P<h>\d{1,2}):(?P<m>\d{2})"
    r"|(?P<only_minutes>\d{1,3})\s*(?:min|mins|minutes?|mn))"
)
_NUMBER = re.compile(r"(\d{1,4})(?:\s+[a-z]+)?")


def _plain(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces; signs kept."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("`", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(bare.split())


def _words(text: str) -> str:
    """Without the words that say nothing, nor commas ("jeudi, 14h")."""
    return " ".join(word for word in text.replace(",", " ").split() if word not in _FILLERS)


def _time_of(match: re.Match[str]) -> time | None:
    if match["noon"]:
        return time(12, 30 if match["noon_half"] else 0)
    hour = int(match["hour"] or match["hour12"])
    minute = int(match["minute"] or 0)
    half = match["half"] or match["half12"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_time(text: str) -> time | None:
    """ "14h", "14h30", "14:30", "9h", "à 10h", "midi", "2pm"; None for anything else."""
    plain = _words(_plain(text))
    match = _TIME.fullmatch(plain)
    return _time_of(match) if match else None


def _next_date(day: int, month: int, today: date) -> date | None:
    """The next 12/01 (today included): this year's, or next year's once it is past."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            # 29/02 exists only some years: try the next one before giving up.
            continue
        if candidate >= today:
            return candidate
    return None


def _explicit_date(text: str, today: date) -> date | None:
    """ "12/01", "12/01/2027", "12.01.27", "1er mars", "12 janvier 2027"; None otherwise."""
    if match := _NUMERIC_DATE.fullmatch(text):
        day, month, year = int(match[1]), int(match[2]), match[3]
    elif (match := _WORDED_DATE.fullmatch(text)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], match[3]
    else:
        return None
    if year is None:
        return _next_date(day, month, today)
    try:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    except ValueError:
        return None


def _day_of(text: str, today: date) -> tuple[date, bool] | None:
    """The day typed (without its time), and whether it was a bare weekday name."""
    if text in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[text]), False
    first, _, rest = text.partition(" ")
    if first in _WEEKDAYS:
        if not rest:
            ahead = (_WEEKDAYS[first] - today.weekday()) % 7
            return today + timedelta(days=ahead), True
        # "jeudi 12/01": the date decides, and must be that weekday (else it is a slip).
        day = _explicit_date(rest, today)
        if day is None or day.weekday() != _WEEKDAYS[first]:
            return None
        return day, False
    day = _explicit_date(text, today)
    return (day, False) if day is not None else None


def parse_day_and_time(
    text: str, *, now_local: datetime
) -> tuple[date, time | None] | TypedRefused:
    """The day and, if typed, the start of "jeudi 14h", "12/01 9h30", "demain 10h",
    "12/01/2027 14:30", "jeudi" (no time: None); or why not.

    `now_local` is the place's wall clock. A day without a year is the next such day; "jeudi"
    typed on a Thursday is today while the time typed is to come, else next week."""
    plain = _plain(text)
    found = list(_TIME.finditer(plain))
    if len(found) > 1:
        return TypedRefused.NOT_UNDERSTOOD
    start = None
    if found:
        start = _time_of(found[0])
        if start is None:
            return TypedRefused.NOT_UNDERSTOOD
        plain = plain[: found[0].start()] + " " + plain[found[0].end() :]
    today = now_local.date()
    typed = _day_of(_words(plain), today)
    if typed is None:
        return TypedRefused.NOT_UNDERSTOOD
    day, weekday = typed
    passed = day < today or (day == today and start is not None and start <= now_local.time())
    if passed and weekday:
        day += timedelta(weeks=1)
    elif passed:
        return TypedRefused.IN_THE_PAST
    return day, start


def parse_duration(text: str) -> timedelta | None:
    """ "1h30", "1 h 30", "2h", "1,5 h", "1:30", "45 min", "2 heures", "90 minutes"; None for
    anything else, or nothing at all."""
    match = _DURATION.fullmatch(_plain(text))
    if match is None:
        return None
    if match["only_minutes"]:
        duration = timedelta(minutes=int(match["only_minutes"]))
    elif match["h"]:
        duration = timedelta(hours=int(match["h"]), minutes=int(match["m"]))
    else:
        hours = float(match["hours"].replace(",", "."))
        duration = timedelta(hours=hours, minutes=int(match["minutes"] or 0))
    return duration if duration > timedelta(0) else None


def parse_number(text: str) -> int | None:
    """ "8", "8 places", "12 personnes": the number; None for anything else."""
    match = _NUMBER.fullmatch(_plain(text))
    return int(match[1]) if match else None

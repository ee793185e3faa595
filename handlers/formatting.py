"""Dates, times, distances and opening hours in the resident's language, by babel.

Instants are stored in UTC and shown in the place's time zone: a workshop in Réunion reads
"14h00" there, whatever the server's clock. Pure functions of their arguments.
"""

import html
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from handlers.context import Tr
from knowledge.opening import OpeningStatus

# CLDR says "14:00" for French; French residents write and read "14h00".
_TIME_PATTERNS = {"fr": "H'h'mm", "en": "h:mm a"}
_LONG_DATE = "EEEE d MMMM"
_SHORT_DATE = "EEE d MMM"


@lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    # Cached: a locale named by its code is looked up again at every call otherwise.
    return Locale.parse(code)


def esc(text: object) -> str:
    """Data shown inside an HTML message (names and addresses come from open data)."""
    return html.escape(str(text), quote=False)


def _local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def time_of(moment: datetime, tz: str, tr: Tr) -> str:
    """ "14h00" / "2:00 PM"."""
    return format_time(
        _local(moment, tz), _TIME_PATTERNS.get(tr.locale, "short"), locale=_locale(tr.locale)
    )


def date_of(moment: datetime, tz: str, tr: Tr) -> str:
    """ "jeudi 3 décembre" / "Thursday 3 December"."""
    return format_date(_local(moment, tz), _LONG_DATE, locale=_locale(tr.locale))


def when(moment: datetime, tz: str, tr: Tr) -> str:
    """ "jeudi 3 décembre à 14h00"."""
    _ = tr.gettext
    return _("{date} à {time}").format(date=date_of(moment, tz, tr), time=time_of(moment, tz, tr))


def when_short(moment: datetime, tz: str, tr: Tr) -> str:
    """ "jeu. 3 déc., 14h00": for buttons."""
    local = _local(moment, tz)
    day = format_date(local, _SHORT_DATE, locale=_locale(tr.locale))
    return f"{day}, {time_of(moment, tz, tr)}"


def clock(value: time, tr: Tr) -> str:
    """ "14h00" / "2:00 PM": a wall-clock time, of no day in particular."""
    return format_time(value, _TIME_PATTERNS.get(tr.locale, "short"), locale=_locale(tr.locale))


def calendar_day(day: date, tr: Tr, *, short: bool = False, with_year: bool = False) -> str:
    """ "jeudi 6 mars" / "Thursday 6 March"; short: "jeu. 6 mars", for buttons; with its year:
    "lundi 12 janvier 2026"."""
    pattern = (_SHORT_DATE if short else _LONG_DATE) + (" y" if with_year else "")
    return format_date(day, pattern, locale=_locale(tr.locale))


def day_of(moment: datetime, tz: str, tr: Tr) -> str:
    """ "3 mars 2025": a calendar day."""
    return format_date(_local(moment, tz), "long", locale=_locale(tr.locale))


def distance(km: float, tr: Tr) -> str:
    """ "3,2 km" / "3.2 km", "30 km"; "moins de 1 km" closer: a commune is searched from its
    town hall, so a tenth of a kilometre would be a false precision."""
    _ = tr.gettext
    if km < 1.0:
        return _("moins de 1 km")
    return _("{distance} km").format(
        distance=format_decimal(km, "#,##0.#", locale=_locale(tr.locale))
    )


def approximate_distance(km: float, tr: Tr) -> str:
    """How far a place known only by its commune is (its point is the town hall's): "dans votre
    commune" within a kilometre of it, else "environ 3 km" in whole kilometres, never a figure
    that claims more than that."""
    _ = tr.gettext
    if km < 1.0:
        return _("dans votre commune")
    return _("environ {distance} km").format(
        distance=format_decimal(round(km), "#,##0", locale=_locale(tr.locale))
    )


def opening(status: OpeningStatus | None, *, now: datetime, tz: str, tr: Tr) -> str | None:
    """ "🟢 Ouvert, ferme à 17h00", "🔴 Fermé, ouvre demain à 9h00"; None when unknown."""
    _ = tr.gettext
    if status is None:
        return None
    change = status.next_change
    if status.is_open:
        if change is None:
            return _("🟢 Ouvert en ce moment")
        return _("🟢 Ouvert, ferme {when}").format(when=relative(change, now=now, tz=tz, tr=tr))
    if change is None:
        return _("🔴 Fermé en ce moment")
    return _("🔴 Fermé, ouvre {when}").format(when=relative(change, now=now, tz=tz, tr=tr))


def relative(moment: datetime, *, now: datetime, tz: str, tr: Tr) -> str:
    """ "à 17h00" today, "demain à 9h00", "lundi 7 avril à 9h00" later."""
    _ = tr.gettext
    day = _local(moment, tz).date()
    today = _local(now, tz).date()
    time = time_of(moment, tz, tr)
    if day == today:
        return _("à {time}").format(time=time)
    if day == today + timedelta(days=1):
        return _("demain à {time}").format(time=time)
    return when(moment, tz, tr)


def coordinates(lat: float, lon: float, tr: Tr) -> str:
    """A point as a resident's phone would give it: "44,10450 ; 1,08530" in French."""
    locale = _locale(tr.locale)
    separator = " ; " if tr.locale == "fr" else ", "
    return separator.join(format_decimal(value, "0.00000", locale=locale) for value in (lat, lon))


# Telegram refuses a message over 4,096 characters (counted after the HTML is parsed, an emoji
# as two): keep a margin rather than count as Telegram does.
MESSAGE_LIMIT = 4000


def message_pieces(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` in as few messages as Telegram accepts, cut between lines (every tag we write
    opens and closes on one line), a line too long on its own cut where it must."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current.rstrip("\n"))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    pieces.append(current)
    return [piece for piece in pieces if piece.strip()] or [text]

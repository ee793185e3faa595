"""Values read from a form or a query string: never trusted, and never an exception.

A number is ASCII digits within the database's integer range (as callback data's ids are), so
that "١٢", "+3" or a 20-digit id is no value rather than a database error.
"""

import re
from datetime import date, time

from handlers.callback_data import MAX_INT

_DIGITS = re.compile(r"[0-9]{1,19}")


def number(value: object, *, high: int = MAX_INT) -> int | None:
    text = value.strip() if isinstance(value, str) else ""
    if not _DIGITS.fullmatch(text) or int(text) > high:
        return None
    return int(text)


def day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def clock(value: object) -> time | None:
    try:
        return time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None

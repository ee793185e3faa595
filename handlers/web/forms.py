"""Values read from a form or a query string: never trusted, and never an exception.

A number is read as callback data's ids are (`whole_number`), so that "١٢", "+3" or a
20-digit id is no value rather than a database error.
"""

from datetime import date, time

from handlers.callback_data import MAX_INT, whole_number


def number(value: object, *, high: int = MAX_INT) -> int | None:
    return whole_number(value.strip(), high=high) if isinstance(value, str) else None


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

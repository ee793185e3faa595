"""Days, times and durations as advisors type them: pure parsing, no database."""

from datetime import date, datetime, time, timedelta

import pytest

from scheduling.typed_times import (
    TypedRefused,
    parse_day_and_time,
    parse_duration,
    parse_number,
    parse_time,
)

# Monday 3 March 2025, 9:00 on the place's wall clock.
MONDAY_9AM = datetime(2025, 3, 3, 9, 0)


def parsed(text: str, now: datetime = MONDAY_9AM):
    return parse_day_and_time(text, now_local=now)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeudi 14h", (date(2025, 3, 6), time(14, 0))),
        ("Jeudi 14h30", (date(2025, 3, 6), time(14, 30))),
        ("jeudi à 14:30", (date(2025, 3, 6), time(14, 30))),
        ("jeudi, 14 h 30", (date(2025, 3, 6), time(14, 30))),
        ("le jeudi 12 h", (date(2025, 3, 6), time(12, 0))),
        ("jeudi prochain 9h", (date(2025, 3, 6), time(9, 0))),
        ("jeudi midi", (date(2025, 3, 6), time(12, 0))),
        ("mercredi midi et demi", (date(2025, 3, 5), time(12, 30))),
        ("MERCREDI 10H", (date(2025, 3, 5), time(10, 0))),
        ("dimanche 9h", (date(2025, 3, 9), time(9, 0))),
        ("vendredi 09h00", (date(2025, 3, 7), time(9, 0))),
        ("samedi 10 heures", (date(2025, 3, 8), time(10, 0))),
        ("12/01 9h30", (date(2026, 1, 12), time(9, 30))),
        ("12/03 9h30", (date(2025, 3, 12), time(9, 30))),
        ("12.03 9h30", (date(2025, 3, 12), time(9, 30))),
        ("12/01/2027 14:30", (date(2027, 1, 12), time(14, 30))),
        ("12/01/27 14h", (date(2027, 1, 12), time(14, 0))),
        ("14h 12/03", (date(2025, 3, 12), time(14, 0))),
        ("1er avril 10h", (date(2025, 4, 1), time(10, 0))),
        ("12 janvier 2027 à 14h", (date(2027, 1, 12), time(14, 0))),
        ("12 février 14h", (date(2026, 2, 12), time(14, 0))),
        ("12 fevrier 14h", (date(2026, 2, 12), time(14, 0))),
        ("jeudi 6 mars 14h", (date(2025, 3, 6), time(14, 0))),
        ("jeudi 06/03 14h", (date(2025, 3, 6), time(14, 0))),
        ("demain 10h", (date(2025, 3, 4), time(10, 0))),
        ("après-demain 10h", (date(2025, 3, 5), time(10, 0))),
        ("apres demain 10h", (date(2025, 3, 5), time(10, 0))),
        ("aujourd'hui 14h", (date(2025, 3, 3), time(14, 0))),
        ("aujourd’hui 14h", (date(2025, 3, 3), time(14, 0))),
        ("today 2pm", (date(2025, 3, 3), time(14, 0))),
        ("Thursday 2:30 pm", (date(2025, 3, 6), time(14, 30))),
        ("tomorrow at 10am", (date(2025, 3, 4), time(10, 0))),
        ("next friday noon", (date(2025, 3, 7), time(12, 0))),
        # A day alone: the start will be asked.
        ("jeudi", (date(2025, 3, 6), None)),
        ("demain", (date(2025, 3, 4), None)),
        ("15/03", (date(2025, 3, 15), None)),
        # Today's date: still today while its time is to come.
        ("03/03 14h", (date(2025, 3, 3), time(14, 0))),
    ],
)
def test_days_and_times_as_advisors_type_them(text, expected):
    assert parsed(text) == expected


def test_a_weekday_is_today_while_its_time_is_to_come_then_next_week():
    assert parsed("lundi 14h") == (date(2025, 3, 3), time(14, 0))
    assert parsed("lundi 8h") == (date(2025, 3, 10), time(8, 0))
    assert parsed("lundi 9h") == (date(2025, 3, 10), time(9, 0))
    assert parsed("lundi") == (date(2025, 3, 3), None)


@pytest.mark.parametrize(
    "text",
    ["aujourd'hui 8h", "03/03 8h30", "12/01/2025 14h", "02/03/2025", "1er janvier 2024 10h"],
)
def test_a_moment_already_past_is_refused(text):
    assert parsed(text) is TypedRefused.IN_THE_PAST


def test_a_date_without_a_year_is_the_next_one():
    assert parsed("02/03 10h") == (date(2026, 3, 2), time(10, 0))
    assert parsed("31/12 10h", now=datetime(2025, 12, 31, 11, 0)) is TypedRefused.IN_THE_PAST


@pytest.mark.parametrize(
    "text",
    [
        "",
        "bientôt",
        "jeudi 25h",
        "jeudi 14h70",
        "32/01 10h",
        "12/13",
        "31/02",
        "jeudi 07/03 14h",  # 7 March 2025 is a Friday: a slip, not a guess
        "jeudi 14h 15h",
        "14h",
        "13pm",
        "le 12",
        "12 brumaire",
    ],
)
def test_what_is_not_understood(text):
    assert parsed(text) is TypedRefused.NOT_UNDERSTOOD


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14h", time(14, 0)),
        ("14h30", time(14, 30)),
        ("14:30", time(14, 30)),
        ("9h", time(9, 0)),
        ("9 h 05", time(9, 5)),
        ("à 10h", time(10, 0)),
        ("midi", time(12, 0)),
        ("Midi", time(12, 0)),
        ("2pm", time(14, 0)),
        ("12am", time(0, 0)),
        ("jeudi 14h", None),
        ("quatorze heures", None),
        ("14", None),
    ],
)
def test_a_start_alone(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h30", timedelta(hours=1, minutes=30)),
        ("1 h 30", timedelta(hours=1, minutes=30)),
        ("1h30min", timedelta(hours=1, minutes=30)),
        ("2h", timedelta(hours=2)),
        ("2 heures", timedelta(hours=2)),
        ("1 heure", timedelta(hours=1)),
        ("1,5 h", timedelta(hours=1, minutes=30)),
        ("1.5h", timedelta(hours=1, minutes=30)),
        ("1:30", timedelta(hours=1, minutes=30)),
        ("45 min", timedelta(minutes=45)),
        ("45min", timedelta(minutes=45)),
        ("90 minutes", timedelta(minutes=90)),
        ("45 mn", timedelta(minutes=45)),
        ("2 hours", timedelta(hours=2)),
        ("0 min", None),
        ("90", None),
        ("longtemps", None),
    ],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8", 8), (" 12 ", 12), ("8 places", 8), ("6 personnes", 6), ("huit", None), ("8 9", None)],
)
def test_numbers(text, expected):
    assert parse_number(text) == expected

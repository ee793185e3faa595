"""Opening hours as a resident sees them: open now? until when? next opening?"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.opening import OpeningStatus, opening_status

PARIS = ZoneInfo("Europe/Paris")
OFFICE_HOURS = "Mo-Fr 09:00-12:00,14:00-17:00"


def test_town_hall_open_on_tuesday_morning_closes_at_noon():
    status = opening_status(
        OFFICE_HOURS, now=datetime(2025, 3, 4, 10, 30, tzinfo=PARIS), tz="Europe/Paris"
    )

    assert status == OpeningStatus(
        is_open=True, next_change=datetime(2025, 3, 4, 12, 0, tzinfo=PARIS)
    )


def test_town_hall_closed_at_lunch_reopens_at_two():
    status = opening_status(
        OFFICE_HOURS, now=datetime(2025, 3, 4, 12, 30, tzinfo=PARIS), tz="Europe/Paris"
    )

    assert status == OpeningStatus(
        is_open=False, next_change=datetime(2025, 3, 4, 14, 0, tzinfo=PARIS)
    )


def test_answer_is_given_in_the_structures_zone_whatever_zone_now_is_in():
    now = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)  # 10:30 in Paris

    status = opening_status(OFFICE_HOURS, now=now, tz="Europe/Paris")

    assert status is not None and status.is_open
    assert status.next_change == datetime(2025, 3, 4, 12, 0, tzinfo=PARIS)
    assert status.next_change.tzinfo == PARIS


def test_closed_on_the_last_saturday_of_march_reopens_monday_in_summer_time():
    # Clocks go forward on Sunday 30 March 2025: Monday 09:00 is 07:00 UTC, not 08:00.
    status = opening_status(
        OFFICE_HOURS, now=datetime(2025, 3, 29, 18, 0, tzinfo=PARIS), tz="Europe/Paris"
    )

    assert status is not None and not status.is_open
    assert status.next_change == datetime(2025, 3, 31, 9, 0, tzinfo=PARIS)
    assert status.next_change.utcoffset().total_seconds() == 2 * 3600
    assert status.next_change.astimezone(UTC) == datetime(2025, 3, 31, 7, 0, tzinfo=UTC)


def test_closed_on_the_last_saturday_of_october_reopens_monday_in_winter_time():
    # Clocks go back on Sunday 26 October 2025: Monday 09:00 is 08:00 UTC.
    status = opening_status(
        OFFICE_HOURS, now=datetime(2025, 10, 25, 12, 0, tzinfo=PARIS), tz="Europe/Paris"
    )

    assert status is not None and not status.is_open
    assert status.next_change.astimezone(UTC) == datetime(2025, 10, 27, 8, 0, tzinfo=UTC)


def test_night_opening_across_the_spring_gap_closes_at_four_summer_time():
    hours = "Sa 22:00-24:00; Su 00:00-04:00"
    now = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)  # 01:30 winter time, half an hour before the gap

    status = opening_status(hours, now=now, tz="Europe/Paris")

    assert status is not None and status.is_open
    assert status.next_change.astimezone(UTC) == datetime(2025, 3, 30, 2, 0, tzinfo=UTC)


def test_structure_in_reunion_is_open_by_its_own_clock_while_paris_sleeps():
    now = datetime(2025, 3, 28, 5, 30, tzinfo=UTC)  # 09:30 in Saint-Denis, 06:30 in Paris
    reunion = ZoneInfo("Indian/Reunion")

    status = opening_status("Mo-Fr 08:00-12:00", now=now, tz="Indian/Reunion")
    in_paris = opening_status("Mo-Fr 08:00-12:00", now=now, tz="Europe/Paris")

    assert status == OpeningStatus(
        is_open=True, next_change=datetime(2025, 3, 28, 12, 0, tzinfo=reunion)
    )
    assert in_paris is not None and not in_paris.is_open


def test_structure_in_cayenne_is_closed_on_bastille_day_and_reopens_next_morning():
    cayenne = ZoneInfo("America/Cayenne")
    now = datetime(2025, 7, 14, 12, 0, tzinfo=UTC)  # Monday 09:00 in Cayenne, a public holiday

    status = opening_status("Mo-Fr 08:00-12:00; PH off", now=now, tz="America/Cayenne")

    assert status == OpeningStatus(
        is_open=False, next_change=datetime(2025, 7, 15, 8, 0, tzinfo=cayenne)
    )


def test_a_comment_inside_opening_hours_does_not_cut_the_opening_short():
    hours = 'Mo 09:00-12:00 "sur rendez-vous", Mo 12:00-14:00'

    status = opening_status(hours, now=datetime(2025, 7, 7, 10, 0, tzinfo=PARIS), tz="Europe/Paris")

    assert status == OpeningStatus(
        is_open=True, next_change=datetime(2025, 7, 7, 14, 0, tzinfo=PARIS)
    )


def test_always_open_place_has_no_closing_time():
    status = opening_status(
        "24/7", now=datetime(2025, 7, 7, 10, 0, tzinfo=PARIS), tz="Europe/Paris"
    )

    assert status == OpeningStatus(is_open=True, next_change=None)


def test_closed_for_good_place_has_no_next_opening():
    status = opening_status("off", now=datetime(2025, 7, 7, 10, 0, tzinfo=PARIS), tz="Europe/Paris")

    assert status == OpeningStatus(is_open=False, next_change=None)


@pytest.mark.parametrize(
    "hours", [None, "", "   ", "du lundi au vendredi 9h-12h", "Mo-Fr 25:00-26:00x"]
)
def test_missing_or_unreadable_hours_mean_unknown(hours):
    assert (
        opening_status(hours, now=datetime(2025, 7, 7, 10, 0, tzinfo=PARIS), tz="Europe/Paris")
        is None
    )


def test_hours_declared_unknown_on_saturday_mean_unknown_on_saturday():
    hours = "Mo-Fr 09:00-12:00; Sa unknown"

    saturday = opening_status(
        hours, now=datetime(2025, 7, 5, 10, 0, tzinfo=PARIS), tz="Europe/Paris"
    )
    friday = opening_status(hours, now=datetime(2025, 7, 4, 13, 0, tzinfo=PARIS), tz="Europe/Paris")

    assert saturday is None
    # Closed on Friday afternoon; Saturday is unknown, so the next sure opening is Monday.
    assert friday == OpeningStatus(
        is_open=False, next_change=datetime(2025, 7, 7, 9, 0, tzinfo=PARIS)
    )


def test_naive_now_is_a_programming_error():
    with pytest.raises(ValueError):
        opening_status(OFFICE_HOURS, now=datetime(2025, 7, 7, 10, 0), tz="Europe/Paris")


# Tokens of the opening_hours grammar, so that many generated expressions parse.
osm_token = st.sampled_from(
    [
        "Mo",
        "Tu-Fr",
        "Sa",
        "Su",
        "PH",
        "off",
        "unknown",
        "24/7",
        ";",
        ",",
        "||",
        "09:00-12:00",
        "14:00-18:30",
        "22:00-02:00",
        "12:00+",
        "sunrise-sunset",
        "Jan-Mar",
        "week 01-53/2",
        "Mo[1]",
        '"sur rendez-vous"',
        "2025",
        "easter",
        " ",
    ]
)
expression = st.one_of(st.text(max_size=40), st.lists(osm_token, max_size=8).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(
    hours=expression,
    minutes=st.integers(0, 366 * 24 * 60),
    tz=st.sampled_from(["Europe/Paris", "Indian/Reunion", "America/Cayenne"]),
)
def test_any_text_gives_a_status_or_none_never_an_exception(hours, minutes, tz):
    now = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)

    status = opening_status(hours, now=now, tz=tz)

    assert status is None or isinstance(status, OpeningStatus)
    if status is not None and status.next_change is not None:
        assert status.next_change > now
        assert status.next_change.tzinfo == ZoneInfo(tz)

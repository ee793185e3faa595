"""A waitlist offer never runs out in the night: sent, and its hold counted, only between 08:00
and 20:00 at the place; ended by three hours before the start; not made at all when that leaves
under 30 waking minutes. Pure functions, an explicit clock, across nights, clock changes and
overseas time zones."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduling.local_time import add_waking_time, waking_time_between
from scheduling.policy import WaitlistPolicy
from scheduling.seats import OfferWindow, offer_window

PARIS = "Europe/Paris"
HOURS = (time(8), time(20))
POLICY = WaitlistPolicy()  # a two-hour hold, three hours before the start at the latest


def at(text: str, zone: str = PARIS) -> datetime:
    """A wall-clock time of `zone`, as the UTC instant the database stores."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def window(freed: str, starts: str, zone: str = PARIS, **policy) -> OfferWindow | None:
    return offer_window(
        now=at(freed, zone),
        starts_at=at(starts, zone),
        timezone=zone,
        policy=WaitlistPolicy(**policy) if policy else POLICY,
    )


def test_a_seat_freed_in_the_morning_is_offered_at_once_for_two_hours():
    assert window("2025-03-04 10:00", "2025-03-06 14:00") == OfferWindow(
        at("2025-03-04 10:00"), at("2025-03-04 12:00")
    )


def test_a_seat_freed_at_11pm_is_offered_at_8am_for_two_waking_hours():
    assert window("2025-03-04 23:00", "2025-03-06 14:00") == OfferWindow(
        at("2025-03-05 08:00"), at("2025-03-05 10:00")
    )


def test_a_seat_freed_before_dawn_is_offered_at_8am_the_same_day():
    assert window("2025-03-05 03:10", "2025-03-06 14:00").opens_at == at("2025-03-05 08:00")


def test_an_offer_made_at_7pm_pauses_for_the_night():
    assert window("2025-03-04 19:00", "2025-03-06 14:00") == OfferWindow(
        at("2025-03-04 19:00"), at("2025-03-05 09:00")
    )


def test_the_cutoff_in_the_night_ends_the_offer_at_8pm_not_at_the_cutoff():
    # A 9:00 session: its cutoff is 6:00 in the morning; only 19:00-20:00 is waking time.
    assert window("2025-03-04 19:00", "2025-03-05 09:00") == OfferWindow(
        at("2025-03-04 19:00"), at("2025-03-04 20:00")
    )


def test_the_cutoff_in_the_day_ends_the_offer_there():
    assert window("2025-03-05 10:00", "2025-03-05 14:30") == OfferWindow(
        at("2025-03-05 10:00"), at("2025-03-05 11:30")
    )


@pytest.mark.parametrize(
    ("freed", "starts", "made"),
    [
        ("2025-03-04 19:30", "2025-03-05 09:00", True),  # 30 waking minutes: just enough
        ("2025-03-04 19:31", "2025-03-05 09:00", False),
        ("2025-03-04 23:00", "2025-03-05 11:30", True),  # 08:00 to the 08:30 cutoff
        ("2025-03-04 23:00", "2025-03-05 11:29", False),
        ("2025-03-05 12:00", "2025-03-05 14:00", False),  # within three hours
    ],
)
def test_under_30_waking_minutes_no_offer_is_made(freed, starts, made):
    assert (window(freed, starts) is not None) == made


def test_the_offer_duration_setting_is_counted_in_waking_time():
    assert window("2025-03-04 18:00", "2025-03-07 14:00", offer_ttl=timedelta(hours=5)) == (
        OfferWindow(at("2025-03-04 18:00"), at("2025-03-05 11:00"))
    )


def test_the_night_the_clocks_go_forward_changes_nothing_at_8am():
    # Sunday 30 March 2025, 02:00 → 03:00 in Paris: 8:00 is 06:00 UTC, no longer 07:00.
    offer = window("2025-03-29 23:00", "2025-04-01 14:00")
    assert offer == OfferWindow(at("2025-03-30 08:00"), at("2025-03-30 10:00"))
    assert offer.opens_at == datetime(2025, 3, 30, 6, 0, tzinfo=UTC)


def test_the_night_the_clocks_go_back_changes_nothing_either():
    # Sunday 26 October 2025, 03:00 → 02:00: one waking hour on Saturday, one on Sunday.
    offer = window("2025-10-25 19:00", "2025-10-28 14:00")
    assert offer == OfferWindow(at("2025-10-25 19:00"), at("2025-10-26 09:00"))
    assert offer.ends_at == datetime(2025, 10, 26, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "utc_opening"),
    [
        ("Pacific/Noumea", datetime(2025, 3, 4, 21, 0, tzinfo=UTC)),  # UTC+11, the next day
        ("Indian/Reunion", datetime(2025, 3, 5, 4, 0, tzinfo=UTC)),  # UTC+4
        ("America/Cayenne", datetime(2025, 3, 5, 11, 0, tzinfo=UTC)),  # UTC-3
    ],
)
def test_overseas_places_count_their_own_waking_hours(zone, utc_opening):
    offer = window("2025-03-04 23:00", "2025-03-07 14:00", zone)
    assert offer == OfferWindow(utc_opening, utc_opening + timedelta(hours=2))
    assert offer.opens_at.astimezone(ZoneInfo(zone)).time() == time(8)


def test_waking_time_counts_twelve_hours_a_day():
    start, end = at("2025-03-03 21:00"), at("2025-03-06 07:00")
    assert waking_time_between(start, end, PARIS, HOURS) == timedelta(hours=24)
    assert waking_time_between(end, start, PARIS, HOURS) == timedelta(0)
    assert add_waking_time(start, timedelta(hours=24), PARIS, HOURS) == at("2025-03-05 20:00")

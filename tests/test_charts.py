"""The coordinators' charts: each is the numbers of the statistics, drawn as a valid SVG (for the
dashboard) or a PNG (for the bot), and read as the table beside it; in French and in English."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from bot.i18n import load_catalogs
from handlers.context import Tr
from handlers.render import charts
from scheduling.history import Booker
from scheduling.models import BookingStatus
from scheduling.statistics import (
    BookerCount,
    CommuneCount,
    MonthCount,
    Statistics,
    StatusCount,
    ThemeCount,
)

SVG = "{http://www.w3.org/2000/svg}"
STATS = Statistics(
    start=date(2025, 2, 24),
    end=date(2025, 3, 9),
    bookings=6,
    residents_helped=1,
    by_theme=(ThemeCount("impots", 3), ThemeCount("caf", 1)),
    by_commune=(CommuneCount("82112", "Moissac", 5), CommuneCount("82033", "Castelsarrasin", 1)),
    by_month=(MonthCount(date(2025, 2, 1), 0, 0), MonthCount(date(2025, 3, 1), 6, 1)),
    by_booker=(
        BookerCount(Booker.PERSON, 4), BookerCount(Booker.TEAM, 1), BookerCount(Booker.WAITLIST, 1)
    ),
    by_status=tuple(
        StatusCount(status, count)
        for status, count in zip(BookingStatus, (2, 1, 1, 1, 1), strict=True)
    ),
)  # fmt: skip


def tr(language: str) -> Tr:
    return Tr.of(load_catalogs((language,))[language], language)


def words_of(svg: str) -> list[str]:
    """The texts of the drawing (matplotlib draws text as paths, each after a comment saying
    it); parsing fails if the SVG is not well-formed XML."""
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    root = ET.fromstring(svg, parser=parser)
    assert root.tag == f"{SVG}svg"
    return [node.text.strip() for node in root.iter() if node.tag is ET.Comment]


def test_the_chart_of_themes_is_an_svg_with_its_series_and_categories():
    chart = charts.theme_chart(STATS, tr("fr"))

    words = words_of(charts.svg(chart))

    assert "Impôts en ligne" in words and "CAF et aides" in words
    assert {"3", "1"} <= set(words)  # each bar says its number
    assert "Inscriptions par thème, du lundi 24 février au dimanche 9 mars" in words
    assert chart.table() == (("Thème", "Inscriptions"), ("Impôts en ligne", 3), ("CAF et aides", 1))


def test_the_months_chart_has_two_series_named_in_its_legend():
    chart = charts.month_chart(STATS, tr("en"))

    words = words_of(charts.svg(chart))

    assert "Bookings" in words and "Came" in words
    assert "Feb 2025" in words and "Mar 2025" in words
    assert chart.table() == (("Month", "Bookings", "Came"), ("Feb 2025", 0, 0), ("Mar 2025", 6, 1))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_chart_is_drawn_and_says_what_its_table_says(language):
    for chart in charts.charts(STATS, tr(language)):
        header, *rows = chart.table()
        assert [row[0] for row in rows] == list(chart.categories)
        assert header[1:] == tuple(series.name for series in chart.series)
        words = words_of(charts.svg(chart))
        assert set(chart.categories) <= set(words)
        assert charts.png(chart).startswith(b"\x89PNG\r\n\x1a\n")


def test_who_booked_and_what_became_of_the_bookings_in_english():
    english = tr("en")

    assert charts.booker_chart(STATS, english).table()[1:] == (
        ("The person themselves", 4), ("An advisor", 1), ("The waitlist", 1),
    )  # fmt: skip
    assert charts.status_chart(STATS, english).table()[1:] == (
        ("Booked", 2), ("Cancelled by the person", 1), ("Cancelled by the place", 1),
        ("Came", 1), ("Did not come", 1),
    )  # fmt: skip


def test_a_period_without_bookings_draws_an_empty_frame():
    empty = Statistics(
        STATS.start, STATS.end, 0, 0, (), (), STATS.by_month[:1], STATS.by_booker, STATS.by_status
    )
    chart = charts.theme_chart(empty, tr("fr"))

    assert chart.table() == (("Thème", "Inscriptions"),)
    assert "Inscriptions par thème" in " ".join(words_of(charts.svg(chart)))


def test_a_period_across_new_year_says_its_years():
    new_year = Statistics(date(2024, 12, 30), date(2025, 1, 5), 0, 0, (), (), (), (), ())

    assert (
        charts.period(new_year, tr("fr")) == "du lundi 30 décembre 2024 au dimanche 5 janvier 2025"
    )
    assert charts.period(STATS, tr("en")) == "from Monday 24 February to Sunday 9 March"

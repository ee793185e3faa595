"""The coordinators' charts: a `Chart` is the numbers and their words, drawn by matplotlib.

Each figure of `scheduling.statistics` becomes a `Chart` (`theme_chart`, `commune_chart`…,
all of them with `charts`): categories, one or more series of counts, in the reader's language.
The same `Chart` is drawn (`svg` for the dashboard, `png` for the bot) and read as a table
(`Chart.table`), so a chart and the numbers beside it cannot disagree.

Drawing goes through `matplotlib.figure.Figure`, never pyplot: no global figure, no GUI
backend, so charts can be drawn on worker threads at once (`context.compute`); a PNG through
Agg. It takes a few tens of milliseconds: never on the event loop.
"""

import io
from dataclasses import dataclass

from babel.dates import format_date
from matplotlib.figure import Figure

from handlers.context import Tr
from handlers.formatting import calendar_day
from knowledge.themes import theme_by_slug
from scheduling.history import Booker
from scheduling.models import BookingStatus
from scheduling.statistics import Statistics


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[int, ...]
    """One per category, in the same order."""


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    category: str
    """What the categories are ("Thème"): the header of the table's first column."""
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = False
    """Bars along the reading direction, for long category names (themes, communes)."""

    def table(self) -> tuple[tuple[str | int, ...], ...]:
        """The chart's numbers: a header row (the category, then each series' name), then one
        row per category."""
        header = (self.category, *(series.name for series in self.series))
        rows = zip(self.categories, *(series.values for series in self.series), strict=True)
        return (header, *rows)


def period(stats: Statistics, tr: Tr) -> str:
    """ "du lundi 24 février au dimanche 2 mars"; with the years when they differ."""
    _ = tr.gettext
    years = stats.start.year != stats.end.year
    return _("du {start} au {end}").format(
        start=calendar_day(stats.start, tr, with_year=years),
        end=calendar_day(stats.end, tr, with_year=years),
    )


def theme_label(slug: str, tr: Tr) -> str:
    """A theme's name without its emoji (the charts' fonts have none)."""
    theme = theme_by_slug(slug)
    return tr.gettext(theme.label) if theme is not None else slug


def booker_label(who: Booker, tr: Tr) -> str:
    _ = tr.gettext
    labels = {
        Booker.PERSON: _("La personne elle-même"),
        Booker.TEAM: _("Un conseiller"),
        Booker.WAITLIST: _("La liste d'attente"),
    }
    return labels[who]


def status_label(status: BookingStatus, tr: Tr) -> str:
    _ = tr.gettext
    labels = {
        BookingStatus.BOOKED: _("Inscrit"),
        BookingStatus.CANCELLED_BY_RESIDENT: _("Annulé par la personne"),
        BookingStatus.CANCELLED_BY_SERVICE: _("Annulé par le lieu"),
        BookingStatus.ATTENDED: _("Venu"),
        BookingStatus.NO_SHOW: _("Absent"),
    }
    return labels[status]


def _bookings(tr: Tr) -> str:
    _ = tr.gettext
    return _("Inscriptions")


def theme_chart(stats: Statistics, tr: Tr) -> Chart:
    _ = tr.gettext
    return Chart(
        title=_("Inscriptions par thème, {period}").format(period=period(stats, tr)),
        category=_("Thème"),
        categories=tuple(theme_label(item.theme, tr) for item in stats.by_theme),
        series=(Series(_bookings(tr), tuple(item.bookings for item in stats.by_theme)),),
        horizontal=True,
    )


def commune_chart(stats: Statistics, tr: Tr) -> Chart:
    _ = tr.gettext
    return Chart(
        title=_("Inscriptions par commune du lieu, {period}").format(period=period(stats, tr)),
        category=_("Commune"),
        categories=tuple(item.name for item in stats.by_commune),
        series=(Series(_bookings(tr), tuple(item.bookings for item in stats.by_commune)),),
        horizontal=True,
    )


def month_chart(stats: Statistics, tr: Tr) -> Chart:
    _ = tr.gettext
    return Chart(
        title=_("Inscriptions et présences par mois, {period}").format(period=period(stats, tr)),
        category=_("Mois"),
        categories=tuple(
            format_date(item.month, "MMM y", locale=tr.locale) for item in stats.by_month
        ),
        series=(
            Series(_bookings(tr), tuple(item.bookings for item in stats.by_month)),
            Series(_("Venus"), tuple(item.attended for item in stats.by_month)),
        ),
    )


def booker_chart(stats: Statistics, tr: Tr) -> Chart:
    _ = tr.gettext
    return Chart(
        title=_("Qui a inscrit, {period}").format(period=period(stats, tr)),
        category=_("Inscrit par"),
        categories=tuple(booker_label(item.booker, tr) for item in stats.by_booker),
        series=(Series(_bookings(tr), tuple(item.bookings for item in stats.by_booker)),),
    )


def status_chart(stats: Statistics, tr: Tr) -> Chart:
    _ = tr.gettext
    return Chart(
        title=_("Ce que sont devenues les inscriptions, {period}").format(period=period(stats, tr)),
        category=_("Statut"),
        categories=tuple(status_label(item.status, tr) for item in stats.by_status),
        series=(Series(_bookings(tr), tuple(item.bookings for item in stats.by_status)),),
        horizontal=True,
    )


def charts(stats: Statistics, tr: Tr) -> tuple[Chart, ...]:
    """Every chart of the statistics, in the order a report reads them."""
    return tuple(
        build(stats, tr)
        for build in (theme_chart, commune_chart, month_chart, booker_chart, status_chart)
    )


# Colour-blind safe (Okabe and Ito), one per series.
_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
_WIDTH_INCHES = 8


def _figure(chart: Chart) -> Figure:
    rows = max(len(chart.categories), 1)
    height = 1.4 + 0.4 * rows if chart.horizontal else 4.5
    figure = Figure(figsize=(_WIDTH_INCHES, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(chart.title, loc="left", fontsize=11)
    positions = range(len(chart.categories))
    thickness = 0.8 / max(len(chart.series), 1)
    for index, (series, colour) in enumerate(zip(chart.series, _COLOURS, strict=False)):
        offsets = [p - 0.4 + thickness * (index + 0.5) for p in positions]
        draw = axes.barh if chart.horizontal else axes.bar
        bars = draw(offsets, series.values, thickness, label=series.name, color=colour)
        axes.bar_label(bars, padding=3)
    if chart.horizontal:
        axes.set_yticks(list(positions), chart.categories)
        axes.invert_yaxis()  # the first category on top, as the table reads
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.margins(x=0.12)
    else:
        axes.set_xticks(list(positions), chart.categories)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.margins(y=0.12)
    if len(chart.series) > 1:
        # Above the plot, apart from the title: never over a bar.
        figure.legend(loc="outside upper right", ncols=len(chart.series), frameon=False)
    if not chart.categories:  # nothing counted: the title over an empty frame, no scale
        axes.set_xticks([])
        axes.set_yticks([])
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def svg(chart: Chart) -> str:
    """The chart as an SVG document (text drawn as paths, each labelled by an XML comment; the
    table says the same in words)."""
    content = io.StringIO()
    _figure(chart).savefig(content, format="svg", metadata={"Title": chart.title, "Date": None})
    return content.getvalue()


def png(chart: Chart) -> bytes:
    """The chart as a PNG image, for a Telegram photo."""
    content = io.BytesIO()
    _figure(chart).savefig(content, format="png", dpi=100)
    return content.getvalue()

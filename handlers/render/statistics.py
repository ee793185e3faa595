"""/stats in the bot: the caption under the chart (its numbers, in words), or why there is none.

A photo's caption holds at most 1024 characters: eleven themes and the totals fit well within.
"""

from babel.numbers import format_percent

from handlers.context import Tr
from handlers.render import Screen, theme_label
from handlers.render.charts import period
from scheduling.statistics import Statistics

CAPTION_LIMIT = 1024


def _percent(rate: float | None, tr: Tr) -> str:
    return "—" if rate is None else format_percent(rate, locale=tr.locale)


def caption(stats: Statistics, tr: Tr) -> str:
    """The numbers of the chart of bookings by theme, and the totals of the week."""
    _, ngettext = tr.gettext, tr.ngettext
    lines = [
        "📊 <b>" + _("Inscriptions par thème") + "</b>",
        _("Séances {period}, tous les lieux").format(period=period(stats, tr)),
        "",
        *(
            _("{theme} : {count}").format(theme=theme_label(item.theme, tr), count=item.bookings)
            for item in stats.by_theme
        ),
        "",
        ngettext("{count} inscription", "{count} inscriptions", stats.bookings).format(
            count=stats.bookings
        )
        + " · "
        + ngettext(
            "{count} personne aidée (venue)",
            "{count} personnes aidées (venues)",
            stats.residents_helped,
        ).format(count=stats.residents_helped),
        _("Annulations : {cancelled} · Absences : {absent}").format(
            cancelled=_percent(stats.cancellation_rate, tr),
            absent=_percent(stats.no_show_rate, tr),
        ),
    ]
    if sum(item.bookings for item in stats.by_theme) > stats.bookings:
        lines.append(_("Une inscription à une séance de plusieurs thèmes compte dans chacun."))
    return "\n".join(lines)


def no_bookings(stats: Statistics, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        "📊 "
        + _("Aucune inscription aux séances {period}, dans tous les lieux.").format(
            period=period(stats, tr)
        )
        + "\n"
        + _("Pour voir les séances à venir : /planning")
    )

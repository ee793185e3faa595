"""/stats: the coordinators' last seven days in one chart, the bookings by theme.

The figures are `scheduling.statistics`' (every place, the sessions of the last seven days,
today included, on the calendar of mainland France); the chart is drawn off the event loop
(`context.compute`), then sent as a photo with its numbers in the caption.
"""

from datetime import timedelta

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CommandHandler

from handlers.context import CustomContext
from handlers.render import charts
from handlers.render import statistics as render
from handlers.replies import send
from handlers.staff_access import allowed
from knowledge.catalogue import DEFAULT_TIMEZONE
from scheduling.authority import Action
from scheduling.local_time import local_date
from scheduling.statistics import statistics

DAYS = 7


async def show_statistics(update: Update, context: CustomContext) -> None:
    """/stats: a chart of the last seven days' bookings by theme, the numbers in its caption."""
    if await allowed(update, context, Action.SEE_STATISTICS) is None:
        return
    end = local_date(context.now(), DEFAULT_TIMEZONE)
    stats = await context.transaction(
        statistics, context.services.gazetteer, start=end - timedelta(days=DAYS - 1), end=end
    )
    tr = context.tr
    if not stats.bookings:
        await send(update, render.no_bookings(stats, tr))
        return
    image = await context.compute(charts.png, charts.theme_chart(stats, tr))
    chat = update.effective_chat
    assert chat is not None, "a command comes from a chat"
    await chat.send_photo(
        image, caption=render.caption(stats, tr), parse_mode=ParseMode.HTML, filename="stats.png"
    )


def handlers() -> list[BaseHandler]:
    return [CommandHandler("stats", show_statistics)]

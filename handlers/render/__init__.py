"""Pure render functions: data and the resident's language in, text and keyboard out.

Every screen is a `Screen` (HTML text and its reply markup), so it can be tested and printed
without Telegram. Data from open data or residents goes through `esc()`.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from handlers.callback_data import CallbackData
from handlers.context import Tr
from handlers.formatting import esc, when
from knowledge import french
from knowledge.themes import THEMES_BY_SLUG, theme_by_slug
from scheduling.models import WorkshopKind
from scheduling.slot_details import SlotDetails

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


class Screen(NamedTuple):
    text: str
    markup: Markup | None = None


# A person unsure with screens reads one short message: a list longer than this is paged.
PAGE_LIMIT = 500


def pages(
    blocks: Sequence[str], *, limit: int = PAGE_LIMIT, reserve: int = 0, separator: str = "\n\n"
) -> list[list[str]]:
    """`blocks` (a line, or one item's lines) grouped in order into pages whose blocks, joined by
    `separator`, take at most `limit - reserve` characters (`reserve`: the page's heading and
    footer); a block is never cut, so one longer than that is a page of its own. Never empty."""
    room = limit - reserve
    grouped: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        if grouped[-1] and size + len(separator) + len(block) > room:
            grouped.append([])
            size = 0
        size += len(block) + (len(separator) if grouped[-1] else 0)
        grouped[-1].append(block)
    return grouped


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data.pack())


def keyboard(*rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(row) for row in rows if row])


def in_rows(
    buttons: Iterable[InlineKeyboardButton], per_row: int
) -> list[list[InlineKeyboardButton]]:
    items = list(buttons)
    return [items[i : i + per_row] for i in range(0, len(items), per_row)]


def theme_label(slug: str | None, tr: Tr) -> str:
    """ "🧾 Impôts en ligne"; for no theme, "💡 Toute aide numérique"."""
    _ = tr.gettext
    theme = THEMES_BY_SLUG.get(slug) if slug else None
    if theme is None:
        return _("💡 Toute aide numérique")
    return f"{theme.emoji} {_(theme.label)}"


def needs_label(themes: Sequence[str], tr: Tr) -> str:
    """ "👪 CAF et aides, 🧾 Impôts en ligne": the themes a booking is about (no theme: "💡 Toute
    aide numérique")."""
    return ", ".join(theme_label(theme, tr) for theme in themes) or theme_label(None, tr)


def need_line(need: str | None, needs: Sequence[str], tr: Tr) -> list[str]:
    """ "Votre besoin : 🧾 Impôts en ligne", if the booking is about the need the resident said
    (`needs` from `scheduling.slot_details.booking_needs`); nothing if they did not say, or if
    the slot does not serve it (`needs` are then the slot's themes)."""
    _ = tr.gettext
    if need not in needs:
        return []
    return [_("Votre besoin : {theme}").format(theme=theme_label(need, tr))]


def what_to_bring(themes: Sequence[str], tr: Tr) -> str | None:
    """What to bring for these themes, each list once; None without a theme."""
    _ = tr.gettext
    things = [_(theme.what_to_bring) for theme in map(theme_by_slug, themes) if theme is not None]
    return " ".join(dict.fromkeys(things)) or None


def commune_label(name: str, department_name: str | None, *, within: str | None = None) -> str:
    """ "Parisot (Tarn-et-Garonne)": a commune told apart from its namesakes; a former commune
    with the one it is `within` now: "Beaulieu (Souleuvre en Bocage, Calvados)"."""
    where = ", ".join(filter(None, (within, department_name)))
    return f"{name} ({where})" if where else name


def at_place(name: str, tr: Tr) -> str:
    """ "à Agen", "au Havre", "aux Mureaux" in French, for a message whose msgid takes the
    whole phrase ("Toujours {at_commune} ?"); the plain name in other languages, whose
    translation says the preposition ("Still in {at_commune}?")."""
    return french.a(name) if tr.locale == "fr" else name


def of_place(name: str, tr: Tr) -> str:
    """ "d'Agen", "du Havre", "des Mureaux" in French ("Mairie {of_commune}"); the plain name in
    other languages ("{of_commune} town hall")."""
    return french.de(name) if tr.locale == "fr" else name


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, "…" marking the cut: names and titles of open data
    can be long, and a resident's message stays within 500 characters."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Enough to recognise a workshop, a place and find its door; the map pin has the rest.
_TITLE, _NAME, _ADDRESS = 60, 60, 80


def slot_lines(slot: SlotDetails, tr: Tr) -> list[str]:
    """When, what and where: the same lines wherever a booking or a slot is shown."""
    _ = tr.gettext
    if slot.workshop_kind == WorkshopKind.INDIVIDUAL:
        what = _("👤 Rendez-vous individuel avec un conseiller numérique")
    else:
        what = _("🎓 Atelier : {title}").format(title=esc(shorten(slot.workshop_title, _TITLE)))
    lines = [
        "📅 <b>" + when(slot.starts_at, slot.structure_timezone, tr) + "</b>",
        what,
        f"🏠 {esc(shorten(slot.structure_name, _NAME))}",
    ]
    if slot.structure_address:
        lines.append(f"📍 {esc(shorten(slot.structure_address, _ADDRESS))}")
    return lines


__all__ = [
    "Markup",
    "Screen",
    "at_place",
    "button",
    "commune_label",
    "esc",
    "in_rows",
    "keyboard",
    "need_line",
    "needs_label",
    "of_place",
    "pages",
    "shorten",
    "slot_lines",
    "theme_label",
    "what_to_bring",
]

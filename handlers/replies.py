"""Sending a `Screen`: a new message, or the pressed message edited in place; a place on a map.

A button pressed twice (or an old one pressed again) must get an answer, never Telegram's
"message is not modified": an edit that would change nothing is not attempted (the screen is
sent anew, at the bottom of the chat, where the resident looks), nor is taking buttons off a
message that has none; the refusal itself, when two presses race, is no error.
"""

import html
import logging
import re

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from handlers.formatting import message_pieces
from handlers.render import Screen
from scheduling.slot_details import SlotDetails

logger = logging.getLogger(__name__)

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send(update: Update, screen: Screen) -> Message:
    """Send the screen as a new message in the update's chat."""
    chat = update.effective_chat
    assert chat is not None, "every handler here answers in a chat"
    return await send_to(update.get_bot(), chat.id, screen)


async def send_to(bot: Bot, chat_id: int, screen: Screen) -> Message:
    """Send the screen to `chat_id`: as several messages, the buttons under the last, if it is
    longer than Telegram takes (a busy advisor's agenda)."""
    *first, last = message_pieces(screen.text)
    for piece in first:
        await bot.send_message(
            chat_id, piece, parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW
        )
    return await bot.send_message(
        chat_id,
        last,
        reply_markup=screen.markup,
        parse_mode=ParseMode.HTML,
        link_preview_options=_NO_PREVIEW,
    )


async def edit(update: Update, screen: Screen) -> None:
    """Replace the pressed message with the screen (inline keyboard only); else send it anew."""
    query: CallbackQuery | None = update.callback_query
    markup = screen.markup if isinstance(screen.markup, InlineKeyboardMarkup) else None
    too_long = len(message_pieces(screen.text)) > 1
    if query is None or query.message is None or markup is not screen.markup or too_long:
        await send(update, screen)
        return
    if _shows(query.message, screen.text, markup):
        await send(update, screen)
        return
    try:
        await query.edit_message_text(
            screen.text,
            reply_markup=markup,
            parse_mode=ParseMode.HTML,
            link_preview_options=_NO_PREVIEW,
        )
    except BadRequest as error:
        if _not_modified(error):  # a second press raced the first: it shows this already
            return
        # Too old, or deleted by the resident: the new message says the same.
        logger.info("could not edit message, sending instead: %s", error)
        await send(update, screen)


async def drop_buttons(update: Update) -> None:
    """Take the keyboard off the pressed message, so that it cannot be pressed twice."""
    query = update.callback_query
    if query is None or getattr(query.message, "reply_markup", None) is None:
        return  # nothing to take off (pressed again)
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as error:
        if not _not_modified(error):
            logger.info("could not remove buttons: %s", error)


def _shows(message: object, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Whether the message already shows this HTML text and these buttons."""
    plain = html.unescape(_TAGS.sub("", text)).strip()
    return isinstance(message, Message) and message.text == plain and message.reply_markup == markup


_TAGS = re.compile(r"<[^>]*>")


def _not_modified(error: BadRequest) -> bool:
    return "not modified" in str(error).lower()


async def send_place(update: Update, slot: SlotDetails) -> None:
    """Where the slot happens, as a map pin the resident can open: with its address if known.
    None for a place whose point is only its town hall's: Telegram would show how far the pin
    is, a precise distance to the wrong door."""
    if slot.structure_approximate:
        return
    await send_map(
        update,
        name=slot.structure_name,
        address=slot.structure_address,
        lat=slot.structure_lat,
        lon=slot.structure_lon,
    )


async def send_map(
    update: Update, *, name: str, address: str | None, lat: float, lon: float
) -> None:
    """A place as a map pin the resident can open: with its name and address if known."""
    chat = update.effective_chat
    assert chat is not None, "every handler here answers in a chat"
    if address:
        await chat.send_venue(latitude=lat, longitude=lon, title=name, address=address)
    else:
        await chat.send_location(latitude=lat, longitude=lon)

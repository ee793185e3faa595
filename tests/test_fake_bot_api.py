"""The fake Bot API, driven by python-telegram-bot's real Bot and Application over loopback."""

import asyncio
import struct
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from fake_bot_api import DEFAULT_TOKEN, FakeBotApi, inline_buttons
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.offline_api import PNG_SIGNATURE

MARTINE = 1001
KARIM = 1002
TUESDAY = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Mardi 4 mars, 14:00", callback_data="bk1:482")]]
)


@pytest.fixture
async def bot(fake_bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(DEFAULT_TOKEN, base_url=fake_bot_api.base_url) as bot:
        yield bot


# --- the Bot API, method by method --------------------------------------------------------------


async def test_bot_learns_who_it_is(bot, fake_bot_api):
    me = await bot.get_me()

    assert (me.id, me.username, me.is_bot) == (123456, "aiguillage_test_bot", True)
    assert [call.method for call in fake_bot_api.calls()] == ["getMe", "getMe"]  # and initialize


async def test_bot_offers_martine_a_workshop_with_a_button(bot, fake_bot_api):
    sent = await bot.send_message(MARTINE, "Quel créneau vous convient ?", reply_markup=TUESDAY)

    [shown] = fake_bot_api.messages(MARTINE)
    assert shown["message_id"] == sent.message_id
    assert shown["text"] == sent.text == "Quel créneau vous convient ?"
    assert inline_buttons(shown) == [{"text": "Mardi 4 mars, 14:00", "callback_data": "bk1:482"}]
    assert sent.reply_markup == TUESDAY
    assert fake_bot_api.messages(KARIM) == []


async def test_text_that_looks_like_json_stays_text(bot, fake_bot_api):
    sent = await bot.send_message(MARTINE, "82200")

    assert sent.text == "82200"
    assert fake_bot_api.calls("sendMessage")[0].params == {"chat_id": MARTINE, "text": "82200"}


async def test_a_json_body_is_understood_too(fake_bot_api):
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{fake_bot_api.base_url}{DEFAULT_TOKEN}/sendMessage",
            json={"chat_id": MARTINE, "text": "Bonjour"},
        )

    assert response.status_code == 200
    assert response.json()["result"]["text"] == "Bonjour"


async def test_bot_reads_what_martine_typed_and_confirms_it(bot, fake_bot_api):
    fake_bot_api.push_text(MARTINE, "je veux déclarer mes impôts")

    [update] = await bot.get_updates(timeout=0)
    assert update.message.text == "je veux déclarer mes impôts"
    assert update.effective_user.id == update.effective_chat.id == MARTINE

    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    assert fake_bot_api.pending_updates() == []


async def test_a_command_carries_its_entity(bot, fake_bot_api):
    fake_bot_api.push_text(MARTINE, "/start atelier")

    [update] = await bot.get_updates(timeout=0)

    assert update.message.text == "/start atelier"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/start")


async def test_long_polling_wakes_up_when_martine_writes(bot, fake_bot_api):
    polling = asyncio.create_task(bot.get_updates(timeout=30))
    await fake_bot_api.wait_for_call("getUpdates")  # the request waits on the server

    fake_bot_api.push_location(MARTINE, 44.104, 1.085)

    async with asyncio.timeout(5):
        [update] = await polling
    assert (update.message.location.latitude, update.message.location.longitude) == (
        44.104,
        1.085,
    )


async def test_a_second_poller_ends_the_first_with_a_conflict(bot, fake_bot_api):
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await fake_bot_api.wait_for_call("getUpdates")

    async with Bot(DEFAULT_TOKEN, base_url=fake_bot_api.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="only one bot instance"):
        async with asyncio.timeout(5):
            await first


async def test_bot_downloads_the_file_martine_sent(fake_bot_api):
    async with Bot(
        DEFAULT_TOKEN, base_url=fake_bot_api.base_url, base_file_url=fake_bot_api.base_file_url
    ) as bot:
        fake_bot_api.push_document(MARTINE, "planning.csv", b"id;lieu\nA1;12\n", "text/csv")

        [update] = await bot.get_updates(timeout=0)
        document = update.message.document
        assert (document.file_name, document.mime_type, document.file_size) == (
            "planning.csv",
            "text/csv",
            14,
        )
        telegram_file = await document.get_file()
        assert await telegram_file.download_as_bytearray() == bytearray(b"id;lieu\nA1;12\n")
        with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
            await bot.get_file("unknown")

    assert [call.method for call in fake_bot_api.calls()][-3:] == ["getFile", "download", "getFile"]


async def test_martine_presses_a_button_and_the_bot_answers(bot, fake_bot_api):
    sent = await bot.send_message(MARTINE, "Quel créneau ?", reply_markup=TUESDAY)

    pushed = fake_bot_api.press(MARTINE, sent.message_id, "bk1:482")
    [update] = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query.id == pushed["callback_query"]["id"]
    assert (query.data, query.from_user.id, query.message.message_id) == (
        "bk1:482",
        MARTINE,
        sent.message_id,
    )

    assert await query.answer("C'est noté") is True
    answer = await fake_bot_api.wait_for_call("answerCallbackQuery")
    assert answer.params == {"callback_query_id": query.id, "text": "C'est noté"}
    with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
        await query.answer()


async def test_pressing_a_button_that_is_not_there_is_a_test_error(bot, fake_bot_api):
    sent = await bot.send_message(MARTINE, "Quel créneau ?", reply_markup=TUESDAY)

    with pytest.raises(ValueError, match="bk1:483"):
        fake_bot_api.press(MARTINE, sent.message_id, "bk1:483")
    with pytest.raises(ValueError, match="no bot message"):
        fake_bot_api.press(KARIM, sent.message_id, "bk1:482")


async def test_bot_edits_then_deletes_its_message(bot, fake_bot_api):
    sent = await bot.send_message(MARTINE, "Quel créneau ?", reply_markup=TUESDAY)

    edited = await bot.edit_message_text("Réservé : mardi 4 mars", MARTINE, sent.message_id)
    assert edited.text == "Réservé : mardi 4 mars"
    [shown] = fake_bot_api.messages(MARTINE)
    assert "reply_markup" not in shown  # editing the text without a keyboard removes it
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Réservé : mardi 4 mars", MARTINE, sent.message_id)
    await bot.edit_message_reply_markup(MARTINE, sent.message_id, reply_markup=TUESDAY)
    assert inline_buttons(fake_bot_api.messages(MARTINE)[0])[0]["callback_data"] == "bk1:482"

    assert await bot.delete_message(MARTINE, sent.message_id) is True
    assert fake_bot_api.messages(MARTINE) == []
    with pytest.raises(BadRequest, match=r"(?i)not found"):
        await bot.delete_message(MARTINE, sent.message_id)


async def test_bot_shows_where_the_workshop_is(bot, fake_bot_api):
    await bot.send_location(MARTINE, 44.104, 1.085)
    await bot.send_venue(MARTINE, 44.104, 1.085, "Mairie de Moissac", "3 place Roger Delthil")

    location, venue = fake_bot_api.messages(MARTINE)
    assert location["location"] == {"latitude": 44.104, "longitude": 1.085}
    assert venue["venue"]["title"] == "Mairie de Moissac"


def png(width: int, height: int) -> bytes:
    """A blank greyscale PNG image of this size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) * height)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


async def test_bot_sends_a_chart_as_a_photo_with_its_caption(bot, fake_bot_api):
    image = png(80, 30)

    sent = await bot.send_photo(
        MARTINE, image, caption="<b>Impôts</b> : 3", parse_mode=ParseMode.HTML, filename="s.png"
    )

    [shown] = fake_bot_api.messages(MARTINE)
    assert shown["caption"] == sent.caption == "Impôts : 3"
    assert (sent.photo[-1].width, sent.photo[-1].height) == (80, 30)
    [call] = fake_bot_api.calls("sendPhoto")
    assert call.params["photo"]["content"] == image
    assert call.params["photo"]["filename"] == "s.png"
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_photo(MARTINE, image, caption="x" * 1025)
    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(MARTINE, b"GIF89a...", filename="s.gif")
    assert len(fake_bot_api.messages(MARTINE)) == 1


async def test_a_reply_keyboard_stays_under_the_input_field(bot, fake_bot_api):
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("📍 Ma position", request_location=True)]])

    await bot.send_message(MARTINE, "Où êtes-vous ?", reply_markup=keyboard)

    assert fake_bot_api.reply_keyboard(MARTINE)["keyboard"][0][0]["request_location"] is True
    assert "reply_markup" not in fake_bot_api.messages(MARTINE)[0]


async def test_html_is_shown_as_the_resident_reads_it(bot, fake_bot_api):
    await bot.send_message(MARTINE, "<b>Mardi</b> &amp; jeudi", parse_mode=ParseMode.HTML)

    assert fake_bot_api.messages(MARTINE)[0]["text"] == "Mardi & jeudi"
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(MARTINE, "Bonjour <Martine>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)end tag"):
        await bot.send_message(MARTINE, "<b>Mardi", parse_mode=ParseMode.HTML)


async def test_what_telegram_refuses_is_refused(bot, fake_bot_api):
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Mardi", callback_data="x" * 65)]])

    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(MARTINE, "Quel créneau ?", reply_markup=too_long)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(MARTINE, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Réserver", "Réserver un atelier")])
    with pytest.raises(BadRequest, match=r"(?i)not implemented"):
        await bot.send_dice(MARTINE)
    assert fake_bot_api.messages(MARTINE) == []


async def test_a_wrong_token_is_unauthorized(fake_bot_api):
    with pytest.raises(InvalidToken):
        async with Bot("654321:wrong", base_url=fake_bot_api.base_url):
            pass


async def test_bot_commands_are_kept_per_language(bot):
    await bot.set_my_commands([BotCommand("annuler", "Annuler")], language_code="fr")

    assert await bot.get_my_commands(language_code="fr") == (BotCommand("annuler", "Annuler"),)
    assert await bot.get_my_commands() == ()


# --- what reminders will meet -------------------------------------------------------------------


async def test_a_resident_who_blocked_the_bot_is_forbidden(bot, fake_bot_api):
    fake_bot_api.block(KARIM)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(KARIM, "Rappel : atelier demain à 14:00")
    await bot.send_message(MARTINE, "Rappel : atelier demain à 14:00")

    assert fake_bot_api.messages(KARIM) == []
    assert len(fake_bot_api.messages(MARTINE)) == 1


# RetryAfter itself warns that `retry_after` will become a timedelta in PTB 23.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_answers_429_once(bot, fake_bot_api):
    fake_bot_api.rate_limit_once("sendMessage", retry_after=3)

    with pytest.raises(RetryAfter, match=r"Retry in (3 seconds|0:00:03)"):
        await bot.send_message(MARTINE, "Rappel")
    await bot.send_message(MARTINE, "Rappel")

    assert [m["text"] for m in fake_bot_api.messages(MARTINE)] == ["Rappel"]
    assert len(fake_bot_api.calls("sendMessage")) == 2


async def test_waiting_for_a_message_that_never_comes_says_what_came(bot, fake_bot_api):
    await bot.send_message(MARTINE, "Bonjour")

    with pytest.raises(AssertionError, match="Bonjour"):
        await fake_bot_api.wait_for_message(MARTINE, lambda m: m["text"] == "Au revoir", timeout=0)


async def test_waiting_until_the_bot_edits_a_screen(bot, fake_bot_api):
    sent = await bot.send_message(MARTINE, "Quel jour ?", reply_markup=TUESDAY)
    edited = asyncio.create_task(
        fake_bot_api.wait_until(lambda: fake_bot_api.messages(MARTINE)[0].get("edit_date"))
    )
    await asyncio.sleep(0)  # the waiter looks once, finds nothing, and waits
    await sent.edit_text("Mardi 4 mars, 14:00 : réservé")

    assert await edited
    with pytest.raises(AssertionError, match="no edit within 0s"):
        await fake_bot_api.wait_until(lambda: None, timeout=0, what="edit")


async def test_a_round_trip_delay_holds_each_answer_and_the_observer_sees_it():
    answered = []
    async with (
        FakeBotApi(delay=0.05, on_answer=lambda *answer: answered.append(answer)) as server,
        Bot(DEFAULT_TOKEN, base_url=server.base_url) as bot,
    ):
        loop = asyncio.get_running_loop()
        start = loop.time()
        await bot.send_message(MARTINE, "Bonjour")
        took = loop.time() - start

        with pytest.raises(BadRequest):
            await bot.send_message(MARTINE, " ")

    assert took >= 0.05
    # getMe (initialize) and the message; the refused one is not an answer.
    assert [(call.method, call.params.get("text")) for call, _result in answered] == [
        ("getMe", None),
        ("sendMessage", "Bonjour"),
    ]
    assert answered[1][1]["text"] == "Bonjour"  # the message as sent, with its id


# --- a whole Application ------------------------------------------------------------------------


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Repeat the resident's message."""
    await update.message.reply_text(update.message.text)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer a slot."""
    await update.message.reply_text("Quel créneau ?", reply_markup=TUESDAY)


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Confirm the chosen slot."""
    query = update.callback_query
    await query.answer()
    await query.edit_message_text(f"Réservé ({query.data})")


async def test_application_polls_and_answers_martine(fake_bot_api):
    app = Application.builder().token(DEFAULT_TOKEN).base_url(fake_bot_api.base_url).build()
    app.add_handlers(
        [
            CommandHandler("start", start),
            CallbackQueryHandler(choose, pattern=r"^bk1:"),
            MessageHandler(filters.TEXT & ~filters.COMMAND, echo),
        ]
    )

    async with app:
        await app.start()
        await app.updater.start_polling()
        try:
            fake_bot_api.push_text(MARTINE, "bonjour")
            reply = await fake_bot_api.wait_for_message(MARTINE)
            assert reply["text"] == "bonjour"

            fake_bot_api.push_text(MARTINE, "/start")
            offer = await fake_bot_api.wait_for_message(MARTINE)
            fake_bot_api.press(MARTINE, offer, "bk1:482")
            edit = await fake_bot_api.wait_for_call("editMessageText")
        finally:
            await app.updater.stop()
            await app.stop()

    assert edit.params["text"] == "Réservé (bk1:482)"
    assert [m["text"] for m in fake_bot_api.messages(MARTINE)] == ["bonjour", "Réservé (bk1:482)"]
    assert len(fake_bot_api.calls("answerCallbackQuery")) == 1
    # Stopping confirmed every update: a restart would not see them again.
    assert fake_bot_api.pending_updates() == []

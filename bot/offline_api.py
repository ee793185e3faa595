"""The Bot API answered in-process, and a resident who talks through it: no network, no token.

`OfflineBotApi` is a python-telegram-bot `BaseRequest`: the bot's calls (sendMessage,
editMessageText, answerCallbackQuery, sendVenue, sendPhoto, setMyCommands…) are recorded with
their parameters and answered with plausible Telegram JSON, refusing what Telegram refuses
(malformed HTML, a text or caption too long, callback data over 64 bytes, an edit that changes
nothing, a photo that is no image). A file a resident sent (`OfflineChat.send_document`) is
served by getFile and its download, as Telegram's file server would; a file the bot uploads is
recorded among the call's parameters as `{"file_name", "content"}`.

`OfflineChat` is one resident: it turns what they type, tap or share into `Update`s, hands them
to the real `Application.process_update`, and returns what the bot sent back. `aiguillage chat`
(`bot.console`) and the tests (`tests/offline_bot.py`) both drive the bot through these two.
"""

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

Message = dict[str, Any]

BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Aiguillage",
    "username": "aiguillage_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
MAX_TEXT = 4096
MAX_CAPTION = 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_CALLBACK_DATA = 64
_HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span",
     "tg-spoiler", "blockquote", "tg-emoji"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One request the bot made, its decoded parameters and what it was answered."""

    method: str
    params: dict[str, Any]
    result: Any = None
    error: str | None = None


class BadRequest(Exception):
    """What Telegram would answer with HTTP 400."""


class _Html(HTMLParser):
    """Telegram's HTML subset to plain text; raises BadRequest where Telegram would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in _HTML_TAGS:
            raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}/"')

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise BadRequest(f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_to_text(html: str) -> str:
    """What the resident sees of an HTML message; BadRequest if Telegram would refuse it."""
    parser = _Html()
    parser.feed(html)
    parser.close()
    if parser.open:
        raise BadRequest(
            "Bad Request: can't parse entities: "
            f'Can\'t find end tag corresponding to start tag "{parser.open[-1]}"'
        )
    return "".join(parser.text)


class OfflineBotApi(BaseRequest):
    """Records every Bot API call and answers it locally, as Telegram would."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self.files: dict[str, bytes] = {}
        """What residents sent (documents), by file_id: `getFile` and the download serve it."""
        self.messages: dict[tuple[int, int], Message] = {}
        self.reply_keyboards: dict[int, dict] = {}
        """Each chat's reply keyboard (or its removal), as the latest message with one left it."""
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._message_ids = itertools.count(1)
        self._new_call: asyncio.Condition | None = None

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a download: File.download_* after getFile
            return self._download(url)
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.contains_files:
            for part, (file_name, content, _mime) in request_data.multipart_data.items():
                params[part] = {"file_name": file_name, "content": content}
        handler = getattr(self, f"_{snake_case(name)}", None)
        try:
            if handler is None:
                raise BadRequest(f"Bad Request: method {name} is not answered offline")
            result = handler(params)
        except BadRequest as error:
            self.calls.append(ApiCall(name, params, error=str(error)))
            await self._announce()
            body = {"ok": False, "error_code": 400, "description": str(error)}
            return 400, json.dumps(body).encode()
        self.calls.append(ApiCall(name, params, result=result))
        await self._announce()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    async def _announce(self) -> None:
        if self._new_call is not None:
            async with self._new_call:
                self._new_call.notify_all()

    async def wait_for(self, found: Callable[[ApiCall], bool]) -> ApiCall:
        """The first call (made already, or to come) for which `found` is true."""
        if self._new_call is None:
            self._new_call = asyncio.Condition()
        async with self._new_call:
            await self._new_call.wait_for(lambda: any(found(call) for call in self.calls))
        return next(call for call in self.calls if found(call))

    async def calls_since(self, start: int) -> list[ApiCall]:
        """The calls from the `start`th on, waiting for one if there are none yet."""
        if self._new_call is None:
            self._new_call = asyncio.Condition()
        async with self._new_call:
            await self._new_call.wait_for(lambda: len(self.calls) > start)
        return self.calls[start:]

    # --- methods ----------------------------------------------------------------------------------

    def _get_me(self, _params: dict) -> dict:
        return BOT_USER

    def _get_updates(self, _params: dict) -> list:
        return []

    def _delete_webhook(self, _params: dict) -> bool:
        return True

    def _send_chat_action(self, _params: dict) -> bool:
        return True

    def _set_my_commands(self, params: dict) -> bool:
        scope = json.dumps(params.get("scope", {"type": "default"}), sort_keys=True)
        commands = params.get("commands", [])
        for command in commands:
            if not (1 <= len(command["command"]) <= 32 and 1 <= len(command["description"]) <= 256):
                raise BadRequest("Bad Request: invalid bot command")
        self.commands[scope, params.get("language_code", "")] = commands
        return True

    def _delete_my_commands(self, params: dict) -> bool:
        scope = json.dumps(params.get("scope", {"type": "default"}), sort_keys=True)
        self.commands.pop((scope, params.get("language_code", "")), None)
        return True

    def _send_message(self, params: dict) -> Message:
        return self._new_message(params, text=self._text(params))

    def _send_venue(self, params: dict) -> Message:
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return self._new_message(params, venue=venue, location=location)

    def _send_location(self, params: dict) -> Message:
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        return self._new_message(params, location=location)

    def _send_photo(self, params: dict) -> Message:
        upload = params.get("photo")
        if not isinstance(upload, dict):
            raise BadRequest("Bad Request: there is no photo in the request")
        width, height = png_size(upload["content"])
        file_id = f"photo-{len(self.files) + 1}"
        self.files[file_id] = upload["content"]
        size = {"file_id": file_id, "file_unique_id": file_id, "width": width, "height": height}
        content: dict[str, Any] = {"photo": [{**size, "file_size": len(upload["content"])}]}
        if params.get("caption"):
            content["caption"] = self._caption(params)
        return self._new_message(params, **content)

    def _edit_message_text(self, params: dict) -> Message:
        message = self._existing(params)
        text = self._text(params)
        markup = _inline_markup(params)
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise BadRequest(
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message"
            )
        message["text"] = text
        _set_markup(message, markup)
        message["edit_date"] = int(time.time())
        return message

    def _edit_message_reply_markup(self, params: dict) -> Message:
        message = self._existing(params)
        markup = _inline_markup(params)
        if markup == message.get("reply_markup"):
            raise BadRequest("Bad Request: message is not modified")
        _set_markup(message, markup)
        return message

    def _delete_message(self, params: dict) -> bool:
        self.messages.pop((int(params["chat_id"]), int(params["message_id"])), None)
        return True

    def _answer_callback_query(self, params: dict) -> bool:
        return True

    def _get_file(self, params: dict) -> dict:
        file_id = params.get("file_id", "")
        if file_id not in self.files:
            raise BadRequest("Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(self.files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    def _download(self, url: str) -> tuple[int, bytes]:
        file_id = url.rsplit("/", 1)[-1]
        self.calls.append(ApiCall("download", {"file_id": file_id}))
        if file_id not in self.files:
            body = {"ok": False, "error_code": 404, "description": "Not Found"}
            return 404, json.dumps(body).encode()
        return 200, self.files[file_id]

    # --- helpers ----------------------------------------------------------------------------------

    def _text(self, params: dict) -> str:
        raw = params.get("text", "")
        text = html_to_text(raw) if params.get("parse_mode") == "HTML" else raw
        if not text.strip():
            raise BadRequest("Bad Request: message text is empty")
        if len(text) > MAX_TEXT:
            raise BadRequest("Bad Request: message is too long")
        return text

    def _caption(self, params: dict) -> str:
        raw = params["caption"]
        caption = html_to_text(raw) if params.get("parse_mode") == "HTML" else raw
        if len(caption) > MAX_CAPTION:
            raise BadRequest("Bad Request: message caption is too long")
        return caption

    def _new_message(self, params: dict, **content: Any) -> Message:
        chat_id = int(params["chat_id"])
        message: Message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            **content,
        }
        markup = params.get("reply_markup")
        if markup is not None and "inline_keyboard" not in markup:
            # Telegram returns only inline keyboards with the message; the reply keyboard is
            # kept aside, as the resident's phone shows it under the input field.
            self.reply_keyboards[chat_id] = markup
        _set_markup(message, _inline_markup(params))
        self.messages[chat_id, message["message_id"]] = message
        return message

    def _existing(self, params: dict) -> Message:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise BadRequest("Bad Request: message to edit not found")
        return self.messages[key]


def png_size(content: bytes) -> tuple[int, int]:
    """(width, height) of a PNG image; BadRequest, as Telegram answers, for anything else."""
    if not content.startswith(PNG_SIGNATURE) or content[12:16] != b"IHDR":
        raise BadRequest("Bad Request: IMAGE_PROCESS_FAILED")
    return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")


def snake_case(name: str) -> str:
    """A Bot API method's name as python-telegram-bot spells it: sendMessage → send_message."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _inline_markup(params: dict) -> dict | None:
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    if markup and "inline_keyboard" in markup:
        _check_markup(markup)
        return markup
    return None


def _set_markup(message: Message, markup: dict | None) -> None:
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = markup


def _check_markup(markup: dict) -> None:
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise BadRequest("Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")


_SHOWING_BUTTONS = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})


@dataclass(frozen=True, slots=True)
class Button:
    """A button on the resident's screen: inline (callback data) or of the reply keyboard."""

    text: str
    callback_data: str | None = None
    request_location: bool = False
    message: Message | None = None
    """The message an inline button belongs to."""


def _text(text: str) -> dict[str, Any]:
    """What a typed text is made of: a command if it starts with "/"."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        command = text.split()[0]
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return content


@dataclass
class OfflineChat:
    """One resident in a private chat with the bot, driven through `OfflineBotApi`."""

    application: Application
    api: OfflineBotApi
    user_id: int = 1001
    first_name: str = "Martine"
    language_code: str | None = "fr"
    last_turn: list[ApiCall] = field(default_factory=list)
    """The calls the bot made in answer to the resident's latest action."""
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(10_000))
    _folded: dict | None = None
    """The one-time reply keyboard the resident used, folded away until the bot sends another."""

    @property
    def user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    @property
    def chat(self) -> dict[str, Any]:
        return {"id": self.user_id, "type": "private", "first_name": self.first_name}

    async def send_text(self, text: str) -> list[ApiCall]:
        """The resident types `text` (a command if it starts with "/")."""
        return await self.process({"message": self._new_message(**_text(text))})

    async def send_location(self, lat: float, lon: float) -> list[ApiCall]:
        return await self._message(location={"latitude": lat, "longitude": lon})

    async def send_document(
        self, file_name: str, content: bytes, mime_type: str | None = None
    ) -> list[ApiCall]:
        """The resident sends a file; the bot can fetch it with getFile and download it."""
        file_id = f"doc-{self.user_id}-{len(self.api.files) + 1}"
        self.api.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": file_name,
            "file_size": len(content),
        }
        if mime_type:
            document["mime_type"] = mime_type
        return await self._message(document=document)

    async def send_voice(self) -> list[ApiCall]:
        voice = {"file_id": "voice", "file_unique_id": "voice", "duration": 3}
        return await self._message(voice=voice)

    async def press(self, data: str, message: Message | None = None) -> list[ApiCall]:
        """The resident taps an inline button with `data` on `message` (by default, the latest
        message of the bot that has inline buttons)."""
        if message is None:
            message = self.latest_inline_message() or {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": self.user_id, "type": "private"},
                "from": BOT_USER,
                "text": "…",
            }
        query = {
            "id": str(next(self._update_ids) * 7919),
            "from": self.user,
            "chat_instance": f"chat-{self.user_id}",
            "data": data,
            "message": message,
        }
        return await self.process({"callback_query": query})

    async def tap(self, button: Button) -> list[ApiCall]:
        """What tapping `button` does: a callback query, or the text of a reply button."""
        if button.callback_data is not None:
            return await self.press(button.callback_data, button.message)
        if button.request_location:
            raise ValueError("a location button shares a position: use share_location")
        self._use_reply_keyboard()
        return await self.send_text(button.text)

    async def share_location(self, button: Button, lat: float, lon: float) -> list[ApiCall]:
        """The resident taps a location button of the reply keyboard and the phone shares
        (lat, lon)."""
        if not button.request_location:
            raise ValueError(f"{button.text!r} does not share a position")
        self._use_reply_keyboard()
        return await self.send_location(lat, lon)

    def _use_reply_keyboard(self) -> None:
        """A one-time keyboard folds away once one of its buttons is used, as on a phone."""
        markup = self.api.reply_keyboards.get(self.user_id)
        if markup and markup.get("one_time_keyboard"):
            self._folded = markup

    # --- what the resident's screen shows ---------------------------------------------------------

    def bot_messages(self) -> list[Message]:
        """The bot's messages in this chat, oldest first, as they stand (edits applied)."""
        return [m for (chat, _), m in sorted(self.api.messages.items()) if chat == self.user_id]

    def latest_inline_message(self) -> Message | None:
        """The message whose inline buttons are the newest on screen: the latest one the bot sent
        or edited with buttons, as long as it shows them. An answer without buttons (to a text
        the bot did not understand, say) leaves them there, as in Telegram; an edit that takes
        them away leaves none newer."""
        latest = None
        for call in self.api.calls:
            if call.error or call.method not in _SHOWING_BUTTONS:
                continue
            if int(call.params.get("chat_id", 0)) != self.user_id:
                continue
            if _inline_markup(call.params) is not None:
                latest = call.result["message_id"]
            elif call.result["message_id"] == latest and call.method != "sendMessage":
                latest = None
        return self.inline_message(latest) if latest is not None else None

    def inline_message(self, message_id: int) -> Message | None:
        """The bot's message `message_id` in this chat, if it still shows inline buttons."""
        message = self.api.messages.get((self.user_id, message_id))
        if message and message.get("reply_markup", {}).get("inline_keyboard"):
            return message
        return None

    def inline_buttons(self, message: Message) -> list[Button]:
        """The inline buttons of `message`, row by row."""
        return [
            Button(b["text"], callback_data=b.get("callback_data"), message=message)
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row
        ]

    def reply_keyboard(self) -> list[Button]:
        """The reply keyboard the bot left under the input field (folded or not): the latest
        one it sent, until it sends another or removes it."""
        markup = self.api.reply_keyboards.get(self.user_id, {})
        return [
            Button(b["text"], request_location=bool(b.get("request_location")))
            for row in markup.get("keyboard", [])
            for b in row
        ]

    def reply_keyboard_shown(self) -> list[Button]:
        """The reply keyboard as the screen shows it: nothing once a one-time keyboard was used."""
        if self._folded is not None and self.api.reply_keyboards.get(self.user_id) is self._folded:
            return []
        return self.reply_keyboard()

    def choices(self) -> list[Button]:
        """The buttons the resident is offered now: the newest inline ones on screen (see
        `latest_inline_message`), then the reply keyboard shown."""
        message = self.latest_inline_message()
        buttons = self.inline_buttons(message) if message is not None else []
        return buttons + self.reply_keyboard_shown()

    # --- updates ----------------------------------------------------------------------------------

    async def _message(self, **content: Any) -> list[ApiCall]:
        return await self.process({"message": self._new_message(**content)})

    def _new_message(self, **content: Any) -> Message:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            **content,
        }

    async def post_text(self, text: str) -> None:
        """The resident types `text`, delivered as polling would: through the application's
        update queue, processed concurrently with the other residents' updates."""
        payload = {"update_id": next(self._update_ids), "message": self._new_message(**_text(text))}
        await self.application.update_queue.put(Update.de_json(payload, self.application.bot))

    def answered(self, call: ApiCall) -> bool:
        """Whether `call` is a message the bot sent to this resident."""
        return (
            call.method == "sendMessage"
            and not call.error
            and int(call.params["chat_id"]) == self.user_id
        )

    async def process(self, payload: dict[str, Any]) -> list[ApiCall]:
        """Hand a raw update (without its `update_id`) to the application; the bot's calls."""
        before = len(self.api.calls)
        payload["update_id"] = next(self._update_ids)
        update = Update.de_json(payload, self.application.bot)
        await self.application.process_update(update)
        self.last_turn = self.api.calls[before:]
        return self.last_turn

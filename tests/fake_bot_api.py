"""A fake Telegram Bot API server on loopback, for end-to-end tests of the bot.

python-telegram-bot talks to it over real HTTP, through the same `HTTPXRequest` as in production
(`Bot(token, base_url=server.base_url)` or `ApplicationBuilder().base_url(server.base_url)`); the
test plays the residents and reads what the bot sent:

    async with FakeBotApi() as server:          # or the `fake_bot_api` fixture
        server.push_text(MARTINE, "/start")
        hello = await server.wait_for_message(MARTINE, lambda m: "Bonjour" in m["text"])
        server.press(MARTINE, hello, "bk1:482")
        await server.wait_for_call("answerCallbackQuery")

Requests are `POST /bot<token>/<method>`; PTB sends form fields whose values are JSON (strings
as they are), or multipart when it uploads a file; JSON bodies and query strings are read too.
Implemented: getMe, getUpdates (long polling, `offset` confirmation, 409 for a second poller),
sendMessage, sendLocation, sendVenue, sendPhoto (a PNG uploaded, kept in the call's `photo`
parameter with its content), sendChatAction, editMessageText, editMessageReplyMarkup,
deleteMessage, answerCallbackQuery, setMyCommands, getMyCommands, deleteMyCommands,
setWebhook, deleteWebhook, getWebhookInfo, close, logOut, and getFile with the file server's
download (`GET /file/bot<token>/<file_path>`, see `base_file_url`) for documents residents sent
(`push_document`). Any other method answers 400 with a clear message.

Like Telegram, it refuses what would fail in production: malformed HTML (`parse_mode="HTML"`,
unsupported or unclosed tags), empty or too long texts or captions, a photo that is no PNG,
callback data over 64 bytes, invalid command names, an edit that changes nothing, an unknown
callback query or message. With `parse_mode="HTML"` the recorded `text` (or `caption`) is what
the resident sees (tags removed, entities decoded); Markdown is recorded as sent. Message ids
are counted per chat, as in Telegram.

Webhooks: once the bot calls setWebhook, the server posts each pending update (JSON, with
`X-Telegram-Bot-Api-Secret-Token`) instead of answering getUpdates (409 then, as Telegram does).
`route_webhook(addresses)` stands for the load balancer behind the public URL: the posts go to
each address in turn, whatever the chat (the bot's processes behind nginx). As Telegram, it
posts a chat's next update only once the previous one is answered 200 (other chats' updates go
meanwhile, up to `max_connections`); an update not answered 200 (a process killed, a refusal)
stays pending and goes to the next address, and getWebhookInfo reports the error.

Everything runs on the event loop that started the server (the test's): call the test API from
it, never from another thread. Waiting never sleeps: waiters are woken by an `asyncio.Event`
renewed at each change, with a timeout only as a safety net. The server itself answers at once,
unless built with a `delay` per request (a network round trip, for `benchmarks/soak.py`).
"""

import asyncio
import contextlib
import copy
import inspect
import json
import re
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pytest_asyncio
import telegram
import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.offline_api import BadRequest, html_to_text, png_size

_T = TypeVar("_T")

DEFAULT_TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWxyz0123456789a"

Message = dict[str, Any]
"""A message as the Bot API returns it (`message_id`, `chat`, `text`, `reply_markup`...)."""
UserLike = int | telegram.User | Mapping[str, Any]
"""A resident: a Telegram user id, a `telegram.User` or its dict."""


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One request the bot made, with its decoded parameters, recorded as it arrived."""

    method: str
    params: dict[str, Any]


class ApiError(Exception):
    """An answer other than `ok`: the HTTP status is the Bot API's `error_code`."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


# Form fields sent as plain strings (PTB JSON-encodes every other value); "123" stays a string.
_STRING_FIELDS = frozenset(
    {
        "text", "caption", "callback_query_id", "inline_message_id", "parse_mode", "title",
        "address", "description", "short_description", "name", "url", "language_code",
        "foursquare_id", "foursquare_type", "google_place_id", "google_place_type", "emoji",
        "action", "secret_token", "business_connection_id", "message_effect_id",
    }
)  # fmt: skip
# Methods that post into a chat: refused for a resident who blocked the bot.
_POSTING = frozenset({"sendMessage", "sendLocation", "sendVenue", "sendPhoto", "sendChatAction"})
_BUTTON_ACTIONS = frozenset(
    {
        "callback_data", "url", "web_app", "login_url", "switch_inline_query",
        "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
        "callback_game", "pay",
    }
)  # fmt: skip
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64


class FakeBotApi:
    """The server and the residents' side of the conversation. See the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_first_name: str = "Aiguillage",
        bot_username: str = "aiguillage_test_bot",
        clock: Callable[[], float] = time.time,
        delay: float = 0.0,
        on_answer: Callable[[ApiCall, Any], None] | None = None,
    ) -> None:
        """`delay`: seconds each request waits before it is handled, as a round trip to Telegram
        would (about 0.05 is realistic; 0, the default, answers at once). `on_answer`: called on
        the event loop with each request answered `ok` and its result (a copy of the message
        sent, the updates delivered...), as it is answered: a way to time the answers of many
        chats without waiting on every change (the soak benchmark); it must not change them."""
        self.token = token
        self._delay = delay
        self._on_answer = on_answer
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._clock = clock
        self._http: tornado.httpserver.HTTPServer | None = None
        self._port: int | None = None
        self._closing = False
        self._changed = asyncio.Event()
        self._inflight = 0
        self._errors: list[BaseException] = []

        self._users: dict[int, dict[str, Any]] = {}
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._poller = 0  # counts getUpdates requests: an older pending one gets a 409
        self._chats: defaultdict[int, dict[int, Message]] = defaultdict(dict)  # bot messages
        self._last_message_id: defaultdict[int, int] = defaultdict(int)
        self._reply_keyboards: dict[int, dict[str, Any]] = {}
        self._open_queries: set[str] = set()
        self._next_query_id = 1
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._calls: list[ApiCall] = []
        self._blocked: set[int] = set()
        self._failures: list[tuple[str, int | None, ApiError]] = []
        self._message_cursor: defaultdict[int, int] = defaultdict(int)
        self._call_cursor: defaultdict[str, int] = defaultdict(int)
        self._files: dict[str, bytes] = {}  # documents residents sent, by file_id
        self._webhook: dict[str, Any] | None = None  # url, secret_token, max_connections
        self._webhook_routes: list[str] = []
        self._next_route = 0
        self._delivering: asyncio.Task | None = None
        self._posting: dict[int, int] = {}  # update id → chat id, posted and not yet answered
        self._last_error: tuple[int, str] | None = None

        self._methods: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getFile": self._get_file,
            "close": lambda _params: True,
            "logOut": lambda _params: True,
        }
        # Telegram's method names are case-insensitive.
        self._method_names = {name.lower(): name for name in self._methods}

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> "FakeBotApi":
        """Listen on a free port of 127.0.0.1."""
        if self._http is not None:
            raise RuntimeError("the fake Bot API is already running")
        app = tornado.web.Application(
            [
                (r"/bot([^/]+)/([A-Za-z]*)", _Endpoint, {"api": self}),
                (r"/file/bot([^/]+)/(.+)", _FileDownload, {"api": self}),
                (r".*", _NotFound),
            ],
            log_function=lambda _handler: None,
        )
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self._port = sockets[0].getsockname()[1]
        self._closing = False
        self._http = tornado.httpserver.HTTPServer(app)
        self._http.add_sockets(sockets)
        return self

    async def stop(self) -> None:
        """Answer pending long polls, close every connection; raise if the fake itself failed."""
        if self._http is None:
            return
        self._closing = True
        self._notify()
        if self._delivering is not None:
            self._delivering.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivering
            self._delivering = None
        self._http.stop()
        async with asyncio.timeout(5):  # pending requests answer as soon as they see _closing
            while self._inflight:
                await self._changed.wait()
        await self._http.close_all_connections()
        self._http = None
        if self._errors:
            raise AssertionError("the fake Bot API failed") from self._errors[0]

    async def __aenter__(self) -> "FakeBotApi":
        return await self.start()

    async def __aexit__(self, *_exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """For `Bot(token, base_url=...)`: PTB appends the token."""
        if self._port is None:
            raise RuntimeError("start the fake Bot API first")
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """For `Bot(token, base_file_url=...)`: where getFile's `file_path` is downloaded."""
        if self._port is None:
            raise RuntimeError("start the fake Bot API first")
        return f"http://127.0.0.1:{self._port}/file/bot"

    def route_webhook(self, addresses: list[str]) -> None:
        """Where the webhook's posts go, in turn (see the module docstring); without it, to the
        URL given to setWebhook."""
        self._webhook_routes = list(addresses)

    @property
    def webhook(self) -> dict[str, Any] | None:
        """What setWebhook set (url, secret_token...), or None."""
        return copy.deepcopy(self._webhook)

    # --- the residents' side --------------------------------------------------------------------

    def push_text(self, user: UserLike, text: str) -> dict[str, Any]:
        """The resident sends `text` to the bot in their private chat; returns the update.

        A leading "/command" gets its `bot_command` entity, as Telegram adds it.
        """
        sender = self._user(user)
        message = self._resident_message(sender, text=text)
        command = _LEADING_COMMAND.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_length(command.group())}
            ]
        return self._push({"message": message})

    def push_location(self, user: UserLike, lat: float, lon: float) -> dict[str, Any]:
        """The resident shares a location; returns the update."""
        sender = self._user(user)
        message = self._resident_message(sender, location={"latitude": lat, "longitude": lon})
        return self._push({"message": message})

    def push_document(
        self, user: UserLike, file_name: str, content: bytes, mime_type: str | None = None
    ) -> dict[str, Any]:
        """The resident sends a file; the bot gets it with getFile and a download."""
        sender = self._user(user)
        file_id = f"document-{len(self._files) + 1}"
        self._files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": f"unique-{file_id}",
            "file_name": file_name,
            "file_size": len(content),
        }
        if mime_type:
            document["mime_type"] = mime_type
        return self._push({"message": self._resident_message(sender, document=document)})

    def press(self, user: UserLike, message: int | Message, callback_data: str) -> dict[str, Any]:
        """The resident presses an inline button of a bot message in their chat.

        `message` is a message id or a message returned by this server; the button must be on
        the message as it is now (edits count). Returns the update; its
        `callback_query["id"]` is what `answerCallbackQuery` must answer.
        """
        sender = self._user(user)
        chat_id = sender["id"]
        if isinstance(message, Mapping):
            if message["chat"]["id"] != chat_id:
                raise ValueError(f"message {message['message_id']} is not in {chat_id}'s chat")
            message = message["message_id"]
        current = self._chats[chat_id].get(message)
        if current is None:
            raise ValueError(f"no bot message {message} in chat {chat_id}")
        offered = [b.get("callback_data") for b in inline_buttons(current)]
        if callback_data not in offered:
            raise ValueError(
                f"message {message} has no button {callback_data!r}; it offers {offered}"
            )
        query_id = str(self._next_query_id)
        self._next_query_id += 1
        self._open_queries.add(query_id)
        return self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": sender,
                    "message": copy.deepcopy(current),
                    "chat_instance": f"chat-{chat_id}",
                    "data": callback_data,
                }
            }
        )

    def block(self, chat_id: int) -> None:
        """The resident blocks the bot: posting to their chat answers 403."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    def rate_limit_once(
        self, method: str = "sendMessage", *, retry_after: int = 1, chat_id: int | None = None
    ) -> None:
        """The next `method` call (to `chat_id`, or to any chat) answers 429 `retry_after`."""
        error = ApiError(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )
        self._failures.append((method, chat_id, error))

    def fail_once(
        self,
        method: str,
        *,
        code: int = 500,
        description: str = "Internal Server Error",
        chat_id: int | None = None,
    ) -> None:
        """The next `method` call (to `chat_id`, or to any chat) fails with `code`; call it
        again for several failures in a row."""
        self._failures.append((method, chat_id, ApiError(code, description)))

    # --- what the bot did -----------------------------------------------------------------------

    def messages(self, chat_id: int) -> list[Message]:
        """The bot's messages in a chat, as they are now (edited, deleted ones gone), in order."""
        return [copy.deepcopy(m) for m in self._chats[chat_id].values()]

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """Every request the bot made (or those of one method), in order."""
        return [call for call in self._calls if method is None or call.method == method]

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The reply keyboard the resident sees (`keyboard`, ...), or None."""
        return copy.deepcopy(self._reply_keyboards.get(chat_id))

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates the bot has not confirmed yet."""
        return copy.deepcopy(self._updates)

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[Message], bool] | None = None,
        *,
        timeout: float = 5.0,
    ) -> Message:
        """The next bot message in the chat that matches, waiting for it if need be.

        "Next": after the last message this method returned for that chat, so a conversation
        reads step by step. Raises AssertionError, listing the chat, if none comes in `timeout`.
        """

        def find() -> Message | None:
            for message_id, message in self._chats[chat_id].items():
                if message_id > self._message_cursor[chat_id] and (
                    predicate is None or predicate(message)
                ):
                    self._message_cursor[chat_id] = message_id
                    return copy.deepcopy(message)
            return None

        return await self._wait(
            find,
            timeout,
            lambda: (
                f"no matching message in chat {chat_id} within {timeout}s; "
                f"the bot's messages there: {[m.get('text') for m in self.messages(chat_id)]}"
            ),
        )

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        *,
        timeout: float = 5.0,
    ) -> ApiCall:
        """The next `method` request that matches (after the last one returned), waiting."""

        def find() -> ApiCall | None:
            for index in range(self._call_cursor[method], len(self._calls)):
                call = self._calls[index]
                if call.method == method and (predicate is None or predicate(call)):
                    self._call_cursor[method] = index + 1
                    return call
            return None

        return await self._wait(
            find,
            timeout,
            lambda: (
                f"no matching {method} call within {timeout}s; "
                f"calls made: {[call.method for call in self._calls]}"
            ),
        )

    async def wait_until(
        self, condition: Callable[[], _T | None], *, timeout: float = 5.0, what: str = "condition"
    ) -> _T:
        """`condition()`'s first answer other than None, asked again at each change (a message
        sent or edited, a call made), waiting; AssertionError naming `what` after `timeout`.
        For what the other waits cannot say, e.g. "the bot edited this screen"."""
        return await self._wait(condition, timeout, lambda: f"no {what} within {timeout}s")

    # --- plumbing -------------------------------------------------------------------------------

    def _notify(self) -> None:
        # Wake every waiter, and give the next ones a fresh event.
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait(
        self, find: Callable[[], _T | None], timeout: float, describe: Callable[[], str]
    ) -> _T:
        try:
            async with asyncio.timeout(timeout):
                while True:
                    changed = self._changed  # taken before looking, so no change is missed
                    found = find()
                    if found is not None:
                        return found
                    await changed.wait()
        except TimeoutError:
            raise AssertionError(describe()) from None

    async def _handle(
        self, token: str, method: str, params: dict[str, Any], gone: Callable[[], bool]
    ) -> tuple[int, dict[str, Any]]:
        """Answer one request: (HTTP status, JSON body)."""
        self._inflight += 1
        try:
            if token != self.token:
                return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            if self._delay:
                await asyncio.sleep(self._delay)
            name = self._method_names.get(method.lower(), method)
            call = ApiCall(name, params)
            self._calls.append(call)
            self._notify()
            try:
                result = self._dispatch(name, params, gone)
                if inspect.isawaitable(result):
                    result = await result
            except ApiError as error:
                return error.code, error.payload()
            if self._on_answer is not None:
                self._on_answer(call, result)
            return 200, {"ok": True, "result": result}
        except Exception as error:  # a bug in the fake: fail the test at stop(), not silently
            self._errors.append(error)
            return 500, {"ok": False, "error_code": 500, "description": f"fake Bot API: {error!r}"}
        finally:
            self._inflight -= 1
            self._notify()

    def _dispatch(self, name: str, params: dict[str, Any], gone: Callable[[], bool]) -> Any:
        handler = self._methods.get(name)
        if handler is None:
            raise _bad_request(f"method {name} is not implemented by tests/fake_bot_api.py")
        chat_id = params.get("chat_id")
        with contextlib.suppress(TypeError, ValueError):
            chat_id = int(chat_id)
        for index, (method, failing_chat, error) in enumerate(self._failures):
            if method == name and failing_chat in (None, chat_id):
                del self._failures[index]
                raise error
        if name in _POSTING and chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return self._get_updates(params, gone) if name == "getUpdates" else handler(params)

    def _push(self, body: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self._updates.append(update)
        self._notify()
        return copy.deepcopy(update)

    def _user(self, user: UserLike) -> dict[str, Any]:
        if isinstance(user, int):
            return self._users.setdefault(
                user,
                {
                    "id": user,
                    "is_bot": False,
                    "first_name": f"Résident {user}",
                    "language_code": "fr",
                },
            )
        data = user.to_dict() if isinstance(user, telegram.User) else dict(user)
        self._users[data["id"]] = data
        return data

    def _chat(self, chat_id: int) -> dict[str, Any]:
        user = self._users.get(chat_id)
        if user is not None:
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            chat.update({k: user[k] for k in ("last_name", "username") if k in user})
            return chat
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"Résident {chat_id}"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": f"Groupe {chat_id}"}

    def _new_message(self, chat_id: int, sender: dict[str, Any], **content: Any) -> Message:
        self._last_message_id[chat_id] += 1
        return {
            "message_id": self._last_message_id[chat_id],
            "date": int(self._clock()),
            "chat": self._chat(chat_id),
            "from": sender,
            **content,
        }

    def _resident_message(self, sender: dict[str, Any], **content: Any) -> Message:
        return self._new_message(sender["id"], sender, **content)

    def _bot_message(self, params: dict[str, Any], **content: Any) -> Message:
        chat_id = _chat_id(params)
        markup = _reply_markup(params)
        if markup is not None and "inline_keyboard" in markup:
            content["reply_markup"] = markup
        elif markup is not None and markup.get("remove_keyboard"):
            self._reply_keyboards.pop(chat_id, None)
        elif markup is not None:  # a reply keyboard (or force_reply) stays under the input field
            self._reply_keyboards[chat_id] = markup
        message = self._new_message(chat_id, self.bot_user, **content)
        self._chats[chat_id][message["message_id"]] = message
        return copy.deepcopy(message)

    def _existing_message(self, params: dict[str, Any], missing: str) -> Message:
        if "inline_message_id" in params:
            raise _bad_request("inline messages are not implemented by tests/fake_bot_api.py")
        message = self._chats[_chat_id(params)].get(_int(params, "message_id"))
        if message is None:
            raise _bad_request(missing)
        return message

    # --- methods --------------------------------------------------------------------------------

    def _get_me(self, _params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _get_updates(
        self, params: dict[str, Any], gone: Callable[[], bool] = lambda: False
    ) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        limit = _int(params, "limit", default=100)
        timeout = float(params.get("timeout") or 0)
        if not 1 <= limit <= 100:
            raise _bad_request("limit must be between 1 and 100")
        if offset is not None:
            offset = int(offset)
            # Asking from `offset` confirms (forgets) every earlier update.
            if offset < 0:
                self._updates = self._updates[offset:]
            else:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._poller += 1
        me = self._poller
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0)
        while True:
            changed = self._changed
            if me != self._poller:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            if self._updates or self._closing or gone() or loop.time() >= deadline:
                return copy.deepcopy(self._updates[:limit])
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout_at(deadline):
                    await changed.wait()

    def _send_message(self, params: dict[str, Any]) -> Message:
        return self._bot_message(params, text=_text(params))

    def _send_location(self, params: dict[str, Any]) -> Message:
        return self._bot_message(params, location=_location(params))

    def _send_venue(self, params: dict[str, Any]) -> Message:
        location = _location(params)
        venue = {"location": location}
        for field in ("title", "address"):
            if not params.get(field):
                raise _bad_request(f"venue {field} is empty")
            venue[field] = params[field]
        return self._bot_message(params, venue=venue, location=location)

    def _send_photo(self, params: dict[str, Any]) -> Message:
        upload = params.get("photo")
        if not isinstance(upload, dict):  # a file_id or a URL: not served by this fake
            raise _bad_request("there is no photo in the request")
        try:
            width, height = png_size(upload["content"])
        except BadRequest as refused:
            raise ApiError(400, str(refused)) from None
        file_id = f"photo-{len(self._files) + 1}"
        self._files[file_id] = upload["content"]
        size = {"file_id": file_id, "file_unique_id": f"unique-{file_id}"}
        photo = [{**size, "width": width, "height": height, "file_size": upload["size"]}]
        caption = params.get("caption")
        if caption is None:
            return self._bot_message(params, photo=photo)
        if params.get("parse_mode") in ("HTML", "html"):
            caption = _html_to_text(caption)
        if len(caption) > MAX_CAPTION_LENGTH:
            raise _bad_request("message caption is too long")
        return self._bot_message(params, photo=photo, caption=caption)

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        _chat_id(params)
        return True

    def _edit_message_text(self, params: dict[str, Any]) -> Message:
        message = self._existing_message(params, "message to edit not found")
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        text = _text(params)
        markup = _reply_markup(params)  # no reply_markup: the inline keyboard goes
        self._edit(message, text=text, reply_markup=markup)
        return copy.deepcopy(message)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> Message:
        message = self._existing_message(params, "message to edit not found")
        self._edit(message, text=message.get("text"), reply_markup=_reply_markup(params))
        return copy.deepcopy(message)

    def _edit(self, message: Message, *, text: str | None, reply_markup: dict | None) -> None:
        if reply_markup is not None and "inline_keyboard" not in reply_markup:
            raise _bad_request("only inline keyboards can be edited")
        if text == message.get("text") and reply_markup == message.get("reply_markup"):
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        if text is not None:
            message["text"] = text
        if reply_markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = reply_markup
        message["edit_date"] = int(self._clock())

    def _delete_message(self, params: dict[str, Any]) -> bool:
        message = self._existing_message(params, "message to delete not found")
        del self._chats[message["chat"]["id"]][message["message_id"]]
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._open_queries.discard(query_id)
        return True

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("commands must be a list of at most 100 commands")
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[_commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        return copy.deepcopy(self._commands.get(_commands_key(params), []))

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self._commands.pop(_commands_key(params), None)
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params)
        if not re.match(r"^https?://", url):
            raise _bad_request("bad webhook: an HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad_request("secret token contains unallowed characters")
        self._webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": _int(params, "max_connections", default=40),
            "allowed_updates": params.get("allowed_updates"),
        }
        if params.get("drop_pending_updates"):
            self._updates.clear()
        if self._delivering is None or self._delivering.done():
            self._delivering = asyncio.get_running_loop().create_task(self._deliver())
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._webhook = None
        self._notify()
        return True

    async def _deliver(self) -> None:
        """Post the pending updates while a webhook is set: each chat's in order, one at a time."""
        tasks: set[asyncio.Task] = set()
        async with httpx.AsyncClient(timeout=60) as client:
            while self._webhook is not None and not self._closing:
                changed = self._changed
                busy = set(self._posting.values())
                for update in self._updates:
                    if len(self._posting) >= self._webhook["max_connections"]:
                        break
                    chat = _update_chat(update)
                    if update["update_id"] in self._posting or chat in busy:
                        continue
                    busy.add(chat)
                    self._posting[update["update_id"]] = chat
                    task = asyncio.create_task(self._post(client, update))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                await changed.wait()

    async def _post(self, client: httpx.AsyncClient, update: dict[str, Any]) -> None:
        assert self._webhook is not None
        routes = self._webhook_routes or [self._webhook["url"]]
        address = routes[self._next_route % len(routes)]
        self._next_route += 1
        headers = {}
        if self._webhook["secret_token"]:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self._webhook["secret_token"]
        error = None
        try:
            response = await client.post(address, json=update, headers=headers)
            if response.status_code != 200:
                error = f"Wrong response from the webhook: {response.status_code}"
        except httpx.HTTPError as failure:
            error = f"Connection failed: {type(failure).__name__}"
        if error is None:
            self._updates = [u for u in self._updates if u is not update]
        else:
            self._last_error = (int(self._clock()), error)
            # As Telegram, not again at once: the next address after a pause.
            await asyncio.sleep(0.05)
        del self._posting[update["update_id"]]
        self._notify()

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id", ""))
        if file_id not in self._files:
            raise _bad_request("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"unique-{file_id}",
            "file_size": len(self._files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    def _download(self, token: str, file_path: str) -> bytes | None:
        """What the file server answers for a download (recorded as a "download" call); None
        for an unknown file or token."""
        self._calls.append(ApiCall("download", {"file_path": file_path}))
        self._notify()
        folder, _, file_id = file_path.partition("/")
        if token != self.token or folder != "documents":
            return None
        return self._files.get(file_id)

    def _get_webhook_info(self, _params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook["url"] if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook is not None:
            info["max_connections"] = self._webhook["max_connections"]
            if self._last_error is not None:
                info["last_error_date"], info["last_error_message"] = self._last_error
        return info


def _update_chat(update: dict[str, Any]) -> int | None:
    """The chat an update comes from (a callback query's message's, or its sender's)."""
    if "message" in update:
        return update["message"]["chat"]["id"]
    query = update.get("callback_query") or {}
    message = query.get("message")
    return message["chat"]["id"] if message else query.get("from", {}).get("id")


def inline_buttons(message: Message) -> list[dict[str, Any]]:
    """The inline buttons of a message, row after row (`text`, `callback_data` or `url`...)."""
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button for row in keyboard for button in row]


@pytest_asyncio.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotApi]:
    """A running fake Bot API for the test, stopped after it."""
    async with FakeBotApi() as server:
        yield server


# --- HTTP ---------------------------------------------------------------------------------------


class _Endpoint(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api
        self.gone = False

    async def post(self, token: str, method: str) -> None:
        try:
            params = self._params()
        except ValueError as error:
            status, body = 400, _bad_request(f"can't parse request: {error}").payload()
        else:
            status, body = await self.api._handle(token, method, params, lambda: self.gone)
        if not self.gone:
            self.set_status(status)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(body, ensure_ascii=False))

    get = post

    def on_connection_close(self) -> None:
        # The client gave up (e.g. PTB stopping its long poll): let a pending getUpdates return.
        self.gone = True
        self.api._notify()

    def _params(self) -> dict[str, Any]:
        request = self.request
        params: dict[str, Any] = {
            name: _form_value(name, values[-1]) for name, values in request.query_arguments.items()
        }
        if request.headers.get("Content-Type", "").startswith("application/json"):
            body = json.loads(request.body or b"{}")
            if not isinstance(body, dict):
                raise ValueError("the JSON body is not an object")
            params.update(body)
            return params
        # Form and multipart fields (tornado parsed them); an uploaded file with its content.
        for name, values in request.body_arguments.items():
            params[name] = _form_value(name, values[-1])
        for name, files in request.files.items():
            upload = files[-1]
            params[name] = {
                "filename": upload.filename,
                "size": len(upload.body),
                "content": upload.body,
            }
        return params


class _FileDownload(tornado.web.RequestHandler):
    """Telegram's file server: the bytes of a file getFile named, or 404."""

    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def get(self, token: str, file_path: str) -> None:
        content = self.api._download(token, file_path)
        if content is None:
            self.set_status(404)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}))
            return
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(content)


class _NotFound(tornado.web.RequestHandler):
    def prepare(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}))


# --- parameters ---------------------------------------------------------------------------------


def _form_value(name: str, raw: bytes) -> Any:
    text = raw.decode("utf-8")
    if name in _STRING_FIELDS:
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text  # e.g. an "@channel" chat id


def _int(params: dict[str, Any], name: str, default: int | None = None) -> int:
    value = params.get(name, default)
    if value is None:
        raise _bad_request(f"{name} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"{name} is not a number") from None


def _chat_id(params: dict[str, Any]) -> int:
    value = params.get("chat_id")
    if isinstance(value, str) and not value.lstrip("-").isdigit():
        raise _bad_request("chat not found")  # "@username": not a chat of this fake
    if value in (None, ""):
        raise _bad_request("chat_id is empty")
    return int(value)


def _text(params: dict[str, Any]) -> str:
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _bad_request("message text is empty")
    if params.get("parse_mode") in ("HTML", "html"):
        text = _html_to_text(text)
    if not text.strip():
        raise _bad_request("text must be non-empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise _bad_request("message is too long")
    return text


def _location(params: dict[str, Any]) -> dict[str, float]:
    try:
        latitude, longitude = float(params["latitude"]), float(params["longitude"])
    except (KeyError, TypeError, ValueError):
        raise _bad_request("wrong latitude or longitude") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise _bad_request("wrong latitude or longitude")
    return {"latitude": latitude, "longitude": longitude}


def _reply_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for button in (button for row in rows for button in row):
            if not button.get("text"):
                raise _bad_request("BUTTON_TEXT_EMPTY")
            if len(_BUTTON_ACTIONS & button.keys()) != 1:
                raise _bad_request(
                    "can't parse inline keyboard button: exactly one optional field must be used"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
    return markup


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.get("language_code") or ""


def _utf16_length(text: str) -> int:
    # Telegram counts entity offsets and lengths in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2


def _html_to_text(html: str) -> str:
    try:
        return html_to_text(html)
    except BadRequest as refused:
        raise ApiError(400, str(refused)) from None

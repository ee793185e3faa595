"""`aiguillage chat`: the Telegram conversation in the terminal, with the very same handlers.

The real `Application` runs on the embedded SQLite database with the demo catalogue; its Bot API
calls are answered in-process (`bot.offline_api`), so there is no token and no network. Messages
print as the resident's phone would show them, as they come (a message a job sends shows while
the resident is typing); buttons print as numbered choices. Type text, or the number of a button:
`2` for the newest buttons (and the reply keyboard after them), `3.1` for a button still shown
on an earlier message, as Telegram lets one tap it. For "📍 Partager ma position", type
"latitude,longitude" or a commune. Lines are read one by one, so a conversation can be scripted:

    printf '/start\\n2\\nMoissac\\n1\\n1\\n' | aiguillage chat

The keyboard is read by a thread of its own: the event loop, and so the job queue, runs while
the resident thinks.
"""

import asyncio
import re
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from telegram.ext import Application

from bot.application import build_application
from bot.offline_api import ApiCall, Button, Message, OfflineBotApi, OfflineChat
from bot.settings import Settings
from handlers.context import language_for

_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:[.,]\d+)?)\s*[;, ]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")
_ADDRESS = re.compile(r"^(\d+)\.(\d+)$")
"""A button of an earlier message: its message's number, a dot, its own number (`3.1`)."""
_QUIT = frozenset({"/quitter", "/quit", "/exit"})


def run_console(
    settings: Settings,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    *,
    first_name: str = "Camille",
    language_code: str = "fr",
) -> int:
    """Talk to the bot in the terminal until end of input or /quitter; returns the exit status."""
    api = OfflineBotApi()
    application = build_application(settings, request=api)
    try:
        return asyncio.run(converse(application, api, stdin, stdout, first_name, language_code))
    except KeyboardInterrupt:
        stdout.write("\n")
        return 130


async def converse(
    application: Application,
    api: OfflineBotApi,
    stdin: TextIO,
    stdout: TextIO,
    first_name: str = "Camille",
    language_code: str = "fr",
) -> int:
    """The conversation with `application`, whose Bot API is `api`, running with its jobs."""
    async with application:
        await application.start()  # the job queue: the conversation's timeout, the outbox
        try:
            chat = OfflineChat(
                application, api, user_id=1, first_name=first_name, language_code=language_code
            )
            await _Terminal(chat, stdin, stdout).run()
        finally:
            await application.stop()  # waits for a job under way
    return 0


def _lines(stdin: TextIO) -> asyncio.Queue[str]:
    """The lines typed, then "" at the end of input, read by a thread so as not to block."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        line = "…"
        while line:
            line = stdin.readline()
            try:
                loop.call_soon_threadsafe(lines.put_nowait, line)
            except RuntimeError:  # the chat is over (/quitter): the rest is nobody's
                return

    # A daemon: a read still waiting for the keyboard must not keep the process alive.
    threading.Thread(target=read, name="console-keyboard", daemon=True).start()
    return lines


def _coordinates(text: str) -> tuple[float, float] | None:
    found = _COORDINATES.match(text)
    if not found:
        return None
    lat, lon = (float(value.replace(",", ".")) for value in found.groups())
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


class _Terminal:
    """The resident's screen and keyboard: what the bot sends, printed as it comes; what the
    resident types, sent as text, a tapped button or a shared position."""

    def __init__(self, chat: OfflineChat, stdin: TextIO, stdout: TextIO) -> None:
        self.chat = chat
        self.api = chat.api
        self.stdin = stdin
        self.stdout = stdout
        self.echo = not stdin.isatty()
        self.printed = len(self.api.calls)
        """How many of the bot's calls are on screen already."""
        self.newest: int | None = None
        """The message whose buttons the plain numbers tap, as last printed."""

    def gettext(self) -> Callable[[str], str]:
        application = self.chat.application
        draft = application.user_data.get(self.chat.user_id)
        language = (draft.language if draft else None) or language_for(self.chat.language_code)
        return application.bot_data.services.catalogs[language].gettext

    async def run(self) -> None:
        _ = self.gettext()
        self.print(
            _(
                "Aiguillage, dans le terminal. Écrivez un message, ou le numéro d'un bouton : "
                "2, ou 3.1 pour un bouton d'un message plus haut. "
                "Commencez par /start ; /quitter pour sortir."
            )
        )
        lines = _lines(self.stdin)
        location: Button | None = None  # the location button tapped, until a position is typed
        while True:
            if not self.echo:
                self.prompt()
            line = await self.next_line(lines)
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if self.echo:
                self.print(f"> {text}")
            if text.lower() in _QUIT:
                break
            _ = self.gettext()
            point = _coordinates(text)
            button = None if location else self.button(text)
            if location and point:
                await self.chat.share_location(location, *point)
            elif point:
                await self.chat.send_location(*point)
            elif button and button.request_location:
                location = button
                self.print(
                    _(
                        "(Position) Tapez « latitude,longitude », par exemple "
                        "« 44.1049,1.0847 », ou le nom de votre commune :"
                    )
                )
                continue
            elif button:
                await self.chat.tap(button)
            elif _ADDRESS.match(text) and not location:
                self.print(_("(Ce bouton n'est plus à l'écran.)"))
                continue
            else:
                await self.chat.send_text(text)
            location = None
            self.show()

    async def next_line(self, lines: asyncio.Queue[str]) -> str:
        """The next line typed; what the bot sends meanwhile (a job's message) shows at once."""
        line = asyncio.ensure_future(lines.get())
        while not line.done():
            sent = asyncio.ensure_future(self.api.calls_since(self.printed))
            await asyncio.wait({line, sent}, return_when=asyncio.FIRST_COMPLETED)
            sent.cancel()
            if len(self.api.calls) > self.printed:
                self.show()
                if not self.echo and not line.done():
                    self.prompt()
        return line.result()

    def button(self, text: str) -> Button | None:
        """The button `text` names: a number among the choices, or `3.1` on an earlier message."""
        if text.isdigit():
            choices = self.chat.choices()
            return choices[int(text) - 1] if 1 <= int(text) <= len(choices) else None
        address = _ADDRESS.match(text)
        message = address and self.chat.inline_message(int(address[1]))
        if not message:
            return None
        buttons = self.chat.inline_buttons(message)
        return buttons[int(address[2]) - 1] if 1 <= int(address[2]) <= len(buttons) else None

    # --- the screen ------------------------------------------------------------------------------

    def show(self) -> None:
        """What the bot did since the last look, as the resident's screen shows it; under each
        message, its buttons; then the choices."""
        _ = self.gettext()
        calls = self.api.calls[self.printed :]
        self.printed += len(calls)
        newest = _id(self.chat.latest_inline_message())
        touched = {
            call.result["message_id"]: call
            for call in calls
            if call.method in ("sendMessage", "editMessageText") and not call.error
        }
        for call in calls:
            if not self.for_this_chat(call):
                continue
            self.print_call(call, _)
            shown = touched.get(_id(call.result if isinstance(call.result, dict) else None))
            if shown is call and call.result["message_id"] != newest:
                self.print_buttons(call.result)
        previous, self.newest = self.newest, newest
        still = self.chat.inline_message(previous) if previous not in (None, newest) else None
        if still is not None and previous not in touched:
            self.print("")
            self.print("   " + _("Toujours à l'écran plus haut :"))
            self.print_buttons(still)
        self.print_choices()

    def for_this_chat(self, call: ApiCall) -> bool:
        chat_id = call.params.get("chat_id")
        return chat_id is None or int(chat_id) == self.chat.user_id

    def print_call(self, call: ApiCall, _: Callable[[str], str]) -> None:
        if call.error:
            self.print(f"⚠️  {call.method}: {call.error}")
            return
        result = call.result if isinstance(call.result, dict) else {}
        if call.method == "sendMessage":
            self.print("")
            self.print(_indent(result.get("text", "")))
        elif call.method == "editMessageText":
            self.print("")
            self.print(_indent(_("(message modifié) ") + result.get("text", "")))
        elif call.method == "sendVenue":
            venue = result["venue"]
            location = venue["location"]
            self.print(
                _indent(
                    f"🗺  {venue['title']}\n{venue['address']}\n"
                    f"({location['latitude']:.5f}, {location['longitude']:.5f})"
                )
            )
        elif call.method == "sendPhoto":
            photo = result["photo"][-1]
            upload = call.params["photo"]
            self.print("")
            self.print(
                _indent(
                    _("[image : {name}, {width}×{height}]").format(
                        name=upload["file_name"], width=photo["width"], height=photo["height"]
                    )
                )
            )
            if result.get("caption"):
                self.print(_indent(result["caption"]))
        elif call.method == "sendLocation":
            location = result["location"]
            self.print(_indent(f"🗺  ({location['latitude']:.5f}, {location['longitude']:.5f})"))
        elif call.method == "answerCallbackQuery" and call.params.get("text"):
            self.print(_indent(call.params["text"]))

    def print_buttons(self, message: Message) -> None:
        """An earlier message's buttons, numbered `message.button` (they stay while shown)."""
        for number, button in enumerate(self.chat.inline_buttons(message), start=1):
            self.print(f"   [{message['message_id']}.{number}] {button.text}")

    def print_choices(self) -> None:
        choices = self.chat.choices()
        if not choices:
            return
        self.print("")
        for number, button in enumerate(choices, start=1):
            self.print(f"   [{number}] {button.text}")

    def prompt(self) -> None:
        self.stdout.write("> ")
        self.stdout.flush()

    def print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()


def _id(message: Message | None) -> int | None:
    return message["message_id"] if message else None


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.splitlines())


if __name__ == "__main__":
    import os

    from bot.settings import SettingsError

    try:
        console_settings = Settings.from_env(os.environ, require_token=False)
    except SettingsError as error:
        print(f"aiguillage: {error}", file=sys.stderr)
        sys.exit(2)
    sys.exit(run_console(console_settings))

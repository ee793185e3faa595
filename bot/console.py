"""`aiguillage chat`: the Telegram conversation in the terminal, with the very same handlers.

The real `Application` runs on the embedded SQLite database with the demo catalogue; its Bot API
calls are answered in-process (`bot.offline_api`), so there is no token and no network. Messages
print as the resident's phone would show them; buttons print as numbered choices. Type text, or
the number of a button; for "📍 Partager ma position", type "latitude,longitude" or a commune.
Lines are read one by one, so a conversation can be scripted:

    printf '/start\\n2\\nMoissac\\n1\\n1\\n' | aiguillage chat
"""

import asyncio
import re
import sys
from collections.abc import Callable
from typing import TextIO

from bot.application import build_application
from bot.offline_api import ApiCall, Button, OfflineBotApi, OfflineChat
from bot.settings import Settings
from handlers.context import language_for

_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:[.,]\d+)?)\s*[;, ]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")
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
    try:
        return asyncio.run(_chat(settings, stdin, stdout, first_name, language_code))
    except KeyboardInterrupt:
        stdout.write("\n")
        return 130


def _coordinates(text: str) -> tuple[float, float] | None:
    found = _COORDINATES.match(text)
    if not found:
        return None
    lat, lon = (float(value.replace(",", ".")) for value in found.groups())
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


async def _chat(
    settings: Settings, stdin: TextIO, stdout: TextIO, first_name: str, language_code: str
) -> int:
    api = OfflineBotApi()
    application = build_application(settings, request=api)
    async with application:
        await application.start()  # the job queue, for the conversation's timeout
        chat = OfflineChat(
            application, api, user_id=1, first_name=first_name, language_code=language_code
        )

        def gettext() -> Callable[[str], str]:
            draft = application.user_data.get(chat.user_id)
            language = (draft.language if draft else None) or language_for(language_code)
            return application.bot_data.services.catalogs[language].gettext

        _ = gettext()
        echo = not stdin.isatty()
        _print(
            stdout,
            _(
                "Aiguillage, dans le terminal. Écrivez un message, ou le numéro d'un bouton. "
                "Commencez par /start ; /quitter pour sortir."
            ),
        )
        awaiting_location = False
        while True:
            if not echo:
                stdout.write("> ")
                stdout.flush()
            line = stdin.readline()
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if echo:
                _print(stdout, f"> {text}")
            if text.lower() in _QUIT:
                break
            _ = gettext()
            choices = chat.choices()
            point = _coordinates(text)
            if point is not None:
                calls = await chat.send_location(*point)
            elif awaiting_location:
                calls = await chat.send_text(text)
            elif text.isdigit() and 1 <= int(text) <= len(choices):
                button = choices[int(text) - 1]
                if button.request_location:
                    awaiting_location = True
                    _print(
                        stdout,
                        _(
                            "(Position) Tapez « latitude,longitude », par exemple "
                            "« 44.1049,1.0847 », ou le nom de votre commune :"
                        ),
                    )
                    continue
                calls = await chat.tap(button)
            else:
                calls = await chat.send_text(text)
            awaiting_location = False
            _show(stdout, calls, chat, gettext())
        await application.stop()
    return 0


def _print(stdout: TextIO, text: str) -> None:
    stdout.write(text + "\n")
    stdout.flush()


def _show(stdout: TextIO, calls: list[ApiCall], chat: OfflineChat, _: Callable[[str], str]) -> None:
    """What the bot did, as the resident's screen shows it, then the buttons to choose from."""
    for call in calls:
        if call.error:
            _print(stdout, f"⚠️  {call.method}: {call.error}")
            continue
        result = call.result if isinstance(call.result, dict) else {}
        if call.method == "sendMessage":
            _print(stdout, "")
            _print(stdout, _indent(result.get("text", "")))
        elif call.method == "editMessageText":
            _print(stdout, "")
            _print(stdout, _indent(_("(message modifié) ") + result.get("text", "")))
        elif call.method == "sendVenue":
            venue = result["venue"]
            location = venue["location"]
            _print(
                stdout,
                _indent(
                    f"🗺  {venue['title']}\n{venue['address']}\n"
                    f"({location['latitude']:.5f}, {location['longitude']:.5f})"
                ),
            )
        elif call.method == "sendLocation":
            location = result["location"]
            _print(stdout, _indent(f"🗺  ({location['latitude']:.5f}, {location['longitude']:.5f})"))
        elif call.method == "answerCallbackQuery" and call.params.get("text"):
            _print(stdout, _indent(call.params["text"]))
    _print_choices(stdout, chat.choices())


def _print_choices(stdout: TextIO, choices: list[Button]) -> None:
    if not choices:
        return
    _print(stdout, "")
    for number, button in enumerate(choices, start=1):
        _print(stdout, f"   [{number}] {button.text}")


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

"""`aiguillage doctor`: what an operator checks first, one line per problem.

    problems = asyncio.run(diagnose(os.environ))    # [] when all is well

In order: the settings (as `aiguillage run` reads them; with `--webhook`'s two when either is
set), the database (reachable, at this version's schema revision), the token (getMe), and the
webhook as Telegram sees it (getWebhookInfo: the URL it posts to, the updates waiting, its last
delivery error). A problem that makes the next checks meaningless (no settings, no database, a
refused token) stops there.
"""

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError

from bot import migrate
from bot.application import _telegram_error
from bot.database import make_engine
from bot.settings import Settings, SettingsError

PENDING_LIMIT = 100
"""More updates than this waiting at Telegram: the processes do not keep up (or are down)."""
RECENT_ERROR = timedelta(hours=1)


async def diagnose(environ: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(What is fine, the problems), one line each."""
    fine: list[str] = []
    try:
        settings = Settings.from_env(environ)
    except SettingsError as error:
        return fine, [f"settings: {error}"]
    problems = _webhook_settings(settings)
    if not problems:
        fine.append("settings: ok")
    database = _database(settings)
    if database.startswith("database: ok"):
        fine.append(database)
    else:
        problems.append(database)
    urls = {"base_url": settings.base_url, "base_file_url": settings.base_file_url}
    bot = Bot(settings.token, **{name: url for name, url in urls.items() if url})
    try:
        async with bot:  # getMe
            fine.append(f"token: ok (@{bot.username})")
            info = await bot.get_webhook_info()
    except (InvalidToken, NetworkError) as error:
        problems.append(f"telegram: {_telegram_error(settings, error)}")
        return fine, problems
    webhook = f"webhook: {info.url or 'none (long polling)'}, {info.pending_update_count} pending"
    if settings.webhook_url is not None and info.url != settings.webhook_url:
        problems.append(
            f"webhook: Telegram posts to {info.url or 'nowhere'!r}, not AIGUILLAGE_WEBHOOK_URL "
            "(start `aiguillage run --webhook`, which sets it)"
        )
    elif settings.webhook_url is None and info.url:
        problems.append(
            f"webhook: Telegram posts to {info.url!r} but AIGUILLAGE_WEBHOOK_URL is not set "
            "(`aiguillage run` removes it when it starts polling)"
        )
    if info.pending_update_count > PENDING_LIMIT:
        problems.append(
            f"webhook: {info.pending_update_count} updates waiting at Telegram: are the "
            "processes running and reachable?"
        )
    last_error = info.last_error_date
    if last_error is not None and datetime.now(UTC) - last_error < RECENT_ERROR:
        problems.append(
            f"webhook: Telegram's last delivery failed at {last_error:%Y-%m-%d %H:%M} UTC: "
            f"{info.last_error_message}"
        )
    if not any(problem.startswith("webhook:") for problem in problems):
        fine.append(webhook)
    return fine, problems


def _webhook_settings(settings: Settings) -> list[str]:
    if (settings.webhook_url is None) != (settings.webhook_secret is None):
        missing = "SECRET" if settings.webhook_secret is None else "URL"
        return [f"settings: AIGUILLAGE_WEBHOOK_{missing} is not set (the webhook needs both)"]
    return []


def _database(settings: Settings) -> str:
    engine = make_engine(settings.database_url, timeout=settings.database_timeout)
    try:
        revision = migrate.current(engine)
    except (SQLAlchemyError, migrate.SchemaError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return f"database: unreachable or unreadable (DATABASE_URL): {reason}"
    finally:
        engine.dispose()
    head = migrate.head()
    if revision == head:
        return f"database: ok (revision {revision})"
    if revision is None:
        return f"database: empty: run `aiguillage db upgrade` (revision {head})"
    return f"database: at revision {revision}, this version needs {head}: `aiguillage db upgrade`"

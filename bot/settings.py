"""Settings read from an injected mapping (the environment), checked once, failing fast.

    settings = Settings.from_env(os.environ)                      # `aiguillage run`
    settings = Settings.from_env(os.environ, require_token=False)  # `aiguillage chat`

Every problem is one `SettingsError` whose message fits on one line and names the variable, so
the command line prints it instead of a traceback.
"""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from scheduling.policy import (
    DEFAULT_POLICY,
    MIN_OFFER,
    Policy,
    ReminderPolicy,
    WaitlistPolicy,
)
from scheduling.retention import DEFAULT_RETENTION

_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{30,}$")
_DEPARTMENT = re.compile(r"^(?:\d{2,3}|2[AB])$")
_SEPARATORS = re.compile(r"[\s,;]+")

DEFAULT_DATA_DIR = "data"
DATABASE_FILE = "aiguillage.sqlite3"
# A guessable key would let anyone sign a dashboard cookie.
MIN_SECRET_LENGTH = 32


class SettingsError(ValueError):
    """A missing or malformed setting; the message is one line for the command line."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None
    """None only where no Telegram connection is made (`aiguillage chat`, tests)."""
    database_url: str
    territory: tuple[str, ...] = ()
    admin_ids: frozenset[int] = frozenset()
    bot_username: str | None = None
    """TELEGRAM_BOT_USERNAME, for links made before `aiguillage run` stored the real one."""
    base_url: str | None = None
    base_file_url: str | None = None
    data_dir: Path = Path(DEFAULT_DATA_DIR)
    policy: Policy = DEFAULT_POLICY
    """Reminders and waitlist offers: passed to every operation that moves a seat."""
    outbox_interval: timedelta = timedelta(seconds=15)
    """How often the `outbox` job sends what is due (10–30 s; tests run it by hand)."""
    retention: timedelta = DEFAULT_RETENTION
    """Bookings older than this are anonymised, residents idle this long deleted."""
    flood_messages: int = 20
    """Updates a resident may send in a minute; past that, one notice, then a pause."""
    flood_pause: timedelta = timedelta(seconds=60)
    """How long a flooding resident's updates are dropped."""
    database_timeout: timedelta = timedelta(seconds=5)
    """How long a transaction waits for a lock or a connection before the resident is told."""
    public_url: str | None = None
    """AIGUILLAGE_PUBLIC_URL: the web dashboard's address, for the login links /tableau sends."""
    secret_key: str | None = None
    """AIGUILLAGE_SECRET_KEY: signs the dashboard's cookies; the same for every process."""
    webhook_url: str | None = None
    """AIGUILLAGE_WEBHOOK_URL: the public address Telegram posts updates to (`run --webhook`)."""
    webhook_secret: str | None = None
    """AIGUILLAGE_WEBHOOK_SECRET: Telegram sends it with every update; the same for every
    process."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, require_token: bool = True) -> "Settings":
        """Settings from `environ`; creates the data directory of the default SQLite file.

        Raises SettingsError for a missing (when `require_token`) or malformed token, a
        malformed department code or admin id, a DATABASE_URL that is no URL, names an unknown
        database or a driver that is not installed.
        """
        token = environ.get("TELEGRAM_BOT_TOKEN", "").strip() or None
        if token is None and require_token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: ask @BotFather for a token and export it"
            )
        if token is not None and not _TOKEN.match(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is malformed: expected digits, a colon and at least "
                "30 letters, digits, '_' or '-' (as given by @BotFather)"
            )
        data_dir = Path(environ.get("AIGUILLAGE_DATA_DIR", "").strip() or DEFAULT_DATA_DIR)
        database_url = environ.get("DATABASE_URL", "").strip()
        if not database_url:
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise SettingsError(
                    f"AIGUILLAGE_DATA_DIR: cannot create {str(data_dir)!r} ({error.strerror})"
                ) from None
            database_url = f"sqlite:///{data_dir / DATABASE_FILE}"
        else:
            _check_database_url(database_url)
            if database_url.startswith("sqlite:///"):
                folder = os.path.dirname(database_url.removeprefix("sqlite:///"))
                try:
                    if folder:
                        Path(folder).mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise SettingsError(
                        f"DATABASE_URL: cannot create the folder {folder!r} ({error.strerror})"
                    ) from None
        return cls(
            token=token,
            database_url=database_url,
            territory=_territory(environ.get("AIGUILLAGE_TERRITORY", "")),
            admin_ids=_admin_ids(environ.get("AIGUILLAGE_ADMIN_IDS", "")),
            bot_username=environ.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@") or None,
            base_url=environ.get("TELEGRAM_BASE_URL", "").strip() or None,
            base_file_url=environ.get("TELEGRAM_BASE_FILE_URL", "").strip() or None,
            data_dir=data_dir,
            policy=_policy(environ),
            outbox_interval=timedelta(seconds=_number(environ, "AIGUILLAGE_OUTBOX_SECONDS", 15)),
            retention=timedelta(days=_number(environ, "AIGUILLAGE_RETENTION_DAYS", 365)),
            flood_messages=_number(environ, "AIGUILLAGE_FLOOD_MESSAGES", 20),
            flood_pause=timedelta(seconds=_number(environ, "AIGUILLAGE_FLOOD_PAUSE_SECONDS", 60)),
            database_timeout=timedelta(
                seconds=_number(environ, "AIGUILLAGE_DATABASE_TIMEOUT_SECONDS", 5)
            ),
            public_url=_public_url(environ.get("AIGUILLAGE_PUBLIC_URL", "")),
            secret_key=_secret_key(environ.get("AIGUILLAGE_SECRET_KEY", "")),
            webhook_url=_webhook_url(environ.get("AIGUILLAGE_WEBHOOK_URL", "")),
            webhook_secret=_webhook_secret(environ.get("AIGUILLAGE_WEBHOOK_SECRET", "")),
        )


def _check_database_url(value: str) -> None:
    """Refuse a URL SQLAlchemy cannot use, before anything opens it; never repeat it (it may
    hold a password)."""
    example = "e.g. sqlite:///data/aiguillage.sqlite3 or postgresql+psycopg://user:pw@host/base"
    try:
        url = make_url(value)
    except ArgumentError:
        raise SettingsError(f"DATABASE_URL is not a database URL ({example})") from None
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise SettingsError(
            f"DATABASE_URL: unknown database {url.drivername!r} ({example})"
        ) from None
    try:
        dialect.import_dbapi()
    except ImportError as error:
        if url.get_backend_name() == "postgresql":
            raise SettingsError(
                f"DATABASE_URL: the PostgreSQL driver {error.name!r} is not installed: write "
                "postgresql+psycopg://… and pip install -e '.[postgres]'"
            ) from None
        raise SettingsError(
            f"DATABASE_URL: the driver of {url.drivername!r} is not installed ({error.name!r})"
        ) from None


def _number(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) == 0:
        raise SettingsError(f"{name}: {value!r} is not a positive whole number")
    return int(value)


def _policy(environ: Mapping[str, str]) -> Policy:
    """Reminders and waitlist offers from AIGUILLAGE_REMINDER_DAY_BEFORE (HH:MM or "off"),
    AIGUILLAGE_REMINDER_BEFORE_MINUTES (minutes or "off") and AIGUILLAGE_WAITLIST_OFFER_MINUTES
    (the hold, counted between 08:00 and 20:00 at the place); AIGUILLAGE_MAX_UPCOMING (bookings
    and waitlist entries a resident may hold at once)."""
    day_before = environ.get("AIGUILLAGE_REMINDER_DAY_BEFORE", "").strip() or "18:00"
    at: time | None = None
    if day_before.lower() != "off":
        try:
            at = time.fromisoformat(day_before)
        except ValueError:
            raise SettingsError(
                f"AIGUILLAGE_REMINDER_DAY_BEFORE: {day_before!r} is not HH:MM or off"
            ) from None
    before: timedelta | None = None
    if environ.get("AIGUILLAGE_REMINDER_BEFORE_MINUTES", "").strip().lower() != "off":
        before = timedelta(minutes=_number(environ, "AIGUILLAGE_REMINDER_BEFORE_MINUTES", 120))
    offer = timedelta(minutes=_number(environ, "AIGUILLAGE_WAITLIST_OFFER_MINUTES", 120))
    if offer < MIN_OFFER:
        raise SettingsError(
            "AIGUILLAGE_WAITLIST_OFFER_MINUTES: at least "
            f"{MIN_OFFER.seconds // 60} (a shorter offer is never made)"
        )
    return Policy(
        reminders=ReminderPolicy(day_before_at=at, hours_before=before),
        waitlist=WaitlistPolicy(offer_ttl=offer),
        max_upcoming=_number(environ, "AIGUILLAGE_MAX_UPCOMING", 5),
    )


def _items(value: str) -> list[str]:
    return [item for item in _SEPARATORS.split(value.strip()) if item]


def _territory(value: str) -> tuple[str, ...]:
    codes = [item.upper() for item in _items(value)]
    wrong = [code for code in codes if not _DEPARTMENT.match(code)]
    if wrong:
        raise SettingsError(
            f"AIGUILLAGE_TERRITORY: {wrong[0]!r} is no department code (e.g. 82,47,2A,974)"
        )
    return tuple(dict.fromkeys(codes))


def _admin_ids(value: str) -> frozenset[int]:
    ids = _items(value)
    wrong = [item for item in ids if not item.isdigit()]
    if wrong:
        raise SettingsError(f"AIGUILLAGE_ADMIN_IDS: {wrong[0]!r} is no Telegram user id")
    return frozenset(int(item) for item in ids)


def _public_url(value: str) -> str | None:
    url = value.strip().rstrip("/")
    if url and not re.match(r"^https?://[^/\s]+", url):
        raise SettingsError(
            f"AIGUILLAGE_PUBLIC_URL: {url!r} is no web address (e.g. https://tableau.example.fr)"
        )
    return url or None


def _secret_key(value: str) -> str | None:
    key = value.strip()
    if key and len(key) < MIN_SECRET_LENGTH:
        raise SettingsError(
            f"AIGUILLAGE_SECRET_KEY is too short: at least {MIN_SECRET_LENGTH} characters "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(32))")'
        )
    return key or None


def _webhook_url(value: str) -> str | None:
    url = value.strip()
    if url and not re.match(r"^https?://[^/\s]+/\S*$", url):
        raise SettingsError(
            f"AIGUILLAGE_WEBHOOK_URL: {url!r} is no web address "
            "(e.g. https://bot.example.fr/telegram)"
        )
    return url or None


def _webhook_secret(value: str) -> str | None:
    secret = value.strip()
    # Telegram's rule for secret_token: 1 to 256 characters A-Z, a-z, 0-9, _ and -.
    if secret and not (
        MIN_SECRET_LENGTH <= len(secret) <= 256 and re.fullmatch(r"[A-Za-z0-9_-]+", secret)
    ):
        raise SettingsError(
            f"AIGUILLAGE_WEBHOOK_SECRET: {MIN_SECRET_LENGTH} to 256 letters, digits, '_' or '-' "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(32))")'
        )
    return secret or None

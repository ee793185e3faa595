"""Settings from the environment: fail fast, in one line, on what is missing or malformed."""

from datetime import time, timedelta

import pytest

from bot.application import build_application
from bot.settings import Settings, SettingsError

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_a_well_formed_token_and_the_defaults(tmp_path):
    settings = Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "AIGUILLAGE_DATA_DIR": str(tmp_path / "data")}
    )

    assert settings.token == TOKEN
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'aiguillage.sqlite3'}"
    assert (tmp_path / "data").is_dir()
    assert settings.territory == () and settings.admin_ids == frozenset()
    assert settings.base_url is None and settings.base_file_url is None


def test_every_setting_is_read(tmp_path):
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot",
            "TELEGRAM_BASE_FILE_URL": "http://127.0.0.1:8081/file/bot",
            "DATABASE_URL": "postgresql+psycopg://aiguillage@db/aiguillage",
            "AIGUILLAGE_TERRITORY": "82, 47;2a 974 82",
            "AIGUILLAGE_ADMIN_IDS": "12345,678",
        }
    )

    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.database_url == "postgresql+psycopg://aiguillage@db/aiguillage"
    assert settings.territory == ("82", "47", "2A", "974")
    assert settings.admin_ids == frozenset({12345, 678})


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN is malformed"),
        ({"TELEGRAM_BOT_TOKEN": "123:short"}, "TELEGRAM_BOT_TOKEN is malformed"),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "AIGUILLAGE_TERRITORY": "82,Tarn"},
            "'TARN' is no department",
        ),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "AIGUILLAGE_ADMIN_IDS": "12,bob"}, "'bob' is no Telegram"),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "AIGUILLAGE_WEBHOOK_URL": "bot.example.fr"},
            "AIGUILLAGE_WEBHOOK_URL: 'bot.example.fr' is no web address",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "AIGUILLAGE_WEBHOOK_SECRET": "short"},
            "AIGUILLAGE_WEBHOOK_SECRET: 32 to 256 letters",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "AIGUILLAGE_WEBHOOK_SECRET": "é" * 40},
            "AIGUILLAGE_WEBHOOK_SECRET: 32 to 256 letters",
        ),
    ],
)
def test_a_bad_setting_is_one_clear_line(tmp_path, environ, message):
    environ = {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", **environ}
    with pytest.raises(SettingsError, match=message) as error:
        Settings.from_env(environ)
    assert "\n" not in str(error.value)


def test_the_chat_needs_no_token(tmp_path):
    settings = Settings.from_env({"AIGUILLAGE_DATA_DIR": str(tmp_path)}, require_token=False)

    assert settings.token is None


def test_the_bot_cannot_be_built_for_telegram_without_a_token(tmp_path):
    settings = Settings(token=None, database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")

    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        build_application(settings)


def test_building_the_bot_does_nothing_yet(tmp_path):
    database = tmp_path / "x.sqlite3"
    settings = Settings(token=TOKEN, database_url=f"sqlite:///{database}")

    application = build_application(settings)

    assert application.bot.token == TOKEN
    assert application.bot_data.services is None
    assert not database.exists()


def test_reminders_waitlist_and_retention_are_configurable(tmp_path):
    settings = Settings.from_env(
        {
            "AIGUILLAGE_DATA_DIR": str(tmp_path),
            "AIGUILLAGE_REMINDER_DAY_BEFORE": "17:30",
            "AIGUILLAGE_REMINDER_BEFORE_MINUTES": "off",
            "AIGUILLAGE_WAITLIST_OFFER_MINUTES": "45",
            "AIGUILLAGE_RETENTION_DAYS": "180",
            "AIGUILLAGE_OUTBOX_SECONDS": "20",
        },
        require_token=False,
    )

    assert settings.policy.reminders.day_before_at == time(17, 30)
    assert settings.policy.reminders.hours_before is None
    assert settings.policy.waitlist.offer_ttl == timedelta(minutes=45)
    assert settings.retention == timedelta(days=180)
    assert settings.outbox_interval == timedelta(seconds=20)


def test_by_default_two_reminders_and_twelve_months(tmp_path):
    settings = Settings.from_env({"AIGUILLAGE_DATA_DIR": str(tmp_path)}, require_token=False)

    assert settings.policy.reminders.day_before_at == time(18, 0)
    assert settings.policy.reminders.hours_before == timedelta(hours=2)
    assert settings.retention == timedelta(days=365)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("AIGUILLAGE_REMINDER_DAY_BEFORE", "6pm"),
        ("AIGUILLAGE_REMINDER_BEFORE_MINUTES", "-5"),
        ("AIGUILLAGE_WAITLIST_OFFER_MINUTES", "0"),
        ("AIGUILLAGE_WAITLIST_OFFER_MINUTES", "29"),  # an offer under 30 minutes is never made
        ("AIGUILLAGE_RETENTION_DAYS", "a year"),
    ],
)
def test_a_malformed_delay_is_one_clear_line(tmp_path, variable, value):
    with pytest.raises(SettingsError, match=variable) as error:
        Settings.from_env(
            {"AIGUILLAGE_DATA_DIR": str(tmp_path), variable: value}, require_token=False
        )
    assert "\n" not in str(error.value)

"""The webhook's routes, the logs and `aiguillage doctor`, in one process: Telegram's secret is
checked on every post, /healthz says whether the database answers, every update handled is one
log line naming its id and nothing of the resident, and the doctor finds what is wrong."""

import asyncio
import io
import json
import logging

import httpx
import pytest
from fake_bot_api import DEFAULT_TOKEN
from starlette.applications import Starlette

from bot.application import build_application
from bot.cli import main
from bot.doctor import diagnose
from bot.logs import configure_logging
from bot.offline_api import OfflineBotApi
from bot.settings import Settings
from bot.webhook import SECRET_HEADER, webhook_routes

SECRET = "a-webhook-secret-of-forty-characters-ok"
START = {
    "update_id": 77,
    "message": {
        "message_id": 1,
        "date": 1700000000,
        "chat": {"id": 4242, "type": "private", "first_name": "Gwendoline"},
        "from": {"id": 4242, "is_bot": False, "first_name": "Gwendoline", "language_code": "fr"},
        "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
    },
}


def client(application) -> httpx.AsyncClient:
    app = Starlette(routes=webhook_routes(application, SECRET))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot")


async def test_a_post_without_telegram_s_secret_is_refused_and_handles_nothing(bot):
    async with client(bot.application) as web:
        missing = await web.post("/telegram", json=START)
        wrong = await web.post("/telegram", json=START, headers={SECRET_HEADER: "x" * 40})
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert not [c for c in bot.api.calls if c.method == "sendMessage"]

        answered = await web.post("/telegram", json=START, headers={SECRET_HEADER: SECRET})

    # Answered once handled: the welcome is already sent.
    assert answered.status_code == 200
    [welcome] = [c for c in bot.api.calls if c.method == "sendMessage"]
    assert welcome.result["text"].startswith("Bonjour Gwendoline !")


async def test_health_is_ok_while_the_database_answers(bot):
    async with client(bot.application) as web:
        health = await web.get("/healthz")
    assert (health.status_code, health.text) == (200, "ok")


async def test_health_is_503_when_the_database_is_out_of_reach(tmp_path):
    settings = Settings(
        token=None,
        database_url="postgresql+psycopg://nobody@127.0.0.1:1/nothing",
    )
    application = build_application(settings, request=OfflineBotApi())
    try:
        async with client(application) as web:
            health = await web.get("/healthz")
    finally:
        application.engine.dispose()
    assert health.status_code == 503


@pytest.fixture
def log_lines():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("json", stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.handlers[:] = handlers
    root.setLevel(level)


async def test_each_update_is_a_json_log_line_with_its_id_and_nothing_of_the_resident(
    bot, log_lines
):
    gwendoline = bot.resident("Gwendoline", user_id=4242)
    await gwendoline.says("/start")
    await gwendoline.taps("Impôts en ligne")
    await gwendoline.says("Moissac")

    lines = log_lines()
    handled = [line for line in lines if line["message"].startswith("handled in")]
    ids = [line["update_id"] for line in handled]
    assert len(ids) == 3 and ids == sorted(set(ids)) and all(isinstance(i, int) for i in ids)
    assert {line["level"] for line in handled} == {"INFO"}
    logged = json.dumps(lines, ensure_ascii=False)
    assert "Gwendoline" not in logged and "Moissac" not in logged and "4242" not in logged


async def test_the_doctor_finds_all_well_then_names_each_problem(
    fake_bot_api, database_url, monkeypatch
):
    environ = {
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_BASE_URL": fake_bot_api.base_url,
        "DATABASE_URL": database_url,
    }
    fine, problems = await diagnose(environ)
    assert problems == []
    assert fine[0] == "settings: ok" and fine[1].startswith("database: ok (revision ")
    assert fine[2:] == [
        "token: ok (@aiguillage_test_bot)",
        "webhook: none (long polling), 0 pending",
    ]

    webhook = {
        **environ,
        "AIGUILLAGE_WEBHOOK_URL": "https://bot.example.fr/telegram",
        "AIGUILLAGE_WEBHOOK_SECRET": SECRET,
    }
    _fine, problems = await diagnose(webhook)
    assert problems == [
        "webhook: Telegram posts to 'nowhere', not AIGUILLAGE_WEBHOOK_URL (start "
        "`aiguillage run --webhook`, which sets it)"
    ]

    broken = {
        **environ,
        "TELEGRAM_BOT_TOKEN": "999:" + "x" * 35,
        "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/nothing",
        "AIGUILLAGE_WEBHOOK_URL": "https://bot.example.fr/telegram",
    }
    _fine, problems = await diagnose(broken)
    assert [problem.split(":")[0] for problem in problems] == ["settings", "database", "telegram"]
    assert "AIGUILLAGE_WEBHOOK_SECRET is not set" in problems[0]
    assert "refused TELEGRAM_BOT_TOKEN of bot 999" in problems[2]
    assert all("\n" not in problem and "x" * 35 not in problem for problem in problems)

    for name, value in broken.items():
        monkeypatch.setenv(name, value)
    stdout = io.StringIO()
    status = await asyncio.to_thread(main, ["doctor"], io.StringIO(), stdout)
    assert status == 1
    assert (
        len([line for line in stdout.getvalue().splitlines() if line.startswith("problem:")]) == 3
    )

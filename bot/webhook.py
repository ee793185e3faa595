"""`aiguillage run --webhook`: Telegram posts each update to this process, served by uvicorn
from the dashboard's ASGI application (python-telegram-bot's custom-webhook pattern).

    serve_webhook(settings, host="127.0.0.1", port=8000)    # behind nginx, one or more processes

Routes: `POST /telegram` (the update; refused with 403 unless `X-Telegram-Bot-Api-Secret-Token`
is AIGUILLAGE_WEBHOOK_SECRET) and `GET /healthz` (200 when the database answers, 503 when it does
not), then the dashboard's. At start each process tells Telegram where to post (`setWebhook`,
the same URL and secret for all); at stop it does not delete the webhook: the others still serve.

An update is handled before it is answered, not merely queued: Telegram sends a chat's next update
once the previous one is answered, so whichever process gets it reads the step and the draft the
previous one wrote (`bot.persistence`). Updates of different residents still run side by side
(`bot.update_processor`, which also keeps one resident's updates in order within a process). The
answer is 200 even when a handler failed (the error handler told the resident): a refusal would
make Telegram post the same update again.

Time-driven jobs (`bot.jobs`) run in every process: the outbox's claims are leased in the database,
so two processes never send one message twice, and retention is idempotent.
"""

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.application import (
    AiguillageApplication,
    build_application,
    check_telegram,
    load_services,
)
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError
from bot.web_app import build_web_app, secret_key

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def check_webhook_settings(settings: Settings) -> tuple[str, str]:
    """AIGUILLAGE_WEBHOOK_URL and AIGUILLAGE_WEBHOOK_SECRET; SettingsError when one is missing."""
    if settings.webhook_url is None:
        raise SettingsError(
            "AIGUILLAGE_WEBHOOK_URL is not set: the public https address nginx forwards to "
            "/telegram (e.g. https://bot.example.fr/telegram)"
        )
    if settings.webhook_secret is None:
        raise SettingsError(
            "AIGUILLAGE_WEBHOOK_SECRET is not set: Telegram sends it with every update "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(32))")'
        )
    return settings.webhook_url, settings.webhook_secret


def database_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def webhook_routes(application: AiguillageApplication, secret: str) -> list[Route]:
    async def telegram(request: Request) -> Response:
        """One update from Telegram, handled before it is answered."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except (ValueError, TypeError, KeyError, json.JSONDecodeError):
            return Response(status_code=400)
        await application.update_processor.process_update(
            update, application.process_update(update)
        )
        return Response()

    async def healthz(_request: Request) -> Response:
        """200 when the database answers; 503 when it does not."""
        if await asyncio.to_thread(database_reachable, application.engine):
            return PlainTextResponse("ok")
        return PlainTextResponse("database unreachable", status_code=503)

    return [
        Route("/telegram", telegram, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
    ]


def build_webhook_app(settings: Settings, application: AiguillageApplication) -> Starlette:
    """The dashboard and the webhook on one application whose services are loaded."""
    url, secret = check_webhook_settings(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with application:  # initialize(): the menus, the jobs; shutdown() at the end
            await application.start()
            await application.bot.set_webhook(
                url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
            )
            logger.info("webhook set; serving updates")
            try:
                yield
            finally:
                await application.stop()

    return build_web_app(
        settings,
        application.bot_data.services,
        more_routes=webhook_routes(application, secret),
        lifespan=lifespan,
    )


def serve_webhook(settings: Settings, *, host: str, port: int, log_format: str = "text") -> None:
    """`aiguillage run --webhook`: until interrupted.

    Raises SettingsError for a missing webhook setting or dashboard key, a token Telegram refuses
    or a Telegram out of reach: checked first, so that the reason is one line."""
    import uvicorn

    check_webhook_settings(settings)
    secret_key(settings)
    asyncio.run(check_telegram(settings))
    configure_logging(log_format)
    application = build_application(settings)
    application.bot_data.services = load_services(settings, application.engine, application.clock)
    app = build_webhook_app(settings, application)
    # No access log: the dashboard's login links carry their tokens in their paths.
    uvicorn.run(app, host=host, port=port, proxy_headers=True, access_log=False, log_config=None)

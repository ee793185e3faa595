"""The ASGI application: the web dashboard, and the Telegram webhook (`bot.webhook`), in one app.

    app = build_web_app(settings, services)   # tests: the services of a running bot
    serve(settings, host=..., port=...)       # `aiguillage web`: its own services, by uvicorn
    # `aiguillage run --webhook`: bot.webhook adds its routes and the bot's start and stop

The routes are `handlers.web`'s; this module adds what a process owns: the services (the same
`load_services` as the bot: one database, one set of rules), the signed session cookie
(HttpOnly, SameSite=Lax, 8 hours, Secure when the public address is https), the templates and
the static files.
"""

import logging
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Lifespan

from bot.application import utc_now
from bot.database import make_engine
from bot.settings import Settings, SettingsError
from handlers.context import Services
from handlers.web import STATIC_DIR, routes, template_environment
from scheduling.web_logins import SESSION_LENGTH

COOKIE = "aiguillage_session"


def secret_key(settings: Settings) -> str:
    """AIGUILLAGE_SECRET_KEY; SettingsError (one line) when it is not set."""
    if settings.secret_key is None:
        raise SettingsError(
            "AIGUILLAGE_SECRET_KEY is not set: the dashboard signs its cookies with it "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(32))")'
        )
    return settings.secret_key


def build_web_app(
    settings: Settings,
    services: Services,
    *,
    more_routes: Sequence[BaseRoute] = (),
    lifespan: Lifespan | None = None,
) -> Starlette:
    """The dashboard for `settings`, on `services`, with `more_routes` (the webhook's) and their
    `lifespan`. Raises SettingsError without a secret key."""
    app = Starlette(
        routes=[
            *more_routes,
            *routes(),
            Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        ],
        lifespan=lifespan,
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=secret_key(settings),
                session_cookie=COOKIE,
                max_age=int(SESSION_LENGTH.total_seconds()),
                same_site="lax",
                https_only=(settings.public_url or "").startswith("https://"),
            )
        ],
    )
    app.state.services = services
    app.state.templates = template_environment()
    return app


def serve(settings: Settings, *, host: str, port: int) -> None:
    """`aiguillage web`: the dashboard by uvicorn until interrupted."""
    import uvicorn

    from bot.application import load_services

    secret_key(settings)  # before the database opens: the reason is one line
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    engine = make_engine(settings.database_url, timeout=settings.database_timeout)
    try:
        app = build_web_app(settings, load_services(settings, engine, utc_now))
        # No access log: the login links' paths carry their tokens.
        uvicorn.run(app, host=host, port=port, proxy_headers=True, access_log=False)
    finally:
        engine.dispose()

"""The web dashboard for advisors and coordinators: routes as thin as the bot's handlers.

`routes()` lists the pages (`handlers.web.pages`); `bot.web_app.build_web_app` assembles them
into the ASGI application with the session cookie, the templates and the services. Every page
and form asks `handlers.web.access` who is there and whether they may, through the same
`scheduling.authority` as the bot; every change is a `scheduling` function called through
`Services.transaction`, so the participants are told through the outbox, as from the bot.
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.routing import Route

from handlers.web import desk, pages

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"


def routes() -> list[Route]:
    """The planning's pages (`pages`), then the coordinators' desk (`desk`)."""
    return [*pages.routes(), *desk.routes()]


def template_environment() -> Environment:
    """Jinja2 with autoescape; `_`, `gettext` and `ngettext` come with each page's language."""
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )


__all__ = ["STATIC_DIR", "routes", "template_environment"]

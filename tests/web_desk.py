"""The dashboard beside the offline bot: the same services (database, clock, catalogs), so that
a login link the bot gives opens the dashboard, and a change made there reaches the outbox.

    async with desk(database_url) as bot:
        claire = bot.resident("Claire", user_id=CLAIRE)
        client = dashboard(bot)                     # Starlette's TestClient
        client.get(await login_path(claire))        # the link /tableau gave
"""

import contextlib
import dataclasses
import html
import re
from collections.abc import AsyncIterator

from offline_bot import OfflineBot, Resident
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.web_app import build_web_app
from knowledge.catalogue import HostStructure
from scheduling.advisor_models import Advisor

PUBLIC_URL = "http://tableau.test"
SECRET_KEY = "a-test-secret-key-that-is-long-enough-0123456789"
CLAIRE = 7001
"""The coordinator of AIGUILLAGE_ADMIN_IDS."""
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@contextlib.asynccontextmanager
async def desk(database_url: str) -> AsyncIterator[OfflineBot]:
    offline = OfflineBot(
        database_url=database_url, admin_ids=frozenset({CLAIRE}), public_url=PUBLIC_URL
    )
    async with offline.running() as running:
        yield running


def web_app(bot: OfflineBot) -> Starlette:
    settings = dataclasses.replace(bot.settings, secret_key=SECRET_KEY)
    return build_web_app(settings, bot.application.bot_data.services)


def dashboard(bot: OfflineBot) -> TestClient:
    """A browser on the dashboard, that shows redirects rather than following them."""
    return TestClient(web_app(bot), base_url=PUBLIC_URL, follow_redirects=False)


async def login_url(person: Resident) -> str:
    """The link of the button /tableau gave."""
    await person.says("/tableau")
    message = person.latest_inline_message()
    assert message is not None, person.last_text
    [[button]] = message["reply_markup"]["inline_keyboard"]
    return button["url"]


async def login_path(person: Resident) -> str:
    return (await login_url(person)).removeprefix(PUBLIC_URL)


def seen(response) -> str:
    """The page's text as the person reads it (entities such as &#39; decoded)."""
    return html.unescape(response.text)


def csrf_of(page: str) -> str:
    return _CSRF.search(page).group(1)


def make_advisor(bot: OfflineBot, person: Resident, *places: str) -> int:
    """The person advises at these places (as an accepted invitation makes them)."""
    with bot.session() as session:
        structures = [
            session.query(HostStructure).filter(HostStructure.name.startswith(name)).one()
            for name in places
        ]
        advisor = Advisor(
            first_name=person.first_name,
            last_name="Conseil",
            telegram_user_id=person.user_id,
            structures=structures,
        )
        session.add(advisor)
        session.flush()
        return advisor.id

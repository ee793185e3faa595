"""The real bot, offline: `Application.process_update` with a recording `BaseRequest`.

Only the transport is replaced (`bot.offline_api.OfflineBotApi` records every Bot API call and
answers it as Telegram would); the handlers, the database (a fresh one per test, on SQLite and on
PostgreSQL), the catalogs and the persistence are the real ones. A test plays residents:

    async def test_...(bot):
        martine = bot.resident("Martine")
        await martine.says("/start")
        await martine.taps("Impôts en ligne")
        assert "Toujours à Moissac ?" in martine.last_text

The clock is controlled (`bot.clock.advance(...)`) and nothing sleeps.
"""

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.application import AiguillageApplication, build_application
from bot.offline_api import ApiCall, Button, OfflineBotApi, OfflineChat
from bot.settings import Settings
from knowledge.catalogue import HostStructure
from scheduling.advisor_models import Advisor
from scheduling.models import Slot, Workshop, WorkshopKind, WorkshopTheme
from scheduling.policy import DEFAULT_POLICY, Policy

# Monday 3 March 2025, 9:00 in Moissac (CET): the clock every story starts from.
NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
# Every message a resident receives is one short read, in every language: the `bot` fixtures
# check it after each test. Staff chats (advisors, coordinators) are not held to it.
RESIDENT_MESSAGE_LIMIT = 500


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class Resident(OfflineChat):
    """A resident with the words of a test: says, taps, shares; and what they see."""

    async def says(self, text: str) -> str:
        return _texts(await self.send_text(text))

    async def sends_file(self, file_name: str, content: bytes) -> str:
        return _texts(await self.send_document(file_name, content))

    async def shares_location(self, lat: float, lon: float) -> str:
        return _texts(await self.send_location(lat, lon))

    async def sends(self, **content: Any) -> str:
        """Any other message, as the Bot API describes it: `sticker={...}`, `photo=[...]`."""
        return _texts(await self._message(**content))

    async def taps(self, label: str) -> str:
        """Tap the one button offered now whose text contains `label`."""
        return _texts(await self.tap(self.button(label)))

    async def presses(self, callback_data: str) -> str:
        """Press an inline button by its data (an old screen's button, a forged one)."""
        return _texts(await self.press(callback_data))

    def button(self, label: str) -> Button:
        found = [button for button in self.choices() if label in button.text]
        labels = [button.text for button in self.choices()]
        assert len(found) == 1, f"{len(found)} buttons with {label!r} among {labels}"
        return found[0]

    def button_texts(self) -> list[str]:
        return [button.text for button in self.choices()]

    def slot_buttons(self) -> list[Button]:
        return [b for b in self.choices() if (b.callback_data or "").startswith("sl1:")]

    @property
    def last_text(self) -> str:
        """Everything the bot said in answer to the resident's latest action."""
        return _texts(self.last_turn)

    def calls(self, method: str) -> list[ApiCall]:
        return [call for call in self.last_turn if call.method == method]


def _texts(calls: list[ApiCall]) -> str:
    """The texts the bot sent or edited, and the captions of its photos."""
    return "\n".join(
        call.result.get("text") or call.result.get("caption", "")
        for call in calls
        if call.method in ("sendMessage", "editMessageText", "sendPhoto") and not call.error
    )


@dataclass
class OfflineBot:
    """The application, its recorded Bot API, its database and its clock."""

    database_url: str
    territory: tuple[str, ...] = ("82",)
    admin_ids: frozenset[int] = frozenset()
    """Telegram ids of the coordinators (AIGUILLAGE_ADMIN_IDS)."""
    database_timeout: timedelta = timedelta(seconds=5)
    policy: Policy = DEFAULT_POLICY
    """Reminders and waitlist offers, as the settings give them."""
    public_url: str | None = None
    """AIGUILLAGE_PUBLIC_URL: where /tableau's links lead."""
    clock: Clock = field(default_factory=lambda: Clock(NOW))
    api: OfflineBotApi = field(default_factory=OfflineBotApi)
    application: AiguillageApplication | None = None
    _next_user: int = 1001

    @property
    def settings(self) -> Settings:
        return Settings(
            token=None,
            database_url=self.database_url,
            territory=self.territory,
            admin_ids=self.admin_ids,
            # The tests run the `outbox` job by hand, at their clock: never on its own.
            outbox_interval=timedelta(days=1),
            database_timeout=self.database_timeout,
            policy=self.policy,
            public_url=self.public_url,
        )

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator["OfflineBot"]:
        """The application started as in production (job queue included), then shut down."""
        self.application = build_application(self.settings, request=self.api, clock=self.clock)
        async with self.application:
            await self.application.start()
            try:
                yield self
            finally:
                await self.application.stop()

    def resident(
        self, first_name: str = "Martine", *, language_code: str | None = "fr", user_id: int = 0
    ) -> Resident:
        if not user_id:
            user_id, self._next_user = self._next_user, self._next_user + 1
        assert self.application is not None
        return Resident(
            self.application,
            self.api,
            user_id=user_id,
            first_name=first_name,
            language_code=language_code,
        )

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction on the bot's database, to set the scene or check the outcome."""
        assert self.application is not None
        with self.application.bot_data.services.sessions.begin() as session:
            yield session

    def structure_id(self, name: str) -> int:
        with self.session() as session:
            return session.scalars(
                select(HostStructure.id).where(HostStructure.name.startswith(name))
            ).one()

    def add_slot(
        self,
        *,
        structure: str = "Mairie de Moissac",
        title: str = "Déclarer ses revenus en ligne",
        themes: tuple[str, ...] = ("impots",),
        starts_at: datetime = NOW + timedelta(days=1, hours=5),
        capacity: int = 8,
        kind: WorkshopKind = WorkshopKind.COLLECTIVE,
        **changes: Any,
    ) -> int:
        """A real (non-demo) workshop slot at `structure`; Tuesday 4 March 14:00 by default."""
        structure_id = self.structure_id(structure)
        with self.session() as session:
            workshop = Workshop(
                structure_id=structure_id,
                title=title,
                kind=kind,
                themes=[WorkshopTheme(theme=theme) for theme in themes],
            )
            slot = Slot(
                workshop=workshop,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                capacity=capacity,
                **changes,
            )
            session.add_all([workshop, slot])
            session.flush()
            return slot.id

    def change_slot(self, slot_id: int, change: Callable[[Slot], None]) -> None:
        with self.session() as session:
            change(session.get(Slot, slot_id))

    def long_messages_to_residents(self) -> list[str]:
        """The texts over `RESIDENT_MESSAGE_LIMIT` characters (as the resident reads them,
        markup left out) sent to a chat that is not a coordinator's or a linked advisor's."""
        with self.session() as session:
            advisors = session.scalars(select(Advisor.telegram_user_id)).all()
        staff = set(self.admin_ids) | {user_id for user_id in advisors if user_id is not None}
        return [
            call.result["text"]
            for call in self.api.calls
            if call.method in ("sendMessage", "editMessageText")
            and not call.error
            and int(call.params["chat_id"]) not in staff
            and len(call.result["text"]) > RESIDENT_MESSAGE_LIMIT
        ]


@pytest_asyncio.fixture
async def bot(database_url: str) -> AsyncIterator[OfflineBot]:
    """The bot serving Tarn-et-Garonne (82), on a fresh database, started at `NOW`."""
    async with OfflineBot(database_url=database_url).running() as running:
        yield running
        assert running.long_messages_to_residents() == []


@pytest_asyncio.fixture
async def bot_without_territory(database_url: str) -> AsyncIterator[OfflineBot]:
    """The same bot serving no department in particular."""
    offline = OfflineBot(database_url=database_url, territory=())
    async with offline.running() as running:
        yield running
        assert running.long_messages_to_residents() == []

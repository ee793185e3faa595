"""The Telegram application, assembled by one builder chain; nothing happens at import time.

    application = build_application(settings)        # then run_polling(settings) does the rest
    async with build_application(settings, request=OfflineBotApi()) as application:
        await application.process_update(update)     # tests and `aiguillage chat`

`AiguillageApplication` does its start-up in `initialize()`: the database schema, the demo
catalogue and demo slots in an empty database (closed once a real place exists), the gazetteer,
matchers and structure index, the catalogs, the command menus (setMyCommands, French and
English; the staff's in their chats), and the periodic jobs (`bot.jobs`: the outbox of reminders
and notices, retention), rebuilt at every start.
`run_polling` calls `initialize()`, and so does `async with application`, so every way of
starting is the same one (python-telegram-bot calls `post_init` only from
`run_polling`/`run_webhook`). `shutdown()`
disposes of the engine. After each update the conversation states are written to the database.
"""

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, text
from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.database import fold_log, make_engine, make_sessionmaker
from bot.i18n import load_catalogs
from bot.jobs import register_jobs
from bot.logs import configure_logging, handling
from bot.migrate import ensure_current
from bot.persistence import SqlPersistence
from bot.settings import Settings, SettingsError
from bot.telegram_bot import CourteousBot
from bot.telegram_request import PatientRequest
from bot.update_processor import LaneUpdateProcessor
from handlers import (
    advisor_list,
    answers,
    bookings,
    dashboard,
    errors,
    flood,
    help,
    invitations,
    journey,
    language,
    new_session,
    planning,
    privacy,
    reminders,
    statistics,
)
from handlers.context import BotData, CustomContext, Draft, Services, Tr
from handlers.conversation import Conversation
from handlers.render.account import command_menu
from handlers.slot_import import handlers as slot_import_handlers
from handlers.staff_menus import show_staff_menus
from knowledge import service_state
from knowledge.catalogue_index import LiveStructureIndex
from knowledge.commune_matcher import load_commune_matcher
from knowledge.demo_catalogue import load_demo_catalogue, retire_demo_places
from knowledge.gazetteer import load_gazetteer
from knowledge.need_classifier import NeedClassifier
from knowledge.service_state import BOT_USERNAME
from knowledge.themes import THEMES
from scheduling.demo_slots import generate_demo_slots, retire_demo_slots

logger = logging.getLogger(__name__)

# Tests and the console talk to no Telegram server: any well-formed token will do.
OFFLINE_TOKEN = "123456789:aiguillage-offline-token-no-network"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def load_services(settings: Settings, engine: Engine, clock: Clock) -> Services:
    """Everything the handlers share, loaded once; the demo data in an empty database."""
    ensure_current(engine)
    sessions = make_sessionmaker(engine)
    gazetteer = load_gazetteer()
    with sessions.begin() as session:
        added = load_demo_catalogue(session, gazetteer)
        # However the first real place came (an import, a coordinator), the demo is over.
        if retire_demo_places(session):
            retire_demo_slots(session, now=clock())
        slots = generate_demo_slots(session, now=clock())
    if added or slots:
        logger.info("demo data: %d structures, %d slots added", added, slots)
        # Fresh statistics let the planners search only the places found, not every slot.
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    return Services(
        sessions=sessions,
        gazetteer=gazetteer,
        communes=load_commune_matcher(),
        needs=NeedClassifier.from_themes(THEMES),
        structures=LiveStructureIndex(),
        catalogs=load_catalogs(),
        clock=clock,
        territory=settings.territory,
        admin_ids=settings.admin_ids,
        policy=settings.policy,
        public_url=settings.public_url,
        fold_log=functools.partial(fold_log, engine),
    )


class AiguillageApplication(Application):
    """The application with its start-up, shut-down and write-through persistence."""

    def __init__(self, *, settings: Settings, engine: Engine, clock: Clock, **kwargs: Any):
        super().__init__(**kwargs)
        self.settings = settings
        self.engine = engine
        self.clock = clock
        # Updates of several residents run at once (`bot.update_processor`): their writes are
        # made one batch after the other, in the order they were handed over, so that an older
        # state never lands after a newer one.
        self._persisting = asyncio.Lock()

    async def initialize(self) -> None:
        if self.bot_data.services is None:
            # The database must be ready before the persistence reads it in super().initialize().
            self.bot_data.services = await asyncio.to_thread(
                load_services, self.settings, self.engine, self.clock
            )
        await super().initialize()
        if self.settings.token is not None:
            # The links other commands make (invitations) name the bot as Telegram knows it.
            await self.bot_data.services.transaction(
                service_state.write, BOT_USERNAME, self.bot.username
            )
        await self._register_commands()
        # Jobs are derived state: rebuilt at every start from what the database holds.
        register_jobs(self, interval=self.settings.outbox_interval)

    async def _register_commands(self) -> None:
        catalogs = self.bot_data.services.catalogs
        await self.bot.set_my_commands(command_menu(Tr.of(catalogs["fr"], "fr")))
        await self.bot.set_my_commands(
            command_menu(Tr.of(catalogs["en"], "en")), language_code="en"
        )
        # The staff's menus, in their chats: a new version's commands, and the coordinators of
        # AIGUILLAGE_ADMIN_IDS, who have no other moment to get theirs.
        await show_staff_menus(self.bot, self.bot_data.services)

    def _timeouts(self) -> dict[str, timedelta]:
        """Each persistent conversation's name and how long its steps last."""
        return {
            handler.name: handler.timeout
            for group in self.handlers.values()
            for handler in group
            if isinstance(handler, Conversation)
        }

    async def _refresh_conversations(self, update: object) -> None:
        """This update's conversation states as the database holds them now, into the
        conversations' mappings (untracked: nothing to write back). Every conversation is keyed
        by chat and user (`handlers.conversation`), as python-telegram-bot keys them."""
        persistence = self.persistence
        if not (
            isinstance(persistence, SqlPersistence)
            and isinstance(update, Update)
            and update.effective_chat is not None
            and update.effective_user is not None
        ):
            return
        key = (update.effective_chat.id, update.effective_user.id)
        states = await persistence.refresh_conversations(key, self._timeouts())
        for name, conversations in self._conversation_handler_conversations.items():
            if name in states:
                conversations.update_no_track({key: states[name]})
            else:
                conversations.data.pop(key, None)

    async def process_update(self, update: object) -> None:
        if not isinstance(update, Update):
            await self._process_update(update)
            return
        with handling(update.update_id):
            started = time.perf_counter()
            await self._process_update(update)
            # One line per update, with its id (bot.logs) and nothing of who sent it.
            logger.info("handled in %d ms", (time.perf_counter() - started) * 1000)

    async def _process_update(self, update: object) -> None:
        await self._refresh_conversations(update)
        await super().process_update(update)
        # Written now rather than every minute: a crash must not lose a resident's step. The
        # draft and the conversation state in one transaction: both or neither.
        persistence = self.persistence
        if not isinstance(persistence, SqlPersistence):
            await self.update_persistence()
            return
        try:
            async with self._persisting, persistence.one_transaction():
                await self.update_persistence()
        except Exception as error:  # the commit failed: reported like a failed write
            await self.process_error(update=None, error=error)

    async def shutdown(self) -> None:
        await super().shutdown()
        self.engine.dispose()


def _register_handlers(application: Application, gate: flood.FloodGate) -> None:
    # Before anything else: updates from groups and channels go no further, nor those of a
    # resident who floods.
    application.add_handlers(help.gatekeeper(), group=-3)
    application.add_handlers(flood.handlers(gate), group=-2)
    # An invitation link (/start <token>) in a group before the main one: a link refused lets the
    # journey's /start welcome the resident; one accepted stops there.
    application.add_handlers(invitations.deep_links(), group=-1)
    # Then, in the same group, the yes/no question asked last time is kept for this update only
    # (a typed "oui" answers it, nothing later).
    application.add_handlers(answers.keep_questions(), group=-1)
    application.add_handlers(
        [
            # The staff's dialogues first: while one runs, its steps own the text typed (each
            # is entered only by its command, so it takes nothing from anyone else).
            *invitations.handlers(),
            *new_session.handlers(),
            *planning.handlers(),
            # Then the journey: within it, its steps own the text the resident types (and the
            # files sent: a staff member's are handed to the slot import).
            *journey.handlers(),
            # Files outside the journey: a staff member's list of sessions.
            *slot_import_handlers(),
            # Commands and buttons that work at any step, without leaving it.
            *bookings.handlers(),
            *advisor_list.handlers(),
            *statistics.handlers(),
            *dashboard.handlers(),
            # Reminder and waitlist buttons (sent by the `outbox` job, see bot/jobs.py).
            *reminders.handlers(),
            *language.handlers(),
            *privacy.handlers(),
            *help.handlers(),
            # Last: an old button or an unknown command gets an answer, never silence.
            *help.last_resort(),
        ]
    )
    application.add_error_handler(errors.on_error)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    clock: Clock = utc_now,
) -> AiguillageApplication:
    """The application for `settings`; `request` replaces the network (tests, the console).

    Raises SettingsError when there is neither a token nor a `request`.
    """
    if settings.token is None and request is None:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set: ask @BotFather for a token")
    engine = make_engine(settings.database_url, timeout=settings.database_timeout)
    # Counted where updates arrive (a paused sender's are dropped before they queue up) and
    # where they are handled (the notice, the staff's exemption).
    gate = flood.FloodGate(limit=settings.flood_messages, pause=settings.flood_pause)
    # Production: waits out a 429 up to 3 times (PTB's default is never), retries a 5xx.
    production = request is None
    urls = {"base_url": settings.base_url, "base_file_url": settings.base_file_url}
    bot = CourteousBot(
        settings.token or OFFLINE_TOKEN,
        request=PatientRequest() if production else request,
        get_updates_request=get_updates_request,
        rate_limiter=AIORateLimiter(max_retries=3) if production else None,
        **{name: url for name, url in urls.items() if url},
    )
    builder = (
        ApplicationBuilder()
        .bot(bot)
        .concurrent_updates(LaneUpdateProcessor(gate=gate, clock=clock))
        .application_class(
            AiguillageApplication, {"settings": settings, "engine": engine, "clock": clock}
        )
        .persistence(SqlPersistence(make_sessionmaker(engine), clock=clock))
        .context_types(ContextTypes(context=CustomContext, bot_data=BotData, user_data=Draft))
    )
    application = builder.build()
    _register_handlers(application, gate)
    return application


def run_polling(settings: Settings, *, log_format: str = "text") -> None:
    """`aiguillage run`: the bot on Telegram by long polling, until interrupted.

    Raises SettingsError when Telegram refuses the token or cannot be reached: checked first,
    before the logs start and the database opens, so that the reason is one line.
    """
    asyncio.run(check_telegram(settings))
    configure_logging(log_format)
    application = build_application(settings)
    try:
        application.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])
    except (InvalidToken, NetworkError) as error:  # between the check and the start
        raise _telegram_error(settings, error) from None


async def check_telegram(settings: Settings) -> None:
    """Ask Telegram who the bot is (getMe); SettingsError if it refuses or cannot be reached."""
    assert settings.token is not None
    urls = {"base_url": settings.base_url, "base_file_url": settings.base_file_url}
    bot = Bot(settings.token, **{name: url for name, url in urls.items() if url})
    try:
        async with bot:  # getMe
            pass
    except (InvalidToken, NetworkError) as error:
        raise _telegram_error(settings, error) from None


def _telegram_error(settings: Settings, error: InvalidToken | NetworkError) -> SettingsError:
    """One line, with the bot's id (the token's digits before the colon) but never the token."""
    token = settings.token or ""
    bot_id = token.partition(":")[0]
    if isinstance(error, InvalidToken):
        return SettingsError(
            f"Telegram refused TELEGRAM_BOT_TOKEN of bot {bot_id} (revoked or mistyped?): "
            "copy it again from @BotFather"
        )
    host = urlsplit(settings.base_url or "https://api.telegram.org").netloc or settings.base_url
    reason = str(error).replace(token, f"{bot_id}:…") if token else str(error)
    return SettingsError(
        f"cannot reach Telegram at {host} ({reason}): check the network"
        + (", or TELEGRAM_BASE_URL" if settings.base_url else "")
    )

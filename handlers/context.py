"""The typed context every handler receives, and what it carries.

`Services` holds what the bot loads once at start (the sessionmaker, the gazetteer, the
matchers, the structure index, the catalogs, the clock); `bot/` builds it and stores it in
`BotData`. `Draft` is a resident's small in-progress choice (the need, the place searched from;
for the staff, the answers of /nouvelle_seance as a `SessionDraft`), persisted as JSON between
updates; durable facts (the resident, bookings) live in the database.
`CustomContext` gives handlers `context.transaction(…)` (the database, off the event loop),
`context.compute(…)`, `context.gettext`, `context.tr` and `context.now()`:
no string keys, no module-level singletons. These types live here because handlers cannot
import `bot/`.
"""

import asyncio
import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker
from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from knowledge.catalogue_index import LiveStructureIndex
from knowledge.commune_matcher import CommuneMatcher
from knowledge.gazetteer import Gazetteer
from knowledge.need_classifier import NeedClassifier
from scheduling.policy import DEFAULT_POLICY, Policy

T = TypeVar("T")

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")


def language_for(language_code: str | None) -> str:
    """The catalog for a Telegram `language_code` ("en-GB" → "en"); French otherwise."""
    base = (language_code or "").split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


class Catalog(Protocol):
    """What handlers need of a `babel.support.Translations`."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


@dataclass(frozen=True, slots=True)
class Tr:
    """One resident's language: the catalog's functions and the babel locale for formatting."""

    locale: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]

    @classmethod
    def of(cls, catalog: Catalog, locale: str) -> "Tr":
        return cls(locale=locale, gettext=catalog.gettext, ngettext=catalog.ngettext)


@dataclass(frozen=True, slots=True)
class Services:
    """Everything loaded once at start and shared by every handler; immutable."""

    sessions: sessionmaker[Session]
    gazetteer: Gazetteer
    communes: CommuneMatcher
    needs: NeedClassifier
    structures: LiveStructureIndex
    """The places for the nearest search: `structures.current(session)`."""
    catalogs: Mapping[str, Catalog]
    """One per language of `LANGUAGES`, all loaded (see `bot.i18n`)."""
    clock: Callable[[], datetime]
    """Aware "now"; a fixed or stepping clock in tests."""
    territory: tuple[str, ...] = ()
    admin_ids: frozenset[int] = frozenset()
    policy: Policy = DEFAULT_POLICY
    """The configured reminders and waitlist rules, passed to every seat operation."""
    public_url: str | None = None
    """The web dashboard's address (AIGUILLAGE_PUBLIC_URL), for /tableau's login links."""
    fold_log: Callable[[], None] = lambda: None
    """Make an erasure final on disk (`bot.database.fold_log`); see `forget_on_disk`."""

    async def transaction(self, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`work(session, *args, **kwargs)` in one transaction, committed if it returns, on a
        worker thread: while it waits for a lock or the disk, the event loop serves the others.
        The one way handlers reach the database."""

        def run() -> T:
            with self.sessions.begin() as session:
                return work(session, *args, **kwargs)

        return await asyncio.to_thread(run)

    async def forget_on_disk(self) -> None:
        """After an erasure is committed: nothing of it left in the database's files."""
        await asyncio.to_thread(self.fold_log)

    async def compute(self, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`work(*args, **kwargs)` on a worker thread: CPU work (matching what a resident typed)
        that must not hold up the other residents."""
        return await asyncio.to_thread(work, *args, **kwargs)


class BotData:
    """`context.bot_data`: the services, set once the application has loaded them."""

    __slots__ = ("services",)

    def __init__(self) -> None:
        self.services: Services | None = None


@dataclass(slots=True)
class Draft:
    """`context.user_data`: where a user is in the journey (a coordinator in /inviter, a staff
    member in /nouvelle_seance); JSON-able, persisted per user.

    Not the truth about anything: a lost draft only means asking again.
    """

    language: str | None = None
    """Cache of the resident's language (the database holds it)."""
    theme: str | None = None
    """The need chosen; None for "any help"."""
    commune_insee: str | None = None
    lat: float | None = None
    lon: float | None = None
    """Where to search from: the shared location, or the commune's town hall."""
    proposed_commune: str | None = None
    """The commune a yes/no question offers ("Toujours à Moissac ?", "Vouliez-vous dire
    Moissac ?"): what a typed "oui" chooses."""
    question: str | None = None
    """The yes/no question the bot has just asked: the data of its yes and no buttons, packed
    and separated by a space, so that a typed "oui" or "non" presses them. It lives for the
    next update only (see `handlers.answers`)."""
    question_at: float | None = None
    """When it was asked (POSIX seconds)."""
    commune_choices: str | None = None
    """The communes offered to choose from, in order, for the pages of the list and for a
    department typed in answer: INSEE codes, a former commune's prefixed with "f"
    ("07028 15020 f14052"). A string, as every field here is a scalar."""
    invite_search: str | None = None
    """/inviter: the words a coordinator typed to find the place (for the pages of results)."""
    invite_place_id: int | None = None
    """/inviter: the place chosen, until the advisor's name is typed."""
    planning_slot_id: int | None = None
    """/planning: the session being cancelled, moved, or booked for a walk-in."""
    walk_in_name: str | None = None
    walk_in_need: str | None = None
    """/planning: the walk-in's first name and need, until their phone number is asked."""
    new_session: dict[str, Any] | None = None
    """A staff member's answers so far in /nouvelle_seance: `SessionDraft.to_json()`. Replaced
    whole, never changed in place (the copies python-telegram-bot makes are shallow)."""

    def to_json(self) -> dict[str, Any]:
        # Flat fields of scalars: what `dataclasses.asdict` gives, without its recursion.
        return {name: getattr(self, name) for name in self.__slots__}

    def __deepcopy__(self, _memo: dict) -> "Draft":
        # python-telegram-bot deep-copies the draft before every write; its fields are immutable.
        return copy.copy(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Draft":
        known = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def forget_search(self) -> None:
        self.theme = None
        self.commune_insee = None
        self.lat = None
        self.lon = None
        self.proposed_commune = None
        self.commune_choices = None

    def forget_invitation(self) -> None:
        self.invite_search = None
        self.invite_place_id = None


@dataclass(frozen=True, slots=True)
class SessionDraft:
    """The answers of the /nouvelle_seance dialogue so far (`handlers.new_session`), kept in
    `Draft.new_session` between updates and across a restart. Never trusted: the place is
    checked again at every step, and `scheduling.sessions` checks the rest before writing."""

    place_id: int | None = None
    place_name: str | None = None
    timezone: str | None = None
    """The place's, as read from the database when it was chosen."""
    place_fixed: bool = False
    """The advisor's only place, chosen for them: no question about it."""
    kind: str | None = None
    themes: tuple[str, ...] = ()
    themes_done: bool = False
    title: str | None = None
    day: str | None = None
    """ISO date on the place's calendar."""
    start: str | None = None
    """ "14:30" on the place's wall clock."""
    minutes: int | None = None
    capacity: int | None = None
    every_weeks: int | None = None
    """0: once only."""
    until: str | None = None
    """ISO date: the last day a session may fall on."""

    def to_json(self) -> dict[str, Any]:
        data = {field.name: getattr(self, field.name) for field in fields(self)}
        data["themes"] = list(self.themes)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "SessionDraft":
        known = {field.name for field in fields(cls)}
        values = {key: value for key, value in (data or {}).items() if key in known}
        values["themes"] = tuple(values.get("themes", ()))
        return cls(**values)


class CustomContext(CallbackContext[ExtBot, Draft, dict, BotData]):
    """The context of every handler: typed access to the services and the resident's language."""

    def __init__(
        self,
        application: Application,
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.telegram_language: str | None = None
        self.question: tuple[str, float | None] | None = None
        """The yes/no question asked by the user's previous update, for this one only:
        `Draft.question` and `Draft.question_at` (see `handlers.answers`)."""
        self.typed_button: str | None = None
        """The data of the button a typed "oui" or "non" stands for, when that is what runs a
        button's callback (see `handlers.answers.button_data`)."""

    @classmethod
    def from_update(cls, update: object, application: Application) -> "CustomContext":
        context = super().from_update(update, application)
        if isinstance(update, Update) and update.effective_user:
            context.telegram_language = update.effective_user.language_code
        return context

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("the application has not loaded its services (initialize it)")
        return services

    async def transaction(self, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`Services.transaction`: the one way handlers reach the database."""
        return await self.services.transaction(work, *args, **kwargs)

    async def compute(self, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`Services.compute`: CPU work off the event loop."""
        return await self.services.compute(work, *args, **kwargs)

    def now(self) -> datetime:
        return self.services.clock()

    @property
    def language(self) -> str:
        """The resident's language: chosen with /langue, else their Telegram app's."""
        draft = self.user_data
        if draft is not None and draft.language in LANGUAGES:
            return draft.language
        return language_for(self.telegram_language)

    @property
    def tr(self) -> Tr:
        language = self.language
        return Tr.of(self.services.catalogs[language], language)

    @property
    def gettext(self) -> Callable[[str], str]:
        return self.services.catalogs[self.language].gettext

    @property
    def ngettext(self) -> Callable[[str, str, int], str]:
        return self.services.catalogs[self.language].ngettext

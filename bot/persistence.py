"""Durable conversation state in the database: stop the bot mid-conversation, start it again, and
the resident's next message continues where they were.

`SqlPersistence` is a python-telegram-bot `BasePersistence` over two small tables: the state of
each persistent conversation (by conversation name and key) and each user's `Draft` (the theme
and place chosen so far), both as JSON, never pickle. Chat data, bot data and callback data are
not stored (the bot uses none of them). `bot.application.AiguillageApplication` writes the
changes after every update, in one transaction (`one_transaction`), so a crash loses nothing
already answered. Each write is one `INSERT … ON CONFLICT DO UPDATE` statement, built once; a
draft unchanged since it was read for this update is not written again.

Several processes may serve the same residents (webhooks behind a load balancer): the database,
not the memory of a process, says where a resident stands. So both are read again before each
update: the conversation states of the update's key (`refresh_conversations`, called by the
application, which also ends the steps older than their conversation's timeout) and the draft
(`refresh_user_data`, python-telegram-bot's hook, called before the first handler runs). What
python-telegram-bot loads at start (`get_conversations`, `get_user_data`) is empty: it would be
stale by the next update anyway.
"""

import asyncio
import functools
import json
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Executable,
    Insert,
    String,
    Table,
    Text,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from telegram.ext import BasePersistence, PersistenceInput

from handlers.context import Draft
from knowledge.orm import Base, OnConflict

ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
_Write = tuple[Executable, dict[str, object] | None]


class ConversationState(Base):
    """Where one conversation of one user stands."""

    __tablename__ = "conversation_states"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    """The conversation key (chat id, user id) as a JSON list."""
    state: Mapped[str] = mapped_column(Text)
    """The state as JSON (the journey's states are small integers)."""
    updated_at: Mapped[datetime]


class UserDraft(Base):
    """A user's `Draft`: what they chose so far in the journey."""

    __tablename__ = "user_drafts"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _upsert(insert: Callable[[Table], Insert], table: Table) -> Insert:
    """`INSERT … ON CONFLICT (primary key) DO UPDATE` of every other column, values given at
    execution: one statement where `session.merge` takes a SELECT then an INSERT or UPDATE."""
    statement = insert(table)
    key = [column.name for column in table.primary_key]
    return statement.on_conflict_do_update(
        index_elements=key,
        set_={
            column.name: statement.excluded[column.name]
            for column in table.columns
            if column.name not in key
        },
    )


class SqlPersistence(BasePersistence[Draft, dict, dict]):
    """Conversation states and user drafts in SQL tables (created by `bot.database`)."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        clock: Callable[[], datetime] = _utcnow,
    ):
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=60,
        )
        self._sessions = sessions
        self._clock = clock
        self._engine = sessions.kw["bind"]
        self._upserts = {
            table: OnConflict(functools.partial(_upsert, table=table)).on(self._engine)
            for table in (ConversationState.__table__, UserDraft.__table__)
        }
        # Each user's draft as read before the update (or written since): an unchanged draft is
        # not written again. Read again before every update, so another process's write is never
        # mistaken for this one's.
        self._stored_drafts: dict[int, str] = {}
        # The writes handed over inside `one_transaction()` (and its tasks), not yet made.
        self._pending: ContextVar[list[_Write] | None] = ContextVar("pending", default=None)

    @asynccontextmanager
    async def one_transaction(self) -> AsyncIterator[None]:
        """The writes handed over inside are made together, in one transaction, when the block
        ends without error. None is open while the block runs: it may await, and a transaction
        held across an await would keep SQLite's write lock from the other tasks."""
        if self._pending.get() is not None:
            yield
            return
        pending: list[_Write] = []
        token = self._pending.set(pending)
        try:
            yield
        finally:
            self._pending.reset(token)
        if pending:
            await asyncio.to_thread(self._commit, pending)

    def _commit(self, writes: list[_Write]) -> None:
        try:
            with self._engine.begin() as connection:
                for statement, values in writes:
                    connection.execute(statement, values)
        except Exception:
            self._stored_drafts.clear()  # not stored after all: written again next time
            raise

    async def _write(self, statement: Executable, values: dict[str, object] | None = None) -> None:
        """Now, in a transaction of its own; or with the others at the end of `one_transaction`."""
        pending = self._pending.get()
        if pending is not None:
            pending.append((statement, values))
            return
        await asyncio.to_thread(self._commit, [(statement, values)])

    async def _upsert(self, table: Table, values: dict[str, object]) -> None:
        await self._write(self._upserts[table], values)

    # --- conversations ----------------------------------------------------------------------------

    async def get_conversations(self, name: str) -> ConversationDict:
        """Nothing at start: each update's states are read before it (`refresh_conversations`)."""
        return {}

    async def refresh_conversations(
        self, key: ConversationKey, timeouts: Mapping[str, timedelta]
    ) -> dict[str, object]:
        """The states of `key` in the conversations named in `timeouts`, as stored now; a state
        stored longer ago than its conversation's timeout is over: deleted, not returned."""
        return await asyncio.to_thread(self._read_states, json.dumps(list(key)), timeouts)

    def _read_states(self, key: str, timeouts: Mapping[str, timedelta]) -> dict[str, object]:
        now = self._clock()
        states: dict[str, object] = {}
        with self._sessions.begin() as session:
            rows = session.execute(
                select(
                    ConversationState.name, ConversationState.state, ConversationState.updated_at
                ).where(ConversationState.key == key, ConversationState.name.in_(list(timeouts)))
            ).all()
            for name, state, updated_at in rows:
                if updated_at + timeouts[name] >= now:
                    states[name] = json.loads(state)
                    continue
                # Guarded by the time read: a step stored meanwhile stays.
                session.execute(
                    delete(ConversationState).where(
                        ConversationState.name == name,
                        ConversationState.key == key,
                        ConversationState.updated_at == updated_at,
                    )
                )
        return states

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        encoded_key = json.dumps(list(key))
        if new_state is None:
            await self._write(
                delete(ConversationState).where(
                    ConversationState.name == name, ConversationState.key == encoded_key
                )
            )
            return
        await self._upsert(
            ConversationState.__table__,
            {
                "name": name,
                "key": encoded_key,
                "state": json.dumps(new_state),
                "updated_at": self._clock(),
            },
        )

    # --- user drafts ------------------------------------------------------------------------------

    async def get_user_data(self) -> dict[int, Draft]:
        """Nothing at start: each update's draft is read before it (`refresh_user_data`)."""
        return {}

    async def read_drafts(self) -> dict[int, Draft]:
        """Every stored draft (for the tests and the operators)."""
        rows = await asyncio.to_thread(self._read_drafts)
        return {user_id: Draft.from_json(json.loads(data)) for user_id, data in rows}

    def _read_drafts(self) -> list[tuple[int, str]]:
        with self._sessions() as session:
            return [
                tuple(row) for row in session.execute(select(UserDraft.user_id, UserDraft.data))
            ]

    def _read_draft(self, user_id: int) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(UserDraft.data).where(UserDraft.user_id == user_id))

    async def update_user_data(self, user_id: int, data: Draft) -> None:
        encoded = json.dumps(data.to_json())
        if self._stored_drafts.get(user_id) == encoded:
            return
        self._stored_drafts[user_id] = encoded
        await self._upsert(
            UserDraft.__table__,
            {"user_id": user_id, "data": encoded, "updated_at": self._clock()},
        )

    async def drop_user_data(self, user_id: int) -> None:
        self._stored_drafts.pop(user_id, None)
        await self._write(delete(UserDraft).where(UserDraft.user_id == user_id))

    async def forget_drafts(self, *, before: datetime) -> list[int]:
        """Delete the drafts (a shared location, a need…) and conversation states untouched
        since `before`, as retention deletes their residents; the users whose draft went."""

        def forget() -> list[int]:
            with self._sessions.begin() as session:
                session.execute(
                    delete(ConversationState).where(ConversationState.updated_at < before)
                )
                gone = session.scalars(
                    delete(UserDraft)
                    .where(UserDraft.updated_at < before)
                    .returning(UserDraft.user_id)
                )
                return list(gone)

        users = await asyncio.to_thread(forget)
        for user_id in users:
            self._stored_drafts.pop(user_id, None)
        return users

    async def forget_searches(self, *, before: datetime) -> int:
        """Forget the search of drafts untouched since `before` (a journey left unfinished): the
        point searched from, perhaps a shared location, and the need. How many were changed."""

        def forget() -> int:
            changed = 0
            with self._sessions.begin() as session:
                rows = session.execute(
                    select(UserDraft.user_id, UserDraft.data, UserDraft.updated_at).where(
                        UserDraft.updated_at < before
                    )
                ).all()
                for user_id, data, updated_at in rows:
                    draft = Draft.from_json(json.loads(data))
                    searching = Draft.from_json(draft.to_json())
                    draft.forget_search()
                    if draft == searching:
                        continue
                    # Guarded by the time read: a draft written meanwhile is a journey resumed.
                    session.execute(
                        update(UserDraft)
                        .where(UserDraft.user_id == user_id, UserDraft.updated_at == updated_at)
                        .values(data=json.dumps(draft.to_json()))
                    )
                    self._stored_drafts.pop(user_id, None)
                    changed += 1
            return changed

        return await asyncio.to_thread(forget)

    async def refresh_user_data(self, user_id: int, user_data: Draft) -> None:
        """The draft as stored now, into `user_data` (in place: python-telegram-bot hands the
        same object to the handlers): another process may have moved the resident on."""
        data = await asyncio.to_thread(self._read_draft, user_id)
        stored = Draft() if data is None else Draft.from_json(json.loads(data))
        for name in Draft.__slots__:
            setattr(user_data, name, getattr(stored, name))
        if data is None:
            self._stored_drafts.pop(user_id, None)
        else:
            self._stored_drafts[user_id] = data

    # --- what the bot does not store --------------------------------------------------------------

    async def get_chat_data(self) -> dict[int, dict]:
        return {}

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        pass

    async def drop_chat_data(self, chat_id: int) -> None:
        pass

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        pass

    async def get_bot_data(self) -> dict:
        return {}

    async def update_bot_data(self, data: dict) -> None:
        pass

    async def refresh_bot_data(self, bot_data: dict) -> None:
        pass

    async def get_callback_data(self) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        pass

    async def flush(self) -> None:
        """Nothing buffered: every change is committed when it is handed over (or at the end of
        the `one_transaction` block it was handed over in)."""

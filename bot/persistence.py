"""Durable conversation state in the database: stop the bot mid-conversation, start it again, and
the resident's next message continues where they were.

`SqlPersistence` is a python-telegram-bot `BasePersistence` over two small tables: the state of
each persistent conversation (by conversation name and key) and each user's `Draft` (the theme
and place chosen so far), both as JSON, never pickle. Chat data, bot data and callback data are
not stored (the bot uses none of them). `bot.application.AiguillageApplication` writes the
changes after every update, in one transaction (`one_transaction`), so a crash loses nothing
already answered. Each write is one `INSERT … ON CONFLICT DO UPDATE` statement, built once; a
draft unchanged since it was stored is not written again.
"""

import asyncio
import functools
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Executable, Insert, String, Table, Text, delete, select
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
        forget_after: timedelta | None = None,
    ):
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=60,
        )
        self._sessions = sessions
        self._clock = clock
        # Conversation timeouts are jobs, lost with the process: a conversation untouched for
        # longer than this is over when the bot starts again, not resumed weeks later.
        self._forget_after = forget_after
        self._engine = sessions.kw["bind"]
        self._upserts = {
            table: OnConflict(functools.partial(_upsert, table=table)).on(self._engine)
            for table in (ConversationState.__table__, UserDraft.__table__)
        }
        # Each user's draft as last stored: an unchanged draft is not written again.
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
        return await asyncio.to_thread(self._read_conversations, name)

    def _read_conversations(self, name: str) -> ConversationDict:
        with self._sessions.begin() as session:
            if self._forget_after is not None:
                session.execute(
                    delete(ConversationState).where(
                        ConversationState.name == name,
                        ConversationState.updated_at < self._clock() - self._forget_after,
                    )
                )
            rows = session.execute(
                select(ConversationState.key, ConversationState.state).where(
                    ConversationState.name == name
                )
            ).all()
        return {tuple(json.loads(key)): json.loads(state) for key, state in rows}

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
        rows = await asyncio.to_thread(self._read_drafts)
        self._stored_drafts = dict(rows)
        return {user_id: Draft.from_json(json.loads(data)) for user_id, data in rows}

    def _read_drafts(self) -> list[tuple[int, str]]:
        with self._sessions() as session:
            return [
                tuple(row) for row in session.execute(select(UserDraft.user_id, UserDraft.data))
            ]

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

    async def refresh_user_data(self, user_id: int, user_data: Draft) -> None:
        """Nothing to do: this process is the only writer of its users' drafts."""

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

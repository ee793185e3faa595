"""The declarative base shared by every package's models, and what every package's SQL shares.

Named constraints make migrations possible; `UTCDateTime` keeps every stored instant in UTC
whatever the database (SQLite has no time zones and would hand back naive datetimes);
`OnConflict` holds an `INSERT … ON CONFLICT` for each database we run on.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import DateTime, Engine, Insert, MetaData, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored and returned in UTC; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar = {datetime: UTCDateTime}


class OnConflict:
    """An `INSERT … ON CONFLICT` statement, built once for each database we run on: SQLite and
    PostgreSQL say it alike, but SQLAlchemy spells it with each dialect's own `insert`.

        _ADD = OnConflict(lambda insert: insert(table).on_conflict_do_nothing(...))
        session.execute(_ADD.on(session), values)
    """

    def __init__(self, build: Callable[[Callable[[Table], Insert]], Insert]) -> None:
        self._statements = {
            name: build(dialect.insert)
            for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
        }

    def on(self, where: Session | Engine) -> Insert:
        """The statement for the database of `where`."""
        engine = where.get_bind() if isinstance(where, Session) else where
        return self._statements[engine.dialect.name]

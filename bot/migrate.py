"""The schema's version: Alembic migrations (`bot/migrations/versions/`), applied on request.

Every command that opens the database goes through `open_database`: an empty database is created
at the newest revision (by running every migration, so that new databases and upgraded ones are
built the same way); a database at the newest revision opens; any other is refused with
`SchemaError`, whose one line says to run `aiguillage db upgrade`. Nothing but `upgrade` ever
changes a populated schema.

A database made by 728413c, the last version without migrations, has every table and no
`alembic_version`: `upgrade` recognises it, stamps it at the first revision (its schema exactly)
and brings it forward like any other.
"""

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, inspect

from bot.database import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"
VERSION_TABLE = "alembic_version"
# The tables 728413c's `create_all` made: a database holding them and no version table is one.
BASELINE_TABLES = frozenset(
    {
        "advisor_structures",
        "advisors",
        "bookings",
        "conversation_states",
        "host_structures",
        "notifications",
        "residents",
        "slots",
        "structure_programmes",
        "structure_themes",
        "user_drafts",
        "waitlist_entries",
        "workshop_themes",
        "workshops",
    }
)


class SchemaError(Exception):
    """The database's schema is not the one this version runs on (a one-line message)."""


@dataclass(frozen=True)
class Upgraded:
    before: str | None
    """The revision found (None: an empty database; the baseline for a 728413c database)."""
    after: str


def target_metadata() -> MetaData:
    """Every model's tables: what the newest revision must build."""
    # Each import registers its tables on Base.metadata.
    import bot.persistence  # noqa: F401
    import knowledge.catalogue
    import knowledge.service_state  # noqa: F401
    import scheduling.advisor_models
    import scheduling.models
    import scheduling.notification_models
    import scheduling.waitlist_models
    import scheduling.web_logins  # noqa: F401
    from knowledge.orm import Base

    return Base.metadata


def head() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current(engine: Engine) -> str | None:
    """The database's revision; the baseline for a 728413c database; None when empty."""
    with engine.connect() as connection:
        return _revision(connection)


def upgrade(engine: Engine) -> Upgraded:
    """Bring the database to the newest revision, in one transaction; a no-op when it is."""
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            return _upgrade(connection)
        # Batch mode rebuilds a SQLite table by copy, drop and rename: with foreign keys on,
        # the drop would cascade into the rows that point at it. The pragma only takes effect
        # outside a transaction, and pysqlite runs DDL outside one unless told to BEGIN.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return _upgrade(connection)
        finally:
            connection.rollback()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _upgrade(connection: Connection) -> Upgraded:
    before = _revision(connection)
    config = _config(connection)
    if before == BASELINE and not inspect(connection).has_table(VERSION_TABLE):
        command.stamp(config, BASELINE)
    command.upgrade(config, "head")
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise SchemaError(f"the upgrade would break {len(broken)} references: nothing done")
    after = _revision(connection)
    connection.commit()
    return Upgraded(before=before, after=after)


def open_database(url: str) -> Engine:
    """An engine on `url` whose schema is the newest, creating it in an empty database."""
    engine = make_engine(url)
    try:
        ensure_current(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def ensure_current(engine: Engine) -> None:
    """Create the schema in an empty database; refuse one at another revision."""
    found, newest = current(engine), head()
    if found == newest:
        return
    if found is None:
        upgrade(engine)
        return
    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
    if found in known:
        raise SchemaError(
            f"the database is at revision {found}, this version needs {newest}: back it up, "
            "then run `aiguillage db upgrade`"
        )
    raise SchemaError(
        f"the database is at revision {found}, unknown to this version (made by a newer "
        "Aiguillage?): run that version, or restore a backup, then `aiguillage db upgrade`"
    )


def _revision(connection: Connection) -> str | None:
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE in tables:
        return MigrationContext.configure(connection).get_current_revision()
    if not tables:
        return None
    if tables >= BASELINE_TABLES:
        return BASELINE
    raise SchemaError(
        "the database holds tables but no schema version, and not those of Aiguillage "
        "728413c or later: give an empty database or one made by Aiguillage"
    )


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config

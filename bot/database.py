"""The database engine and session factory, SQLite by default, PostgreSQL in production."""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from knowledge.orm import Base


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers work while one writer commits; busy_timeout makes concurrent writers
    # wait for the lock instead of failing at once; SQLite ignores foreign keys unless asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite tuned for several writers."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet (all models must be imported first)."""
    import bot.persistence  # noqa: F401  (registers the models on Base.metadata)
    import knowledge.catalogue  # noqa: F401
    import scheduling.advisor_models
    import scheduling.models
    import scheduling.notification_models
    import scheduling.waitlist_models  # noqa: F401

    Base.metadata.create_all(engine)

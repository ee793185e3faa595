"""The database engine and session factory, SQLite by default, PostgreSQL in production."""

from datetime import timedelta

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_TIMEOUT = timedelta(seconds=30)


def _tune_sqlite(timeout: timedelta):
    def tune(dbapi_connection, _record) -> None:
        # WAL lets readers work while one writer commits; busy_timeout makes concurrent
        # writers wait for the lock, for a while, instead of failing at once; SQLite ignores
        # foreign keys unless asked.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout.total_seconds() * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # A deleted row is overwritten, not just unlinked: an erased resident's name must not
        # stay readable in the file's free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return tune


def make_engine(url: str, *, timeout: timedelta = DEFAULT_TIMEOUT) -> Engine:
    """An engine for `url`, with SQLite tuned for several writers.

    `timeout` bounds how long a transaction waits for a lock, and a new connection for the
    server: past it, the statement fails (and the resident is told) rather than hang.

    A failing statement's error never shows its parameters (`hide_parameters`): they hold the
    residents' names, Telegram ids and what they typed, and the error is logged.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _tune_sqlite(timeout))
        return engine
    milliseconds = int(timeout.total_seconds() * 1000)
    return create_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_timeout=timeout.total_seconds(),
        connect_args={
            "connect_timeout": max(1, round(timeout.total_seconds())),
            "options": f"-c lock_timeout={milliseconds}",
        },
    )


def fold_log(engine: Engine) -> None:
    """After an erasure: SQLite copies its write-ahead log into the database file and empties
    it, so that the erased rows survive in neither file (the log still holds the pages as they
    were before). PostgreSQL's files are the server's business: nothing to do."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)

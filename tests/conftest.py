"""Databases for the tests: a SQLite file per test, and a throwaway PostgreSQL server.

`engine` runs a test on both; `sqlite_engine` and `pg_engine` pick one. Each engine comes with
the full schema in a database of its own.
"""

import uuid
from collections.abc import Callable, Iterator

import pytest
from fake_bot_api import fake_bot_api  # noqa: F401  (the fixture, for end-to-end tests)
from offline_bot import bot, bot_without_territory  # noqa: F401  (the offline bot fixtures)
from postgres_server import PostgresServer, find_bin_dir
from sqlalchemy import Engine, create_engine, text

from bot.database import create_schema, make_engine


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of the `postgres` database of a server started for this test session."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl in /usr/lib/postgresql/*/bin)")
    with PostgresServer.start(bin_dir) as server:
        yield server.url()


@pytest.fixture
def pg_engine(postgres_url: str) -> Iterator[Engine]:
    """An engine on a fresh PostgreSQL database, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(postgres_url.rsplit("/", 1)[0] + f"/{name}")
        try:
            create_schema(engine)
            yield engine
        finally:
            engine.dispose()
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """An engine on a fresh SQLite file (WAL, foreign keys on), as in production."""
    engine = make_engine(f"sqlite:///{tmp_path / 'aiguillage.sqlite3'}")
    try:
        create_schema(engine)
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Runs the test once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str]) -> Callable[[str], None]:
    """Prints a measured figure (an accuracy, a count) even under `pytest -q`."""

    def show(line: str) -> None:
        with capsys.disabled():
            print(f"\n  {line}", end="")

    return show

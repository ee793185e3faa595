"""Databases for the tests: every test that touches one runs on SQLite and on PostgreSQL.

`--database sqlite|postgresql|both` (or `AIGUILLAGE_TEST_DATABASE`) picks them; the default is
both. A test asks for `engine` or `database_url` (or `fresh_database` for more than one) and is
parametrised over the databases picked. Each gets a database of its own, copied from a template
that `build_schema` made once per session: a file copy for SQLite, `CREATE DATABASE … TEMPLATE`
on a throwaway PostgreSQL server (started once; its tests skip on a machine without PostgreSQL).
"""

import itertools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fake_bot_api import fake_bot_api  # noqa: F401  (the fixture, for end-to-end tests)
from offline_bot import bot, bot_without_territory  # noqa: F401  (the offline bot fixtures)
from postgres_server import PostgresServer, find_bin_dir
from sqlalchemy import Engine, create_engine, make_url, text

from bot import migrate
from bot.database import make_engine

DATABASES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=(*DATABASES, "both"),
        default=os.environ.get("AIGUILLAGE_TEST_DATABASE", "both"),
        help="where the database tests run (default: both, or $AIGUILLAGE_TEST_DATABASE)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # argparse checks --database, but not a default taken from the environment.
    if config.getoption("database") not in (*DATABASES, "both"):
        raise pytest.UsageError("AIGUILLAGE_TEST_DATABASE must be sqlite, postgresql or both")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Runs each test that needs a database (directly or through a fixture) on each one picked."""
    if "database_kind" in metafunc.fixturenames:
        picked = metafunc.config.getoption("database")
        metafunc.parametrize("database_kind", DATABASES if picked == "both" else (picked,))


def build_schema(url: str) -> None:
    """The one place that gives a test database its schema, by the migrations as in production:
    the templates are built here."""
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()  # a template is copied: no connection may stay open on it


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of the `postgres` database of a server started for this test session."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl in /usr/lib/postgresql/*/bin)")
    with PostgresServer.start(bin_dir) as server:
        yield server.url()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    build_schema(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> str:
    """The name of a database with the schema, to copy with `CREATE DATABASE … TEMPLATE`."""
    name = "aiguillage_template"
    _admin_execute(postgres_url, f'CREATE DATABASE "{name}"')
    build_schema(_on_database(postgres_url, name))
    return name


@pytest.fixture
def fresh_database(
    database_kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], str]]:
    """Makes empty databases with the full schema, of the test's kind; gone after the test."""
    if database_kind == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        numbers = itertools.count(1)

        def copy_file() -> str:
            path = tmp_path / f"aiguillage-{next(numbers)}.sqlite3"
            shutil.copy(template, path)
            return f"sqlite:///{path}"

        yield copy_file
        return

    server = request.getfixturevalue("postgres_url")
    template = request.getfixturevalue("postgres_template")
    made: list[str] = []

    def copy_template() -> str:
        name = f"test_{uuid.uuid4().hex[:16]}"
        _admin_execute(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        made.append(name)
        return _on_database(server, name)

    yield copy_template
    for name in made:
        _admin_execute(server, f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(fresh_database: Callable[[], str]) -> str:
    """A fresh database with the full schema: a SQLite file, then a PostgreSQL database."""
    return fresh_database()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database (SQLite: WAL and foreign keys on, as in production)."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _on_database(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _admin_execute(server_url: str, statement: str) -> None:
    # CREATE and DROP DATABASE cannot run inside a transaction.
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str]) -> Callable[[str], None]:
    """Prints a measured figure (an accuracy, a count) even under `pytest -q`."""

    def show(line: str) -> None:
        with capsys.disabled():
            print(f"\n  {line}", end="")

    return show

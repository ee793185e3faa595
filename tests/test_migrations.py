"""Schema migrations: a database made by 728413c (the last version without them), filled through
the bot, upgrades without losing a row; a migrated database has exactly the schema the models
describe, as `create_all` would make it; every command refuses a database that is behind.

The fixtures under tests/data/ were made by tests/data/make_upgrade_fixtures.py at 728413c.
"""

import io
import json
import re
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from postgres_server import find_bin_dir
from sqlalchemy import Engine, create_engine, inspect, make_url, text

from bot import migrate
from bot.cli import main
from bot.database import make_engine

DATA = Path(__file__).with_name("data")
# Every table of 728413c, with what identifies each row.
TABLES = {
    "advisor_structures": "advisor_id, structure_id",
    "advisors": "id",
    "bookings": "id",
    "conversation_states": "name, key",
    "host_structures": "id",
    "notifications": "id",
    "residents": "id",
    "slots": "id",
    "structure_programmes": "structure_id, programme",
    "structure_themes": "structure_id, theme",
    "user_drafts": "user_id",
    "waitlist_entries": "id",
    "workshop_themes": "workshop_id, theme",
    "workshops": "id",
}
# Their columns at 728413c, as its SQLite fixture has them.
# (immutable: reading the fixture must leave no -wal or -shm file beside it)
_old = sqlite3.connect(f"file:{DATA / '728413c.sqlite3'}?immutable=1", uri=True)
OLD_COLUMNS = {
    table: [f'"{row[1]}"' for row in _old.execute(f"PRAGMA table_info({table})")]
    for table in TABLES
}
_old.close()


@contextmanager
def postgres_database(postgres_url: str) -> Iterator[str]:
    """The URL of a new, empty database on the throwaway server, dropped afterwards."""
    name = f"migrate_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(make_url(postgres_url).set(database=name))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def new_database(request, database_kind, tmp_path) -> Iterator[Callable[[], str]]:
    """Makes empty databases of one kind (each test runs on each kind picked)."""
    with ExitStack() as stack:

        def make() -> str:
            if database_kind == "sqlite":
                return f"sqlite:///{tmp_path / uuid.uuid4().hex}.sqlite3"
            server = request.getfixturevalue("postgres_url")
            return stack.enter_context(postgres_database(server))

        yield make


@pytest.fixture
def empty_url(new_database) -> str:
    return new_database()


@pytest.fixture
def old_url(new_database) -> str:
    """A database made and filled by 728413c."""
    url = new_database()
    if url.startswith("sqlite"):
        shutil.copy(DATA / "728413c.sqlite3", make_url(url).database)
    else:
        _psql(url, "-f", str(DATA / "728413c.pg.sql"))
    return url


def _pg_args(url: str) -> list[str]:
    parsed = make_url(url)
    return ["-h", parsed.host, "-p", str(parsed.port), "-U", parsed.username, parsed.database]


def _psql(url: str, *args: str) -> None:
    psql = find_bin_dir() / "psql"
    subprocess.run(
        [str(psql), "-q", "-v", "ON_ERROR_STOP=1", *args, *_pg_args(url)],
        check=True,
        capture_output=True,
    )


# Columns of 728413c that a migration moved to another table (0004: a place's source and its id
# there, now in place_sources), read where they now live.
MOVED = {
    '"source"': "(SELECT source FROM place_sources WHERE structure_id = host_structures.id)",
    '"source_id"': "(SELECT source_id FROM place_sources WHERE structure_id = host_structures.id)",
}


def rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of 728413c's tables, by the columns 728413c had (migrations add others)."""
    with engine.connect() as connection:
        moved = inspect(connection).has_table("place_sources")
        return {
            table: [
                tuple(row)
                for row in connection.execute(
                    text(
                        f"SELECT {', '.join(MOVED.get(c, c) if moved else c for c in columns)}"
                        f" FROM {table} ORDER BY {TABLES[table]}"
                    )
                )
            ]
            for table, columns in OLD_COLUMNS.items()
        }


def _table_items(sql: str) -> str:
    """A CREATE TABLE with its columns and constraints sorted: SQLite keeps the statement as it
    was typed, and a table rebuilt by a migration lists its constraints in another order."""
    head, _, body = sql.partition("(")
    body = body.rsplit(")", 1)[0]
    items, depth, item = [], 0, ""
    for char in body:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(item.strip())
            item = ""
        else:
            item += char
    items.append(item.strip())
    return head.strip() + " (" + ", ".join(sorted(items)) + ")"


def schema(engine: Engine) -> str:
    """The schema as the database itself states it, normalised for comparison."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            found = connection.execute(
                text(
                    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                    " AND name <> 'alembic_version' ORDER BY type, name"
                )
            ).all()
        statements = []
        for kind, _name, sql in found:
            sql = re.sub(r"\s+", " ", sql.replace('"', ""))
            # A table rebuilt by batch mode has its defaults re-typed from reflection, in
            # parentheses: `DEFAULT (false)` is `DEFAULT false`.
            sql = re.sub(r"DEFAULT \(([^()]*)\)", r"DEFAULT \1", sql)
            statements.append(_table_items(sql) if kind == "table" else sql)
        return "\n".join(statements)
    dump = subprocess.run(
        [
            str(find_bin_dir() / "pg_dump"),
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            "--exclude-table=alembic_version",
            *_pg_args(engine.url.render_as_string(False)),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    kept = "\n".join(
        line
        for line in dump.splitlines()
        if line.strip()
        and not line.startswith(("--", "SET ", "SELECT pg_catalog.", "\\restrict", "\\unrestrict"))
    )
    # A CHECK restored from a dump is deparsed with its casts elsewhere: `x IN ('a', 'b')` reads
    # `ANY (ARRAY[('a'::character varying)::text, …])` there, `ANY ((ARRAY['a'::…])::text[])`
    # when created fresh; both spell the same expression.
    kept = re.sub(r"\(('[^']*'::character varying)\)::text", r"\1", kept)
    return re.sub(r"\((ARRAY\[[^\]]*\])\)::text\[\]", r"\1", kept)


def created_by_models(url: str) -> str:
    engine = make_engine(url)
    try:
        migrate.target_metadata().create_all(engine)
        return schema(engine)
    finally:
        engine.dispose()


def model_differences(engine: Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, migrate.target_metadata())


def test_a_728413c_database_upgrades_keeping_every_row(old_url):
    engine = make_engine(old_url)
    try:
        before = rows(engine)
        assert migrate.current(engine) == migrate.BASELINE

        upgraded = migrate.upgrade(engine)

        assert upgraded == migrate.Upgraded(before=migrate.BASELINE, after=migrate.head())
        assert rows(engine) == before
        assert len(before["bookings"]) == 3 and len(before["notifications"]) == 9
        assert len(before["conversation_states"]) == 2 and len(before["user_drafts"]) == 5
        # Foreign keys pointing at a rebuilt table survive (SQLite rebuilds it by copy).
        assert {row[6] for row in before["notifications"]} == {1, 2, 3}
        with engine.connect() as connection:
            # The demo places without an address sit on their town hall's point.
            approximate = connection.execute(
                text("SELECT count(*) FROM host_structures WHERE approximate")
            ).scalar()
        assert approximate == 16
    finally:
        engine.dispose()


def test_the_upgrade_fills_the_need_only_where_the_slot_has_one_theme(old_url):
    engine = make_engine(old_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            needs = connection.execute(
                text(
                    "SELECT bookings.id, count(workshop_themes.theme), bookings.need,"
                    " bookings.booked_by FROM bookings JOIN slots ON slots.id = bookings.slot_id"
                    " JOIN workshop_themes ON workshop_themes.workshop_id = slots.workshop_id"
                    " GROUP BY bookings.id, bookings.need, bookings.booked_by ORDER BY bookings.id"
                )
            ).all()
            waiting = connection.execute(text("SELECT need FROM waitlist_entries")).scalars()
            assert list(waiting) == [None]  # Jean waits for the three-theme appointment
    finally:
        engine.dispose()
    # Martine and Paul booked the taxes workshop; Bernard the three-theme appointment.
    assert needs == [
        (1, 1, "impots", "resident"),
        (2, 3, None, "resident"),
        (3, 1, "impots", "resident"),
    ]


def test_an_upgraded_database_has_the_schema_the_models_make(old_url, new_database):
    engine = make_engine(old_url)
    try:
        migrate.upgrade(engine)
        assert model_differences(engine) == []
        assert schema(engine) == created_by_models(new_database())
    finally:
        engine.dispose()


def test_a_database_migrated_from_empty_has_the_schema_the_models_make(new_database):
    engine = make_engine(new_database())
    try:
        assert migrate.upgrade(engine) == migrate.Upgraded(before=None, after=migrate.head())
        assert model_differences(engine) == []
        assert schema(engine) == created_by_models(new_database())
    finally:
        engine.dispose()


def run_cli(monkeypatch, capsys, url: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    out = io.StringIO()
    status = main(list(argv), stdout=out)
    return status, out.getvalue(), capsys.readouterr().err


def test_db_upgrade_says_from_and_to_and_a_second_run_changes_nothing(old_url, monkeypatch, capsys):
    status, out, _ = run_cli(monkeypatch, capsys, old_url, "db", "current")
    assert status == 0
    assert json.loads(out) == {"revision": "0001", "head": migrate.head(), "up_to_date": False}

    status, out, _ = run_cli(monkeypatch, capsys, old_url, "db", "upgrade")
    assert status == 0 and json.loads(out) == {"from": "0001", "to": migrate.head()}
    engine = make_engine(old_url)
    try:
        before = (rows(engine), schema(engine))
        status, out, _ = run_cli(monkeypatch, capsys, old_url, "db", "upgrade")
        assert status == 0 and json.loads(out) == {"from": migrate.head(), "to": migrate.head()}
        assert (rows(engine), schema(engine)) == before
    finally:
        engine.dispose()
    status, out, _ = run_cli(monkeypatch, capsys, old_url, "db", "current")
    assert json.loads(out) == {
        "revision": migrate.head(),
        "head": migrate.head(),
        "up_to_date": True,
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["nearest", "--commune", "82112", "--theme", "impots"],
        ["link-advisor", "--advisor-id", "1", "--telegram-id", "9002"],
        ["chat"],
    ],
)
def test_every_command_refuses_a_database_that_is_behind(argv, old_url, monkeypatch, capsys):
    engine = make_engine(old_url)
    try:
        before = (rows(engine), schema(engine))
        status, out, err = run_cli(monkeypatch, capsys, old_url, *argv)
        assert status == 2 and out == ""
        [line] = err.splitlines()
        assert "aiguillage db upgrade" in line and "0001" in line
        assert (rows(engine), schema(engine)) == before
    finally:
        engine.dispose()


def test_a_database_from_a_newer_version_is_refused(empty_url, monkeypatch, capsys):
    engine = make_engine(empty_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    status, _, err = run_cli(
        monkeypatch, capsys, empty_url, "link-advisor", "--advisor-id", "1", "--telegram-id", "2"
    )
    assert status == 2
    assert "9999" in err and "newer" in err and "aiguillage db upgrade" in err


def test_commands_create_an_empty_database_at_the_newest_revision(empty_url, monkeypatch, capsys):
    status, out, _ = run_cli(
        monkeypatch, capsys, empty_url, "nearest", "--commune", "82112", "--theme", "impots"
    )
    assert status == 0 and json.loads(out)[0]["name"].startswith("Mairie de Moissac")
    engine = make_engine(empty_url)
    try:
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()

"""The diagnostic commands: one JSON line per answer, a one-line reason and exit 2 on bad input."""

import asyncio
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture(autouse=True)
def environment(tmp_path, monkeypatch):
    # Commands that should not reach a database find none of the developer's.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'untouched.sqlite3'}")
    monkeypatch.delenv("AIGUILLAGE_TERRITORY", raising=False)


@pytest.fixture
def database(database_url, monkeypatch) -> str:
    """The commands that need a database get a fresh one (SQLite, then PostgreSQL)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def run(*argv: str, stdin: str = "") -> tuple[int, list]:
    out = io.StringIO()
    status = main(list(argv), stdin=io.StringIO(stdin), stdout=out)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_find_commune_answers_one_query():
    status, [candidates] = run("find-commune", "moisac", "--departments", "82,47")
    assert status == 0
    assert candidates[0] == {
        "insee": "82112",
        "name": "Moissac",
        "department": "82",
        "score": candidates[0]["score"],
        "ambiguous": False,
    }


def test_find_commune_reads_one_query_per_line_and_answers_in_order():
    status, answers = run("find-commune", "--limit", "2", stdin="Parisot\n82200\nbonjour\n")
    assert status == 0 and len(answers) == 3
    assert {c["insee"] for c in answers[0]} == {"82137", "81202"}
    assert all(c["ambiguous"] for c in answers[0])
    assert len(answers[1]) == 2
    assert answers[2] == []


def test_the_served_territory_ranks_first(monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_TERRITORY", "81")
    _, [candidates] = run("find-commune", "Parisot")
    assert candidates[0]["insee"] == "81202" and not candidates[0]["ambiguous"]


def test_classify_need_gives_a_theme_or_null():
    status, answers = run("classify-need", stdin="jarrive pa a declaré mes impot\nbonjour\n")
    assert status == 0
    assert answers[0]["theme"] == "impots" and answers[0]["score"] > 0
    assert answers[1] == {"theme": None, "score": 0.0}


def test_nearest_lists_demo_structures_by_distance(database):
    status, [places] = run("nearest", "--commune", "82112", "--theme", "impots", "--limit", "3")
    assert status == 0 and 1 <= len(places) <= 3
    assert places[0]["commune"] == "82112" and places[0]["distance_km"] == 0.0
    distances = [place["distance_km"] for place in places]
    assert distances == sorted(distances)
    assert all(place["kind"] == "structure" and place["demo"] for place in places)


def test_nearest_far_from_any_structure_gives_the_town_hall_and_the_helpline(database):
    status, [entries] = run("nearest", "--lat", "48.85", "--lon", "2.35", "--theme", "impots")
    assert status == 0
    assert [entry["kind"] for entry in entries] == ["town_hall", "helpline"]
    assert entries[0]["commune"] == "75105"
    assert entries[1]["phone"] == "01 70 772 372"


def test_the_town_hall_of_le_havre_is_named_in_good_french(database):
    status, [entries] = run("nearest", "--commune", "76351", "--theme", "impots")
    assert status == 0
    assert entries[0]["name"] == "Mairie du Havre"


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("nearest", "--commune", "99999", "--theme", "impots"), "unknown INSEE code"),
        (("nearest", "--commune", "82112", "--theme", "pizza"), "unknown theme"),
        (("nearest", "--lat", "95", "--lon", "1", "--theme", "impots"), "bad coordinates"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, reason, capsys):
    status, output = run(*argv)
    assert status == 2 and output == []
    err = capsys.readouterr().err
    assert reason in err and err.count("\n") == 1


def test_link_advisor_links_and_refuses_with_a_reason(database, capsys):
    from bot.database import make_engine, make_sessionmaker
    from scheduling.advisor_models import Advisor

    engine = make_engine(database)
    with make_sessionmaker(engine).begin() as session:
        session.add_all(
            [
                Advisor(id=1, first_name="Nadia", last_name="C"),
                Advisor(id=2, first_name="Luc", last_name="D"),
            ]
        )
    engine.dispose()

    status, [linked] = run("link-advisor", "--advisor-id", "1", "--telegram-id", "9001")
    assert status == 0 and linked == {"advisor_id": 1, "telegram_user_id": 9001}

    status, answers = run("link-advisor", "--advisor-id", "2", "--telegram-id", "9001")
    assert (status, answers) == (2, [])
    assert "already linked" in capsys.readouterr().err

    status, _ = run("link-advisor", "--advisor-id", "99", "--telegram-id", "9002")
    assert status == 2
    [reason] = capsys.readouterr().err.splitlines()
    assert "no advisor with id 99" in reason

    status, [linked] = run(
        "link-advisor", "--advisor-id", "2", "--telegram-id", "9003", "--notifications", "same_day"
    )
    assert status == 0 and linked["notifications"] == "same_day"
    engine = make_engine(database)
    with make_sessionmaker(engine)() as session:
        assert session.get(Advisor, 2).notification_level == "same_day"
        assert session.get(Advisor, 1).notification_level == "all"
    engine.dispose()


# --- Nobody can fool the command line: one line on stderr, exit 2, no traceback ---------------

TOKEN = "987654321:refusedTOKENrefusedTOKENrefusedTOKEN42"
AIGUILLAGE = [sys.executable, "-m", "bot.cli"]
ROOT = Path(__file__).resolve().parent.parent


def one_line_refusal(capsys, argv, *reasons: str) -> str:
    status, output = run(*argv)
    err = capsys.readouterr().err
    assert (status, output) == (2, []), err
    assert err.count("\n") == 1 and err.startswith("aiguillage: "), err
    assert all(reason in err for reason in reasons), err
    return err


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("find-commune", "moissac", "--limit", "0"), "--limit: must be at least 1"),
        (("find-commune", "moissac", "--limit", "-1"), "--limit: must be at least 1"),
        (("nearest", "--commune", "82112", "--theme", "impots", "--radius", "-5"), "--radius"),
        (("nearest", "--commune", "82112", "--theme", "impots", "--radius", "inf"), "--radius"),
        (("nearest", "--commune", "82112", "--theme", "impots", "--limit", "0"), "--limit"),
        (("nearest", "--lat", "44", "--theme", "impots"), "--lat needs --lon"),
        (("nearest", "--lat", "north", "--lon", "1", "--theme", "impots"), "not a number"),
        (
            ("link-advisor", "--advisor-id", "1", "--telegram-id", str(2**64)),
            "--telegram-id: must be at most",
        ),
        (("link-advisor", "--advisor-id", "-3", "--telegram-id", "5"), "--advisor-id"),
        (("places", "--limit", "0"), "--limit: must be at least 1"),
        (
            ("invite-advisor", "--structure", "1", "--name", "Ana", "--valid-days", "9" * 12),
            "at most",
        ),
        (("no-such-command",), "invalid choice"),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_2(argv, reason, capsys):
    one_line_refusal(capsys, argv, reason, "--help")


DATABASE_COMMANDS = [
    ("places",),
    ("nearest", "--commune", "82112", "--theme", "impots"),
    ("link-advisor", "--advisor-id", "1", "--telegram-id", "5"),
    ("invite-advisor", "--structure", "1", "--name", "Ana"),
    ("import-places", "places.json"),
    ("import-slots", "slots.csv"),
    ("db", "upgrade"),
    ("db", "current"),
]


@pytest.mark.parametrize("argv", DATABASE_COMMANDS)
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("nonsense", "DATABASE_URL is not a database URL"),
        ("nosuchdb://host/base", "unknown database 'nosuchdb'"),
        # As if the `postgres` extra were missing: a driver that is not installed.
        ("postgresql+pg8000://ana:s3cret@localhost/base", "pip install -e '.[postgres]'"),
    ],
)
def test_a_bad_database_url_is_one_line_and_exit_2(
    argv, url, reason, capsys, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "places.json").write_text("[]")
    (tmp_path / "slots.csv").write_text("lieu\n")
    monkeypatch.setenv("DATABASE_URL", url)
    err = one_line_refusal(capsys, argv, reason)
    assert "s3cret" not in err


def test_a_database_out_of_reach_is_one_line_and_exit_2(capsys, monkeypatch):
    with socket.socket() as closed:  # a port of the loopback nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://ana:s3cret@127.0.0.1:{port}/base")
    for argv in (("places",), ("db", "current")):
        err = one_line_refusal(capsys, argv, "the database (DATABASE_URL) failed")
        assert "s3cret" not in err


def aiguillage_run(environ: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN, **environ}
    return subprocess.run(
        [*AIGUILLAGE, "run"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def assert_one_line_without_the_token(done: subprocess.CompletedProcess, reason: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert reason in done.stderr
    secret = TOKEN.partition(":")[2]
    assert secret[:8] not in done.stderr + done.stdout


def test_run_without_network_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    done = aiguillage_run(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot",
        }
    )
    assert_one_line_without_the_token(done, f"cannot reach Telegram at 127.0.0.1:{port}")
    assert not (tmp_path / "bot.sqlite3").exists()  # checked before anything else


async def test_run_with_a_token_telegram_refuses_is_one_line_and_exit_2(fake_bot_api, tmp_path):
    # The fake Bot API knows another token: it answers getMe with 401 Unauthorized, as Telegram.
    assert fake_bot_api.token != TOKEN
    done = await asyncio.to_thread(
        aiguillage_run,
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "TELEGRAM_BASE_URL": fake_bot_api.base_url,
            "TELEGRAM_BASE_FILE_URL": fake_bot_api.base_file_url,
        },
    )
    assert_one_line_without_the_token(done, "Telegram refused TELEGRAM_BOT_TOKEN of bot 987654321")

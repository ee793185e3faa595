"""The diagnostic commands: one JSON line per answer, a one-line reason and exit 2 on bad input."""

import io
import json

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


def test_unreadable_coordinates_are_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_:
        run("nearest", "--lat", "north", "--lon", "1", "--theme", "impots")
    assert exit_.value.code == 2


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

"""The logs never hold what a resident is: no statement parameters, no name, no commune typed."""

import logging
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.database import make_engine
from handlers.errors import on_error

logger = logging.getLogger("aiguillage.test")


def test_a_failing_statement_is_logged_without_its_parameters(database_url, caplog):
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)"))
        insert = text("INSERT INTO people (id, name) VALUES (:id, :name)")
        with engine.begin() as connection:
            connection.execute(insert, {"id": 7, "name": "Anne"})
        # (Not written in the failing line: the traceback quotes it.)
        gwendoline = {"id": 7, "name": "Gwendoline"}
        with pytest.raises(IntegrityError) as failed, engine.begin() as connection:
            connection.execute(insert, gwendoline)
        with caplog.at_level(logging.ERROR):
            logger.error("error while handling an update", exc_info=failed.value)
    finally:
        engine.dispose()
    assert "INSERT INTO people" in caplog.text  # the statement, to find the bug
    assert "Gwendoline" not in caplog.text
    assert "hidden due to hide_parameters" in caplog.text


async def test_a_residents_journey_logs_neither_their_name_nor_their_commune(bot, caplog):
    caplog.set_level(logging.INFO)
    gwendoline = bot.resident("Gwendoline")
    await gwendoline.says("/start")
    await gwendoline.taps("Impôts en ligne")
    await gwendoline.says("Moissac")
    assert "Moissac" in gwendoline.last_text  # the journey went on
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    assert "Gwendoline" not in logged
    assert "Moissac" not in logged
    assert str(gwendoline.user_id) not in logged


async def test_a_database_error_in_a_handler_is_logged_without_the_server_s_words(
    database_url, caplog
):
    engine = make_engine(database_url)
    insert = text(
        "INSERT INTO residents (telegram_user_id, first_name, language, created_at, last_seen_at)"
        " VALUES (:id, 'X', 'fr', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    # (Not written in the failing line: the traceback quotes the source.)
    martine = {"id": 987654321}
    try:
        with engine.begin() as connection:
            connection.execute(insert, martine)
        # PostgreSQL answers "DETAIL: Key (telegram_user_id)=(…) already exists".
        with pytest.raises(IntegrityError) as failed, engine.begin() as connection:
            connection.execute(insert, martine)
    finally:
        engine.dispose()

    with caplog.at_level(logging.ERROR):
        await on_error(None, SimpleNamespace(error=failed.value))

    assert "IntegrityError" in caplog.text and "test_log_privacy.py" in caplog.text
    assert "987654321" not in caplog.text

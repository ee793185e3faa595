"""The logs never hold what a resident is: no statement parameters, no name, no commune typed."""

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.database import make_engine

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

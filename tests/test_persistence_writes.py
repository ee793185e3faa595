"""The persistence's writes, on SQLite and PostgreSQL: a resident's draft and conversation state
are replaced in place, and those handed over together are written together or not at all."""

import pytest

from bot.database import make_sessionmaker
from bot.persistence import SqlPersistence
from handlers.context import Draft


@pytest.fixture
def persistence(engine) -> SqlPersistence:
    return SqlPersistence(make_sessionmaker(engine))


async def test_martine_changes_her_mind_and_only_her_latest_choice_is_kept(persistence):
    await persistence.update_user_data(7, Draft(theme="impots"))
    await persistence.update_conversation("journey", (7, 7), 2)
    await persistence.update_user_data(7, Draft(theme="caf", commune_insee="82112"))
    await persistence.update_conversation("journey", (7, 7), 3)

    assert await persistence.get_user_data() == {7: Draft(theme="caf", commune_insee="82112")}
    assert await persistence.get_conversations("journey") == {(7, 7): 3}


async def test_a_step_is_written_whole_at_the_end_of_its_transaction(persistence):
    await persistence.update_conversation("journey", (7, 7), 2)

    async with persistence.one_transaction():
        await persistence.update_user_data(7, Draft(theme="caf"))
        await persistence.update_conversation("journey", (7, 7), None)
        assert await persistence.get_conversations("journey") == {(7, 7): 2}

    assert await persistence.get_user_data() == {7: Draft(theme="caf")}
    assert await persistence.get_conversations("journey") == {}


async def test_a_step_that_fails_writes_nothing(persistence):
    with pytest.raises(RuntimeError):
        async with persistence.one_transaction():
            await persistence.update_user_data(7, Draft(theme="caf"))
            raise RuntimeError("the update failed")

    assert await persistence.get_user_data() == {}

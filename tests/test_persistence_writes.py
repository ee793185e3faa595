"""The persistence's writes, on SQLite and PostgreSQL: a resident's draft and conversation state
are replaced in place, and those handed over together are written together or not at all; read
again before each update, they are what the last process to serve the resident left."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.database import make_sessionmaker
from bot.persistence import SqlPersistence
from handlers.context import Draft

JOURNEY = {"journey": timedelta(hours=2)}


@pytest.fixture
def persistence(engine) -> SqlPersistence:
    return SqlPersistence(make_sessionmaker(engine))


async def states(persistence: SqlPersistence) -> dict[str, object]:
    return await persistence.refresh_conversations((7, 7), JOURNEY)


async def test_martine_changes_her_mind_and_only_her_latest_choice_is_kept(persistence):
    await persistence.update_user_data(7, Draft(theme="impots"))
    await persistence.update_conversation("journey", (7, 7), 2)
    await persistence.update_user_data(7, Draft(theme="caf", commune_insee="82112"))
    await persistence.update_conversation("journey", (7, 7), 3)

    assert await persistence.read_drafts() == {7: Draft(theme="caf", commune_insee="82112")}
    assert await states(persistence) == {"journey": 3}


async def test_a_step_is_written_whole_at_the_end_of_its_transaction(persistence):
    await persistence.update_conversation("journey", (7, 7), 2)

    async with persistence.one_transaction():
        await persistence.update_user_data(7, Draft(theme="caf"))
        await persistence.update_conversation("journey", (7, 7), None)
        assert await states(persistence) == {"journey": 2}

    assert await persistence.read_drafts() == {7: Draft(theme="caf")}
    assert await states(persistence) == {}


async def test_a_step_that_fails_writes_nothing(persistence):
    with pytest.raises(RuntimeError):
        async with persistence.one_transaction():
            await persistence.update_user_data(7, Draft(theme="caf"))
            raise RuntimeError("the update failed")

    assert await persistence.read_drafts() == {}


async def test_a_draft_another_process_changed_is_written_back_when_this_one_changes_it_again(
    engine,
):
    first = SqlPersistence(make_sessionmaker(engine))
    second = SqlPersistence(make_sessionmaker(engine))
    await first.update_user_data(7, Draft(theme="caf"))
    draft = Draft()
    await second.refresh_user_data(7, draft)
    assert draft == Draft(theme="caf")
    await second.update_user_data(7, Draft(theme="impots"))

    # The first process stored "caf" itself; read again, it knows the database says otherwise.
    await first.refresh_user_data(7, draft)
    assert draft == Draft(theme="impots")
    await first.update_user_data(7, Draft(theme="caf"))

    assert await second.read_drafts() == {7: Draft(theme="caf")}


async def test_a_step_left_longer_than_its_conversation_lasts_is_over(engine):
    now = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    clock = [now]
    persistence = SqlPersistence(make_sessionmaker(engine), clock=lambda: clock[0])
    await persistence.update_conversation("journey", (7, 7), 2)
    await persistence.update_conversation("invitation", (7, 7), 1)

    clock[0] = now + timedelta(hours=1)
    timeouts = {"journey": timedelta(hours=2), "invitation": timedelta(minutes=30)}
    assert await persistence.refresh_conversations((7, 7), timeouts) == {"journey": 2}
    clock[0] = now + timedelta(hours=2, seconds=1)
    assert await persistence.refresh_conversations((7, 7), timeouts) == {}
    clock[0] = now
    assert await persistence.refresh_conversations((7, 7), timeouts) == {}  # deleted, not hidden

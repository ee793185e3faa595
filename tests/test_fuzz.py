"""Whatever a stranger sends, the bot answers kindly and changes nothing it should not.

Hypothesis feeds the real application (offline Bot API) random Unicode text, commands with odd
arguments, locations, documents, voice messages, stickers and forged callback data (huge ids,
other scripts' digits, empty fields, trailing newlines, unknown kinds). After each: no exception
reached the error handler, the sender got an answer, and no booking, waitlist entry, seat, place
or session changed (the forged ids name nothing that exists).
"""

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from handlers.callback_data import CallbackData
from knowledge.catalogue import HostStructure
from scheduling.models import Booking, Slot, Workshop
from scheduling.waitlist_models import WaitlistEntry

COMMANDS = (
    *("/start", "/annuler", "/mesrdv", "/aide", "/help", "/mesdonnees", "/langue"),
    *("/planning", "/nouvelle_seance", "/inviter", "/conseillers", "/notifications", "/stats"),
    *("/start inv-abc", "/start " + "x" * 70, "/inconnue"),
)
# Ids that name nothing: beyond the database's range, in other scripts, signed, or far beyond
# any row a test database holds.
MISSING_IDS = st.one_of(
    st.integers(min_value=10**7, max_value=10**30).map(str),
    st.sampled_from(["", "-1", "+3", "١٢", "１２", "12\n", " 7", "0x1f", "1e3", "NaN"]),
)
FIELD = st.one_of(MISSING_IDS, st.text(max_size=12))


@st.composite
def callback_data(draw) -> str:
    kind = draw(st.sampled_from(sorted(CallbackData._registry)))
    version = draw(st.sampled_from([CallbackData._registry[kind].version, 0, 9]))
    fields = draw(st.lists(FIELD, max_size=3))
    data = f"{kind}{version}:" + ":".join(fields)
    return draw(st.sampled_from([data, data[:64], draw(st.text(max_size=64))]))


ACTIONS = st.one_of(
    st.tuples(st.just("text"), st.text(min_size=1, max_size=400).filter(str.strip)),
    st.tuples(st.just("text"), st.sampled_from(COMMANDS)),
    st.tuples(st.just("press"), callback_data()),
    st.tuples(
        st.just("location"),
        st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    ),
    st.tuples(st.just("document"), st.tuples(st.text(min_size=1, max_size=40), st.binary())),
    st.tuples(st.just("voice"), st.none()),
    st.tuples(st.just("sticker"), st.none()),
)


def _state(bot) -> tuple:
    with bot.session() as session:
        counts = tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (Booking, WaitlistEntry, Slot, Workshop, HostStructure)
        )
        seats = session.scalar(select(func.sum(Slot.seats_taken)))
        statuses = tuple(session.scalars(select(Booking.status).order_by(Booking.id)))
    return (*counts, seats, statuses)


async def _act(resident, action) -> list:
    kind, value = action
    if kind == "text":
        return await resident.send_text(value)
    if kind == "press":
        return await resident.press(value)
    if kind == "location":
        return await resident.send_location(*value)
    if kind == "document":
        return await resident.send_document(*value)
    if kind == "voice":
        return await resident.send_voice()
    sticker = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512}
    sticker |= {"height": 512, "is_animated": False, "is_video": False}
    return await resident._message(sticker=sticker)


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(actions=st.lists(ACTIONS, min_size=1, max_size=4))
async def test_a_stranger_cannot_break_or_change_anything(bot, caplog, actions):
    resident = bot.resident("Fuzz")  # a new Telegram account for every example
    before = _state(bot)
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        for action in actions:
            calls = await _act(resident, action)
            answers = [c for c in calls if c.method != "answerCallbackQuery" and not c.error]
            assert answers, f"no answer to {action!r}: {calls}"
            said = " ".join(str(c.params.get("text", "")) for c in calls)
            assert "problème technique" not in said, action
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert _state(bot) == before

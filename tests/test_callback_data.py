"""Callback data: `<kind><version>:<ids>`, checked both ways, within Telegram's 64 bytes."""

import pytest

from handlers.callback_data import (
    BookSlot,
    CallbackData,
    CommuneChoice,
    InvalidCallbackData,
    MyBookings,
    NeedChoice,
    SlotChoice,
    callback_data,
)


def test_ids_round_trip():
    assert SlotChoice(482).pack() == "sl1:482"
    assert SlotChoice.unpack("sl1:482") == SlotChoice(482)
    assert CommuneChoice.unpack(CommuneChoice("2A004").pack()) == CommuneChoice("2A004")
    assert MyBookings.unpack(MyBookings().pack()) == MyBookings()


@pytest.mark.parametrize(
    "data",
    [
        *("sl0:482", "bk1:482", "sl1:", "sl1:abc", "sl1:1:2", "sl1", "", "sl1:2147483648"),
        *("sl1:9999999999999999999", "sl1:١٢", "sl1:12\n", "sl1:-1", "sl1:+1", "sl1: 1"),
    ],
)
def test_anything_else_is_refused(data):
    assert not SlotChoice.matches(data)
    with pytest.raises(InvalidCallbackData):
        SlotChoice.unpack(data)


def test_ids_fit_the_database_integer():
    assert SlotChoice.unpack("sl1:2147483647") == SlotChoice(2**31 - 1)
    assert SlotChoice.unpack("sl1:0") == SlotChoice(0)


def test_a_button_without_ids_takes_none():
    assert MyBookings.matches("mb1:") and not MyBookings.matches("mb1:x")


def test_kinds_do_not_match_each_other():
    assert SlotChoice.matches("sl1:4") and not BookSlot.matches("sl1:4")


def test_pack_refuses_what_telegram_would_refuse():
    with pytest.raises(ValueError, match="64 bytes"):
        NeedChoice("x" * 61).pack()
    with pytest.raises(ValueError, match="contains"):
        NeedChoice("a:b").pack()


def test_a_kind_is_registered_once():
    with pytest.raises(ValueError, match="already used"):

        @callback_data("sl", 2)
        class AnotherSlot(CallbackData):
            slot_id: int

"""Typed callback data: `<kind><version>:<field>:<field>…`, e.g. `sl1:482`.

One small frozen dataclass per button kind. `pack()` refuses what Telegram would refuse (more
than 64 bytes) and what would not read back (a separator inside a field); `unpack()` checks the
prefix and every field, and raises `InvalidCallbackData` for anything else. Ids only, never names
or free text, and never trusted: the handler re-checks who may press the button.

Changing a kind's fields means bumping its version: buttons already sent with the old version
then reach `handlers.help.expired`, which answers "ce bouton a expiré" with a way on.

    @callback_data("sl", 1)
    class SlotChoice(CallbackData):
        slot_id: int

    SlotChoice(482).pack() == "sl1:482"
    CallbackQueryHandler(choose_slot, pattern=SlotChoice.matches)
"""

import re
from dataclasses import dataclass, fields
from typing import ClassVar, Self

MAX_BYTES = 64
SEPARATOR = ":"
_KIND = re.compile(r"^[a-z]{2,3}$")
_INT = re.compile(r"^-?\d{1,19}$")


class InvalidCallbackData(ValueError):
    """Callback data that no current button kind produces."""


class CallbackData:
    """Base of every button kind; subclasses are frozen dataclasses made by `callback_data`."""

    kind: ClassVar[str]
    version: ClassVar[int]
    _registry: ClassVar[dict[str, type["CallbackData"]]] = {}

    @classmethod
    def prefix(cls) -> str:
        return f"{cls.kind}{cls.version}{SEPARATOR}"

    def pack(self) -> str:
        values = []
        for field in fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            text = "" if value is None else str(value)
            if SEPARATOR in text:
                raise ValueError(f"{type(self).__name__}.{field.name} contains {SEPARATOR!r}")
            values.append(text)
        data = self.prefix() + SEPARATOR.join(values)
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def matches(cls, data: object) -> bool:
        """For `CallbackQueryHandler(pattern=...)`: is this a well-formed button of this kind?"""
        if not isinstance(data, str):
            return False
        try:
            cls.unpack(data)
        except InvalidCallbackData:
            return False
        return True

    @classmethod
    def unpack(cls, data: str) -> Self:
        if not data.startswith(cls.prefix()):
            raise InvalidCallbackData(f"not a {cls.__name__}: {data!r}")
        rest = data[len(cls.prefix()) :]
        own = fields(cls)  # type: ignore[arg-type]
        parts = rest.split(SEPARATOR) if own else ([] if rest == "" else [rest])
        if len(parts) != len(own):
            raise InvalidCallbackData(f"{cls.__name__} wants {len(own)} field(s): {data!r}")
        values = {}
        for field, part in zip(own, parts, strict=True):
            values[field.name] = _parse(field.type, part, data)
        return cls(**values)


def _parse(annotation: object, text: str, data: str) -> object:
    optional = annotation in (int | None, str | None)
    if optional and text == "":
        return None
    if annotation in (int, int | None):
        if not _INT.match(text):
            raise InvalidCallbackData(f"not an id: {text!r} in {data!r}")
        return int(text)
    if annotation in (str, str | None):
        if not text:
            raise InvalidCallbackData(f"empty field in {data!r}")
        return text
    raise TypeError(f"unsupported callback field type {annotation!r}")


def callback_data(kind: str, version: int):
    """Make the class a frozen dataclass registered under `<kind><version>`; kinds are unique."""
    if not _KIND.match(kind) or version < 0:
        raise ValueError(f"bad callback kind {kind!r} or version {version}")

    def register(cls: type) -> type:
        made = dataclass(frozen=True, slots=True)(cls)
        if kind in CallbackData._registry:
            raise ValueError(f"callback kind {kind!r} is already used")
        made.kind = kind
        made.version = version
        CallbackData._registry[kind] = made
        return made

    return register


# --- the journey ----------------------------------------------------------------------------------

ANY_THEME = "any"
"""`NeedChoice.theme` for "help with anything" (no theme slug is "any" or "other")."""
OTHER_THEME = "other"
"""`NeedChoice.theme` for "Autre chose": the resident will say it in words."""


@callback_data("nd", 1)
class NeedChoice(CallbackData):
    theme: str


@callback_data("cm", 1)
class CommuneChoice(CallbackData):
    insee: str


@callback_data("ac", 1)
class OtherCommune(CallbackData):
    """ "Non, une autre commune", "Aucune de ces communes": ask the commune again."""


@callback_data("rs", 1)
class Restart(CallbackData):
    """Back to the first question."""


@callback_data("sl", 1)
class SlotChoice(CallbackData):
    slot_id: int


@callback_data("bk", 1)
class BookSlot(CallbackData):
    slot_id: int


@callback_data("bn", 1)
class DontBook(CallbackData):
    slot_id: int


# --- bookings -------------------------------------------------------------------------------------


@callback_data("mb", 1)
class MyBookings(CallbackData):
    pass


@callback_data("cx", 1)
class AskCancel(CallbackData):
    booking_id: int


@callback_data("cy", 1)
class ConfirmCancel(CallbackData):
    booking_id: int


@callback_data("ck", 1)
class KeepBooking(CallbackData):
    booking_id: int


# --- settings and personal data -------------------------------------------------------------------


@callback_data("lg", 1)
class LanguageChoice(CallbackData):
    language: str


@callback_data("ea", 1)
class AskErase(CallbackData):
    pass


@callback_data("ey", 1)
class ConfirmErase(CallbackData):
    pass


@callback_data("ek", 1)
class KeepData(CallbackData):
    pass


# --- reminders and waitlist offers ----------------------------------------------------------------


@callback_data("ra", 1)
class ConfirmAttendance(CallbackData):
    """ "Je viens ✅" under a reminder ("Je ne peux plus venir ❌" is `AskCancel`)."""

    booking_id: int


@callback_data("wa", 1)
class AcceptOffer(CallbackData):
    """ "Je prends la place" under a waitlist offer."""

    entry_id: int


@callback_data("wd", 1)
class DeclineOffer(CallbackData):
    """ "Je laisse ma place" under a waitlist offer."""

    entry_id: int


@callback_data("wj", 1)
class JoinWaitlist(CallbackData):
    """ "M'inscrire sur la liste d'attente" where a slot is full."""

    slot_id: int


# --- spreadsheets of sessions sent by the staff ---------------------------------------------------


@callback_data("iap", 1)
class ApplyImport(CallbackData):
    """ "Appliquer" under the dry run of a file of sessions: applied only if its plan is still
    the one shown (`digest`, see `scheduling.slot_import.ImportPlan.digest`)."""

    staged_id: int
    digest: str


@callback_data("idr", 1)
class DropImport(CallbackData):
    """ "Abandonner" under the dry run of a file of sessions."""

    staged_id: int

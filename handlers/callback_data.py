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
MAX_INT = 2**31 - 1
"""The range of every id column on PostgreSQL (`integer`) and SQLite."""
_DIGITS = re.compile(r"[0-9]+")


def whole_number(text: str, *, high: int = MAX_INT) -> int | None:
    """`text` as a number if it is ASCII digits (`\\d` takes other scripts' digits too), no sign,
    at most `high`; else None: no forged id from a button or a form reaches the database."""
    if len(text) > len(str(high)) or not _DIGITS.fullmatch(text) or int(text) > high:
        return None
    return int(text)


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
        number = whole_number(text)
        if number is None:
            raise InvalidCallbackData(f"not an id: {text!r} in {data!r}")
        return number
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


@callback_data("qf", 1)
class FormerCommuneChoice(CallbackData):
    """A former commune (déléguée or associée), "Beaulieu (Souleuvre en Bocage, Calvados)":
    search from its own position, in the commune it is now part of."""

    insee: str


@callback_data("qp", 1)
class CommunesPage(CallbackData):
    """Another page of the communes offered (their list is in the draft, `commune_choices`)."""

    page: int


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


@callback_data("hp", 1)
class PlaceDetails(CallbackData):
    """One place of the help found: its address, hours, phone and dates on `theme`
    (`ANY_THEME`: all)."""

    structure_id: int
    theme: str


@callback_data("hw", 1)
class SearchWider(CallbackData):
    """ "Chercher plus loin": the help for `theme` (`ANY_THEME`: any) around the commune `insee`,
    within `radius_km`. Everything the search needs, so that it works days later."""

    insee: str
    theme: str
    radius_km: int


@callback_data("hc", 1)
class OtherContacts(CallbackData):
    """The town hall of the commune `insee` and the national helpline."""

    insee: str


# --- bookings -------------------------------------------------------------------------------------


@callback_data("mb", 1)
class MyBookings(CallbackData):
    pass


@callback_data("mp", 1)
class MyBookingsPage(CallbackData):
    """ "Suivants ▶" in /mesrdv."""

    page: int


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


@callback_data("md", 1)
class MyDataPage(CallbackData):
    """ "Suite ▶" in /mesdonnees."""

    page: int


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


@callback_data("wl", 1)
class AskLeaveWaitlist(CallbackData):
    """ "Quitter la liste d'attente" in /mesrdv: asks for a confirmation."""

    entry_id: int


@callback_data("wy", 1)
class ConfirmLeaveWaitlist(CallbackData):
    """ "Oui, je quitte la liste"."""

    entry_id: int


@callback_data("wk", 1)
class StayOnWaitlist(CallbackData):
    """ "Non, je reste sur la liste"."""

    entry_id: int


# --- the coordinators: inviting advisors, the list of advisors ------------------------------------
# Kinds of this section start with "v".


@callback_data("vpl", 1)
class InvitePlace(CallbackData):
    """/inviter: the place the advisor is invited to."""

    structure_id: int


@callback_data("vpg", 1)
class InvitePlacesPage(CallbackData):
    """/inviter: another page of the places found (the words searched are in the draft)."""

    page: int


@callback_data("vls", 1)
class AdvisorsPage(CallbackData):
    """/conseillers: a page of the list."""

    page: int


@callback_data("vrv", 1)
class AskRevoke(CallbackData):
    """ "Retirer l'accès": asks for a confirmation first."""

    advisor_id: int


@callback_data("vry", 1)
class ConfirmRevoke(CallbackData):
    advisor_id: int


@callback_data("vpm", 1)
class Promote(CallbackData):
    advisor_id: int


@callback_data("vdm", 1)
class Demote(CallbackData):
    advisor_id: int


# --- adding sessions (/nouvelle_seance, handlers.new_session) -------------------------------------
# Each button carries one answer; the dialogue re-checks who may act, and where, at every press.


@callback_data("npl", 1)
class NewPlace(CallbackData):
    structure_id: int


@callback_data("nkd", 1)
class NewKind(CallbackData):
    kind: str
    """A `WorkshopKind` value."""


@callback_data("nth", 1)
class NewTheme(CallbackData):
    """A theme chosen, or unchosen."""

    theme: str


@callback_data("ntd", 1)
class NewThemesDone(CallbackData):
    """ "Continuer" under the themes."""


@callback_data("nti", 1)
class NewTitleSuggested(CallbackData):
    """ "Utiliser : <the themes' label>" (worked out again from the dialogue, not carried)."""


@callback_data("ndy", 1)
class NewDay(CallbackData):
    day: str
    """ISO date, on the place's calendar."""


@callback_data("nst", 1)
class NewStart(CallbackData):
    minutes: int
    """Minutes after midnight, on the place's wall clock."""


@callback_data("ndu", 1)
class NewDuration(CallbackData):
    minutes: int


@callback_data("ncp", 1)
class NewCapacity(CallbackData):
    seats: int


@callback_data("nrp", 1)
class NewRepeat(CallbackData):
    every_weeks: int
    """0: once only."""


@callback_data("nun", 1)
class NewUntil(CallbackData):
    day: str
    """ISO date of the last day a session may fall on."""


@callback_data("nbk", 1)
class NewBack(CallbackData):
    """ "⬅️ Retour": ask that step's question again."""

    step: int


@callback_data("nok", 1)
class NewCreate(CallbackData):
    """ "✅ Créer" under a summary; `check` names the answers that summary showed, so that an
    older summary's button creates nothing the advisor did not see."""

    check: int


@callback_data("nrs", 1)
class NewRestart(CallbackData):
    """ "✏️ Recommencer"."""


@callback_data("ncl", 1)
class NewCancel(CallbackData):
    """ "❌ Annuler", as /annuler."""


NEW_SESSION_BUTTONS: tuple[type[CallbackData], ...] = (
    NewPlace,
    NewKind,
    NewTheme,
    NewThemesDone,
    NewTitleSuggested,
    NewDay,
    NewStart,
    NewDuration,
    NewCapacity,
    NewRepeat,
    NewUntil,
    NewBack,
    NewCreate,
    NewRestart,
    NewCancel,
)


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


# --- the staff's planning: sessions, participants, walk-ins, notices (handlers.planning) ---------
# Kinds of this section start with "p". Ids only: who presses is checked again at every press.


@callback_data("ppl", 1)
class PlanningPage(CallbackData):
    page: int


@callback_data("pss", 1)
class PlanningSlot(CallbackData):
    """A session's detail: its participants and what can be done."""

    slot_id: int


@callback_data("pcx", 1)
class AskCancelSlot(CallbackData):
    """ "🗑 Annuler la séance": how many are booked, and a reason to type (or none)."""

    slot_id: int


@callback_data("pcn", 1)
class CancelSessionNow(CallbackData):
    """ "Annuler sans motif", under that question."""

    slot_id: int


@callback_data("pmv", 1)
class AskMoveSlot(CallbackData):
    slot_id: int


@callback_data("pat", 1)
class MarkPresence(CallbackData):
    booking_id: int
    came: int
    """1: present; 0: absent (no-show)."""


@callback_data("pwi", 1)
class StartWalkIn(CallbackData):
    """ "➕ Inscrire quelqu'un" (not on Telegram, or in front of the advisor)."""

    slot_id: int


@callback_data("pwt", 1)
class WalkInNeed(CallbackData):
    theme: str


@callback_data("pwp", 1)
class WalkInNoPhone(CallbackData):
    """ "Passer": no phone number."""


@callback_data("pwc", 1)
class AskCancelWalkIn(CallbackData):
    booking_id: int


@callback_data("pwy", 1)
class ConfirmCancelWalkIn(CallbackData):
    booking_id: int


@callback_data("pnl", 1)
class NotificationChoice(CallbackData):
    level: str

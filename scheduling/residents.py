"""Residents: who talks to the bot, the little we keep about them, and erasing it all.

We keep a Telegram user id, a first name, a language and the commune last searched from, and
nothing else. A resident can read it (`stored_data`) and erase it (`erase_resident`): their
future bookings are cancelled through `scheduling.booking` (so the seats go to others), they
leave every waitlist, their bookings lose their link to them (anonymised as by
`scheduling.retention`, so the counts per slot stay true), and the resident row is deleted with
the messages queued for them.

Like every `scheduling` function: the caller's Session, keyword-only arguments, an explicit
aware `now`, no commit.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    String,
    bindparam,
    case,
    delete,
    func,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session

from knowledge.orm import OnConflict, UTCDateTime
from scheduling.booking import Cancelled, CancelledBy, cancel_booking, upcoming_bookings
from scheduling.local_time import require_aware
from scheduling.models import Booking, Resident
from scheduling.notification_models import LIVE_STATUSES, Notification
from scheduling.policy import DEFAULT_POLICY, Policy
from scheduling.waitlist import leave_all_waitlists
from scheduling.waitlist_models import ACTIVE_WAITLIST_STATUSES, WaitlistEntry

FIRST_NAME_LENGTH = 64


@dataclass(frozen=True, slots=True)
class ResidentView:
    id: int
    telegram_user_id: int
    first_name: str
    language: str
    commune_insee: str | None


@dataclass(frozen=True, slots=True)
class StoredData:
    """Everything stored about one resident, for /mesdonnees."""

    first_name: str
    language: str
    commune_insee: str | None
    created_at: datetime
    last_seen_at: datetime
    upcoming_bookings: int
    past_bookings: int
    needs: tuple[str, ...] = ()
    """The needs noted with their bookings and waitlist entries (theme slugs), most recent first."""
    waitlists: int = 0
    """Waitlists they are on."""
    queued_messages: int = 0
    """Messages waiting to be sent to them (reminders, offers, notices)."""


@dataclass(frozen=True, slots=True)
class Erased:
    cancelled_bookings: int
    """Future bookings cancelled, their seats freed."""
    anonymised_bookings: int
    """Booking rows no longer linked to anyone, the cancelled ones included."""
    left_waitlists: int


def _view(resident: Resident) -> ResidentView:
    return ResidentView(
        id=resident.id,
        telegram_user_id=resident.telegram_user_id,
        first_name=resident.first_name,
        language=resident.language,
        commune_insee=resident.commune_insee,
    )


_residents = Resident.__table__
_VIEW_COLUMNS = (
    _residents.c.id,
    _residents.c.telegram_user_id,
    _residents.c.first_name,
    _residents.c.language,
    _residents.c.commune_insee,
)
_first_name = bindparam("first_name_", type_=String)
_commune = bindparam("commune_", type_=String)
# What every update changes: seen now; the first name follows the profile, unless the profile
# has none; the commune searched from, if any, is remembered.
_SEEN = {
    "last_seen_at": bindparam("now_", type_=UTCDateTime),
    "first_name": case((_first_name != literal(""), _first_name), else_=_residents.c.first_name),
    "commune_insee": func.coalesce(_commune, _residents.c.commune_insee),
    "unreachable": False,
}
# Built once, values bound at execution: the statements of every update, in Core (no objects to
# load, flush and track for a row read and touched once).
_TOUCH = (
    update(_residents)
    .where(_residents.c.telegram_user_id == bindparam("telegram_user_id_"))
    .values(_SEEN)
    .returning(*_VIEW_COLUMNS)
)
# A first contact; if the same person's other update created the row meanwhile, it is touched
# instead, in the same statement (no savepoint to recover from an error).
_CREATE = OnConflict(
    lambda insert: (
        insert(_residents)
        .values(
            telegram_user_id=bindparam("telegram_user_id_"),
            first_name=_first_name,
            language=bindparam("language_"),
            commune_insee=_commune,
            created_at=bindparam("now_", type_=UTCDateTime),
            last_seen_at=bindparam("now_", type_=UTCDateTime),
            unreachable=False,
        )
        .on_conflict_do_update(index_elements=[_residents.c.telegram_user_id], set_=_SEEN)
        .returning(*_VIEW_COLUMNS)
    )
)


def find_resident(session: Session, *, telegram_user_id: int) -> ResidentView | None:
    resident = session.scalar(select(Resident).where(Resident.telegram_user_id == telegram_user_id))
    return _view(resident) if resident else None


def ensure_resident(
    session: Session,
    *,
    telegram_user_id: int,
    first_name: str,
    language: str,
    now: datetime,
    commune_insee: str | None = None,
) -> ResidentView:
    """The resident with this Telegram id, created if new (with `language`), seen at `now`,
    searching from `commune_insee` if given (offered first next time).

    The first name follows the Telegram profile; the language is only set at creation (after
    that it is the resident's choice, see `set_language`).
    """
    require_aware(now)
    values = {
        "telegram_user_id_": telegram_user_id,
        "first_name_": (first_name or "").strip()[:FIRST_NAME_LENGTH],
        "commune_": commune_insee,
        "now_": now,
    }
    row = session.execute(_TOUCH, values).one_or_none()
    if row is None:
        row = session.execute(_CREATE.on(session), {**values, "language_": language}).one()
    return ResidentView(*row)


def set_language(session: Session, *, resident_id: int, language: str) -> None:
    session.execute(update(Resident).where(Resident.id == resident_id).values(language=language))


def stored_data(session: Session, *, telegram_user_id: int, now: datetime) -> StoredData | None:
    """What we store about this Telegram user; None if nothing."""
    require_aware(now)
    resident = session.scalar(select(Resident).where(Resident.telegram_user_id == telegram_user_id))
    if resident is None:
        return None
    upcoming = len(upcoming_bookings(session, resident_id=resident.id, now=now))
    total = session.scalar(
        select(func.count()).select_from(Booking).where(Booking.resident_id == resident.id)
    )
    noted = session.execute(
        select(Booking.need, Booking.created_at)
        .where(Booking.resident_id == resident.id, Booking.need.is_not(None))
        .union_all(
            select(WaitlistEntry.need, WaitlistEntry.created_at).where(
                WaitlistEntry.resident_id == resident.id, WaitlistEntry.need.is_not(None)
            )
        )
        .order_by(literal_column("created_at").desc())
    )
    waitlists = session.scalar(
        select(func.count())
        .select_from(WaitlistEntry)
        .where(
            WaitlistEntry.resident_id == resident.id,
            WaitlistEntry.status.in_(ACTIVE_WAITLIST_STATUSES),
        )
    )
    queued = session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.resident_id == resident.id, Notification.status.in_(LIVE_STATUSES))
    )
    return StoredData(
        first_name=resident.first_name,
        language=resident.language,
        commune_insee=resident.commune_insee,
        created_at=resident.created_at,
        last_seen_at=resident.last_seen_at,
        upcoming_bookings=upcoming,
        past_bookings=(total or 0) - upcoming,
        needs=tuple(dict.fromkeys(need for need, _ in noted)),
        waitlists=waitlists or 0,
        queued_messages=queued or 0,
    )


def erase_resident(
    session: Session, *, telegram_user_id: int, now: datetime, policy: Policy = DEFAULT_POLICY
) -> Erased | None:
    """Cancel the resident's future bookings (freeing their seats), take them out of every
    waitlist, anonymise their bookings and delete them. None if nothing was stored.

    A booking on a slot already started cannot be cancelled: it is anonymised as it is.
    """
    require_aware(now)
    resident_id = session.scalar(
        select(Resident.id).where(Resident.telegram_user_id == telegram_user_id)
    )
    if resident_id is None:
        return None
    # Out of every waitlist first: a seat held for them passes on before their rows go.
    left = leave_all_waitlists(session, resident_id=resident_id, now=now, policy=policy)
    cancelled = 0
    for booking in upcoming_bookings(session, resident_id=resident_id, now=now):
        outcome = cancel_booking(
            session,
            booking_id=booking.booking_id,
            resident_id=resident_id,
            now=now,
            by=CancelledBy.RESIDENT,
            policy=policy,
        )
        cancelled += isinstance(outcome, Cancelled)
    anonymised = session.execute(
        update(Booking)
        .where(Booking.resident_id == resident_id)
        .values(resident_id=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.execute(delete(Resident).where(Resident.id == resident_id))
    return Erased(
        cancelled_bookings=cancelled,
        anonymised_bookings=anonymised or 0,
        left_waitlists=left,
    )

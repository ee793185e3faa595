"""A small world for the reminder, waitlist and notification stories, and a fake Telegram.

`deliver` plays the bot's sending job as the Telegram side must write it: claim a batch in a
transaction of its own, send each message, end each claim in a short transaction (sent,
unreachable on Forbidden, later on RetryAfter or a network error). `FakeTelegram` records what
was sent and can be told to fail as Telegram does; the clock is a value the test moves.
"""

import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from telegram.error import Forbidden, NetworkError, RetryAfter

from knowledge.catalogue import HostStructure, Typology
from scheduling import (
    Booking,
    Claimed,
    Message,
    Notification,
    NotificationKind,
    NotificationStatus,
    Resident,
    Slot,
    Workshop,
    WorkshopKind,
    WorkshopTheme,
    book_seat,
    claim_due,
    mark_sent,
    mark_unreachable,
    retry_delay,
    retry_later,
)
from scheduling.advisor_models import Advisor, NotificationLevel

# Monday 3 March 2025, 9:00 in Moissac (CET, UTC+1).
MONDAY_9AM = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime = MONDAY_9AM

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, instant: datetime) -> datetime:
        self.now = instant
        return instant


def add_structure(
    session: Session,
    *,
    name: str = "France Services Moissac",
    timezone: str = "Europe/Paris",
    commune_insee: str = "82112",
    lat: float = 44.104,
    lon: float = 1.085,
) -> int:
    structure = HostStructure(
        name=name,
        typology=Typology.FRANCE_SERVICES,
        address="1 place Roger Delthil",
        postal_code="82200",
        phone="05 63 00 00 00",
        commune_insee=commune_insee,
        lat=lat,
        lon=lon,
        timezone=timezone,
    )
    session.add(structure)
    session.flush()
    return structure.id


def add_advisor(
    session: Session,
    *,
    first_name: str = "Nadia",
    telegram_user_id: int | None = 9001,
    level: NotificationLevel = NotificationLevel.ALL,
) -> int:
    advisor = Advisor(
        first_name=first_name,
        last_name="Conseillère",
        telegram_user_id=telegram_user_id,
        notification_level=level,
    )
    session.add(advisor)
    session.flush()
    return advisor.id


def add_workshop(
    session: Session,
    *,
    structure_id: int,
    title: str = "Déclarer ses revenus en ligne",
    themes: tuple[str, ...] = ("impots",),
    advisor_id: int | None = None,
) -> int:
    workshop = Workshop(
        structure_id=structure_id,
        title=title,
        kind=WorkshopKind.COLLECTIVE,
        advisor_id=advisor_id,
        themes=[WorkshopTheme(theme=theme) for theme in themes],
    )
    session.add(workshop)
    session.flush()
    return workshop.id


def add_slot(
    session: Session,
    *,
    workshop_id: int,
    starts_at: datetime,
    capacity: int = 8,
    hours: float = 2,
) -> int:
    slot = Slot(
        workshop_id=workshop_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        capacity=capacity,
    )
    session.add(slot)
    session.flush()
    return slot.id


def add_resident(
    session: Session,
    *,
    first_name: str,
    telegram_user_id: int,
    now: datetime = MONDAY_9AM,
) -> int:
    resident = Resident(
        telegram_user_id=telegram_user_id,
        first_name=first_name,
        language="fr",
        created_at=now - timedelta(days=30),
        last_seen_at=now,
    )
    session.add(resident)
    session.flush()
    return resident.id


def book(sessions: sessionmaker[Session], *, slot_id: int, resident_id: int, now: datetime, **kw):
    with sessions.begin() as session:
        return book_seat(session, slot_id=slot_id, resident_id=resident_id, now=now, **kw)


# --- a fake Telegram and the sending loop -------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    notification_id: int
    chat_id: int
    kind: NotificationKind
    message: Message
    at: datetime


@dataclass
class FakeTelegram:
    """Accepts every message, except from chats that blocked the bot or while the network fails."""

    blocked: set[int] = field(default_factory=set)
    network_failures: int = 0
    """The next this-many sends fail with a network error."""
    retry_after: int | None = None
    """The next send is refused with RetryAfter(this many seconds)."""
    sent: list[Sent] = field(default_factory=list)
    attempts: int = 0

    def send(self, claim: Claimed, *, now: datetime) -> None:
        self.attempts += 1
        if claim.recipient.chat_id in self.blocked:
            raise Forbidden("Forbidden: bot was blocked by the user")
        if self.retry_after is not None:
            seconds, self.retry_after = self.retry_after, None
            with warnings.catch_warnings():  # PTB 22 warns while building its message
                warnings.simplefilter("ignore")
                error = RetryAfter(timedelta(seconds=seconds))
            raise error
        if self.network_failures:
            self.network_failures -= 1
            raise NetworkError("connection reset")
        self.sent.append(
            Sent(claim.notification_id, claim.recipient.chat_id, claim.kind, claim.message, now)
        )

    def kinds_to(self, chat_id: int) -> list[NotificationKind]:
        return [sent.kind for sent in self.sent if sent.chat_id == chat_id]

    def times_sent(self) -> Counter[int]:
        return Counter(sent.notification_id for sent in self.sent)


def deliver(
    sessions: sessionmaker[Session],
    telegram: FakeTelegram,
    *,
    now: datetime,
    worker: str = "worker-1",
    limit: int = 50,
    lease: timedelta = timedelta(minutes=5),
) -> list[Sent]:
    """One run of the sending job at `now`: everything due is sent, refused or put back."""
    before = len(telegram.sent)
    while True:
        with sessions.begin() as session:
            claims = claim_due(session, now=now, worker=worker, limit=limit, lease=lease)
        if not claims:
            return telegram.sent[before:]
        for claim in claims:
            try:
                telegram.send(claim, now=now)
            except Forbidden:
                with sessions.begin() as session:
                    mark_unreachable(session, claim=claim, now=now)
            except RetryAfter as error:
                with sessions.begin() as session:
                    retry_later(session, claim=claim, at=now + _wait(error), now=now)
            except NetworkError:
                with sessions.begin() as session:
                    retry_later(session, claim=claim, at=now + retry_delay(claim.attempt), now=now)
            else:
                with sessions.begin() as session:
                    mark_sent(session, claim=claim, now=now)


def _wait(error: RetryAfter) -> timedelta:
    # PTB 22 warns that `retry_after` becomes a timedelta (PTB_TIMEDELTA=1 opts in early).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


def outbox(sessions: sessionmaker[Session], **filters) -> list[Notification]:
    """The outbox rows matching `filters` (column=value), oldest first."""
    with sessions() as session:
        query = select(Notification).order_by(Notification.id)
        for column, value in filters.items():
            query = query.where(getattr(Notification, column) == value)
        return list(session.scalars(query))


def statuses(sessions: sessionmaker[Session], **filters) -> list[NotificationStatus]:
    return [row.status for row in outbox(sessions, **filters)]


def booking(sessions: sessionmaker[Session], booking_id: int) -> Booking:
    with sessions() as session:
        return session.get(Booking, booking_id)

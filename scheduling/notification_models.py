"""The outbox: every message the service owes someone, one row each, until it is sent or moot.

A row says who must be told what, about which booking, slot or waitlist entry, from when
(`due_at`) and until when (`expires_at`); never the sentence, which the sender renders in the
recipient's language when it sends. `key` is UNIQUE and derived from the kind and its subject
("reminder_day_before:b12:s34"), so queueing the same message twice is a no-op.

Life of a row (`scheduling.notifications` moves it along, each step one guarded UPDATE):

    pending ──claim──▶ claimed ──▶ sent
       ▲                  │  └───▶ unreachable (Telegram refused: the resident blocked the bot)
       └──retry_later─────┤  └───▶ failed      (a permanent error, or too many attempts)
                          └──────▶ dropped     (expired, or overtaken: cancelled booking or slot…)

`available_at` is the single clock of the queue: for a pending row, when it may be taken (its due
time, or the retry time); for a claimed row, when the claim's lease runs out and another worker
may take it over. Claimable rows are therefore `status IN ('pending', 'claimed') AND
available_at <= now`, one range of one index, and nothing else is ever read: future rows cost
disk, not memory.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from knowledge.orm import Base
from scheduling.models import _string_enum


class NotificationKind(StrEnum):
    REMINDER_DAY_BEFORE = "reminder_day_before"
    REMINDER_HOURS_BEFORE = "reminder_hours_before"
    BOOKING_CANCELLED = "booking_cancelled"
    """The service cancelled one resident's booking (not the whole slot)."""
    SLOT_CANCELLED = "slot_cancelled"
    SLOT_MOVED = "slot_moved"
    WAITLIST_OFFER = "waitlist_offer"
    ADVISOR_BOOKED = "advisor_booked"
    ADVISOR_CANCELLED = "advisor_cancelled"
    ADVISOR_AGENDA = "advisor_agenda"
    WAITLIST_CANCELLED = "waitlist_cancelled"
    """The slot a resident waited for was cancelled."""
    WAITLIST_MOVED = "waitlist_moved"
    """The slot a resident waits for moved (they wait for the new time)."""
    BOOKING_CONFIRMED = "booking_confirmed"
    """A booking made whose confirmation Telegram failed to show: the outbox says it again."""


REMINDER_KINDS = frozenset(
    {NotificationKind.REMINDER_DAY_BEFORE, NotificationKind.REMINDER_HOURS_BEFORE}
)
ADVISOR_KINDS = frozenset(
    {
        NotificationKind.ADVISOR_BOOKED,
        NotificationKind.ADVISOR_CANCELLED,
        NotificationKind.ADVISOR_AGENDA,
    }
)


class NotificationStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    DROPPED = "dropped"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


LIVE_STATUSES = (NotificationStatus.PENDING, NotificationStatus.CLAIMED)


class DropReason(StrEnum):
    EXPIRED = "expired"
    """Not sent in time: the slot started, the grace window or the offer ran out."""
    BOOKING_CANCELLED = "booking_cancelled"
    SLOT_CANCELLED = "slot_cancelled"
    SLOT_MOVED = "slot_moved"
    """A reminder for the old time; new ones were queued for the new time."""
    SUPERSEDED = "superseded"
    """A newer message says it better (a booking cancelled before the advisor heard of it…)."""
    UNREACHABLE = "unreachable"
    """The recipient blocked the bot."""
    OBSOLETE = "obsolete"
    """What it was about is gone or changed (found when claiming)."""


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint("(resident_id IS NULL) <> (advisor_id IS NULL)", name="one_recipient"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        CheckConstraint("status <> 'sent' OR sent_at IS NOT NULL", name="sent_has_sent_at"),
        CheckConstraint(
            "(status = 'dropped') = (drop_reason IS NOT NULL)", name="drop_reason_iff_dropped"
        ),
        CheckConstraint("status <> 'claimed' OR claimed_by IS NOT NULL", name="claim_has_worker"),
        Index("ix_notifications_status_available_at", "status", "available_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[NotificationKind] = mapped_column(
        _string_enum(NotificationKind, "notification_kind")
    )
    status: Mapped[NotificationStatus] = mapped_column(
        _string_enum(NotificationStatus, "notification_status"),
        default=NotificationStatus.PENDING,
        server_default=NotificationStatus.PENDING.value,
    )
    # The recipient: exactly one of the two. A resident's rows go with the resident.
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), index=True
    )
    advisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("advisors.id", ondelete="CASCADE"), index=True
    )
    # The subject. An advisor's notice outlives an erased resident's booking (SET NULL).
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="SET NULL"), index=True
    )
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slots.id"), index=True)
    previous_slot_id: Mapped[int | None] = mapped_column(ForeignKey("slots.id"))
    """For `slot_moved`: the slot (and time) the resident knew before."""
    waitlist_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("waitlist_entries.id", ondelete="CASCADE"), index=True
    )
    agenda_day: Mapped[date | None]
    """For `advisor_agenda`: the local day the agenda is for."""
    seats_left: Mapped[int | None]
    """For advisors' change notices: seats left just after the change."""

    created_at: Mapped[datetime]
    due_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    """Not sent by then, it is dropped (a reminder: the slot's start at the latest)."""
    available_at: Mapped[datetime]
    """See the module docstring: due or retry time when pending, lease end when claimed."""
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    """How many times it was claimed; with `claimed_by`, it identifies one claim."""
    sent_at: Mapped[datetime | None]
    drop_reason: Mapped[DropReason | None] = mapped_column(
        _string_enum(DropReason, "notification_drop_reason")
    )

"""Advisors (conseillers numériques): who works at which host structures, and what they are told.

Advisors are people who run workshops, so they belong here rather than in `knowledge`, which
knows places and not who staffs them: the link to `host_structures` points down, never up.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.catalogue import HostStructure
from knowledge.orm import Base
from scheduling.models import _string_enum


class NotificationLevel(StrEnum):
    """What an advisor linked to Telegram is told of the bookings on their slots."""

    ALL = "all"
    """Every booking and cancellation, as it happens, and the daily agenda."""
    SAME_DAY = "same_day"
    """Only the changes to sessions starting the same (local) day, and the daily agenda."""
    NONE = "none"
    """Nothing."""


advisor_structures = Table(
    "advisor_structures",
    Base.metadata,
    Column("advisor_id", ForeignKey("advisors.id", ondelete="CASCADE"), primary_key=True),
    Column("structure_id", ForeignKey("host_structures.id", ondelete="CASCADE"), primary_key=True),
)


class Advisor(Base):
    """A conseiller numérique (or other helper) working in one or more host structures."""

    __tablename__ = "advisors"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    notification_level: Mapped[NotificationLevel] = mapped_column(
        _string_enum(NotificationLevel, "notification_level"),
        default=NotificationLevel.ALL,
        server_default=NotificationLevel.ALL.value,
    )
    is_coordinator: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Promoted by a coordinator (those of AIGUILLAGE_ADMIN_IDS are coordinators anyway)."""
    last_seen_at: Mapped[datetime | None]
    """Their last command or button in the bot, for the coordinators' list."""
    structures: Mapped[list[HostStructure]] = relationship(
        secondary=advisor_structures, passive_deletes=True
    )

    __table_args__ = (CheckConstraint("first_name <> ''", name="first_name_not_empty"),)

    def __repr__(self) -> str:
        return f"Advisor(id={self.id!r}, first_name={self.first_name!r})"


invitation_structures = Table(
    "invitation_structures",
    Base.metadata,
    Column("invitation_id", ForeignKey("invitations.id", ondelete="CASCADE"), primary_key=True),
    Column("structure_id", ForeignKey("host_structures.id", ondelete="CASCADE"), primary_key=True),
)


class Invitation(Base):
    """A single-use link that makes whoever opens it an advisor of some places.

    Only a hash of the token is stored: the database alone cannot be used to sign in."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisors.id", ondelete="SET NULL"))
    """The advisor the link made (or gave places to), once used."""
    structures: Mapped[list[HostStructure]] = relationship(
        secondary=invitation_structures, passive_deletes=True
    )

    __table_args__ = (
        CheckConstraint("first_name <> ''", name="first_name_not_empty"),
        CheckConstraint("expires_at > created_at", name="expires_after_creation"),
    )

"""Who the staff are: advisors invited by a link, coordinators, and what a coordinator does to them.

Three roles. Everyone is a resident. An advisor is linked to one or more places. A coordinator
is one of the Telegram ids of AIGUILLAGE_ADMIN_IDS (given by the caller as `admin_ids`), or an
advisor a coordinator promoted; a coordinator may demote the promoted, never the ids of the
setting.

Invitations are single-use links: the token is random (`secrets`), at most 64 characters of
`A-Za-z0-9_-` (what a Telegram deep link carries), expires, and only its SHA-256 is stored.
Opening it makes the Telegram account an advisor of the invitation's places, or gives an
existing advisor those places.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from knowledge.catalogue import HostStructure
from scheduling.advisor_models import Advisor, Invitation, advisor_structures, invitation_structures
from scheduling.local_time import require_aware

DEFAULT_INVITATION_DAYS = 7


class Role(StrEnum):
    RESIDENT = "resident"
    ADVISOR = "advisor"
    COORDINATOR = "coordinator"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is asking, as the database and the settings say now (never as a button says)."""

    telegram_user_id: int
    role: Role
    advisor_id: int | None = None
    """Their advisor row; None for a resident, or a coordinator of the settings who has none."""
    structure_ids: frozenset[int] = frozenset()
    """The places they are linked to (a coordinator acts on every place anyway)."""
    from_settings: bool = False
    """A coordinator by AIGUILLAGE_ADMIN_IDS: cannot be demoted from the bot."""

    @property
    def is_staff(self) -> bool:
        return self.role is not Role.RESIDENT


def actor_for(
    session: Session, *, telegram_user_id: int, admin_ids: frozenset[int], now: datetime
) -> Actor:
    """The role and places of a Telegram account; an advisor's last activity is recorded."""
    require_aware(now)
    advisor = session.execute(
        select(Advisor.id, Advisor.is_coordinator).where(
            Advisor.telegram_user_id == telegram_user_id
        )
    ).first()
    from_settings = telegram_user_id in admin_ids
    if advisor is None:
        role = Role.COORDINATOR if from_settings else Role.RESIDENT
        return Actor(telegram_user_id=telegram_user_id, role=role, from_settings=from_settings)
    session.execute(update(Advisor).where(Advisor.id == advisor.id).values(last_seen_at=now))
    structure_ids = frozenset(
        session.scalars(
            select(advisor_structures.c.structure_id).where(
                advisor_structures.c.advisor_id == advisor.id
            )
        )
    )
    coordinator = from_settings or advisor.is_coordinator
    return Actor(
        telegram_user_id=telegram_user_id,
        role=Role.COORDINATOR if coordinator else Role.ADVISOR,
        advisor_id=advisor.id,
        structure_ids=structure_ids,
        from_settings=from_settings,
    )


# --- invitations ----------------------------------------------------------------------------------


class UnknownPlaces(ValueError):
    """Some place ids name no place (the ids are in `args[0]`)."""


@dataclass(frozen=True, slots=True)
class Invited:
    token: str
    """To put in the link; never stored."""
    expires_at: datetime


def invite_advisor(
    session: Session,
    *,
    structure_ids: list[int],
    first_name: str,
    last_name: str,
    now: datetime,
    valid_for: timedelta = timedelta(days=DEFAULT_INVITATION_DAYS),
) -> Invited:
    """A new single-use invitation to advise at these places. Raises UnknownPlaces."""
    require_aware(now)
    wanted = set(structure_ids)
    known = set(session.scalars(select(HostStructure.id).where(HostStructure.id.in_(wanted))))
    if not wanted or known != wanted:
        raise UnknownPlaces(sorted(wanted - known))
    token = secrets.token_urlsafe(32)  # 43 characters of A-Za-z0-9_-
    invitation_id = session.scalar(
        insert(Invitation)
        .values(
            token_hash=_hash(token),
            first_name=first_name,
            last_name=last_name,
            created_at=now,
            expires_at=now + valid_for,
        )
        .returning(Invitation.id)
    )
    session.execute(
        insert(invitation_structures),
        [{"invitation_id": invitation_id, "structure_id": id_} for id_ in sorted(wanted)],
    )
    return Invited(token=token, expires_at=now + valid_for)


class InvitationRefused(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class Welcomed:
    advisor_id: int
    first_name: str
    structure_names: tuple[str, ...]
    """All the places the advisor is now linked to, by name."""
    already_advisor: bool


def accept_invitation(
    session: Session, *, token: str, telegram_user_id: int, now: datetime
) -> Welcomed | InvitationRefused:
    """The Telegram account becomes an advisor of the invitation's places (or gains them)."""
    require_aware(now)
    token_hash = _hash(token)
    # Taken in one guarded statement: two taps on the link cannot both use it.
    invitation = session.execute(
        update(Invitation)
        .where(
            Invitation.token_hash == token_hash,
            Invitation.used_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(used_at=now)
        .returning(Invitation.id, Invitation.first_name, Invitation.last_name)
    ).first()
    if invitation is None:
        return _why_refused(session, token_hash)
    advisor_id = session.scalar(
        select(Advisor.id).where(Advisor.telegram_user_id == telegram_user_id)
    )
    already = advisor_id is not None
    if advisor_id is None:
        advisor_id = session.scalar(
            insert(Advisor)
            .values(
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                telegram_user_id=telegram_user_id,
                last_seen_at=now,
            )
            .returning(Advisor.id)
        )
    session.execute(
        update(Invitation).where(Invitation.id == invitation.id).values(advisor_id=advisor_id)
    )
    invited = set(
        session.scalars(
            select(invitation_structures.c.structure_id).where(
                invitation_structures.c.invitation_id == invitation.id
            )
        )
    )
    linked = set(
        session.scalars(
            select(advisor_structures.c.structure_id).where(
                advisor_structures.c.advisor_id == advisor_id
            )
        )
    )
    if invited - linked:
        session.execute(
            insert(advisor_structures),
            [{"advisor_id": advisor_id, "structure_id": id_} for id_ in sorted(invited - linked)],
        )
    first_name = session.scalar(select(Advisor.first_name).where(Advisor.id == advisor_id))
    names = session.scalars(
        select(HostStructure.name)
        .where(HostStructure.id.in_(invited | linked))
        .order_by(HostStructure.name)
    )
    return Welcomed(
        advisor_id=advisor_id,
        first_name=first_name,
        structure_names=tuple(names),
        already_advisor=already,
    )


def _why_refused(session: Session, token_hash: str) -> InvitationRefused:
    used_at = session.execute(
        select(Invitation.used_at).where(Invitation.token_hash == token_hash)
    ).first()
    if used_at is None:
        return InvitationRefused.UNKNOWN
    return InvitationRefused.USED if used_at.used_at is not None else InvitationRefused.EXPIRED


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- the coordinators' list of advisors -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdvisorSummary:
    advisor_id: int
    first_name: str
    last_name: str
    linked: bool
    """Linked to a Telegram account (not revoked)."""
    is_coordinator: bool
    structure_names: tuple[str, ...]
    last_seen_at: datetime | None
    from_settings: bool = False
    """Linked to an account of AIGUILLAGE_ADMIN_IDS: a coordinator the bot cannot demote."""


def list_advisors(
    session: Session, *, admin_ids: frozenset[int] = frozenset()
) -> list[AdvisorSummary]:
    places: dict[int, list[str]] = {}
    for advisor_id, name in session.execute(
        select(advisor_structures.c.advisor_id, HostStructure.name)
        .join(HostStructure, HostStructure.id == advisor_structures.c.structure_id)
        .order_by(HostStructure.name)
    ):
        places.setdefault(advisor_id, []).append(name)
    rows = session.execute(
        select(
            Advisor.id,
            Advisor.first_name,
            Advisor.last_name,
            Advisor.telegram_user_id,
            Advisor.is_coordinator,
            Advisor.last_seen_at,
        ).order_by(Advisor.first_name, Advisor.last_name, Advisor.id)
    )
    return [
        AdvisorSummary(
            advisor_id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            linked=row.telegram_user_id is not None,
            is_coordinator=row.is_coordinator,
            structure_names=tuple(places.get(row.id, ())),
            last_seen_at=row.last_seen_at,
            from_settings=row.telegram_user_id in admin_ids,
        )
        for row in rows
    ]


def revoke_advisor(session: Session, *, advisor_id: int) -> bool:
    """The advisor's Telegram link is removed: their notices stop, their sessions stay. False
    for an unknown advisor."""
    return bool(
        session.execute(
            update(Advisor)
            .where(Advisor.id == advisor_id)
            .values(telegram_user_id=None, is_coordinator=False)
        ).rowcount
    )


def set_coordinator(session: Session, *, advisor_id: int, coordinator: bool) -> bool:
    """Promote (or demote) a linked advisor; False for an unknown or revoked advisor."""
    return bool(
        session.execute(
            update(Advisor)
            .where(Advisor.id == advisor_id, Advisor.telegram_user_id.is_not(None))
            .values(is_coordinator=coordinator)
        ).rowcount
    )


class StaffChange(StrEnum):
    REVOKE = "revoke"
    PROMOTE = "promote"
    DEMOTE = "demote"


class ChangeRefused(StrEnum):
    UNKNOWN = "unknown"
    """No such advisor, or one already revoked."""
    FROM_SETTINGS = "from_settings"
    """A coordinator by AIGUILLAGE_ADMIN_IDS: only the settings can demote them."""


@dataclass(frozen=True, slots=True)
class StaffChanged:
    telegram_user_id: int
    """The account whose command menu must follow its new role."""
    role: Role
    """Their role now."""
    first_name: str
    last_name: str


def change_staff(
    session: Session, *, advisor_id: int, change: StaffChange, admin_ids: frozenset[int]
) -> StaffChanged | ChangeRefused:
    """Revoke, promote or demote a linked advisor, as a coordinator asks."""
    advisor = session.execute(
        select(Advisor.telegram_user_id, Advisor.first_name, Advisor.last_name).where(
            Advisor.id == advisor_id, Advisor.telegram_user_id.is_not(None)
        )
    ).first()
    if advisor is None:
        return ChangeRefused.UNKNOWN
    from_settings = advisor.telegram_user_id in admin_ids
    if change is StaffChange.DEMOTE and from_settings:
        return ChangeRefused.FROM_SETTINGS
    if change is StaffChange.REVOKE:
        revoke_advisor(session, advisor_id=advisor_id)
        role = Role.RESIDENT
    else:
        promoted = change is StaffChange.PROMOTE
        set_coordinator(session, advisor_id=advisor_id, coordinator=promoted)
        role = Role.COORDINATOR if promoted else Role.ADVISOR
    return StaffChanged(
        telegram_user_id=advisor.telegram_user_id,
        role=Role.COORDINATOR if from_settings else role,
        first_name=advisor.first_name,
        last_name=advisor.last_name,
    )


def staff_accounts(session: Session, *, admin_ids: frozenset[int]) -> dict[int, Role]:
    """Every Telegram account with a staff role now: linked advisors and the coordinators of
    AIGUILLAGE_ADMIN_IDS (advisors or not)."""
    accounts = {
        row.telegram_user_id: Role.COORDINATOR if row.is_coordinator else Role.ADVISOR
        for row in session.execute(
            select(Advisor.telegram_user_id, Advisor.is_coordinator).where(
                Advisor.telegram_user_id.is_not(None)
            )
        )
    }
    accounts.update(dict.fromkeys(admin_ids, Role.COORDINATOR))
    return accounts

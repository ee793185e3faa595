"""The staff's way into the web dashboard: a one-time link from the bot, then a session.

`/tableau` asks `issue_login` for a token: random (`secrets`), valid `LINK_VALIDITY`, single
use, only its SHA-256 stored (the database alone cannot be used to sign in). Opening the link
(`open_session`) uses it in one guarded statement and opens a session on the same row, which
ends `SESSION_LENGTH` later or at logout (`end_session`). The browser's cookie only names the
row; `session_user` says, at every request, whose session it still is. What that person may
do is `scheduling.authority`'s question, asked again at every request.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.orm import Base
from scheduling.local_time import require_aware

LINK_VALIDITY = timedelta(minutes=10)
SESSION_LENGTH = timedelta(hours=8)


class WebLogin(Base):
    """A login link, then (once used) the dashboard session it opened."""

    __tablename__ = "web_logins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    """The link's end, if unused."""
    used_at: Mapped[datetime | None]
    session_ends_at: Mapped[datetime | None]
    """Set when the link is used; brought forward to the logout."""

    __table_args__ = (CheckConstraint("expires_at > created_at", name="expires_after_creation"),)


def issue_login(session: Session, *, telegram_user_id: int, now: datetime) -> str:
    """A new login token for this Telegram account, to put in the link; never stored."""
    require_aware(now)
    token = secrets.token_urlsafe(32)
    session.add(
        WebLogin(
            token_hash=_hash(token),
            telegram_user_id=telegram_user_id,
            created_at=now,
            expires_at=now + LINK_VALIDITY,
        )
    )
    session.flush()
    return token


class LoginRefused(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class WebSession:
    login_id: int
    """What the cookie carries."""
    telegram_user_id: int


def open_session(session: Session, *, token: str, now: datetime) -> WebSession | LoginRefused:
    """Use the link's token (once: two clicks cannot both use it) and open its session."""
    require_aware(now)
    token_hash = _hash(token)
    row = session.execute(
        update(WebLogin)
        .where(
            WebLogin.token_hash == token_hash,
            WebLogin.used_at.is_(None),
            WebLogin.expires_at > now,
        )
        .values(used_at=now, session_ends_at=now + SESSION_LENGTH)
        .returning(WebLogin.id, WebLogin.telegram_user_id)
    ).first()
    if row is not None:
        return WebSession(login_id=row.id, telegram_user_id=row.telegram_user_id)
    used_at = session.execute(
        select(WebLogin.used_at).where(WebLogin.token_hash == token_hash)
    ).first()
    if used_at is None:
        return LoginRefused.UNKNOWN
    return LoginRefused.USED if used_at.used_at is not None else LoginRefused.EXPIRED


def session_user(session: Session, *, login_id: int, now: datetime) -> int | None:
    """The Telegram account whose session this is, while it lasts; None once it has ended."""
    require_aware(now)
    return session.scalar(
        select(WebLogin.telegram_user_id).where(
            WebLogin.id == login_id, WebLogin.session_ends_at > now
        )
    )


def end_session(session: Session, *, login_id: int, now: datetime) -> None:
    """Logout: the cookie names a session that has ended, even if a copy of it survives."""
    require_aware(now)
    session.execute(
        update(WebLogin)
        .where(WebLogin.id == login_id, WebLogin.session_ends_at > now)
        .values(session_ends_at=now)
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

"""Small facts every process of the service shares through the database, by key.

- `catalogue_version`: bumped by every change to the places or their themes, so that each process
  rebuilds its index of places when the one it holds is older (`knowledge.catalogue_index`).
- `bot_username`: the bot's Telegram username, stored by `aiguillage run` (from getMe), for the
  links other commands make (invitations).
"""

from sqlalchemy import Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.orm import Base, OnConflict

CATALOGUE_VERSION = "catalogue_version"
BOT_USERNAME = "bot_username"


class ServiceState(Base):
    __tablename__ = "service_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


_table = ServiceState.__table__
_SET = OnConflict(
    lambda insert: (statement := insert(_table)).on_conflict_do_update(
        index_elements=[_table.c.key], set_={"value": statement.excluded.value}
    )
)


def read(session: Session, key: str) -> str | None:
    return session.scalar(select(ServiceState.value).where(ServiceState.key == key))


def write(session: Session, key: str, value: str) -> None:
    session.execute(_SET.on(session), {"key": key, "value": value})


def catalogue_version(session: Session) -> int:
    return int(read(session, CATALOGUE_VERSION) or 0)


def bump_catalogue_version(session: Session) -> None:
    """Tell every process that the places or their themes changed (call in the same transaction
    as the change)."""
    bumped = session.execute(
        update(ServiceState)
        .where(ServiceState.key == CATALOGUE_VERSION)
        .values(value=(ServiceState.value.cast(Integer) + 1).cast(String(200)))
    )
    if bumped.rowcount == 0:
        write(session, CATALOGUE_VERSION, "1")

"""Who is asking, checked on the server at every staff command and button.

Every staff handler starts with `allowed(...)`: the role and places are read from the database
(and AIGUILLAGE_ADMIN_IDS) now, whatever a button says, and `scheduling.authority` decides. Anyone
else gets a kind "not allowed" and nothing changes; the refusal is logged without personal data.
"""

import logging

from sqlalchemy.orm import Session
from telegram import Update

from handlers.context import CustomContext, Tr
from handlers.render import Screen
from handlers.replies import send
from scheduling.authority import Action, may, may_on_booking, may_on_slot
from scheduling.staff import Actor, actor_for

logger = logging.getLogger(__name__)


def not_allowed(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "🔒 Cette action est réservée aux conseillers et coordinateurs des lieux concernés. "
            "Pour trouver de l'aide près de chez vous : /start"
        )
    )


async def allowed(
    update: Update,
    context: CustomContext,
    action: Action,
    *,
    structure_id: int | None = None,
    slot_id: int | None = None,
    booking_id: int | None = None,
) -> Actor | None:
    """The actor, if they may do `action` (on the place, slot or booking named); else None,
    once they have been told. Answer the callback query first, as every handler does."""
    user = update.effective_user
    assert user is not None

    def decide(session: Session) -> tuple[Actor, bool]:
        actor = actor_for(
            session,
            telegram_user_id=user.id,
            admin_ids=context.services.admin_ids,
            now=context.now(),
        )
        if slot_id is not None:
            return actor, may_on_slot(session, actor, action, slot_id=slot_id)
        if booking_id is not None:
            return actor, may_on_booking(session, actor, action, booking_id=booking_id)
        return actor, may(actor, action, structure_id=structure_id)

    actor, permitted = await context.transaction(decide)
    if permitted:
        return actor
    logger.warning("refused %s to a %s", action.value, actor.role.value)
    await send(update, not_allowed(context.tr))
    return None


async def is_staff(update: Update, context: CustomContext) -> bool:
    """Whether the sender is an advisor or a coordinator, as the database says now."""
    actor = await context.transaction(
        actor_for,
        telegram_user_id=update.effective_user.id,
        admin_ids=context.services.admin_ids,
        now=context.now(),
    )
    return actor.is_staff

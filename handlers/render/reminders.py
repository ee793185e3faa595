"""What the reminder and waitlist buttons answer: pure functions of the domain's outcomes."""

from telegram import InlineKeyboardMarkup

from handlers.callback_data import (
    DeclineOffer,
    JoinWaitlist,
    MyBookings,
    Restart,
    SlotChoice,
)
from handlers.context import Tr
from handlers.render import Screen, button, keyboard
from handlers.render.journey import overlapping
from scheduling.attendance import Confirmed
from scheduling.booking import (
    AlreadyBooked,
    AlreadyCancelled,
    Booked,
    NotFound,
    Overlap,
    SlotUnavailable,
    TooLate,
    TooManyUpcoming,
)
from scheduling.waitlist import (
    AlreadyWaiting,
    Joined,
    JoinOutcome,
    Left,
    OfferGone,
    OfferGoneReason,
    SeatsAvailable,
    WaitlistClosed,
)


def _ways_on(tr: Tr) -> InlineKeyboardMarkup:
    _ = tr.gettext
    return keyboard(
        [button(_("📋 Mes rendez-vous"), MyBookings())],
        [button(_("🔎 Trouver de l'aide"), Restart())],
    )


def attendance_result(outcome: Confirmed | NotFound | AlreadyCancelled | TooLate, tr: Tr) -> Screen:
    _ = tr.gettext
    match outcome:
        case Confirmed():
            text = _("Merci ! C'est noté : vous venez. À bientôt !")
        case AlreadyCancelled():
            text = _("Ce rendez-vous est annulé : vous n'avez pas à vous déplacer.")
        case TooLate():
            text = _("Ce rendez-vous est déjà passé.")
        case NotFound():
            text = _("Je ne trouve pas ce rendez-vous. Voici vos rendez-vous à jour.")
        case _:
            raise TypeError(f"not an attendance outcome: {outcome!r}")
    return Screen(text, _ways_on(tr))


def offer_result(outcome: Booked | AlreadyBooked | OfferGone, tr: Tr) -> Screen:
    _ = tr.gettext
    match outcome:
        case Booked():
            text = _(
                "✅ C'est réservé : la place est à vous. "
                "Pour revoir ou annuler ce rendez-vous : /mesrdv"
            )
        case AlreadyBooked():
            text = _("✅ Vous êtes déjà inscrit(e) à ce créneau. Vous le retrouvez avec /mesrdv.")
        case OfferGone(reason=OfferGoneReason.EXPIRED):
            text = _(
                "😕 Désolé, le délai pour prendre cette place est passé : elle a été proposée "
                "à la personne suivante sur la liste d'attente."
            )
        case OfferGone(reason=OfferGoneReason.LEFT):
            text = _("Vous avez laissé cette place : elle n'est plus à vous.")
        case OfferGone():
            text = _("😕 Cette proposition n'est plus valable.")
        case _:
            raise TypeError(f"not an offer outcome: {outcome!r}")
    return Screen(text, _ways_on(tr))


def offer_overlaps(overlap: Overlap, entry_id: int, tr: Tr) -> Screen:
    """ "Je prends la place" while holding a seat at that time: name it; the offer runs on."""
    _ = tr.gettext
    return Screen(
        overlapping(overlap, tr)
        + "\n"
        + _("La place proposée reste à vous jusqu'à la fin du délai, ou laissez-la."),
        keyboard(
            [button(_("📋 Mes rendez-vous"), MyBookings())],
            [button(_("Je laisse ma place"), DeclineOffer(entry_id))],
        ),
    )


def offer_declined(outcome: Left | OfferGone, tr: Tr) -> Screen:
    _ = tr.gettext
    match outcome:
        case Left(passed_to=None):
            text = _(
                "D'accord, la place est libérée pour quelqu'un d'autre. "
                "Merci de nous avoir prévenus !"
            )
        case Left():
            text = _(
                "D'accord, la place est proposée à la personne suivante sur la liste d'attente. "
                "Merci de nous avoir prévenus !"
            )
        case OfferGone(reason=OfferGoneReason.EXPIRED):
            text = _(
                "Le délai pour prendre cette place était déjà passé : elle a été proposée à la "
                "personne suivante. Vous n'avez rien à faire."
            )
        case OfferGone(reason=OfferGoneReason.LEFT):
            text = _("C'est déjà fait : vous avez laissé cette place. Vous n'avez rien à faire.")
        case OfferGone():
            text = _("Cette proposition n'est plus valable : vous n'avez rien à faire.")
        case _:
            raise TypeError(f"not a waitlist outcome: {outcome!r}")
    return Screen(text, keyboard([button(_("🔎 Trouver de l'aide"), Restart())]))


def join_result(outcome: JoinOutcome, tr: Tr) -> Screen:
    _ = tr.gettext
    match outcome:
        case Joined(position=position) | AlreadyWaiting(position=position) if position > 0:
            text = _(
                "📝 C'est noté : vous êtes n°{position} sur la liste d'attente. Si une place se "
                "libère, je vous l'envoie ici."
            ).format(position=position)
        case AlreadyWaiting():
            text = _("🎉 Une place vous est déjà proposée : regardez le message plus haut.")
        case AlreadyBooked():
            text = _("✅ Vous êtes déjà inscrit(e) à ce créneau. Vous le retrouvez avec /mesrdv.")
        case SeatsAvailable(slot_id=slot_id):
            return Screen(
                _("Bonne nouvelle : une place est libre sur ce créneau."),
                keyboard([button(_("Voir ce créneau"), SlotChoice(slot_id))]),
            )
        case WaitlistClosed():
            text = _("😕 Ce créneau commence bientôt : la liste d'attente est close.")
        case TooManyUpcoming():
            text = _(
                "😕 Vous avez déjà autant de rendez-vous et de listes d'attente à venir qu'on "
                "peut en avoir. Pour vous inscrire ici, quittez-en un avec /mesrdv."
            )
        case SlotUnavailable():
            text = _("😕 Ce créneau n'est plus proposé.")
        case _:
            raise TypeError(f"not a waitlist outcome: {outcome!r}")
    return Screen(text, _ways_on(tr))


def waitlist_proposal(slot_id: int, tr: Tr) -> Screen:
    """Where a slot is full: say so once, and offer to be told when a seat frees up (the other
    dates follow in their own message)."""
    _ = tr.gettext
    return Screen(
        _(
            "😕 Désolé, ce créneau est complet. Vous pouvez vous inscrire sur sa liste "
            "d'attente : si une place se libère, je vous la propose ici."
        ),
        keyboard([button(_("M'inscrire sur la liste d'attente"), JoinWaitlist(slot_id))]),
    )

"""The screens of /mesrdv: the resident's bookings and waitlists, and cancelling one (or leaving
a line) after a confirmation."""

from collections.abc import Sequence

from handlers.callback_data import (
    AskCancel,
    AskLeaveWaitlist,
    ConfirmCancel,
    ConfirmLeaveWaitlist,
    KeepBooking,
    MyBookings,
    Restart,
    StayOnWaitlist,
)
from handlers.context import Tr
from handlers.formatting import esc, when_short
from handlers.render import Screen, button, keyboard, slot_lines
from scheduling.booking import (
    AlreadyCancelled,
    BookingView,
    Cancelled,
    CancelOutcome,
    NotFound,
    TooLate,
)
from scheduling.models import SlotStatus
from scheduling.waitlist import Left, OfferGone, OfferGoneReason, WaitlistView


def _details(view: BookingView, tr: Tr) -> list[str]:
    _ = tr.gettext
    lines = slot_lines(view.slot, tr)
    if view.slot.status == SlotStatus.CANCELLED:
        lines.append(_("⚠️ Annulé par le lieu d'accueil : ne vous déplacez pas."))
    elif view.slot.status == SlotStatus.MOVED:
        lines.append(_("⚠️ Déplacé par le lieu d'accueil : appelez-les pour la nouvelle date."))
    return lines


def bookings_list(
    views: Sequence[BookingView], tr: Tr, *, waitlists: Sequence[WaitlistView] = ()
) -> Screen:
    """The coming bookings (each with its cancel button), then the waitlists (each with its
    leave button)."""
    _ = tr.gettext
    if not views and not waitlists:
        return Screen(
            _("Vous n'avez aucun rendez-vous à venir."),
            keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
        )
    parts = [_("📋 Vos rendez-vous :") if views else _("Vous n'avez aucun rendez-vous à venir.")]
    rows = []
    for number, view in enumerate(views, start=1):
        parts.append(f"<b>{number}.</b> " + "\n".join(_details(view, tr)))
        rows.append(
            [
                button(
                    _("❌ Annuler le n°{number} ({when})").format(
                        number=number,
                        when=when_short(view.slot.starts_at, view.slot.structure_timezone, tr),
                    ),
                    AskCancel(view.booking_id),
                )
            ]
        )
    if waitlists:
        lines = [_("⏳ Vos listes d'attente :")]
        for waiting in waitlists:
            moment = when_short(waiting.slot.starts_at, waiting.slot.structure_timezone, tr)
            lines.append(_waitlist_line(waiting, moment, tr))
            rows.append(
                [
                    button(
                        _("🚪 Quitter l'attente du {when}").format(when=moment),
                        AskLeaveWaitlist(waiting.entry_id),
                    )
                ]
            )
        parts.append("\n".join(lines))
    rows.append([button(_("🔎 Trouver de l'aide"), Restart())])
    return Screen("\n\n".join(parts), keyboard(*rows))


def _waitlist_line(waiting: WaitlistView, moment: str, tr: Tr) -> str:
    """ "• jeu. 6 mars, 14h00, Mairie de Moissac : n°2" (or a seat waiting for them)."""
    _ = tr.gettext
    place = esc(waiting.slot.structure_name)
    if waiting.position is None:
        return _("• {when}, {place} : 🎉 une place vous est proposée").format(
            when=moment, place=place
        )
    return _("• {when}, {place} : n°{position}").format(
        when=moment, place=place, position=waiting.position
    )


def ask_leave(waiting: WaitlistView, tr: Tr) -> Screen:
    _ = tr.gettext
    text = "\n".join(
        [_("Voulez-vous quitter cette liste d'attente ?"), "", *slot_lines(waiting.slot, tr)]
    )
    return Screen(
        text,
        keyboard(
            [button(_("✅ Oui, je quitte la liste"), ConfirmLeaveWaitlist(waiting.entry_id))],
            [button(_("↩️ Non, je reste sur la liste"), StayOnWaitlist(waiting.entry_id))],
        ),
    )


def leave_result(outcome: Left | OfferGone, tr: Tr) -> Screen:
    _ = tr.gettext
    match outcome:
        case Left():
            text = _("C'est fait : vous n'êtes plus sur cette liste d'attente.")
        case OfferGone(reason=OfferGoneReason.EXPIRED):
            text = _(
                "Le délai de la place qui vous était proposée est passé : vous n'êtes plus "
                "sur cette liste. Vous n'avez rien à faire."
            )
        case OfferGone():
            text = _("Vous n'êtes déjà plus sur cette liste d'attente : rien à faire.")
        case _:
            raise TypeError(f"not a waitlist outcome: {outcome!r}")
    return Screen(
        text,
        keyboard(
            [button(_("📋 Mes rendez-vous"), MyBookings())],
            [button(_("🔎 Trouver de l'aide"), Restart())],
        ),
    )


def staying(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Très bien, vous restez sur la liste d'attente."),
        keyboard([button(_("📋 Mes rendez-vous"), MyBookings())]),
    )


def ask_cancel(view: BookingView, tr: Tr) -> Screen:
    _ = tr.gettext
    text = "\n".join([_("Voulez-vous annuler votre participation ?"), "", *_details(view, tr)])
    return Screen(
        text,
        keyboard(
            [button(_("✅ Oui, j'annule"), ConfirmCancel(view.booking_id))],
            [button(_("↩️ Non, je garde ce rendez-vous"), KeepBooking(view.booking_id))],
        ),
    )


def cancel_result(outcome: CancelOutcome, tr: Tr) -> Screen:
    _ = tr.gettext
    match outcome:
        case Cancelled():
            text = _(
                "C'est fait : votre participation est annulée.\n"
                "Votre place est libérée pour quelqu'un d'autre. Merci de nous avoir prévenus !"
            )
        case AlreadyCancelled():
            text = _("Ce rendez-vous était déjà annulé : vous n'avez rien à faire.")
        case TooLate():
            text = _(
                "Ce rendez-vous a déjà commencé ou est passé : il ne peut plus être annulé ici. "
                "En cas de besoin, appelez le lieu d'accueil."
            )
        case NotFound():
            text = _("Je ne trouve pas ce rendez-vous. Voici vos rendez-vous à jour.")
        case _:
            raise TypeError(f"not a cancel outcome: {outcome!r}")
    return Screen(
        text,
        keyboard(
            [button(_("📋 Mes rendez-vous"), MyBookings())],
            [button(_("🔎 Trouver de l'aide"), Restart())],
        ),
    )


def booking_kept(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Très bien, votre rendez-vous est maintenu. À bientôt !"),
        keyboard([button(_("📋 Mes rendez-vous"), MyBookings())]),
    )

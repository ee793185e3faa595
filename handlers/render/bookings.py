"""The screens of /mesrdv: the resident's bookings, and cancelling one after a confirmation."""

from collections.abc import Sequence

from handlers.callback_data import AskCancel, ConfirmCancel, KeepBooking, MyBookings, Restart
from handlers.context import Tr
from handlers.formatting import when_short
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


def _details(view: BookingView, tr: Tr) -> list[str]:
    _ = tr.gettext
    lines = slot_lines(view.slot, tr)
    if view.slot.status == SlotStatus.CANCELLED:
        lines.append(_("⚠️ Annulé par le lieu d'accueil : ne vous déplacez pas."))
    elif view.slot.status == SlotStatus.MOVED:
        lines.append(_("⚠️ Déplacé par le lieu d'accueil : appelez-les pour la nouvelle date."))
    return lines


def bookings_list(views: Sequence[BookingView], tr: Tr) -> Screen:
    _ = tr.gettext
    if not views:
        return Screen(
            _("Vous n'avez aucun rendez-vous à venir."),
            keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
        )
    parts = [_("📋 Vos rendez-vous :")]
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
    rows.append([button(_("🔎 Trouver de l'aide"), Restart())])
    return Screen("\n\n".join(parts), keyboard(*rows))


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

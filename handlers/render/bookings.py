"""The screens of /mesrdv: the resident's bookings and waitlists, and cancelling one (or leaving
a line) after a confirmation."""

from collections.abc import Sequence

from telegram import InlineKeyboardButton

from handlers.callback_data import (
    AskCancel,
    AskLeaveWaitlist,
    ConfirmCancel,
    ConfirmLeaveWaitlist,
    KeepBooking,
    MyBookings,
    MyBookingsPage,
    Restart,
    StayOnWaitlist,
)
from handlers.context import Tr
from handlers.formatting import esc, when_short
from handlers.render import Screen, button, keyboard, pages, slot_lines
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
    views: Sequence[BookingView],
    tr: Tr,
    *,
    waitlists: Sequence[WaitlistView] = (),
    page: int = 0,
) -> Screen:
    """The coming bookings (each with its cancel button), then the waitlists (each with its
    leave button), `page` of them: a page stays within `PAGE_LIMIT` characters."""
    _ = tr.gettext
    if not views and not waitlists:
        return Screen(
            _("Vous n'avez aucun rendez-vous à venir."),
            keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
        )
    items: list[tuple[str, InlineKeyboardButton]] = []
    for number, view in enumerate(views, start=1):
        moment = when_short(view.slot.starts_at, view.slot.structure_timezone, tr)
        items.append(
            (
                f"<b>{number}.</b> " + "\n".join(_details(view, tr)),
                button(
                    _("❌ Annuler le n°{number} ({when})").format(number=number, when=moment),
                    AskCancel(view.booking_id),
                ),
            )
        )
    for index, waiting in enumerate(waitlists):
        moment = when_short(waiting.slot.starts_at, waiting.slot.structure_timezone, tr)
        line = _waitlist_line(waiting, moment, tr)
        if index == 0:
            line = _("⏳ Vos listes d'attente :") + "\n" + line
        items.append(
            (
                line,
                button(
                    _("🚪 Quitter l'attente du {when}").format(when=moment),
                    AskLeaveWaitlist(waiting.entry_id),
                ),
            )
        )
    heading = _("📋 Vos rendez-vous :") if views else _("Vous n'avez aucun rendez-vous à venir.")
    footer = _("Page {page} sur {pages}")
    grouped = pages([text for text, _button in items], reserve=len(heading) + len(footer) + 6)
    page = min(max(page, 0), len(grouped) - 1)
    first = sum(len(group) for group in grouped[:page])
    shown = items[first : first + len(grouped[page])]
    parts = [heading, *(text for text, _button in shown)]
    turns = []
    if len(grouped) > 1:
        parts.append(footer.format(page=page + 1, pages=len(grouped)))
        if page > 0:
            turns.append(button(_("◀ Précédents"), MyBookingsPage(page - 1)))
        if page < len(grouped) - 1:
            turns.append(button(_("Suivants ▶"), MyBookingsPage(page + 1)))
    rows = [[item_button] for _text, item_button in shown]
    return Screen(
        "\n\n".join(parts),
        keyboard(turns, *rows, [button(_("🔎 Trouver de l'aide"), Restart())]),
    )


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

"""What the outbox's messages say: pure functions from `scheduling.messages` facts to screens.

Dates are shown in the structure's zone, in the recipient's language (`tr`). Nothing here reads
the database: the next slots offered after a cancellation are looked up by the caller.
"""

from collections.abc import Mapping, Sequence

from handlers.callback_data import (
    AcceptOffer,
    AskCancel,
    ConfirmAttendance,
    DeclineOffer,
    MyBookings,
    Restart,
    SlotChoice,
)
from handlers.context import Tr
from handlers.formatting import date_of, esc, time_of, when, when_short
from handlers.render import (
    Screen,
    button,
    keyboard,
    need_line,
    needs_label,
    slot_lines,
    what_to_bring,
)
from scheduling.advisors import BookingChange
from scheduling.messages import (
    AdvisorChangeMessage,
    AgendaMessage,
    BookingCancelledMessage,
    Message,
    ReminderMessage,
    SlotCancelledMessage,
    SlotMovedMessage,
    WaitlistChangeMessage,
    WaitlistOfferMessage,
)
from scheduling.notification_models import NotificationKind
from scheduling.slot_details import SlotDetails, booking_needs


def reminder(message: ReminderMessage, kind: NotificationKind, tr: Tr) -> Screen:
    """The day before or a few hours before (or the confirmation Telegram failed to show): date,
    place, the resident's need and what to bring for it (for every theme of the slot if they did
    not say), and two buttons."""
    _ = tr.gettext
    if kind == NotificationKind.REMINDER_DAY_BEFORE:
        title = _("⏰ Rappel : vous avez rendez-vous demain.")
    elif kind == NotificationKind.BOOKING_CONFIRMED:
        # Telegram failed to show the confirmation when they booked: say it now.
        title = _("✅ Votre inscription est bien enregistrée.")
    else:
        title = _("⏰ Rappel : votre rendez-vous approche.")
    lines = [title, "", *slot_lines(message.slot, tr)]
    needs = booking_needs(message.slot.themes, message.need)
    things = what_to_bring(needs, tr)
    if things:
        lines += [
            "",
            *need_line(message.need, needs, tr),
            _("🎒 À apporter : {things}").format(things=esc(things)),
        ]
    rows = []
    if message.confirmed:
        lines += ["", _("Vous nous avez dit que vous venez : merci !")]
    elif kind != NotificationKind.BOOKING_CONFIRMED:
        rows.append([button(_("Je viens ✅"), ConfirmAttendance(message.booking_id))])
    rows.append([button(_("Je ne peux plus venir ❌"), AskCancel(message.booking_id))])
    return Screen("\n".join(lines), keyboard(*rows))


def booking_cancelled(message: BookingCancelledMessage, tr: Tr) -> Screen:
    _ = tr.gettext
    lines = [
        _("⚠️ Votre rendez-vous est annulé par le lieu d'accueil : ne vous déplacez pas."),
        "",
        *slot_lines(message.slot, tr),
    ]
    return Screen("\n".join(lines), keyboard([button(_("🔎 Trouver de l'aide"), Restart())]))


def slot_cancelled(
    message: SlotCancelledMessage,
    next_slots: Sequence[SlotDetails],
    place_names: Mapping[int, str],
    tr: Tr,
) -> Screen:
    """The organiser cancelled the workshop: say so (not "your cancellation"), offer what's next."""
    _ = tr.gettext
    slot = message.slot
    lines = [
        _("⚠️ L'atelier « {title} » du {when} est annulé par l'organisateur.").format(
            title=esc(slot.workshop_title),
            when=when(slot.starts_at, slot.structure_timezone, tr),
        ),
        _("Ne vous déplacez pas : {place}.").format(place=esc(slot.structure_name)),
    ]
    if slot.cancellation_reason:
        lines.append(_("Motif : {reason}").format(reason=esc(slot.cancellation_reason)))
    rows = []
    if next_slots:
        lines += ["", _("Voici les prochains créneaux près de chez vous :")]
        for view in next_slots:
            place = place_names.get(view.structure_id, "")
            label = when_short(view.starts_at, view.structure_timezone, tr)
            rows.append([button(f"📅 {label} · {place}"[:60], SlotChoice(view.slot_id))])
    else:
        lines += ["", _("Je n'ai pas trouvé d'autre créneau proche pour l'instant.")]
    rows.append([button(_("🔎 Trouver de l'aide"), Restart())])
    return Screen("\n".join(lines), keyboard(*rows))


def slot_moved(message: SlotMovedMessage, tr: Tr) -> Screen:
    _ = tr.gettext
    previous = message.previous
    lines = [
        _("📅 L'atelier « {title} » est déplacé par l'organisateur.").format(
            title=esc(message.slot.workshop_title)
        ),
        _("Il n'a plus lieu le {old}. Votre place est gardée au nouvel horaire :").format(
            old=when(previous.starts_at, previous.structure_timezone, tr)
        ),
        "",
        *slot_lines(message.slot, tr),
    ]
    return Screen(
        "\n".join(lines),
        keyboard(
            [button(_("Je ne peux plus venir ❌"), AskCancel(message.booking_id))],
            [button(_("📋 Mes rendez-vous"), MyBookings())],
        ),
    )


def waitlist_offer(message: WaitlistOfferMessage, tr: Tr) -> Screen:
    _ = tr.gettext
    slot = message.slot
    zone = slot.structure_timezone
    lines = [
        _("🎉 Une place s'est libérée pour vous !"),
        "",
        *slot_lines(slot, tr),
        "",
        _("Elle vous est réservée jusqu'au {date} à {time}.").format(
            date=date_of(message.offer_expires_at, zone, tr),
            time=time_of(message.offer_expires_at, zone, tr),
        ),
    ]
    return Screen(
        "\n".join(lines),
        keyboard(
            [button(_("Je prends la place"), AcceptOffer(message.entry_id))],
            [button(_("Je laisse ma place"), DeclineOffer(message.entry_id))],
        ),
    )


def waitlist_change(message: WaitlistChangeMessage, tr: Tr) -> Screen:
    """Short: the session they waited for is cancelled, or moved (they still wait)."""
    _ = tr.gettext
    slot = message.slot
    if message.previous is None:
        text = _(
            "ℹ️ L'atelier « {title} » du {when}, pour lequel vous étiez en liste d'attente, "
            "est annulé par l'organisateur."
        ).format(
            title=esc(slot.workshop_title), when=when(slot.starts_at, slot.structure_timezone, tr)
        )
        return Screen(text, keyboard([button(_("🔎 Trouver de l'aide"), Restart())]))
    previous = message.previous
    text = _(
        "ℹ️ L'atelier « {title} » du {old}, pour lequel vous êtes en liste d'attente, est "
        "déplacé au {new}. Vous restez en liste d'attente : nous vous écrirons si une place "
        "se libère."
    ).format(
        title=esc(slot.workshop_title),
        old=when(previous.starts_at, previous.structure_timezone, tr),
        new=when(slot.starts_at, slot.structure_timezone, tr),
    )
    return Screen(text)


def advisor_change(message: AdvisorChangeMessage, tr: Tr) -> Screen:
    """For an advisor: who (first name), which need, which slot, seats left."""
    _ = tr.gettext
    who = esc(message.first_name) if message.first_name else _("(données effacées)")
    if message.change == BookingChange.BOOKED:
        title = _("🆕 Nouvelle inscription : {who}").format(who=who)
    else:
        title = _("↩️ Désistement : {who}").format(who=who)
    need = needs_label(booking_needs(message.slot.themes, message.need), tr)
    seats = tr.ngettext(
        "{count} place restante", "{count} places restantes", message.seats_left
    ).format(count=message.seats_left)
    lines = [
        title,
        _("Besoin : {need}").format(need=need),
        *slot_lines(message.slot, tr),
        f"🪑 {seats}",
    ]
    return Screen("\n".join(lines))


def agenda(message: AgendaMessage, tr: Tr) -> Screen:
    """An advisor's day at 08:00 local: each session, who is coming, seats left."""
    _ = tr.gettext
    sessions = message.agenda.sessions
    zone = sessions[0].slot.structure_timezone
    lines = [
        _("📋 Votre programme du {day} :").format(day=date_of(sessions[0].slot.starts_at, zone, tr))
    ]
    for item in sessions:
        slot = item.slot
        lines += [
            "",
            f"🕘 <b>{time_of(slot.starts_at, slot.structure_timezone, tr)}</b> · "
            f"{esc(slot.workshop_title)} · {esc(slot.structure_name)}",
        ]
        for attendee in item.attendees:
            mark = " ✅" if attendee.confirmed else ""
            need = needs_label(booking_needs(slot.themes, attendee.need), tr)
            lines.append(f"  • {esc(attendee.first_name)}{mark} · {need}")
        if not item.attendees:
            lines.append("  " + _("Personne d'inscrit pour l'instant."))
        lines.append(
            "  "
            + tr.ngettext(
                "{count} place restante", "{count} places restantes", slot.seats_left
            ).format(count=slot.seats_left)
        )
    return Screen("\n".join(lines))


def render(
    kind: NotificationKind,
    message: Message,
    tr: Tr,
    *,
    next_slots: Sequence[SlotDetails] = (),
    place_names: Mapping[int, str] | None = None,
) -> Screen:
    """The screen for any outbox message."""
    match message:
        case ReminderMessage():
            return reminder(message, kind, tr)
        case BookingCancelledMessage():
            return booking_cancelled(message, tr)
        case SlotCancelledMessage():
            return slot_cancelled(message, next_slots, place_names or {}, tr)
        case SlotMovedMessage():
            return slot_moved(message, tr)
        case WaitlistOfferMessage():
            return waitlist_offer(message, tr)
        case AdvisorChangeMessage():
            return advisor_change(message, tr)
        case AgendaMessage():
            return agenda(message, tr)
        case WaitlistChangeMessage():
            return waitlist_change(message, tr)
    raise TypeError(f"not an outbox message: {message!r}")

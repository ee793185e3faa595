"""The staff's planning screens: /planning, a session's detail, cancel, move, walk-ins, and
/notifications. Pure: data and the staff member's language in, text and keyboard out.

Names come from residents and open data: they go through `esc()` and are cut short, and lists
are cut into pages, so that every screen fits in one Telegram message (4,096 characters).
"""

from collections.abc import Sequence
from datetime import datetime

from handlers.callback_data import (
    AskCancelSlot,
    AskCancelWalkIn,
    AskMoveSlot,
    CancelSessionNow,
    ConfirmCancelWalkIn,
    MarkPresence,
    NotificationChoice,
    PlanningPage,
    PlanningSlot,
    StartWalkIn,
    WalkInNeed,
    WalkInNoPhone,
)
from handlers.context import Tr
from handlers.formatting import esc, when, when_short
from handlers.render import Screen, button, in_rows, keyboard, needs_label, slot_lines, theme_label
from knowledge.themes import THEMES
from scheduling.advisor_models import NotificationLevel
from scheduling.booking import Overlap
from scheduling.history import Booker, booker
from scheduling.models import BookingStatus
from scheduling.planning import Participant, PlannedSession, SessionDetail
from scheduling.slot_details import booking_needs

SESSIONS_PER_PAGE = 10
PARTICIPANTS_SHOWN = 40
"""Of a big workshop: the rest are counted (a message holds 4,096 characters)."""
_SHORT = 40


def _short(text: str, limit: int = _SHORT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def planning_page(sessions: Sequence[PlannedSession], page: int, tr: Tr) -> Screen:
    """Today and the next days: time, place, title, seats taken, waitlist; a button each."""
    _ = tr.gettext
    pages = max(1, -(-len(sessions) // SESSIONS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = sessions[page * SESSIONS_PER_PAGE : (page + 1) * SESSIONS_PER_PAGE]
    if not sessions:
        return Screen(_("📋 Aucune séance prévue dans vos lieux pour les 14 prochains jours."))
    lines = [
        _("📋 Vos séances des 14 prochains jours ({page}/{pages}) :").format(
            page=page + 1, pages=pages
        )
    ]
    rows = []
    for item in shown:
        slot = item.slot
        label = when_short(slot.starts_at, slot.structure_timezone, tr)
        seats = _("{taken}/{capacity} places").format(
            taken=item.seats_taken, capacity=slot.capacity
        )
        waiting = (
            " · " + _("{count} en attente").format(count=item.waitlisted) if item.waitlisted else ""
        )
        lines += [
            "",
            f"📅 <b>{esc(label)}</b> · {esc(_short(slot.structure_name))}",
            f"   {esc(_short(slot.workshop_title))} · 🪑 {seats}{waiting}",
        ]
        rows.append(
            [button(f"{label} · {_short(slot.workshop_title, 30)}", PlanningSlot(slot.slot_id))]
        )
    nav = []
    if page > 0:
        nav.append(button(_("◀️ Précédents"), PlanningPage(page - 1)))
    if page < pages - 1:
        nav.append(button(_("Suivants ▶️"), PlanningPage(page + 1)))
    return Screen("\n".join(lines), keyboard(*rows, nav))


def how_booked(participant: Participant, tr: Tr) -> str:
    """ "en ligne", "par l'équipe", "depuis la liste d'attente": the bot's and the dashboard's,
    by the grouping of the statistics (`scheduling.history.booker`)."""
    _ = tr.gettext
    return {
        Booker.PERSON: _("en ligne"),
        Booker.TEAM: _("par l'équipe"),
        Booker.WAITLIST: _("depuis la liste d'attente"),
    }[booker(participant.booked_by)]


def _participant_line(participant: Participant, detail: SessionDetail, tr: Tr) -> str:
    _ = tr.gettext
    need = needs_label(booking_needs(detail.slot.themes, participant.need), tr)
    parts = [f"• <b>{esc(_short(participant.first_name))}</b>", need, how_booked(participant, tr)]
    if participant.phone:
        parts.append(f"📞 {esc(participant.phone)}")
    if participant.status == BookingStatus.ATTENDED:
        parts.append(_("✅ présent"))
    elif participant.status == BookingStatus.NO_SHOW:
        parts.append(_("❌ absent"))
    elif participant.confirmed:
        parts.append(_("a répondu « Je viens ✅ »"))
    return " · ".join(parts)


def session_detail(detail: SessionDetail, *, now: datetime, tr: Tr, notice: str = "") -> Screen:
    """Who is coming and how they booked; before the start: cancel, move, book someone, undo a
    walk-in; from the start: present or absent, per participant."""
    _ = tr.gettext
    slot = detail.slot
    taken = slot.capacity - slot.seats_left
    lines = [notice, ""] if notice else []
    lines += slot_lines(slot, tr)
    lines.append(
        "🪑 "
        + _("{taken}/{capacity} places prises").format(taken=taken, capacity=slot.capacity)
        + (
            " · " + _("{count} en liste d'attente").format(count=detail.waitlisted)
            if detail.waitlisted
            else ""
        )
    )
    lines.append("")
    shown = detail.participants[:PARTICIPANTS_SHOWN]
    lines += [_participant_line(p, detail, tr) for p in shown]
    if len(detail.participants) > len(shown):
        lines.append(_("… et {count} autres.").format(count=len(detail.participants) - len(shown)))
    if not detail.participants:
        lines.append(_("Personne d'inscrit pour l'instant."))
    rows = []
    if detail.started(now):
        lines += ["", _("Touchez ✅ ou ❌ pour noter qui est venu.")]
        for p in shown:
            name = _short(p.first_name, 20)
            rows.append(
                [
                    button(f"✅ {name}", MarkPresence(p.booking_id, 1)),
                    button(f"❌ {name}", MarkPresence(p.booking_id, 0)),
                ]
            )
    else:
        rows.append([button(_("➕ Inscrire quelqu'un"), StartWalkIn(slot.slot_id))])
        rows += [
            [
                button(
                    _("↩️ Désinscrire {name}").format(name=_short(p.first_name, 20)),
                    AskCancelWalkIn(p.booking_id),
                )
            ]
            for p in shown
            if p.walk_in
        ]
        rows.append(
            [
                button(_("📅 Déplacer"), AskMoveSlot(slot.slot_id)),
                button(_("🗑 Annuler la séance"), AskCancelSlot(slot.slot_id)),
            ]
        )
    rows.append([button(_("⬅️ Planning"), PlanningPage(0))])
    return Screen("\n".join(lines), keyboard(*rows))


def ask_cancel(detail: SessionDetail, tr: Tr) -> Screen:
    _ = tr.gettext
    booked = len(detail.participants)
    lines = [
        *slot_lines(detail.slot, tr),
        "",
        tr.ngettext(
            "⚠️ {count} personne est inscrite : elle sera prévenue de l'annulation.",
            "⚠️ {count} personnes sont inscrites : elles seront prévenues de l'annulation.",
            booked,
        ).format(count=booked),
        _(
            "Écrivez le motif de l'annulation (il leur sera transmis), ou touchez « Annuler sans "
            "motif ». /annuler pour garder la séance."
        ),
    ]
    return Screen(
        "\n".join(lines),
        keyboard(
            [button(_("🗑 Annuler sans motif"), CancelSessionNow(detail.slot.slot_id))],
            [button(_("⬅️ Garder la séance"), PlanningSlot(detail.slot.slot_id))],
        ),
    )


def cancelled(notified: int, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        tr.ngettext(
            "🗑 Séance annulée. {count} personne va être prévenue.",
            "🗑 Séance annulée. {count} personnes vont être prévenues.",
            notified,
        ).format(count=notified),
        keyboard([button(_("⬅️ Planning"), PlanningPage(0))]),
    )


def ask_move(detail: SessionDetail, tr: Tr, *, problem: str = "") -> Screen:
    _ = tr.gettext
    lines = [problem, ""] if problem else []
    lines += [
        *slot_lines(detail.slot, tr),
        "",
        _(
            "📅 Nouvelle date et heure ? Par exemple « jeudi 14h » ou « 12/01 9h30 ». La durée "
            "reste la même ; les inscrits seront prévenus. /annuler pour ne rien changer."
        ),
    ]
    return Screen("\n".join(lines))


def moved(detail: SessionDetail, notified: int, tr: Tr) -> Screen:
    _ = tr.gettext
    slot = detail.slot
    text = _("📅 Séance déplacée au {when}.").format(
        when=when(slot.starts_at, slot.structure_timezone, tr)
    )
    text += " " + tr.ngettext(
        "{count} personne va être prévenue.", "{count} personnes vont être prévenues.", notified
    ).format(count=notified)
    return Screen(text, keyboard([button(_("👀 Voir la séance"), PlanningSlot(slot.slot_id))]))


def ask_walk_in_name(tr: Tr, *, problem: str = "") -> Screen:
    _ = tr.gettext
    text = _("➕ Le prénom de la personne à inscrire ? /annuler pour revenir.")
    return Screen(f"{problem}\n\n{text}" if problem else text)


def ask_walk_in_need(first_name: str, tr: Tr) -> Screen:
    _ = tr.gettext
    buttons = [button(theme_label(theme.slug, tr), WalkInNeed(theme.slug)) for theme in THEMES]
    return Screen(
        _("Quel est le besoin de {name} ?").format(name=esc(first_name)),
        keyboard(*in_rows(buttons, 2)),
    )


def ask_walk_in_phone(tr: Tr, *, problem: str = "") -> Screen:
    _ = tr.gettext
    text = _("📞 Son numéro de téléphone, pour la prévenir si besoin ? (facultatif)")
    return Screen(
        f"{problem}\n\n{text}" if problem else text,
        keyboard([button(_("Passer"), WalkInNoPhone())]),
    )


def notification_levels(current: NotificationLevel, tr: Tr, *, changed: bool = False) -> Screen:
    _ = tr.gettext
    labels = {
        NotificationLevel.ALL: _("Tout : chaque inscription et désistement"),
        NotificationLevel.SAME_DAY: _("Seulement le jour même"),
        NotificationLevel.NONE: _("Rien"),
    }
    lines = [_("✅ C'est noté.")] if changed else []
    lines.append(
        _("🔔 Ce que je vous envoie sur vos séances : {level}.").format(level=labels[current])
    )
    rows = [
        [button(("● " if level == current else "") + label, NotificationChoice(level.value))]
        for level, label in labels.items()
    ]
    return Screen("\n".join(lines), keyboard(*rows))


def problem(text_id: str, tr: Tr) -> str:
    """The short sentences the dialogue says when something is not possible."""
    _ = tr.gettext
    return {
        "unavailable": _(
            "⚠️ Cette séance a déjà commencé, été annulée ou déplacée : rien n'a changé."
        ),
        "not_understood": _("Je n'ai pas compris cette date et cette heure."),
        "in_the_past": _("Cette date est déjà passée."),
        "no_time": _("Il manque l'heure : par exemple « jeudi 14h »."),
        "full": _("⚠️ La séance est complète : personne n'a été inscrit."),
        "bad_name": _("Écrivez un prénom (100 caractères au plus)."),
        "bad_phone": _("Ce numéro ne ressemble pas à un numéro de téléphone."),
        "not_started": _(
            "La séance n'a pas encore commencé : la présence se note à partir du début."
        ),
        "not_walk_in": _("Seules les inscriptions faites par l'équipe peuvent être annulées ici."),
        "cancelled": _("Ce n'est plus en cours : rien n'a changé."),
        "left": _("Rien n'a changé."),
        "no_advisor_profile": _(
            "🔔 Vous êtes coordinateur ou coordinatrice sans fiche de conseiller : le bot ne vous "
            "envoie pas les inscriptions. Pour les recevoir sur un lieu, faites-vous inviter "
            "comme conseiller (/inviter)."
        ),
    }[text_id]


def walk_in_booked(first_name: str, tr: Tr, *, overlap: Overlap | None = None) -> str:
    """Done; and a warning when the same person (same phone) holds a seat at that time."""
    _ = tr.gettext
    text = _("✅ Inscription faite pour {name}.").format(name=esc(first_name))
    if overlap is None:
        return text
    slot = overlap.slot
    warning = _(
        "⚠️ Attention : ce numéro est déjà inscrit à la même heure, le {when} ({place})."
    ).format(when=when(slot.starts_at, slot.structure_timezone, tr), place=esc(slot.structure_name))
    return text + "\n" + warning


def confirm_cancel_walk_in(participant: Participant, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Désinscrire {name} de cette séance ?").format(name=esc(participant.first_name)),
        keyboard(
            [button(_("Oui, désinscrire"), ConfirmCancelWalkIn(participant.booking_id))],
        ),
    )

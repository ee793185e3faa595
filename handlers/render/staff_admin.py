"""The coordinators' screens: an invitation link opened, /inviter, /conseillers.

Names come from coordinators and from open data: they go through `esc()`, and lists cut them
short, so that a page of advisors always fits in one Telegram message (4,096 characters).
"""

from collections.abc import Callable, Sequence
from datetime import datetime

from telegram import BotCommand, InlineKeyboardButton

from handlers.callback_data import (
    AdvisorsPage,
    AskRevoke,
    CallbackData,
    ConfirmRevoke,
    Demote,
    InvitePlace,
    InvitePlacesPage,
    Promote,
)
from handlers.context import Tr
from handlers.formatting import day_of, esc, when
from handlers.render import Screen, button, keyboard
from handlers.render.account import command_menu, menu_for
from knowledge.places import Place
from scheduling.staff import (
    AdvisorSummary,
    ChangeRefused,
    InvitationRefused,
    Role,
    StaffChange,
    StaffChanged,
    Welcomed,
)

PLACES_PER_PAGE = 6
ADVISORS_PER_PAGE = 8
# The list of advisors is read in France: their last activity is a day there.
LIST_TIMEZONE = "Europe/Paris"
_SHORT = 60
"""Characters of a name or a place kept in lists and buttons."""
_PLACES_IN_LIST = 3
_PLACES_IN_WELCOME = 20


def _short(text: str, limit: int = _SHORT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pages(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def _nav(
    page: int, pages: int, make: Callable[[int], CallbackData], tr: Tr
) -> list[InlineKeyboardButton]:
    _ = tr.gettext
    row = []
    if page > 0:
        row.append(button(_("◀️ Précédents"), make(page - 1)))
    if page < pages - 1:
        row.append(button(_("Suivants ▶️"), make(page + 1)))
    return row


# --- an invitation link opened --------------------------------------------------------------------


def staff_commands(role: Role, tr: Tr) -> list[BotCommand]:
    """The commands of the role's menu that residents do not have."""
    residents = {command.command for command in command_menu(tr)}
    return [command for command in menu_for(role, tr) if command.command not in residents]


def advisor_welcome(welcomed: Welcomed, role: Role, tr: Tr) -> Screen:
    _ = tr.gettext
    name = esc(welcomed.first_name)
    if welcomed.already_advisor:
        hello = _("👋 Re-bonjour {name} ! Vos lieux sont maintenant :").format(name=name)
    else:
        hello = _("👋 Bienvenue {name} ! Vous êtes conseiller ou conseillère sur Aiguillage pour :")
        hello = hello.format(name=name)
    names = welcomed.structure_names
    places = [f"• {esc(_short(place))}" for place in names[:_PLACES_IN_WELCOME]]
    if len(names) > _PLACES_IN_WELCOME:
        more = len(names) - _PLACES_IN_WELCOME
        places.append(tr.ngettext("• et {n} autre", "• et {n} autres", more).format(n=more))
    commands = [f"/{c.command} — {esc(c.description)}" for c in staff_commands(role, tr)]
    text = "\n".join(
        [
            hello,
            *places,
            "",
            _("Ce que vous pouvez faire :"),
            *commands,
            "",
            _("Ces commandes sont aussi dans le menu, à côté de la zone de saisie."),
        ]
    )
    return Screen(text)


def invitation_refused(refused: InvitationRefused, tr: Tr) -> Screen:
    """Said before the residents' welcome."""
    _ = tr.gettext
    match refused:
        case InvitationRefused.USED:
            text = _(
                "Ce lien d'invitation a déjà servi. Si c'était vous, tout est prêt : vos "
                "commandes sont dans le menu. Sinon, demandez un nouveau lien à la personne qui "
                "vous l'a envoyé."
            )
        case InvitationRefused.EXPIRED:
            text = _(
                "Ce lien d'invitation a expiré. Demandez-en un nouveau à la personne qui vous "
                "l'a envoyé."
            )
        case _:
            text = _(
                "Je ne reconnais pas ce lien d'invitation. Vérifiez qu'il est complet, ou "
                "demandez-en un nouveau à la personne qui vous l'a envoyé."
            )
    return Screen(text)


# --- /inviter -------------------------------------------------------------------------------------


def ask_place(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        "\n".join(
            [
                _("✉️ <b>Inviter un conseiller ou une conseillère</b>"),
                _(
                    "Dans quel lieu ? Écrivez quelques lettres de son nom ou de sa commune, par "
                    "exemple « Moissac »."
                ),
                _("/annuler pour arrêter."),
            ]
        )
    )


def _place_label(place: Place, tr: Tr) -> str:
    _ = tr.gettext
    label = _short(place.name)
    if place.commune_name:
        label += f" · {place.commune_name}"
    return label + (_(" (fermé)") if place.closed else "")


def places_found(places: Sequence[Place], *, search: str, page: int, more: bool, tr: Tr) -> Screen:
    """The places found, a page of buttons; `more` when only the first ones are here."""
    _ = tr.gettext
    words = esc(_short(search))
    if not places:
        return Screen(
            _(
                "Aucun lieu ne correspond à « {words} ». Essayez d'autres mots : le nom du lieu "
                "ou de sa commune."
            ).format(words=words)
        )
    pages = _pages(len(places), PLACES_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    first = page * PLACES_PER_PAGE
    header = tr.ngettext(
        "{n} lieu pour « {words} »", "{n} lieux pour « {words} »", len(places)
    ).format(n=len(places), words=words)
    if pages > 1:
        header += " " + _("(page {page}/{pages})").format(page=page + 1, pages=pages)
    lines = [header]
    if more:
        lines.append(_("Seuls les premiers sont proposés : précisez avec d'autres mots."))
    lines.append(_("Touchez le bon lieu, ou écrivez d'autres mots."))
    rows = [
        [button(_place_label(place, tr), InvitePlace(place.id))]
        for place in places[first : first + PLACES_PER_PAGE]
    ]
    rows.append(_nav(page, pages, InvitePlacesPage, tr))
    return Screen("\n".join(lines), keyboard(*rows))


def ask_name(place: Place, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        "\n".join(
            [
                f"📍 <b>{esc(place.name)}</b>",
                _(
                    "Quels sont le prénom et le nom de la personne à inviter ? Par exemple : "
                    "« Sophie Martin »."
                ),
            ]
        )
    )


def name_not_understood(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Écrivez le prénom puis le nom, par exemple « Sophie Martin » (100 caractères au "
            "plus chacun). /annuler pour arrêter."
        )
    )


def place_gone(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Ce lieu n'existe plus. Écrivez quelques lettres du nom d'un autre lieu ou de sa "
            "commune."
        )
    )


def invitation_link(
    *,
    full_name: str,
    place: Place,
    link: str,
    expires_at: datetime,
    timezone: str,
    tr: Tr,
) -> Screen:
    _ = tr.gettext
    text = "\n".join(
        [
            _("✅ Invitation prête pour <b>{name}</b> ({place}).").format(
                name=esc(full_name), place=esc(place.name)
            ),
            _(
                "Transférez-lui ce lien : il ne sert qu'une fois, jusqu'au {when}. S'il expire, "
                "refaites /inviter."
            ).format(when=when(expires_at, timezone, tr)),
            "",
            esc(link),
        ]
    )
    return Screen(text)


def invitation_cancelled(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("C'est annulé : aucune invitation n'a été créée."))


def inviting_over(tr: Tr) -> Screen:
    """A place button of an /inviter that has ended."""
    _ = tr.gettext
    return Screen(_("Cette invitation n'est plus en cours. Tapez /inviter pour en préparer une."))


def type_an_answer(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("Écrivez votre réponse, ou /annuler pour arrêter l'invitation."))


# --- /conseillers ---------------------------------------------------------------------------------


def page_of(advisors: Sequence[AdvisorSummary], advisor_id: int) -> int:
    """The page of the list where this advisor is (the first page if nowhere)."""
    for index, advisor in enumerate(advisors):
        if advisor.advisor_id == advisor_id:
            return index // ADVISORS_PER_PAGE
    return 0


def _full_name(advisor: AdvisorSummary) -> str:
    return f"{advisor.first_name} {advisor.last_name}".strip()


def _entry(number: int, advisor: AdvisorSummary, tr: Tr) -> str:
    _ = tr.gettext
    names = advisor.structure_names
    places = ", ".join(esc(_short(name)) for name in names[:_PLACES_IN_LIST])
    if len(names) > _PLACES_IN_LIST:
        more = len(names) - _PLACES_IN_LIST
        places += " " + tr.ngettext("et {n} autre", "et {n} autres", more).format(n=more)
    status = [_("✅ Accès actif") if advisor.linked else _("⛔ Accès retiré")]
    if advisor.from_settings:
        status.append(_("⭐ Coordination (fixée par les réglages)"))
    elif advisor.is_coordinator:
        status.append(_("⭐ Coordination"))
    if advisor.last_seen_at is None:
        seen = _("🕒 Aucune activité")
    else:
        seen = _("🕒 Dernière activité : {day}").format(
            day=day_of(advisor.last_seen_at, LIST_TIMEZONE, tr)
        )
    return "\n".join(
        [
            f"<b>{number}. {esc(_short(_full_name(advisor)))}</b>",
            "🏠 " + (places or _("aucun lieu")),
            " · ".join(status),
            seen,
        ]
    )


def _buttons(number: int, advisor: AdvisorSummary, tr: Tr) -> list[InlineKeyboardButton]:
    """Revoke, and promote or demote; none for an advisor revoked already. A coordinator by the
    settings stays one whatever the bot does: no button says otherwise."""
    _ = tr.gettext
    if not advisor.linked:
        return []
    id_ = advisor.advisor_id
    row = [button(_("🚫 Retirer n°{n}").format(n=number), AskRevoke(id_))]
    if advisor.from_settings:
        return row
    if advisor.is_coordinator:
        return [*row, button(_("⬇️ Rétrograder n°{n}").format(n=number), Demote(id_))]
    return [*row, button(_("⭐ Promouvoir n°{n}").format(n=number), Promote(id_))]


def advisors_page(
    advisors: Sequence[AdvisorSummary], page: int, tr: Tr, *, notice: str | None = None
) -> Screen:
    """A page of the list: each advisor, and the buttons to act on the linked ones."""
    _ = tr.gettext
    top = [notice] if notice else []
    if not advisors:
        text = _("Aucun conseiller pour l'instant. Invitez-en un avec /inviter.")
        return Screen("\n\n".join([*top, text]))
    pages = _pages(len(advisors), ADVISORS_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    first = page * ADVISORS_PER_PAGE
    header = tr.ngettext(
        "👥 <b>{n} conseiller ou conseillère</b>",
        "👥 <b>{n} conseillers et conseillères</b>",
        len(advisors),
    ).format(n=len(advisors))
    if pages > 1:
        header += " " + _("(page {page}/{pages})").format(page=page + 1, pages=pages)
    parts = [*top, header]
    rows = []
    for number, advisor in enumerate(advisors[first : first + ADVISORS_PER_PAGE], first + 1):
        parts.append(_entry(number, advisor, tr))
        rows.append(_buttons(number, advisor, tr))
    rows.append(_nav(page, pages, AdvisorsPage, tr))
    return Screen("\n\n".join(parts), keyboard(*rows))


def ask_revoke(advisor: AdvisorSummary, page: int, tr: Tr) -> Screen:
    _ = tr.gettext
    text = "\n".join(
        [
            _("Retirer l'accès de <b>{name}</b> ?").format(name=esc(_full_name(advisor))),
            _(
                "Cette personne ne recevra plus d'alertes et perdra les commandes des "
                "conseillers. Ses séances restent."
            ),
        ]
    )
    return Screen(
        text,
        keyboard(
            [button(_("🚫 Oui, retirer l'accès"), ConfirmRevoke(advisor.advisor_id))],
            [button(_("↩️ Non, garder"), AdvisorsPage(page))],
        ),
    )


def change_notice(change: StaffChange, outcome: StaffChanged | ChangeRefused, tr: Tr) -> str:
    """One line above the list: what was done, or why nothing was."""
    _ = tr.gettext
    if outcome is ChangeRefused.FROM_SETTINGS:
        return _(
            "Cette personne coordonne par les réglages du service (AIGUILLAGE_ADMIN_IDS) : "
            "cela ne se retire pas ici. Rien n'a changé."
        )
    if not isinstance(outcome, StaffChanged):
        return _("Ce conseiller n'existe pas ou n'a déjà plus d'accès : rien n'a changé.")
    name = esc(f"{outcome.first_name} {outcome.last_name}".strip())
    match change:
        case StaffChange.REVOKE:
            return _("⛔ Accès retiré : {name}.").format(name=name)
        case StaffChange.PROMOTE:
            return _("⭐ {name} coordonne maintenant : inviter et gérer les conseillers.").format(
                name=name
            )
        case _:
            return _("⬇️ {name} ne coordonne plus ; ses lieux et ses séances restent.").format(
                name=name
            )

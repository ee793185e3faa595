"""The screens around the journey: /aide, /langue, /mesdonnees, and what to say when lost."""

from babel import Locale
from telegram import BotCommand

from handlers.callback_data import (
    AskErase,
    ConfirmErase,
    KeepData,
    LanguageChoice,
    MyBookings,
    MyDataPage,
    Restart,
)
from handlers.context import LANGUAGES, Draft, Tr
from handlers.formatting import coordinates, day_of, esc
from handlers.render import (
    Screen,
    button,
    keyboard,
    needs_label,
    pages,
    theme_label,
)
from knowledge.nearest_help import SOLIDARITE_NUMERIQUE
from scheduling.residents import Erased, StoredData
from scheduling.staff import Role

_FLAGS = {"fr": "🇫🇷", "en": "🇬🇧"}


def command_menu(tr: Tr) -> list[BotCommand]:
    """The commands Telegram lists in its menu, described in the resident's language."""
    _ = tr.gettext
    return [
        BotCommand("start", _("Trouver de l'aide près de chez moi")),
        BotCommand("mesrdv", _("Mes rendez-vous (voir, annuler)")),
        BotCommand("aide", _("Comment ça marche")),
        BotCommand("langue", _("Changer de langue")),
        BotCommand("mesdonnees", _("Mes données (voir, effacer)")),
        BotCommand("annuler", _("Arrêter l'étape en cours")),
    ]


# Each role's menu is listed here and only here; the staff's commands come first.


def advisor_menu(tr: Tr) -> list[BotCommand]:
    """An advisor's menu: their sessions, then the residents' commands."""
    return [*_advisor_commands(tr), *command_menu(tr)]


def coordinator_menu(tr: Tr) -> list[BotCommand]:
    """A coordinator's menu: the advisor's, with the staff's management."""
    _ = tr.gettext
    return [
        *_advisor_commands(tr),
        BotCommand("inviter", _("Inviter un conseiller (lien à transférer)")),
        BotCommand("conseillers", _("Les conseillers : retirer, promouvoir")),
        BotCommand("stats", _("Les inscriptions des 7 derniers jours")),
        *command_menu(tr),
    ]


def menu_for(role: Role, tr: Tr) -> list[BotCommand]:
    menus = {Role.RESIDENT: command_menu, Role.ADVISOR: advisor_menu}
    return menus.get(role, coordinator_menu)(tr)


def _advisor_commands(tr: Tr) -> list[BotCommand]:
    _ = tr.gettext
    return [
        BotCommand("planning", _("Mon planning : séances et inscrits")),
        BotCommand("nouvelle_seance", _("Ajouter une séance")),
        BotCommand("notifications", _("Ce que je reçois comme alertes")),
        BotCommand("tableau", _("Le tableau de bord web (lien de connexion)")),
    ]


def language_name(language: str, tr: Tr) -> str:
    """ "français" in French, "French" in English."""
    return Locale.parse(language).get_display_name(tr.locale) or language


def language_menu(current: str, tr: Tr) -> Screen:
    _ = tr.gettext
    rows = []
    for language in LANGUAGES:
        # Each language is named in itself: a resident lost in the wrong one still finds theirs.
        own = Locale.parse(language).get_display_name(language) or language
        mark = " ✅" if language == current else ""
        rows.append(
            [
                button(
                    f"{_FLAGS.get(language, '')} {own.capitalize()}{mark}", LanguageChoice(language)
                )
            ]
        )
    return Screen(_("Dans quelle langue voulez-vous que je vous parle ?"), keyboard(*rows))


def language_set(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("C'est noté : je vous parle maintenant en français."),
        keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
    )


def help_text(tr: Tr) -> Screen:
    _ = tr.gettext
    text = "\n".join(
        [
            _("<b>Comment ça marche</b>"),
            _(
                "Dites-moi de quoi vous avez besoin et où vous habitez : je vous indique le lieu "
                "d'aide le plus proche, et je peux vous réserver une place à un atelier."
            ),
            "",
            _("/start : trouver de l'aide"),
            _("/mesrdv : voir ou annuler vos rendez-vous"),
            _("/mesdonnees : voir ou effacer vos données"),
            _("/langue : changer de langue"),
            _("/annuler : arrêter l'étape en cours"),
            "",
            _("Besoin de parler à quelqu'un ? {name} : {phone}").format(
                name=SOLIDARITE_NUMERIQUE.name, phone=SOLIDARITE_NUMERIQUE.phone
            ),
        ]
    )
    return Screen(
        text,
        keyboard(
            [button(_("🔎 Trouver de l'aide"), Restart())],
            [button(_("📋 Mes rendez-vous"), MyBookings())],
        ),
    )


def my_data(
    data: StoredData | None,
    commune: str | None,
    *,
    search: Draft | None,
    page: int,
    tz: str,
    tr: Tr,
) -> Screen:
    """Everything stored, `page` of it (a page fits a phone screen): `commune` is the commune's
    label, `search` the journey under way (its need and the point it searches from, perhaps a
    shared location), `tz` the zone to show dates in."""
    _ = tr.gettext
    ngettext = tr.ngettext
    if data is None:
        return Screen(
            _("Je ne garde aucune donnée sur vous."),
            keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
        )
    lines = [
        _("• Prénom : {name}").format(name=esc(data.first_name) or "—"),
        _("• Langue : {language}").format(language=language_name(data.language, tr)),
        _("• Commune : {commune}").format(commune=esc(commune) if commune else "—"),
        _("• Votre identifiant Telegram (un numéro)"),
        _("• Première visite : {day}").format(day=day_of(data.created_at, tz, tr)),
        ngettext(
            "• {n} rendez-vous à venir", "• {n} rendez-vous à venir", data.upcoming_bookings
        ).format(n=data.upcoming_bookings),
        ngettext(
            "• {n} rendez-vous passé ou annulé",
            "• {n} rendez-vous passés ou annulés",
            data.past_bookings,
        ).format(n=data.past_bookings),
    ]
    if data.needs:
        lines.append(_("• Besoins notés : {needs}").format(needs=needs_label(data.needs, tr)))
    if data.waitlists:
        lines.append(
            ngettext(
                "• Inscrit(e) sur {n} liste d'attente",
                "• Inscrit(e) sur {n} listes d'attente",
                data.waitlists,
            ).format(n=data.waitlists)
        )
    if data.queued_messages:
        lines.append(
            ngettext(
                "• {n} message prévu pour vous (rappel, avis)",
                "• {n} messages prévus pour vous (rappels, avis)",
                data.queued_messages,
            ).format(n=data.queued_messages)
        )
    if search is not None and search.lat is not None and search.lon is not None:
        lines.append(
            _(
                "• Recherche en cours depuis le point {point} (oublié à la fin de la recherche)"
            ).format(point=coordinates(search.lat, search.lon, tr))
        )
    if search is not None and search.theme:
        lines.append(
            _("• Besoin de la recherche en cours : {need}").format(
                need=theme_label(search.theme, tr)
            )
        )
    lines += ["", _("Rien d'autre : ni nom de famille, ni téléphone, ni adresse.")]
    heading = _("🔐 <b>Ce que je garde sur vous :</b>")
    paged = pages(lines, reserve=len(heading) + 1, separator="\n")
    page = min(max(page, 0), len(paged) - 1)
    shown = [line for number, line in enumerate(paged[page]) if line or number]
    return Screen("\n".join([heading, *shown]), _data_keyboard(tr, page=page, count=len(paged)))


def _data_keyboard(tr: Tr, *, page: int = 0, count: int = 1):
    _ = tr.gettext
    turns = []
    if page > 0:
        turns.append(button(_("◀ Précédent"), MyDataPage(page - 1)))
    if page < count - 1:
        turns.append(button(_("Suite ▶"), MyDataPage(page + 1)))
    return keyboard(turns, [button(_("🗑 Tout effacer"), AskErase())])


def ask_erase(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Voulez-vous vraiment tout effacer ?\n"
            "Vos rendez-vous à venir seront annulés et les places libérées. "
            "Je ne me souviendrai plus de vous."
        ),
        keyboard(
            [button(_("🗑 Oui, tout effacer"), ConfirmErase())],
            [button(_("↩️ Non, garder mes données"), KeepData())],
        ),
    )


def erased(result: Erased | None, tr: Tr) -> Screen:
    _ = tr.gettext
    ngettext = tr.ngettext
    lines = [_("C'est fait : toutes vos données sont effacées.")]
    if result is not None and result.cancelled_bookings:
        lines.append(
            ngettext(
                "{n} rendez-vous a été annulé, sa place est libérée.",
                "{n} rendez-vous ont été annulés, leurs places sont libérées.",
                result.cancelled_bookings,
            ).format(n=result.cancelled_bookings)
        )
    lines.append(_("Au revoir ! Tapez /start si vous avez de nouveau besoin d'aide."))
    return Screen("\n".join(lines))


def data_kept(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("Très bien, rien n'est effacé."))


def expired(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Ce bouton a expiré. Voici ce que vous pouvez faire :"),
        keyboard(
            [button(_("🔎 Trouver de l'aide"), Restart())],
            [button(_("📋 Mes rendez-vous"), MyBookings())],
        ),
    )


def nothing_to_cancel(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Il n'y a rien en cours. Tapez /start pour chercher de l'aide."),
        keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
    )


def unknown_command(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Je ne connais pas cette commande. Tapez /aide pour voir ce que je sais faire."),
        keyboard([button(_("🔎 Trouver de l'aide"), Restart())]),
    )

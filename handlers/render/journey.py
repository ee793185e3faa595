"""The screens of the journey: need → commune → nearest help → slot → confirmation.

Short sentences, one question at a time, and always a button or a command to go on.
"""

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

from handlers.callback_data import (
    ANY_THEME,
    OTHER_THEME,
    BookSlot,
    CallbackData,
    CommuneChoice,
    CommunesPage,
    DontBook,
    MyBookings,
    NeedChoice,
    OtherCommune,
    Restart,
    SlotChoice,
)
from handlers.context import Tr
from handlers.formatting import (
    approximate_distance,
    distance,
    esc,
    opening,
    when,
    when_short,
)
from handlers.render import (
    Screen,
    at_place,
    button,
    in_rows,
    keyboard,
    need_line,
    of_place,
    slot_lines,
    theme_label,
    what_to_bring,
)
from knowledge.catalogue import PROGRAMME_LABELS, RESIDENT_PROGRAMMES
from knowledge.nearest_help import SOLIDARITE_NUMERIQUE, HelpPlace, TownHallHelp
from knowledge.themes import THEMES
from knowledge.translatable import N_
from scheduling.models import WorkshopKind
from scheduling.offers import Availability, HelpOffer
from scheduling.slot_details import SlotDetails, booking_needs

# The same sentence for every theme without its own list of things to bring.
# (Also the e-mail theme's `what_to_bring`: one msgid, one translation.)
GENERIC_WHAT_TO_BRING = N_("Votre téléphone ou ordinateur et vos mots de passe.")
# Communes offered on one screen: few enough to read, and every page well under 500 characters.
CHOICES_PER_PAGE = 8


# --- labels the resident can type back (reply keyboard) -------------------------------------------


def share_location_label(tr: Tr) -> str:
    _ = tr.gettext
    return _("📍 Partager ma position")


def back_label(tr: Tr) -> str:
    _ = tr.gettext
    return _("↩️ Retour")


# --- the need -------------------------------------------------------------------------------------


def _need_buttons(tr: Tr, *, extra: str | None = None) -> list[list]:
    _ = tr.gettext
    themes = [button(theme_label(t.slug, tr), NeedChoice(t.slug)) for t in THEMES]
    rows = in_rows(themes, 2)
    rows.append([button(_("💬 Autre chose"), NeedChoice(OTHER_THEME))])
    if extra:
        rows.append([button(extra, NeedChoice(ANY_THEME))])
    return rows


def welcome(first_name: str, tr: Tr) -> Screen:
    _ = tr.gettext
    hello = _("Bonjour {name} !").format(name=esc(first_name)) if first_name else _("Bonjour !")
    text = "\n".join(
        (
            hello
            + " "
            + _("Je vous aide à trouver de l'aide pour le numérique, près de chez vous."),
            _("De quoi avez-vous besoin ? Touchez un bouton, ou écrivez-le simplement."),
        )
    )
    return Screen(text, keyboard(*_need_buttons(tr)))


def need_menu(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("De quoi avez-vous besoin ? Touchez un bouton, ou écrivez-le simplement."),
        keyboard(*_need_buttons(tr)),
    )


def describe_need(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Écrivez en quelques mots ce dont vous avez besoin.\n"
            "Par exemple : « envoyer des photos à mes petits-enfants »."
        ),
        keyboard([button(back_label(tr), Restart())]),
    )


def need_not_understood(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Je n'ai pas bien compris votre besoin. Choisissez un sujet ci-dessous, "
            "ou cherchez un lieu d'aide pour tout sujet."
        ),
        keyboard(*_need_buttons(tr, extra=_("🔎 Chercher de l'aide quand même"))),
    )


def need_chosen(theme: str | None, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("Votre besoin : {theme}").format(theme=theme_label(theme, tr)))


# --- the commune ----------------------------------------------------------------------------------


def _location_keyboard(tr: Tr) -> ReplyKeyboardMarkup:
    _ = tr.gettext
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(share_location_label(tr), request_location=True)],
            [KeyboardButton(back_label(tr))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder=_("Par exemple : Moissac ou 82200"),
    )


def ask_commune(tr: Tr, *, intro: str | None = None) -> Screen:
    _ = tr.gettext
    question = _(
        "Dans quelle commune habitez-vous ?\n"
        "Écrivez son nom ou son code postal, ou touchez « {button} » en bas de l'écran."
    ).format(button=share_location_label(tr))
    return Screen(_join(intro, question), _location_keyboard(tr))


def confirm_commune(insee: str, name: str, tr: Tr, *, intro: str | None = None) -> Screen:
    _ = tr.gettext
    return Screen(
        _join(intro, _still_in(name, tr)),
        keyboard(
            [button(_("✅ Oui, {commune}").format(commune=name), CommuneChoice(insee))],
            [button(_("✏️ Non, une autre commune"), OtherCommune())],
            [button(_("↩️ Changer de sujet"), Restart())],
        ),
    )


def _still_in(name: str, tr: Tr) -> str:
    """ "Toujours à Moissac ?", "Toujours au Mans ?", "Toujours aux Sables-d'Olonne ?"."""
    _ = tr.gettext
    return _("Toujours {at_commune} ?").format(at_commune=esc(at_place(name, tr)))


def commune_unknown(typed: str, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Je ne trouve pas de commune « {typed} ».\n"
            "Vérifiez l'orthographe, écrivez le code postal (5 chiffres), "
            "ou touchez « {button} »."
        ).format(typed=esc(typed[:60]), button=share_location_label(tr)),
        _location_keyboard(tr),
    )


def commune_choices(
    choices: Sequence[tuple[CallbackData, str]], tr: Tr, *, page: int = 0
) -> Screen:
    """`choices`: (the button's data, its label such as "Parisot (Tarn-et-Garonne)"), shown
    CHOICES_PER_PAGE at a time, `page` counted from 0."""
    _ = tr.gettext
    pages = max(1, math.ceil(len(choices) / CHOICES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = choices[page * CHOICES_PER_PAGE : (page + 1) * CHOICES_PER_PAGE]
    rows = [[button(label, data)] for data, label in shown]
    turn = []
    if page > 0:
        turn.append(button(_("◀ Précédentes"), CommunesPage(page - 1)))
    if page < pages - 1:
        turn.append(button(_("Suivantes ▶"), CommunesPage(page + 1)))
    rows += [turn, [button(_("✏️ Aucune de ces communes"), OtherCommune())]]
    text = _("Plusieurs communes correspondent. Laquelle est la vôtre ?")
    if pages > 1:
        text += "\n" + _(
            "Communes {first} à {last} sur {count}. Vous pouvez aussi écrire le département."
        ).format(
            first=page * CHOICES_PER_PAGE + 1,
            last=page * CHOICES_PER_PAGE + len(shown),
            count=len(choices),
        )
    return Screen(text, keyboard(*rows))


def did_you_mean(
    proposed: tuple[CallbackData, str, str],
    others: Sequence[tuple[CallbackData, str]],
    tr: Tr,
) -> Screen:
    """ "Vouliez-vous dire Moissac (Tarn-et-Garonne) ?": yes, one of the other communes found,
    or another commune. `proposed`: the button's data, the commune's name and its label;
    `others`: (data, label)."""
    _ = tr.gettext
    data, name, label = proposed
    rows = [[button(_("✅ Oui, {commune}").format(commune=name), data)]]
    rows += [[button(other_label, other_data)] for other_data, other_label in others]
    rows.append([button(_("✏️ Non, une autre commune"), OtherCommune())])
    return Screen(_("Vouliez-vous dire {commune} ?").format(commune=esc(label)), keyboard(*rows))


def location_outside(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Cette position ne semble pas être en France. Écrivez plutôt le nom de votre commune."),
        _location_keyboard(tr),
    )


def searching_near(label: str, tr: Tr) -> Screen:
    """Names the commune found and takes the location keyboard away."""
    _ = tr.gettext
    return Screen(
        _("📍 {commune} : je cherche l'aide la plus proche…").format(commune=esc(label)),
        ReplyKeyboardRemove(),
    )


# --- the nearest help -----------------------------------------------------------------------------


def help_screen(
    offer: HelpOffer,
    *,
    theme: str | None,
    now: datetime,
    tr: Tr,
    intro: str | None = None,
    place_towns: Mapping[str, str] | None = None,
) -> Screen:
    """The nearest places with their next dates; when nothing can be booked, their contacts,
    the resident's town hall and the national helpline. `place_towns` names the communes of
    the places (by INSEE code), shown where a place's street address is unknown."""
    _ = tr.gettext
    answer = offer.answer
    parts = [intro] if intro else []
    rows = []
    if answer.structures:
        if theme:
            parts.append(
                _("Voici l'aide la plus proche pour « {theme} » :").format(
                    theme=theme_label(theme, tr)
                )
            )
        else:
            parts.append(_("Voici les lieux d'aide les plus proches :"))
        for number, place in enumerate(answer.structures, start=1):
            slots = offer.slots.get(place.structure_id, ())
            town_of_place = (place_towns or {}).get(place.commune_insee)
            parts.append(_place(number, place, slots, town=town_of_place, now=now, tr=tr))
            rows += [
                [button(_slot_button(number, slot, tr), SlotChoice(slot.slot_id))] for slot in slots
            ]
        if offer.has_slots:
            parts.append(_("👇 Touchez une date pour réserver votre place."))
        else:
            parts.append(_("Pas de date d'atelier pour le moment : appelez ou passez les voir."))
            parts += _contacts(offer.town_hall, now=now, tr=tr)
    else:
        radius = answer.radius_km or 0
        parts.append(
            _("Je n'ai pas trouvé de lieu d'aide pour ce sujet à moins de {distance}.").format(
                distance=distance(radius, tr)
            )
        )
        parts += _contacts(offer.town_hall, now=now, tr=tr)
    rows.append(
        [button(_("📍 Autre commune"), OtherCommune()), button(_("🏠 Recommencer"), Restart())]
    )
    return Screen("\n\n".join(parts), keyboard(*rows))


def _place(
    number: int,
    place: HelpPlace,
    slots: Sequence[SlotDetails],
    *,
    town: str | None,
    now: datetime,
    tr: Tr,
) -> str:
    _ = tr.gettext
    lines = [f"<b>{number}. {esc(place.name)}</b>"]
    status = opening(place.opening, now=now, tz=place.timezone, tr=tr)
    if status is None and place.hours_unreadable:
        status = _("🕘 horaires : appelez avant de venir")
    how_far = (approximate_distance if place.approximate else distance)(place.distance_km, tr)
    lines.append(" · ".join(filter(None, (f"📏 {how_far}", status))))
    if place.address:
        lines.append(f"📍 {esc(place.address)}")
    elif town:
        lines.append(f"📍 {esc(town)}")
    if place.phone:
        lines.append(f"📞 {esc(place.phone)}")
    badges = [_(PROGRAMME_LABELS[p]) for p in RESIDENT_PROGRAMMES if p in place.programmes]
    if badges:
        lines.append("🏷 " + " · ".join(badges))
    if place.appointment_only:
        lines.append(_("📞 Sur rendez-vous uniquement"))
    if place.booking_url:
        lines.append(_("🗓 Rendez-vous en ligne : {url}").format(url=esc(place.booking_url)))
    for slot in slots:
        lines.append(_slot_line(slot, tr))
    individual_slot = any(s.workshop_kind == WorkshopKind.INDIVIDUAL for s in slots)
    if place.individual_help and not place.appointment_only and not individual_slot:
        lines.append(_("👤 Rendez-vous individuel possible : appelez ou passez."))
    return "\n".join(lines)


def _slot_line(slot: SlotDetails, tr: Tr) -> str:
    _ = tr.gettext
    ngettext = tr.ngettext
    seats = ngettext("{n} place libre", "{n} places libres", slot.seats_left).format(
        n=slot.seats_left
    )
    moment = when(slot.starts_at, slot.structure_timezone, tr)
    if slot.workshop_kind == WorkshopKind.INDIVIDUAL:
        return _("👤 {when} : rendez-vous individuel").format(when=moment)
    return _("📅 {when} : {title} ({seats})").format(
        when=moment, title=esc(slot.workshop_title), seats=seats
    )


def _slot_button(number: int, slot: SlotDetails, tr: Tr) -> str:
    _ = tr.gettext
    icon = "👤" if slot.workshop_kind == WorkshopKind.INDIVIDUAL else "📅"
    return _("{icon} {when} (lieu {number})").format(
        icon=icon, when=when_short(slot.starts_at, slot.structure_timezone, tr), number=number
    )


def _contacts(townhall: TownHallHelp | None, *, now: datetime, tr: Tr) -> list[str]:
    """The resident's town hall, then the national helpline."""
    _ = tr.gettext
    parts = []
    if townhall is not None:
        town = esc(of_place(townhall.commune_name, tr))
        lines = [_("🏛 <b>Mairie {of_commune}</b>").format(of_commune=town)]
        status = opening(townhall.opening, now=now, tz=townhall.timezone, tr=tr)
        if status:
            lines.append(status)
        if townhall.townhall.address:
            lines.append(f"📍 {esc(townhall.townhall.address)}")
        if townhall.townhall.phone:
            lines.append(f"📞 {esc(townhall.townhall.phone)}")
        parts.append("\n".join(lines))
    parts.append(
        _(
            "☎️ <b>{name}</b>, l'aide nationale au numérique, par téléphone : {phone}\n🌐 {website}"
        ).format(
            name=SOLIDARITE_NUMERIQUE.name,
            phone=SOLIDARITE_NUMERIQUE.phone,
            website=SOLIDARITE_NUMERIQUE.website,
        )
    )
    return parts


# --- the slot and the booking ---------------------------------------------------------------------


def confirm_slot(slot: SlotDetails, tr: Tr) -> Screen:
    _ = tr.gettext
    text = "\n".join([_("Voulez-vous réserver cette place ?"), "", *slot_lines(slot, tr)])
    return Screen(
        text,
        keyboard(
            [
                button(_("✅ Oui, je réserve"), BookSlot(slot.slot_id)),
                button(_("❌ Non"), DontBook(slot.slot_id)),
            ]
        ),
    )


def booked(slot: SlotDetails, *, first_name: str, need: str | None, tr: Tr) -> Screen:
    """ "C'est réservé": the date and place, the need recorded with the booking (`Booked.need`)
    and what to bring for it."""
    _ = tr.gettext
    title = (
        _("✅ C'est réservé, {name} !").format(name=esc(first_name))
        if first_name
        else _("✅ C'est réservé !")
    )
    lines = [title, "", *slot_lines(slot, tr)]
    if slot.structure_phone:
        lines.append(f"📞 {esc(slot.structure_phone)}")
    needs = booking_needs(slot.themes, need)
    # No need said on a slot of several themes: one general sentence, not every theme's list.
    things = (what_to_bring(needs, tr) if len(needs) == 1 else None) or _(GENERIC_WHAT_TO_BRING)
    lines += [
        "",
        *need_line(need, needs, tr),
        _("🎒 À apporter : {things}").format(things=things),
        "",
        _("Pour revoir ou annuler ce rendez-vous : /mesrdv"),
    ]
    return Screen("\n".join(lines), keyboard([button(_("📋 Mes rendez-vous"), MyBookings())]))


def not_booked(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("D'accord, je ne réserve rien."))


def unavailable(availability: Availability, tr: Tr) -> str:
    """Why a slot cannot be booked, honestly, in one sentence."""
    _ = tr.gettext
    return {
        Availability.FULL: _(
            "😕 Désolé, ce créneau est complet : la dernière place vient d'être prise."
        ),
        Availability.ALREADY_BOOKED: _(
            "✅ Vous êtes déjà inscrit(e) à ce créneau. Vous le retrouvez avec /mesrdv."
        ),
        Availability.CANCELLED: _("😕 Désolé, ce créneau a été annulé par le lieu d'accueil."),
        Availability.MOVED: _("😕 Ce créneau a été déplacé par le lieu d'accueil."),
        Availability.STARTED: _("😕 Ce créneau est déjà passé."),
        Availability.NOT_FOUND: _("😕 Ce créneau n'existe plus."),
        Availability.OPEN: _("Ce créneau est encore libre."),
    }[availability]


def next_best_intro(availability: Availability, tr: Tr) -> str:
    _ = tr.gettext
    return unavailable(availability, tr) + "\n" + _("Voici les autres possibilités :")


def dead_end_avoided(availability: Availability, tr: Tr) -> Screen:
    """A stale slot and nothing known to search from: say why, and offer to start again."""
    _ = tr.gettext
    return Screen(
        unavailable(availability, tr),
        keyboard(
            [button(_("🔎 Chercher une autre date"), Restart())],
            [button(_("📋 Mes rendez-vous"), MyBookings())],
        ),
    )


# --- leaving, and what was not understood ---------------------------------------------------------


def journey_cancelled(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("D'accord, on s'arrête là. Tapez /start quand vous voulez recommencer."),
        ReplyKeyboardRemove(),
    )


def use_the_buttons(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Je n'ai pas compris. Touchez un des boutons ci-dessus, ou :\n"
            "/start pour recommencer\n/aide pour savoir comment faire"
        ),
        keyboard([button(_("🏠 Recommencer"), Restart())]),
    )


def cannot_listen(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Je ne peux pas écouter les messages vocaux. "
            "Écrivez-moi en quelques mots, ou touchez un bouton."
        ),
        keyboard([button(_("🏠 Recommencer"), Restart())]),
    )


def understood(theme: str | None, tr: Tr, *, first_name: str | None = None) -> str:
    """ "J'ai compris : 🧾 Impôts en ligne.", after a hello when `first_name` is given."""
    _ = tr.gettext
    text = _("J'ai compris : {theme}.").format(theme=theme_label(theme, tr))
    if first_name:
        return _("Bonjour {name} !").format(name=esc(first_name)) + " " + text
    return text


def _join(*parts: str | None) -> str:
    return "\n\n".join(part for part in parts if part)

"""The screens of the journey: need → commune → nearest help → slot → confirmation.

Short sentences, one question at a time, and always a button or a command to go on.
"""

import math
from collections.abc import Sequence
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
    OtherContacts,
    PlaceDetails,
    Restart,
    SearchWider,
    SlotChoice,
)
from handlers.context import Tr
from handlers.formatting import (
    approximate_distance,
    date_of,
    distance,
    esc,
    opening,
    time_of,
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
    shorten,
    slot_lines,
    theme_label,
    what_to_bring,
)
from knowledge.catalogue import PROGRAMME_LABELS, RESIDENT_PROGRAMMES
from knowledge.nearest_help import SOLIDARITE_NUMERIQUE, HelpPlace, TownHallHelp, wider_radius
from knowledge.themes import THEMES
from knowledge.translatable import N_
from scheduling.booking import Overlap
from scheduling.local_time import local_date
from scheduling.models import WorkshopKind
from scheduling.offers import Availability, HelpOffer, PlaceOffer
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
            # Written in the other language: the words a reader of the other one recognises.
            _("🇬🇧 In English: /langue"),
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


def location_keyboard_removed(tr: Tr) -> Screen:
    """ "↩️ Retour" from the commune question: the location keyboard goes."""
    _ = tr.gettext
    return Screen(_("↩️ D'accord, revenons à votre besoin."), ReplyKeyboardRemove())


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
    commune_insee: str,
    now: datetime,
    tr: Tr,
    intro: str | None = None,
    heading: str | None = None,
) -> Screen:
    """The nearest places as a short list, their next dates as buttons naming the place, a
    button per place for its details; when no place is known around, say so plainly and offer
    to search further, then the town hall and the national helpline.

    `intro` says first why the resident is here again (a slot gone), `heading` replaces the
    usual "Voici l'aide la plus proche…"."""
    _ = tr.gettext
    if offer.answer.structures:
        parts, rows = _places_found(offer, theme, commune_insee, tr, heading=heading)
    else:
        parts, rows = _nothing_near(offer, theme, commune_insee, now, tr)
    rows.append(
        [button(_("📍 Autre commune"), OtherCommune()), button(_("🏠 Recommencer"), Restart())]
    )
    return Screen("\n\n".join(filter(None, [intro, *parts])), keyboard(*rows))


def _places_found(
    offer: HelpOffer, theme: str | None, commune_insee: str, tr: Tr, *, heading: str | None
) -> tuple[list[str], list[list]]:
    """One line per place (name, distance); a button per date, then per place."""
    _ = tr.gettext
    places = offer.answer.structures
    if heading is None:
        heading = (
            _("Voici l'aide la plus proche pour « {theme} » :").format(theme=theme_label(theme, tr))
            if theme
            else _("Voici les lieux d'aide les plus proches :")
        )
    listed = "\n".join(_list_line(number, place, tr) for number, place in enumerate(places, 1))
    rows = [
        [button(_slot_button(slot, tr), SlotChoice(slot.slot_id))]
        for place in places
        for slot in offer.slots.get(place.structure_id, ())
    ]
    rows += [
        [
            button(
                f"ℹ️ {number}. {shorten(place.name, _BUTTON_NAME)}",
                PlaceDetails(place.structure_id, theme or ANY_THEME),
            )
        ]
        for number, place in enumerate(places, 1)
    ]
    if offer.has_slots:
        return [
            heading,
            listed,
            _("👇 Touchez une date pour réserver, ou un lieu pour son adresse."),
        ], rows
    rows.append([button(_("🏛 Mairie et aide par téléphone"), OtherContacts(commune_insee))])
    no_date = _(
        "Pas de date d'atelier pour le moment : touchez un lieu pour son téléphone "
        "et ses horaires, et appelez-le ou passez le voir."
    )
    return [heading, listed, no_date], rows


def _nothing_near(
    offer: HelpOffer, theme: str | None, commune_insee: str, now: datetime, tr: Tr
) -> tuple[list[str], list[list]]:
    """No place within the radius, said as it is: the catalogue knows none yet, or none for
    this need; "Chercher plus loin" first, then the town hall and the helpline."""
    _ = tr.gettext
    answer = offer.answer
    radius = answer.radius_km or 0
    rows = []
    further = wider_radius(answer.radius_km)
    if further is not None:
        label = _("🔎 Chercher plus loin ({distance})").format(distance=distance(further, tr))
        rows.append([button(label, SearchWider(commune_insee, theme or ANY_THEME, round(further)))])
    if answer.other_places_near:
        said = _(
            "Les lieux d'aide que je connais à moins de {distance} ne proposent pas "
            "encore d'aide pour « {theme} »."
        ).format(distance=distance(radius, tr), theme=theme_label(theme, tr))
        any_need = SearchWider(commune_insee, ANY_THEME, round(radius))
        rows.append([button(_("💡 Voir ces lieux (tous sujets)"), any_need)])
    else:
        said = _(
            "Je ne connais pas encore de lieu d'aide à moins de {distance} de chez vous : "
            "mon carnet d'adresses se remplit peu à peu."
        ).format(distance=distance(radius, tr))
    contacts = _contacts(offer.town_hall, now=now, tr=tr)
    return [said, _("Vous pouvez aussi vous adresser à :"), *contacts], rows


# Telegram shows about 30 characters across a phone's button; a name is cut to fit beside a date.
_BUTTON_NAME = 28
# A place's name in the list: enough to recognise it, the details screen gives it whole.
_LIST_NAME = 60


def _how_far(place: HelpPlace, tr: Tr) -> str:
    """The distance; "environ 3 km" for a place known only by its commune (`approximate`)."""
    return (approximate_distance if place.approximate else distance)(place.distance_km, tr)


def _list_line(number: int, place: HelpPlace, tr: Tr) -> str:
    return f"<b>{number}. {esc(shorten(place.name, _LIST_NAME))}</b> · 📏 {_how_far(place, tr)}"


def _slot_button(slot: SlotDetails, tr: Tr) -> str:
    """ "📅 mar. 4 mars, 14h00 · Médiathèque de Moissac": the date and where."""
    icon = "👤" if slot.workshop_kind == WorkshopKind.INDIVIDUAL else "📅"
    moment = when_short(slot.starts_at, slot.structure_timezone, tr)
    return f"{icon} {moment} · {shorten(slot.structure_name, _BUTTON_NAME)}"


def place_screen(offer: PlaceOffer, *, town: str | None, now: datetime, tr: Tr) -> Screen:
    """One place in full: name, hours, address (or its town), phone, what it offers, and its
    next dates as buttons. No distance: it is seen from the list, which has it."""
    _ = tr.gettext
    place = offer.place
    lines = [f"<b>{esc(shorten(place.name, 120))}</b>"]
    status = opening(place.opening, now=now, tz=place.timezone, tr=tr)
    if status is None and place.hours_unreadable:
        status = _("🕘 horaires : appelez avant de venir")
    if status:
        lines.append(status)
    if place.address:
        lines.append(f"📍 {esc(shorten(place.address, 100))}")
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
        label = _("prendre rendez-vous en ligne")
        lines.append(f'🗓 <a href="{esc(place.booking_url)}">{label}</a>')
    individual_slot = any(s.workshop_kind == WorkshopKind.INDIVIDUAL for s in offer.slots)
    if place.individual_help and not place.appointment_only and not individual_slot:
        lines.append(_("👤 Rendez-vous individuel possible : appelez ou passez."))
    if offer.slots:
        lines += ["", _("👇 Ses prochaines dates : touchez-en une pour réserver.")]
    else:
        lines += ["", _("Pas de date d'atelier pour le moment : appelez ou passez.")]
    rows = [[button(_slot_button(slot, tr), SlotChoice(slot.slot_id))] for slot in offer.slots]
    rows.append([button(_("🏠 Recommencer"), Restart())])
    return Screen("\n".join(lines), keyboard(*rows))


def place_gone(tr: Tr) -> Screen:
    """A details button of a place since closed or taken out of the catalogue."""
    _ = tr.gettext
    return Screen(
        _("😕 Ce lieu n'est plus dans mon carnet d'adresses."),
        keyboard([button(_("🔎 Chercher de l'aide"), Restart())]),
    )


def contacts_screen(townhall: TownHallHelp | None, *, now: datetime, tr: Tr) -> Screen:
    """Where to turn without a date: the resident's town hall, the national helpline."""
    _ = tr.gettext
    return Screen(
        "\n\n".join(_contacts(townhall, now=now, tr=tr)),
        keyboard([button(_("🏠 Recommencer"), Restart())]),
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


def booked(
    slot: SlotDetails,
    *,
    first_name: str,
    need: str | None,
    tr: Tr,
    reminders: Sequence[datetime] = (),
) -> Screen:
    """ "C'est réservé": the date and place, the need recorded with the booking (`Booked.need`),
    what to bring for it, and the reminders queued (`Booked.reminders`)."""
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
        _reminders_line(slot, reminders, tr),
    ]
    # The button says where to see or cancel it: the screen stays within 500 characters.
    return Screen(
        "\n".join(lines),
        keyboard([button(_("📋 Revoir ou annuler : mes rendez-vous"), MyBookings())]),
    )


def _reminders_line(slot: SlotDetails, reminders: Sequence[datetime], tr: Tr) -> str:
    """ "Je vous enverrai un rappel la veille à 18h00 et le jour même à 12h00", or none."""
    _ = tr.gettext
    moments = [_reminder_moment(slot, at, tr) for at in reminders]
    if not moments:
        return _("🔔 Je ne vous enverrai pas de rappel : notez bien la date.")
    if len(moments) == 1:
        return _("🔔 Je vous enverrai un rappel {moment}.").format(moment=moments[0])
    return _("🔔 Je vous enverrai un rappel {first} et {last}.").format(
        first=", ".join(moments[:-1]), last=moments[-1]
    )


def _reminder_moment(slot: SlotDetails, at: datetime, tr: Tr) -> str:
    _ = tr.gettext
    zone = slot.structure_timezone
    days_before = (local_date(slot.starts_at, zone) - local_date(at, zone)).days
    time = time_of(at, zone, tr)
    if days_before == 0:
        return _("le jour même à {time}").format(time=time)
    if days_before == 1:
        return _("la veille à {time}").format(time=time)
    return _("le {date} à {time}").format(date=date_of(at, zone, tr), time=time)


def not_booked(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("D'accord, je ne réserve rien."))


def unavailable(availability: Availability, tr: Tr, *, overlap: Overlap | None = None) -> str:
    """Why a slot cannot be booked, honestly, in one sentence (naming the booking it overlaps)."""
    _ = tr.gettext
    if overlap is not None:
        return overlapping(overlap, tr)
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
        Availability.OVERLAPS: _("😕 Vous avez déjà un rendez-vous à cette heure-là : /mesrdv."),
        Availability.TOO_MANY: _(
            "😕 Vous avez déjà autant de rendez-vous et de listes d'attente à venir qu'on peut "
            "en avoir. Pour en prendre un autre, annulez-en un avec /mesrdv."
        ),
    }[availability]


def other_dates_heading(tr: Tr) -> str:
    """Above the places offered instead of a slot that cannot be booked."""
    _ = tr.gettext
    return _("Voici les autres possibilités :")


def overlapping(overlap: Overlap, tr: Tr) -> str:
    """ "You already have an appointment then": which one, and where to see it."""
    _ = tr.gettext
    slot = overlap.slot
    return _(
        "😕 Vous avez déjà un rendez-vous à cette heure-là : <b>{when}</b>, {place}. "
        "Pour le revoir ou l'annuler : /mesrdv"
    ).format(when=when(slot.starts_at, slot.structure_timezone, tr), place=esc(slot.structure_name))


def dead_end_avoided(
    availability: Availability, tr: Tr, *, overlap: Overlap | None = None
) -> Screen:
    """A stale slot and nothing known to search from: say why, and offer to start again."""
    _ = tr.gettext
    return Screen(
        unavailable(availability, tr, overlap=overlap),
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


def only_words(at_commune: bool, tr: Tr) -> str:
    """What the bot understands, to someone who sent a voice message, a photo, a sticker…"""
    _ = tr.gettext
    if at_commune:
        return _(
            "Je ne comprends que les messages écrits, les boutons et une position partagée "
            "(pas les vocaux, photos ni autocollants)."
        )
    return _(
        "Je ne comprends que les messages écrits et les boutons "
        "(pas les vocaux, photos ni autocollants)."
    )


def results_reminder(tr: Tr, *, intro: str | None = None) -> Screen:
    """Once the places are shown: what to do with them."""
    _ = tr.gettext
    return Screen(
        _join(
            intro,
            _(
                "👆 Touchez une date ou un bouton ci-dessus, "
                "ou écrivez un autre besoin ou une autre commune."
            ),
        ),
        keyboard([button(_("🏠 Recommencer"), Restart())]),
    )


def answer_with_the_buttons(tr: Tr) -> Screen:
    """A typed "oui" that might answer one of two messages (a reminder came in between)."""
    _ = tr.gettext
    return Screen(
        _(
            "Pour être sûr de bien vous comprendre, touchez plutôt le bouton de votre choix "
            "sous le message auquel vous répondez."
        )
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

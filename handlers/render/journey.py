"""The screens of the journey: need → commune → nearest help → slot → confirmation.

Short sentences, one question at a time, and always a button or a command to go on.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

from handlers.callback_data import (
    ANY_THEME,
    OTHER_THEME,
    BookSlot,
    CommuneChoice,
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
    button,
    in_rows,
    keyboard,
    need_line,
    slot_lines,
    theme_label,
    what_to_bring,
)
from knowledge.catalogue import PROGRAMME_LABELS, RESIDENT_PROGRAMMES
from knowledge.nearest_help import SOLIDARITE_NUMERIQUE, HelpPlace, TownHallHelp
from knowledge.themes import THEMES
from knowledge.translatable import N_
from scheduling.booking import Overlap
from scheduling.local_time import local_date
from scheduling.models import WorkshopKind
from scheduling.offers import Availability, HelpOffer
from scheduling.slot_details import SlotDetails, booking_needs

# The same sentence for every theme without its own list of things to bring.
# (Also the e-mail theme's `what_to_bring`: one msgid, one translation.)
GENERIC_WHAT_TO_BRING = N_("Votre téléphone ou ordinateur et vos mots de passe.")


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
    if name.startswith("Le "):
        return _("Toujours au {commune} ?").format(commune=esc(name[3:]))
    if name.startswith("Les "):
        return _("Toujours aux {commune} ?").format(commune=esc(name[4:]))
    return _("Toujours à {commune} ?").format(commune=esc(name))


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


def commune_choices(choices: Sequence[tuple[str, str]], tr: Tr) -> Screen:
    """`choices`: (INSEE code, label such as "Parisot (Tarn-et-Garonne)")."""
    _ = tr.gettext
    rows = [[button(label, CommuneChoice(insee))] for insee, label in choices]
    rows.append([button(_("✏️ Aucune de ces communes"), OtherCommune())])
    return Screen(_("Plusieurs communes correspondent. Laquelle est la vôtre ?"), keyboard(*rows))


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
        lines = [_("🏛 <b>Mairie de {commune}</b>").format(commune=esc(townhall.commune_name))]
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
        "",
        _("Pour revoir ou annuler ce rendez-vous : /mesrdv"),
    ]
    return Screen("\n".join(lines), keyboard([button(_("📋 Mes rendez-vous"), MyBookings())]))


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
    }[availability]


def overlapping(overlap: Overlap, tr: Tr) -> str:
    """ "You already have an appointment then": which one, and where to see it."""
    _ = tr.gettext
    slot = overlap.slot
    return _(
        "😕 Vous avez déjà un rendez-vous à cette heure-là : <b>{when}</b>, {place}. "
        "Pour le revoir ou l'annuler : /mesrdv"
    ).format(when=when(slot.starts_at, slot.structure_timezone, tr), place=esc(slot.structure_name))


def next_best_intro(availability: Availability, tr: Tr, *, overlap: Overlap | None = None) -> str:
    _ = tr.gettext
    return (
        unavailable(availability, tr, overlap=overlap) + "\n" + _("Voici les autres possibilités :")
    )


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

"""The resident's journey: what they need → their commune → the nearest help → a slot → booked.

One `ConversationHandler` named "journey", persistent (its state survives a restart, see
`bot.persistence`), with `/annuler` as a way out at every step and a timeout. Buttons carry what
they mean (a theme, a commune, a slot id), so each works from any step, even days later: they
are entry points and fallbacks, and only typed text depends on the step.
"""

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from enum import IntEnum

from sqlalchemy.orm import Session
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from handlers import answers, bookings, privacy
from handlers.answers import ask, button_data
from handlers.callback_data import (
    ANY_THEME,
    OTHER_THEME,
    BookSlot,
    CallbackData,
    CommuneChoice,
    CommunesPage,
    ConfirmCancel,
    ConfirmErase,
    ConfirmLeaveWaitlist,
    DontBook,
    FormerCommuneChoice,
    KeepBooking,
    KeepData,
    NeedChoice,
    OtherCommune,
    OtherContacts,
    PlaceDetails,
    Restart,
    SearchWider,
    SlotChoice,
    StayOnWaitlist,
)
from handlers.context import CustomContext
from handlers.conversation import persistent_conversation
from handlers.help import nothing_to_cancel, show_help
from handlers.render import Screen, commune_label
from handlers.render import journey as render
from handlers.render import reminders as waitlist_render
from handlers.replies import drop_buttons, edit, send, send_map, send_place
from handlers.slot_import import receive_file
from handlers.staff_access import is_staff
from knowledge.commune_matcher import CommuneCandidate
from knowledge.gazetteer import Commune, FormerCommune
from knowledge.nearest_help import DEFAULT_RADIUS_KM, SEARCH_RADII_KM, town_hall_help
from knowledge.themes import THEMES_BY_SLUG
from scheduling.booking import Booked, BookingOutcome, Overlap, Overlaps, book_seat
from scheduling.follow_ups import confirmation_lost
from scheduling.offers import (
    Availability,
    HelpOffer,
    PlaceOffer,
    SlotOffer,
    availability_of,
    commune_at,
    find_help_offer,
    place_offer,
    slot_offer,
)
from scheduling.residents import ResidentView, ensure_resident

logger = logging.getLogger(__name__)

NAME = "journey"
# Long enough for a resident who goes to fetch their glasses; the buttons work after it anyway.
TIMEOUT = timedelta(hours=2)
# Every namesake is offered (13 communes are called Saint-Sauveur; 46 share the postal code
# 51300), page by page.
MAX_CHOICES = 60
# Besides the commune "Vouliez-vous dire …" proposes, the others found that may be meant.
OTHER_GUESSES = 3


class Step(IntEnum):
    """Where typed text goes. Stored in the database: never renumber, only add."""

    NEED = 1
    COMMUNE = 2
    HELP = 3
    CONFIRM = 4


def _ensure(
    session: Session, update: Update, context: CustomContext, commune_insee: str | None = None
) -> ResidentView:
    """The resident behind the update (created on first contact, searching from
    `commune_insee` if given); caches their language."""
    user = update.effective_user
    assert user is not None
    resident = ensure_resident(
        session,
        telegram_user_id=user.id,
        first_name=user.first_name,
        language=context.language,
        now=context.now(),
        commune_insee=commune_insee,
    )
    context.user_data.language = resident.language
    return resident


def _label(commune: Commune, context: CustomContext, former: FormerCommune | None = None) -> str:
    """ "Moissac (Tarn-et-Garonne)"; "Beaulieu (Souleuvre en Bocage, Calvados)" for a former
    commune, now part of `commune`."""
    department = context.services.gazetteer.department_name(commune.department)
    if former is None:
        return commune_label(commune.name, department)
    return commune_label(former.name, department, within=commune.name)


# A commune offered to choose is a token: its INSEE code, or "f" and a former commune's code.


def _token(candidate: CommuneCandidate) -> str:
    return candidate.insee if candidate.former is None else "f" + candidate.former


def _place(token: str, context: CustomContext) -> tuple[Commune, FormerCommune | None] | None:
    """The commune a token stands for, and the former commune inside it if it is one."""
    gazetteer = context.services.gazetteer
    former = gazetteer.former_commune(token[1:]) if token.startswith("f") else None
    commune = gazetteer.get(former.commune if former else token)
    return (commune, former) if commune is not None else None


def _button(commune: Commune, former: FormerCommune | None) -> CallbackData:
    return CommuneChoice(commune.insee) if former is None else FormerCommuneChoice(former.insee)


def _offered(context: CustomContext) -> list[tuple[Commune, FormerCommune | None]]:
    """The communes of the list last offered (none if it is forgotten)."""
    tokens = (context.user_data.commune_choices or "").split()
    return [place for token in tokens if (place := _place(token, context)) is not None]


# --- the need -------------------------------------------------------------------------------------


async def start(update: Update, context: CustomContext) -> Step:
    """Greet the resident by name and ask what they need."""
    resident = await context.transaction(_ensure, update, context)
    context.user_data.forget_search()
    await send(update, render.welcome(resident.first_name, context.tr))
    return Step.NEED


async def restart(update: Update, context: CustomContext) -> Step:
    """Back to the first question, from a "Recommencer" button."""
    await update.callback_query.answer()
    context.user_data.forget_search()
    await send(update, render.need_menu(context.tr))
    return Step.NEED


async def first_message(update: Update, context: CustomContext) -> Step:
    """A first message that is not /start: understand the need in it, or greet and ask."""
    match = await context.compute(context.services.needs.classify, update.message.text or "")
    context.user_data.forget_search()
    if match is not None:
        return await _ask_commune(update, context, match.theme, understood=True, greet=True)
    return await start(update, context)


async def describe_need(update: Update, context: CustomContext) -> Step:
    """The need typed in words: classify it, or show the themes again."""
    match = await context.compute(context.services.needs.classify, update.message.text)
    if match is None:
        await send(update, render.need_not_understood(context.tr))
        return Step.NEED
    return await _ask_commune(update, context, match.theme, understood=True)


async def choose_need(update: Update, context: CustomContext) -> Step:
    """A theme button: remember it and ask the commune ("Autre chose": ask for words)."""
    query = update.callback_query
    await query.answer()
    choice = NeedChoice.unpack(query.data)
    if choice.theme == OTHER_THEME:
        await edit(update, render.describe_need(context.tr))
        return Step.NEED
    theme = None if choice.theme == ANY_THEME else choice.theme
    if theme is not None and theme not in THEMES_BY_SLUG:
        # A theme that no longer exists: the menu as it is today.
        await edit(update, render.need_menu(context.tr))
        return Step.NEED
    await edit(update, render.need_chosen(theme, context.tr))
    return await _ask_commune(update, context, theme)


async def _ask_commune(
    update: Update,
    context: CustomContext,
    theme: str | None,
    *,
    understood: bool = False,
    greet: bool = False,
) -> Step:
    """Ask where the resident lives ("Toujours à Moissac ?" if we know), saying first what was
    understood of their words (and hello, to a first message)."""
    context.user_data.theme = theme
    resident = await context.transaction(_ensure, update, context)
    tr = context.tr  # once the resident's language is known
    intro = render.understood(theme, tr, first_name=resident.first_name if greet else None)
    intro = intro if understood else None
    remembered = (
        context.services.gazetteer.get(resident.commune_insee) if resident.commune_insee else None
    )
    await _ask_commune_again(update, context, remembered, intro=intro)
    return Step.COMMUNE


async def _ask_commune_again(
    update: Update, context: CustomContext, proposed: Commune | None, *, intro: str | None
) -> None:
    """ "Toujours à Moissac ?" with yes and no (a typed "oui" chooses it), or "Dans quelle
    commune habitez-vous ?"."""
    draft = context.user_data
    draft.proposed_commune = proposed.insee if proposed else None
    if proposed is None:
        await send(update, render.ask_commune(context.tr, intro=intro))
        return
    await send(
        update, render.confirm_commune(proposed.insee, proposed.name, context.tr, intro=intro)
    )
    ask(context, CommuneChoice(proposed.insee), OtherCommune())


# --- the commune ----------------------------------------------------------------------------------


async def type_commune(update: Update, context: CustomContext) -> Step:
    """A commune typed any old way, or a postal code: one found, several to choose, or none."""
    text = update.message.text.strip()
    tr = context.tr
    # Words that are not "oui" or "non": the commune proposed before is not the question now.
    context.user_data.proposed_commune = None
    if text == render.back_label(tr):
        # One message cannot take the location keyboard away and bring the themes' buttons:
        # a short one takes it away (its buttons would be misunderstood under the themes).
        await send(update, render.location_keyboard_removed(tr))
        await send(update, render.need_menu(tr))
        return Step.NEED
    if text == render.share_location_label(tr):
        # A client that cannot share a location sends the button's label as text.
        await send(update, render.ask_commune(tr))
        return Step.COMMUNE
    offered = _offered(context)
    if offered and (department := context.services.communes.department(text)) is not None:
        # A department in answer to namesakes: "Cantal", "15".
        chosen = [place for place in offered if place[0].department == department]
        if len(chosen) == 1:
            return await _search_from(update, context, *chosen[0])
    step = await _typed_commune(update, context, text)
    if step is None:
        await send(update, render.commune_unknown(text, tr))
        return Step.COMMUNE
    return step


async def _typed_commune(update: Update, context: CustomContext, text: str) -> Step | None:
    """A commune typed: straight on to the help if the match is sure, else a question (which
    of the namesakes, or "Vouliez-vous dire …"); None if the text names no commune. Nothing
    is remembered for the resident before they confirm."""
    services = context.services
    candidates = await context.compute(
        services.communes.find, text, territory=services.territory, limit=MAX_CHOICES
    )
    if not candidates:
        return None
    draft = context.user_data
    first = candidates[0]
    if first.ambiguous:
        draft.commune_choices = " ".join(_token(c) for c in candidates if c.ambiguous)
        draft.proposed_commune = None
        await send(update, _choices(context))
        return Step.COMMUNE
    places = [place for c in candidates if (place := _place(_token(c), context)) is not None]
    if first.confident:
        return await _search_from(update, context, *places[0])
    (commune, former), others = places[0], places[1 : 1 + OTHER_GUESSES]
    draft.proposed_commune, draft.commune_choices = commune.insee, None
    screen = render.did_you_mean(
        (_button(commune, former), (former or commune).name, _label(commune, context, former)),
        [(_button(*other), _label(other[0], context, other[1])) for other in others],
        context.tr,
    )
    await send(update, screen)
    return Step.COMMUNE


def _choices(context: CustomContext, page: int = 0) -> Screen:
    offered = _offered(context)
    choices = [(_button(*place), _label(place[0], context, place[1])) for place in offered]
    return render.commune_choices(choices, context.tr, page=page)


async def _search_from(
    update: Update, context: CustomContext, commune: Commune, former: FormerCommune | None
) -> Step:
    """The help near a commune chosen, or near a former commune's own position."""
    where = former or commune
    label = _label(commune, context, former)
    return await _show_help(update, context, commune, lat=where.lat, lon=where.lon, label=label)


async def share_location(update: Update, context: CustomContext) -> Step:
    """A shared location: search from that very point, in the commune it lies in."""
    location = update.message.location
    commune = commune_at(context.services.gazetteer, lat=location.latitude, lon=location.longitude)
    if commune is None:
        await send(update, render.location_outside(context.tr))
        return Step.COMMUNE
    return await _show_help(update, context, commune, lat=location.latitude, lon=location.longitude)


async def choose_commune(update: Update, context: CustomContext) -> Step:
    """A commune button ("Oui, Moissac", or one of namesakes), or a typed "oui"."""
    commune = context.services.gazetteer.get(
        CommuneChoice.unpack(await button_data(update, context)).insee
    )
    await drop_buttons(update)
    if commune is None:
        await send(update, render.ask_commune(context.tr))
        return Step.COMMUNE
    return await _show_help(update, context, commune, lat=commune.lat, lon=commune.lon)


async def choose_former_commune(update: Update, context: CustomContext) -> Step:
    """A former commune's button, "Beaulieu (Souleuvre en Bocage, Calvados)"."""
    query = update.callback_query
    await query.answer()
    place = _place("f" + FormerCommuneChoice.unpack(query.data).insee, context)
    await drop_buttons(update)
    if place is None:
        await send(update, render.ask_commune(context.tr))
        return Step.COMMUNE
    return await _search_from(update, context, *place)


async def communes_page(update: Update, context: CustomContext) -> Step:
    """ "Suivantes ▶", "◀ Précédentes" under the namesakes."""
    query = update.callback_query
    await query.answer()
    if not _offered(context):
        # A list from before the last answer: ask again.
        await drop_buttons(update)
        await send(update, render.ask_commune(context.tr))
        return Step.COMMUNE
    await edit(update, _choices(context, CommunesPage.unpack(query.data).page))
    return Step.COMMUNE


async def other_commune(update: Update, context: CustomContext) -> Step:
    """ "Une autre commune" (or a typed "non" to "Toujours à Moissac ?"): ask for it."""
    await button_data(update, context)
    context.user_data.proposed_commune = None
    await drop_buttons(update)
    await send(update, render.ask_commune(context.tr))
    return Step.COMMUNE


# --- the nearest help -----------------------------------------------------------------------------


async def _show_help(
    update: Update,
    context: CustomContext,
    commune: Commune,
    *,
    lat: float,
    lon: float,
    intro: str | None = None,
    heading: str | None = None,
    exclude: frozenset[int] = frozenset(),
    announce: bool = True,
    radius_km: float = DEFAULT_RADIUS_KM,
    label: str | None = None,
) -> Step:
    """`label`: how the place searched from is named, if not the commune's own label."""
    draft = context.user_data
    draft.commune_insee, draft.lat, draft.lon = commune.insee, lat, lon
    draft.proposed_commune = draft.commune_choices = None
    now = context.now()
    town_hall = context.services.gazetteer.town_hall_of(commune, lat, lon)

    def search(session: Session) -> HelpOffer:
        resident = _ensure(session, update, context, commune_insee=commune.insee)
        return find_help_offer(
            session,
            context.services.structures.current(session),
            lat=lat,
            lon=lon,
            theme=draft.theme,
            commune=town_hall,
            resident_id=resident.id,
            now=now,
            exclude_slot_ids=exclude,
            radius_km=radius_km,
        )

    offer = await context.transaction(search)
    tr = context.tr
    if announce:
        await send(update, render.searching_near(label or _label(commune, context), tr))
    screen = render.help_screen(
        offer,
        theme=draft.theme,
        commune_insee=commune.insee,
        now=now,
        tr=tr,
        intro=intro,
        heading=heading,
    )
    await send(update, screen)
    return Step.HELP


async def search_wider(update: Update, context: CustomContext) -> Step:
    """ "Chercher plus loin" (or "Voir ces lieux" for any need): the same search, wider."""
    query = update.callback_query
    await query.answer()
    wider = SearchWider.unpack(query.data)
    commune = context.services.gazetteer.get(wider.insee)
    theme = None if wider.theme == ANY_THEME else wider.theme
    if commune is None or (theme is not None and theme not in THEMES_BY_SLUG):
        await send(update, render.need_menu(context.tr))
        return Step.NEED
    draft = context.user_data
    draft.theme = theme
    # From the shared location if this is the commune last searched, else from its town hall.
    same = draft.commune_insee == commune.insee and draft.lat is not None and draft.lon is not None
    lat, lon = (draft.lat, draft.lon) if same else (commune.lat, commune.lon)
    radius = float(wider.radius_km)
    return await _show_help(
        update,
        context,
        commune,
        lat=lat,
        lon=lon,
        announce=False,
        radius_km=radius if radius in SEARCH_RADII_KM else DEFAULT_RADIUS_KM,
    )


async def place_details(update: Update, context: CustomContext) -> None:
    """A place's button: its map, then its address, hours, phone and dates."""
    query = update.callback_query
    await query.answer()
    pressed = PlaceDetails.unpack(query.data)
    theme = None if pressed.theme == ANY_THEME else pressed.theme
    now = context.now()

    def look(session: Session) -> PlaceOffer | None:
        resident = _ensure(session, update, context)
        return place_offer(
            session,
            structure_id=pressed.structure_id,
            theme=theme if theme in THEMES_BY_SLUG else None,
            resident_id=resident.id,
            now=now,
        )

    offer = await context.transaction(look)
    if offer is None:
        await send(update, render.place_gone(context.tr))
        return
    place = offer.place
    town = context.services.gazetteer.get(place.commune_insee)
    if not place.approximate:  # its point is its town hall's: no pin (see `send_place`)
        await send_map(update, name=place.name, address=place.address, lat=place.lat, lon=place.lon)
    screen = render.place_screen(offer, town=town.name if town else None, now=now, tr=context.tr)
    await send(update, screen)


async def other_contacts(update: Update, context: CustomContext) -> None:
    """ "Mairie et aide par téléphone": the town hall of the commune searched, the helpline."""
    query = update.callback_query
    await query.answer()
    gazetteer = context.services.gazetteer
    commune = gazetteer.get(OtherContacts.unpack(query.data).insee)
    now = context.now()
    town_hall = None
    if commune is not None:
        serving = gazetteer.town_hall_of(commune, commune.lat, commune.lon)
        town_hall = town_hall_help(serving, commune.lat, commune.lon, now)
    await send(update, render.contacts_screen(town_hall, now=now, tr=context.tr))


async def _next_best(
    update: Update,
    context: CustomContext,
    availability: Availability,
    offer: SlotOffer | None,
    slot_id: int,
    overlap: Overlap | None = None,
) -> Step | int:
    """A slot that cannot be booked: say why (naming the booking it would overlap), then the
    next best dates near the resident.

    A full slot offers its waitlist in a message of its own (it says why), then the other
    dates."""
    intro = render.unavailable(availability, context.tr, overlap=overlap)
    if availability == Availability.FULL:
        await send(update, waitlist_render.waitlist_proposal(slot_id, context.tr))
        intro = None
    draft = context.user_data
    gazetteer = context.services.gazetteer
    commune = gazetteer.get(draft.commune_insee) if draft.commune_insee else None
    lat, lon = draft.lat, draft.lon
    if (commune is None or lat is None or lon is None) and offer is not None:
        # Nothing remembered (an old button): search around the slot's place instead.
        lat, lon = offer.slot.structure_lat, offer.slot.structure_lon
        commune = commune_at(gazetteer, lat=lat, lon=lon)
    # At the limit, every other date would be refused too: only the way to the bookings.
    if commune is None or lat is None or lon is None or availability == Availability.TOO_MANY:
        await send(update, render.dead_end_avoided(availability, context.tr, overlap=overlap))
        return ConversationHandler.END
    return await _show_help(
        update,
        context,
        commune,
        lat=lat,
        lon=lon,
        intro=intro,
        heading=render.other_dates_heading(context.tr),
        exclude=frozenset({slot_id}),
        announce=False,
    )


# --- the slot and the booking ---------------------------------------------------------------------


async def choose_slot(update: Update, context: CustomContext) -> Step | int:
    """A date button: show what it is and ask for a yes or no (or say why it is gone)."""
    query = update.callback_query
    await query.answer()
    slot_id = SlotChoice.unpack(query.data).slot_id

    def look(session: Session) -> SlotOffer | None:
        resident = _ensure(session, update, context)
        return slot_offer(
            session,
            slot_id=slot_id,
            resident_id=resident.id,
            now=context.now(),
            policy=context.services.policy,
        )

    offer = await context.transaction(look)
    availability = offer.availability if offer else Availability.NOT_FOUND
    if offer is None or availability != Availability.OPEN:
        overlap = offer.overlap if offer else None
        return await _next_best(update, context, availability, offer, slot_id, overlap)
    await send(update, render.confirm_slot(offer.slot, context.tr))
    ask(context, BookSlot(slot_id), DontBook(slot_id))
    return Step.CONFIRM


async def book(update: Update, context: CustomContext) -> Step | int:
    """ "Oui, je réserve" (or a typed "oui"): take the seat for the need chosen, confirm with
    the place on a map and what to bring."""
    slot_id = BookSlot.unpack(await button_data(update, context)).slot_id
    now = context.now()

    def take(session: Session) -> tuple[ResidentView, BookingOutcome, SlotOffer | None]:
        resident = _ensure(session, update, context)
        outcome = book_seat(
            session,
            slot_id=slot_id,
            resident_id=resident.id,
            now=now,
            need=context.user_data.theme,
            policy=context.services.policy,
        )
        return resident, outcome, slot_offer(session, slot_id=slot_id, resident_id=None, now=now)

    resident, outcome, offer = await context.transaction(take)
    if not isinstance(outcome, Booked) or offer is None:
        await drop_buttons(update)
        overlap = outcome.other if isinstance(outcome, Overlaps) else None
        return await _next_best(update, context, availability_of(outcome), offer, slot_id, overlap)
    logger.info("resident %s booked slot %s", resident.id, slot_id)
    screen = render.booked(
        offer.slot,
        first_name=resident.first_name,
        need=outcome.need,
        tr=context.tr,
        reminders=outcome.reminders,
    )
    try:
        await edit(update, screen)
        await send_place(update, offer.slot)
    except TelegramError as error:  # already tried again (`bot.telegram_request`)
        logger.warning("booking %s made, its confirmation not shown: %s", outcome.booking_id, error)
        await context.transaction(
            confirmation_lost, booking_id=outcome.booking_id, now=context.now()
        )
    # The journey is over: its point (perhaps the resident's doorstep, shared) is not kept.
    context.user_data.forget_search()
    return ConversationHandler.END


async def dont_book(update: Update, context: CustomContext) -> Step | int:
    """ "Non" (or a typed "non"): nothing booked, and the dates again."""
    await button_data(update, context)
    await edit(update, render.not_booked(context.tr))
    draft = context.user_data
    commune = context.services.gazetteer.get(draft.commune_insee) if draft.commune_insee else None
    if commune is None or draft.lat is None or draft.lon is None:
        await send(update, render.need_menu(context.tr))
        return Step.NEED
    return await _show_help(update, context, commune, lat=draft.lat, lon=draft.lon, announce=False)


# --- text where a button was expected, leaving ----------------------------------------------------


async def text_after_help(update: Update, context: CustomContext) -> Step:
    """Typed text once the help is shown: a new need, another commune, or a gentle reminder."""
    text = update.message.text
    services = context.services
    match = await context.compute(services.needs.classify, text)
    if match is not None:
        return await _ask_commune(update, context, match.theme, understood=True)
    step = await _typed_commune(update, context, text)
    if step is not None:
        return step
    await send(update, render.use_the_buttons(context.tr))
    return Step.HELP


# The buttons a typed "oui" or "non" may stand for (see `handlers.answers`), and their callbacks:
# the very ones the buttons run.
_TYPED_BUTTONS: tuple[tuple[type[CallbackData], Callable[..., Awaitable[object]]], ...] = (
    (CommuneChoice, choose_commune),
    (OtherCommune, other_commune),
    (BookSlot, book),
    (DontBook, dont_book),
    (ConfirmCancel, bookings.confirm_cancel),
    (KeepBooking, bookings.keep_booking),
    (ConfirmLeaveWaitlist, bookings.confirm_leave),
    (StayOnWaitlist, bookings.stay),
    (ConfirmErase, privacy.confirm_erase),
    (KeepData, privacy.keep_data),
)


def _typed_answer(step: Step | None) -> Callable[[Update, CustomContext], Awaitable[object]]:
    async def typed_answer(update: Update, context: CustomContext) -> object:
        """ "oui", "ok 👍", "non merci": the button of the question just asked, as if pressed;
        with no question pending, the current question again (a yes is never a need or a
        commune)."""
        draft = context.user_data
        fallback = None
        if step == Step.COMMUNE and draft.proposed_commune:
            # "Vouliez-vous dire Moissac ?" may be asked with `proposed_commune` alone.
            fallback = (CommuneChoice(draft.proposed_commune).pack(), OtherCommune().pack())
        data = await answers.pressed(update, context, fallback=fallback)
        if isinstance(data, answers.Unclear):
            await send(update, render.answer_with_the_buttons(context.tr))
            return None
        for kind, callback in _TYPED_BUTTONS:
            if data is not None and kind.matches(data):
                context.typed_button = data
                return await callback(update, context)
        return await _ask_again(update, context, step)

    return typed_answer


def _not_words(step: Step | None) -> Callable[[Update, CustomContext], Awaitable[object]]:
    async def not_words(update: Update, context: CustomContext) -> object:
        """A voice message, a photo, a sticker, a file…: say what the bot understands, and ask
        the current question again (a staff member's file is a list of sessions)."""
        if update.message.document and await is_staff(update, context):
            await receive_file(update, context)
            return None
        at_commune = step == Step.COMMUNE
        return await _ask_again(
            update, context, step, intro=render.only_words(at_commune, context.tr)
        )

    return not_words


async def _ask_again(
    update: Update, context: CustomContext, step: Step | None, *, intro: str | None = None
) -> Step | None:
    """The current question again, after `intro` (else after a word that answers nothing)."""
    tr = context.tr
    draft = context.user_data
    if step is None:
        resident = await context.transaction(_ensure, update, context)
        draft.forget_search()
        await send(update, _after(intro, render.welcome(resident.first_name, context.tr)))
        return Step.NEED
    if step == Step.NEED:
        await send(
            update, _after(intro, render.need_menu(tr)) if intro else render.need_not_understood(tr)
        )
        return None
    if step == Step.COMMUNE:
        gazetteer = context.services.gazetteer
        proposed = gazetteer.get(draft.proposed_commune) if draft.proposed_commune else None
        await _ask_commune_again(update, context, proposed, intro=intro)
        return None
    await send(update, render.results_reminder(tr, intro=intro))
    return None


def _after(intro: str | None, screen: Screen) -> Screen:
    return Screen(f"{intro}\n\n{screen.text}", screen.markup) if intro else screen


async def cancel(update: Update, context: CustomContext) -> int:
    """/annuler: leave the journey, the keyboard taken away."""
    context.user_data.forget_search()
    await send(update, render.journey_cancelled(context.tr))
    return ConversationHandler.END


def _everyday_words(step: Step | None) -> list[BaseHandler]:
    """At every step, and before the journey: "oui"/"non", "mes rdv", "aide", "stop"."""
    text = filters.UpdateType.MESSAGE & ~filters.COMMAND & filters.TEXT
    return [
        MessageHandler(text & answers.MY_BOOKINGS, bookings.my_bookings),
        MessageHandler(text & answers.HELP, show_help),
        MessageHandler(text & answers.CANCEL, nothing_to_cancel if step is None else cancel),
        MessageHandler(text & answers.YES_OR_NO, _typed_answer(step)),
    ]


def handlers() -> list[BaseHandler]:
    new_message = filters.UpdateType.MESSAGE & ~filters.COMMAND
    text = new_message & filters.TEXT
    anything_else = new_message & ~filters.StatusUpdate.ALL
    buttons = [
        CallbackQueryHandler(choose_need, pattern=NeedChoice.matches),
        CallbackQueryHandler(restart, pattern=Restart.matches),
        CallbackQueryHandler(choose_commune, pattern=CommuneChoice.matches),
        CallbackQueryHandler(choose_former_commune, pattern=FormerCommuneChoice.matches),
        CallbackQueryHandler(communes_page, pattern=CommunesPage.matches),
        CallbackQueryHandler(other_commune, pattern=OtherCommune.matches),
        CallbackQueryHandler(choose_slot, pattern=SlotChoice.matches),
        CallbackQueryHandler(book, pattern=BookSlot.matches),
        CallbackQueryHandler(dont_book, pattern=DontBook.matches),
        CallbackQueryHandler(search_wider, pattern=SearchWider.matches),
        CallbackQueryHandler(place_details, pattern=PlaceDetails.matches),
        CallbackQueryHandler(other_contacts, pattern=OtherContacts.matches),
        # Erasing one's data ends the journey too.
        *privacy.journey_enders(),
    ]
    conversation = persistent_conversation(
        name=NAME,
        entry_points=[
            CommandHandler("start", start),
            *buttons,
            *_everyday_words(None),
            MessageHandler(text, first_message),
            # A file outside the journey is a staff member's list of sessions, or answered as
            # such (`handlers.slot_import`).
            MessageHandler(anything_else & ~filters.Document.ALL, _not_words(None)),
        ],
        states={
            Step.NEED: [
                *_everyday_words(Step.NEED),
                MessageHandler(text, describe_need),
                MessageHandler(anything_else, _not_words(Step.NEED)),
            ],
            Step.COMMUNE: [
                MessageHandler(new_message & filters.LOCATION, share_location),
                *_everyday_words(Step.COMMUNE),
                MessageHandler(text, type_commune),
                MessageHandler(anything_else, _not_words(Step.COMMUNE)),
            ],
            Step.HELP: [
                *_everyday_words(Step.HELP),
                MessageHandler(text, text_after_help),
                MessageHandler(anything_else, _not_words(Step.HELP)),
            ],
            Step.CONFIRM: [
                *_everyday_words(Step.CONFIRM),
                MessageHandler(text, text_after_help),
                MessageHandler(anything_else, _not_words(Step.CONFIRM)),
            ],
        },
        fallbacks=[
            CommandHandler("annuler", cancel),
            CommandHandler("start", start),
            *buttons,
        ],
        timeout=TIMEOUT,
    )
    return [conversation]

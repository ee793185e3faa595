"""Every message a resident receives is one short read: at most 500 characters, in French and in
English. The `bot` fixture checks it after every test (`OfflineBot.long_messages_to_residents`);
these stories are the longest a resident can live: places with very long names, addresses and
workshop titles, no place at all, a full workshop, a booking, its reminder, a cancelled slot,
/mesrdv, /aide, /mesdonnees. Buttons are pressed by kind, so that one story serves both languages.
"""

from datetime import UTC, datetime, timedelta

import pytest
from offline_bot import NOW, RESIDENT_MESSAGE_LIMIT, OfflineBot, Resident
from sqlalchemy import delete

from bot.jobs import OUTBOX_JOB
from bot.outbox import deliver_due
from knowledge.catalogue import HostStructure, Programme, Typology
from knowledge.service_state import bump_catalogue_version
from scheduling.booking import book_seat, cancel_booking
from scheduling.models import Slot, WorkshopKind
from scheduling.residents import ensure_resident
from scheduling.service_changes import cancel_slot

WEDNESDAY_6PM = datetime(2025, 3, 5, 17, 0, tzinfo=UTC)  # the evening reminders, 18:00 CET
MOISSAC = (44.10476, 1.08484)
LONG_NAMES = (
    "Espace public numérique et France services de la communauté de communes des Deux Rives "
    "et du Pays de Serres en Quercy",
    "Centre communal d'action sociale et médiathèque intercommunale Jean-de-La-Fontaine de "
    "Moissac et des coteaux du Tarn",
    "Association départementale pour l'inclusion numérique des personnes âgées et isolées du "
    "Tarn-et-Garonne (ADINPAI 82)",
)
LONG_TITLE = (
    "Déclarer ses revenus en ligne, corriger sa déclaration et comprendre son avis d'impôt "
    "sur impots.gouv.fr"
)

pytestmark = pytest.mark.parametrize("language", ["fr", "en"])


def long_places(bot: OfflineBot) -> list[int]:
    """Three real places at Moissac with everything long, each with two workshops and an
    appointment on taxes; their slot ids."""
    with bot.session() as session:
        places = [
            HostStructure(
                name=name,
                typology=Typology.ASSOCIATION,
                address="Maison des services au public, bâtiment B, 2e étage, porte 12, "
                "1 boulevard Léon-Cladel, 82200 Moissac",
                postal_code="82200",
                commune_insee="82112",
                lat=MOISSAC[0],
                lon=MOISSAC[1] + 0.001 * number,
                phone="+33 5 63 04 00 00",
                opening_hours="Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00",
                booking_url="https://rendez-vous.example.org/moissac/espace-numerique?source=bot",
                individual_help=True,
                appointment_only=number == 2,
                approximate=number == 1,
            )
            for number, name in enumerate(LONG_NAMES)
        ]
        for place in places:
            place.themes = {"impots", "caf"}
            place.programmes = set(Programme)
        session.add_all(places)
        bump_catalogue_version(session)
    slots = []
    for name in LONG_NAMES:
        for day, kind in ((1, WorkshopKind.COLLECTIVE), (2, WorkshopKind.COLLECTIVE),
                          (3, WorkshopKind.INDIVIDUAL)):  # fmt: skip
            slots.append(
                bot.add_slot(
                    structure=name[:40],
                    title=LONG_TITLE,
                    starts_at=NOW + timedelta(days=day, hours=5),
                    kind=kind,
                    capacity=1 if kind == WorkshopKind.INDIVIDUAL else 8,
                )
            )
    return slots


async def run_outbox(bot: OfflineBot) -> None:
    [job] = bot.application.job_queue.get_jobs_by_name(OUTBOX_JOB)
    await deliver_due(bot.application, worker=job.data)


async def press_first(resident: Resident, kind: str) -> str:
    """Tap the first button of this kind (callback prefix) the resident is offered now."""
    [button, *_] = [b for b in resident.choices() if (b.callback_data or "").startswith(kind)]
    return await resident.taps(button.text)


async def press_sent(resident: Resident, kind: str) -> None:
    """Press a button of this kind on the latest message that has one (sent by a job)."""
    for message in reversed(resident.bot_messages()):
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            for button in row:
                if button.get("callback_data", "").startswith(kind):
                    await resident.press(button["callback_data"], message)
                    return
    raise AssertionError(f"no {kind} button was sent")


def received(bot: OfflineBot, resident: Resident) -> list[str]:
    return [
        call.result["text"]
        for call in bot.api.calls
        if call.method in ("sendMessage", "editMessageText")
        and not call.error
        and int(call.params["chat_id"]) == resident.user_id
    ]


def assert_short(bot: OfflineBot, resident: Resident, language: str) -> None:
    texts = received(bot, resident)
    assert texts, "the story sent nothing"
    too_long = [text for text in texts if len(text) > RESIDENT_MESSAGE_LIMIT]
    assert too_long == [], f"{language}: {[len(text) for text in too_long]}"


async def test_found_help_with_long_names_booking_and_the_resident_s_commands(bot, language):
    long_places(bot)
    martine = bot.resident("Martine", language_code=language)
    await martine.says("/start")
    await martine.presses("nd1:impots")
    await martine.says("Moissac")
    places = [b for b in martine.choices() if (b.callback_data or "").startswith("hp1:")]
    assert len(places) == 3 and martine.slot_buttons()
    assert all(len(text) <= 55 for text in martine.button_texts())  # one line on a phone
    for place in places:
        await martine.tap(place)
    await martine.tap(places[1])
    await press_first(martine, "sl1:")  # a date of that place, the longest of names
    await press_first(martine, "bk1:")  # yes, book it
    for command in ("/mesrdv", "/aide", "/mesdonnees"):
        await martine.says(command)

    assert_short(bot, martine, language)


async def test_no_place_known_searching_further_and_the_contacts(bot, language):
    martine = bot.resident("Martine", language_code=language)
    await martine.says("/start")
    await martine.presses("nd1:impots")
    await martine.says("Lille")
    await press_first(martine, "cm1:")  # "Oui, Lille": outside the territory, it asked first
    await press_first(martine, "hw1:")
    await press_first(martine, "hw1:")
    # Places without a date: the list, then the town hall and the helpline.
    with bot.session() as session:
        session.execute(delete(Slot))
    await martine.says("/start")
    await martine.presses("nd1:impots")
    await press_first(martine, "ac1:")
    await martine.says("Paris")
    await martine.says("/start")
    await martine.presses("nd1:impots")
    await press_first(martine, "ac1:")
    await martine.says("Moissac")
    await press_first(martine, "hc1:")

    assert_short(bot, martine, language)


async def test_full_workshop_waitlist_offer_reminder_and_cancelled_slot(bot, language):
    slots = long_places(bot)
    full = slots[3 * 2 + 2]  # an appointment of one seat
    with bot.session() as session:
        karim = ensure_resident(
            session, telegram_user_id=99, first_name="Karim", language="fr", now=NOW
        )
        karims = book_seat(session, slot_id=full, resident_id=karim.id, now=NOW).booking_id
    martine = bot.resident("Martine", language_code=language)
    await martine.says("/start")
    await martine.presses("nd1:impots")
    await martine.says("Moissac")

    await martine.presses(f"sl1:{full}")  # full: its waitlist, then the other dates
    another_date = martine.slot_buttons()[0]
    await martine.presses(f"wj1:{full}")
    await martine.tap(another_date)
    await press_first(martine, "bk1:")
    with bot.session() as session:
        cancel_booking(session, booking_id=karims, resident_id=karim.id, now=NOW)
    await run_outbox(bot)  # the freed seat is offered to Martine
    await press_sent(martine, "wa1:")  # "Je prends la place", Thursday
    bot.clock.now = WEDNESDAY_6PM
    await run_outbox(bot)  # the reminder of her booking for tomorrow
    await press_sent(martine, "ra1:")  # "Je viens"
    with bot.session() as session:
        for slot_id in slots:
            cancel_slot(session, slot_id=slot_id, now=bot.clock(), reason="formatrice malade")
    await run_outbox(bot)  # each cancelled booking, with the next dates
    await martine.says("/mesrdv")

    assert_short(bot, martine, language)

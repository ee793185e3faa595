"""What each outbox message says, in French and English: pure rendering, no Telegram."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.i18n import load_catalogs
from handlers.context import Tr
from handlers.render.notifications import render
from scheduling import (
    AdvisorChangeMessage,
    AgendaMessage,
    AgendaSession,
    Attendee,
    BookingChange,
    DailyAgenda,
    NotificationKind,
    ReminderMessage,
    SlotCancelledMessage,
    SlotDetails,
    SlotMovedMessage,
    SlotStatus,
    WaitlistOfferMessage,
    WorkshopKind,
)

CATALOGS = load_catalogs()
FR = Tr.of(CATALOGS["fr"], "fr")
EN = Tr.of(CATALOGS["en"], "en")

SLOT = SlotDetails(
    slot_id=7,
    starts_at=datetime(2025, 3, 4, 13, 0, tzinfo=UTC),  # 14:00 in Moissac
    ends_at=datetime(2025, 3, 4, 15, 0, tzinfo=UTC),
    status=SlotStatus.SCHEDULED,
    capacity=8,
    seats_left=3,
    workshop_id=1,
    workshop_title="Déclarer ses revenus en ligne",
    workshop_kind=WorkshopKind.COLLECTIVE,
    themes=("impots",),
    advisor_id=4,
    structure_id=2,
    structure_name="Mairie de Moissac",
    structure_address="3 place Roger Delthil",
    structure_postal_code="82200",
    structure_phone=None,
    structure_lat=44.1,
    structure_lon=1.08,
    structure_timezone="Europe/Paris",
    cancellation_reason=None,
    replaced_by_id=None,
)
# An appointment for anything official: the resident says which.
PERMANENCE = replace(
    SLOT,
    workshop_title="Permanence numérique",
    workshop_kind=WorkshopKind.INDIVIDUAL,
    themes=("caf", "impots", "papiers"),
)


def buttons(screen) -> list[str]:
    return [b.text for row in screen.markup.inline_keyboard for b in row]


def test_a_reminder_in_english_keeps_the_place_local_time():
    screen = render(
        NotificationKind.REMINDER_DAY_BEFORE,
        ReminderMessage(booking_id=3, slot=SLOT, confirmed=False),
        EN,
    )
    assert "tomorrow" in screen.text and "2:00" in screen.text
    assert "Your tax number and your last tax notice." in screen.text
    assert buttons(screen) == ["I'm coming ✅", "I can't come any more ❌"]


def test_a_confirmed_resident_is_not_asked_again():
    screen = render(
        NotificationKind.REMINDER_HOURS_BEFORE,
        ReminderMessage(booking_id=3, slot=SLOT, confirmed=True),
        FR,
    )
    assert buttons(screen) == ["Je ne peux plus venir ❌"]


@pytest.mark.parametrize(
    ("tr", "need", "to_bring"),
    [
        (
            FR,
            "Votre besoin : 🧾 Impôts en ligne",
            "🎒 À apporter : Votre numéro fiscal et votre dernier avis d'impôt.",
        ),
        (
            EN,
            "Your need: 🧾 Taxes online",
            "🎒 Bring: Your tax number and your last tax notice.",
        ),
    ],
    ids=["fr", "en"],
)
def test_a_reminder_names_the_resident_s_need_and_what_to_bring_for_it_only(tr, need, to_bring):
    screen = render(
        NotificationKind.REMINDER_HOURS_BEFORE,
        ReminderMessage(booking_id=3, slot=PERMANENCE, confirmed=False, need="impots"),
        tr,
    )
    assert need in screen.text
    assert to_bring in screen.text.splitlines()  # the whole line: nothing for the CAF or papers


def test_a_reminder_without_a_need_says_what_to_bring_for_every_theme_of_the_slot():
    screen = render(
        NotificationKind.REMINDER_HOURS_BEFORE,
        ReminderMessage(booking_id=3, slot=PERMANENCE, confirmed=False),
        FR,
    )
    assert "Votre besoin" not in screen.text
    assert "numéro allocataire CAF" in screen.text
    assert "numéro fiscal" in screen.text and "pièces d'identité" in screen.text


def test_a_cancelled_slot_says_the_organiser_cancelled_it():
    cancelled = replace(SLOT, status=SlotStatus.CANCELLED, cancellation_reason="travaux")
    screen = render(
        NotificationKind.SLOT_CANCELLED, SlotCancelledMessage(booking_id=3, slot=cancelled), FR
    )
    assert "L'atelier « Déclarer ses revenus en ligne » du mardi 4 mars à 14h00" in screen.text
    assert "est annulé par l'organisateur" in screen.text and "travaux" in screen.text


def test_a_moved_slot_gives_the_new_time():
    moved = replace(SLOT, slot_id=8, starts_at=SLOT.starts_at + timedelta(days=2))
    screen = render(
        NotificationKind.SLOT_MOVED,
        SlotMovedMessage(booking_id=3, previous=SLOT, slot=moved),
        FR,
    )
    assert "mardi 4 mars à 14h00" in screen.text and "jeudi 6 mars à 14h00" in screen.text


def test_a_waitlist_offer_says_until_when():
    screen = render(
        NotificationKind.WAITLIST_OFFER,
        WaitlistOfferMessage(
            entry_id=5, offer_expires_at=datetime(2025, 3, 3, 11, 0, tzinfo=UTC), slot=SLOT
        ),
        FR,
    )
    assert "jusqu'au lundi 3 mars à 12h00" in screen.text
    assert buttons(screen) == ["Je prends la place", "Je laisse ma place"]


@pytest.mark.parametrize(
    ("change", "title"),
    [(BookingChange.BOOKED, "Nouvelle inscription"), (BookingChange.CANCELLED, "Désistement")],
)
def test_an_advisor_is_told_who_which_need_which_slot_and_seats_left(change, title):
    screen = render(
        NotificationKind.ADVISOR_BOOKED,
        AdvisorChangeMessage(
            change=change, booking_id=3, first_name="Martine", slot=SLOT, seats_left=1
        ),
        FR,
    )
    assert f"{title} : Martine" in screen.text
    assert "Impôts en ligne" in screen.text
    assert "mardi 4 mars à 14h00" in screen.text
    assert "1 place restante" in screen.text


@pytest.mark.parametrize(
    ("need", "said"),
    [
        ("impots", "Besoin : 🧾 Impôts en ligne\n"),
        (None, "Besoin : 👪 CAF et aides, 🧾 Impôts en ligne, 📄 Papiers et titres\n"),
    ],
)
def test_an_advisor_is_told_the_resident_s_own_need_else_the_slot_s_themes(need, said):
    screen = render(
        NotificationKind.ADVISOR_BOOKED,
        AdvisorChangeMessage(
            change=BookingChange.BOOKED,
            booking_id=3,
            first_name="Martine",
            slot=PERMANENCE,
            seats_left=0,
            need=need,
        ),
        FR,
    )
    assert said in screen.text


def test_the_daily_agenda_lists_each_session_and_who_comes():
    agenda = DailyAgenda(
        advisor_id=4,
        day=date(2025, 3, 4),
        sessions=(
            AgendaSession(
                slot=SLOT,
                attendees=(
                    Attendee(booking_id=1, first_name="Martine", confirmed=True, need="impots"),
                    Attendee(booking_id=2, first_name="Bernard", confirmed=False),
                ),
            ),
            AgendaSession(
                slot=replace(PERMANENCE, starts_at=SLOT.starts_at + timedelta(hours=2)),
                attendees=(
                    Attendee(booking_id=3, first_name="Karim", confirmed=False, need="caf"),
                ),
            ),
        ),
    )
    screen = render(NotificationKind.ADVISOR_AGENDA, AgendaMessage(agenda=agenda), FR)
    assert "Votre programme du mardi 4 mars" in screen.text
    assert "14h00" in screen.text and "Martine ✅ · 🧾 Impôts en ligne" in screen.text
    assert "Bernard · 🧾 Impôts en ligne" in screen.text  # the workshop's one theme
    assert "16h00" in screen.text and "Karim · 👪 CAF et aides\n" in screen.text
    assert "3 places restantes" in screen.text

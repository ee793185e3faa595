"""/stats in the bot: a coordinator sees the last seven days' bookings by theme as a chart, the
numbers in its caption; an advisor or a resident gets the usual kind refusal. Both databases.

Monday 3 March 2025: last Friday Martine came to the taxes workshop in Moissac and Karim did not;
today Sophie booked this afternoon's CAF workshop in Castelsarrasin, and Luc cancelled his.
"""

from datetime import timedelta

import pytest
import pytest_asyncio
from offline_bot import NOW, OfflineBot
from test_new_session import add_advisor, no_demo_slots
from test_reminders_bot import books, resident_id

from bot.offline_api import PNG_SIGNATURE, png_size
from scheduling import cancel_booking
from scheduling.attendance import mark_attendance

CLAIRE = 7001
REFUSED = "🔒 Cette action est réservée aux conseillers et coordinateurs"


@pytest_asyncio.fixture
async def coordinated(database_url: str):
    async with OfflineBot(
        database_url=database_url, admin_ids=frozenset({CLAIRE})
    ).running() as bot:
        yield bot


def a_week(bot: OfflineBot) -> None:
    no_demo_slots(bot)
    friday = NOW - timedelta(days=3)
    taxes = bot.add_slot(starts_at=friday + timedelta(hours=5))
    caf = bot.add_slot(
        structure="CCAS de Castelsarrasin", title="Mes droits CAF", themes=("caf",),
        starts_at=NOW + timedelta(hours=5),
    )  # fmt: skip
    bot.add_slot(starts_at=NOW - timedelta(days=8), title="La semaine d'avant")
    martine, karim, sophie, luc = (
        bot.resident(name) for name in ("Martine", "Karim", "Sophie", "Luc")
    )
    bot.clock.now = friday
    martine_taxes, karim_taxes = books(bot, martine, taxes), books(bot, karim, taxes)
    bot.clock.now = NOW
    books(bot, sophie, caf)
    luc_caf = books(bot, luc, caf)
    with bot.session() as session:
        cancel_booking(session, booking_id=luc_caf, resident_id=resident_id(bot, luc), now=NOW)
        mark_attendance(session, booking_id=martine_taxes, came=True, now=NOW)
        mark_attendance(session, booking_id=karim_taxes, came=False, now=NOW)


async def test_a_coordinator_sees_the_week_by_theme_as_a_chart_with_its_numbers(coordinated):
    a_week(coordinated)
    claire = coordinated.resident("Claire", user_id=CLAIRE)

    caption = await claire.says("/stats")

    [photo] = claire.calls("sendPhoto")
    image = photo.params["photo"]["content"]
    assert image.startswith(PNG_SIGNATURE) and png_size(image)[0] == 800
    assert caption == (
        "📊 Inscriptions par thème\n"
        "Séances du mardi 25 février au lundi 3 mars, tous les lieux\n"
        "\n"
        "👪 CAF et aides : 2\n"
        "🧾 Impôts en ligne : 2\n"
        "\n"
        "4 inscriptions · 1 personne aidée (venue)\n"
        "Annulations : 25\xa0% · Absences : 50\xa0%"
    )
    assert len(caption) <= 1024


async def test_the_chart_speaks_english_to_an_english_coordinator(coordinated):
    a_week(coordinated)
    claire = coordinated.resident("Claire", user_id=CLAIRE, language_code="en")

    caption = await claire.says("/stats")

    assert "📊 Bookings by theme" in caption
    assert "👪 CAF and benefits: 2\n🧾 Taxes online: 2" in caption
    assert "4 bookings · 1 person helped (came)" in caption
    assert "Cancellations: 25% · No-shows: 50%" in caption


async def test_a_quiet_week_is_said_in_words(coordinated):
    no_demo_slots(coordinated)
    claire = coordinated.resident("Claire", user_id=CLAIRE)

    answer = await claire.says("/stats")

    assert claire.calls("sendPhoto") == []
    assert "Aucune inscription aux séances du mardi 25 février au lundi 3 mars" in answer
    assert "/planning" in answer


@pytest.mark.parametrize("advisor", [True, False])
async def test_advisors_and_residents_are_kindly_refused(coordinated, advisor):
    a_week(coordinated)
    if advisor:
        add_advisor(coordinated, "Mairie de Moissac", user_id=9001)
    someone = coordinated.resident("Nadia", user_id=9001)

    answer = await someone.says("/stats")

    assert REFUSED in answer
    assert someone.calls("sendPhoto") == []

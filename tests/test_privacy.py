"""/mesdonnees: a resident sees the little we keep, and erases it all."""

from datetime import timedelta
from pathlib import Path

import pytest
from offline_bot import NOW
from sqlalchemy import func, make_url, select

from bot.jobs import RETENTION_JOB
from bot.persistence import UserDraft
from handlers.context import CustomContext
from scheduling.booking import book_seat
from scheduling.models import Booking, Resident, Slot
from scheduling.residents import ensure_resident


async def test_a_stranger_is_told_nothing_is_kept(bot):
    paul = bot.resident("Paul")

    assert "Je ne garde aucune donnée sur vous." in await paul.says("/mesdonnees")
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0


async def test_the_resident_sees_what_is_stored(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")

    text = await martine.says("/mesdonnees")

    assert "• Prénom : Martine" in text
    assert "• Langue : français" in text
    assert "• Commune : Moissac (Tarn-et-Garonne)" in text
    assert "• Première visite : 3 mars 2025" in text
    assert "• 0 rendez-vous à venir" in text
    assert "ni nom de famille, ni téléphone, ni adresse" in text
    assert martine.button_texts() == ["🗑 Tout effacer"]


async def test_the_resident_sees_everything_stored_page_by_page(bot):
    full = bot.add_slot(capacity=1)
    open_slot = bot.add_slot(capacity=5, starts_at=NOW + timedelta(days=2, hours=5))
    with bot.session() as session:
        karim = ensure_resident(
            session, telegram_user_id=555, first_name="K", language="fr", now=NOW
        )
        book_seat(session, slot_id=full, resident_id=karim.id, now=NOW)
    name = "Marie-Amélie-Clémentine-Bernadette de la Tour d'Auvergne-Lauraguais"[:64]
    martine = bot.resident(name)
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.shares_location(44.10452, 1.08531)
    await martine.press(f"bk1:{open_slot}")
    await martine.press(f"wj1:{full}")
    await martine.says("/start")
    await martine.taps("CAF")
    await martine.shares_location(44.10452, 1.08531)

    seen = [await martine.says("/mesdonnees")]
    while "Suite" in " ".join(martine.button_texts()):
        seen.append(await martine.taps("Suite"))

    assert len(seen) >= 2 and all(len(page) <= 500 for page in seen)
    everything = "\n".join(seen)
    for shown in (
        f"• Prénom : {name}",
        "• 1 rendez-vous à venir",
        "• Besoins notés : 🧾 Impôts en ligne",
        "• Inscrit(e) sur 1 liste d'attente",
        "messages prévus pour vous",
        "44,10452 ; 1,08531",
        "• Besoin de la recherche en cours : 👪 CAF",
        "Rien d'autre",
    ):
        assert shown in everything, shown
    assert "Précédent" in " ".join(martine.button_texts())


async def test_erasing_everything_cancels_future_bookings_and_frees_the_seats(bot):
    slot = bot.add_slot(capacity=1)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("Moissac")
    await martine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    await martine.taps("Oui, je réserve")
    await martine.says("/mesdonnees")

    assert "Voulez-vous vraiment tout effacer ?" in await martine.taps("Tout effacer")
    text = await martine.taps("Oui, tout effacer")

    assert "C'est fait : toutes vos données sont effacées." in text
    assert "1 rendez-vous a été annulé, sa place est libérée." in text
    with bot.session() as session:
        assert session.get(Slot, slot).seats_taken == 0
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
        assert session.scalar(select(Booking.resident_id).where(Booking.slot_id == slot)) is None
        assert session.scalar(select(func.count()).select_from(UserDraft)) == 0
    assert "Je ne garde aucune donnée sur vous." in await martine.says("/mesdonnees")


async def test_erasing_also_forgets_the_language_chosen(bot):
    martine = bot.resident("Martine")
    await martine.says("/langue")
    await martine.taps("English")
    chat_scope = (f'{{"chat_id": {martine.user_id}, "type": "chat"}}', "")
    assert chat_scope in bot.api.commands
    await martine.says("/mesdonnees")
    await martine.taps("Erase everything")

    assert "Done: all your data is erased." in await martine.taps("Yes, erase everything")
    assert chat_scope not in bot.api.commands
    assert (await martine.says("/start")).startswith("Bonjour Martine !")


async def test_erasing_ends_the_journey(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")  # waiting for the commune
    await martine.says("/mesdonnees")
    await martine.taps("Tout effacer")
    await martine.taps("Oui, tout effacer")

    # A fresh start: "Moissac" is a first message, not the answer to a question.
    assert (await martine.says("Moissac")).startswith("Bonjour Martine !")


async def test_the_resident_may_keep_their_data(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.says("/mesdonnees")
    await martine.taps("Tout effacer")

    assert "rien n'est effacé" in await martine.taps("Non, garder mes données")
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 1


async def test_after_erasure_the_name_is_nowhere_in_the_sqlite_files(bot):
    if not bot.database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's files belong to the server, out of this test's reach")
    path = Path(make_url(bot.database_url).database)
    files = (path, path.with_name(path.name + "-wal"))
    name = "Zéphyrine"
    zephyrine = bot.resident(name)
    bot.add_slot(capacity=3)
    await zephyrine.says("/start")
    await zephyrine.taps("Impôts en ligne")
    await zephyrine.says("Moissac")
    await zephyrine.taps("mar. 4 mars, 14h00 · Mairie de Moissac")
    await zephyrine.taps("Oui, je réserve")

    def found() -> bool:
        return any(name.encode() in f.read_bytes() for f in files if f.exists())

    assert found()  # else this test proves nothing
    await zephyrine.says("/mesdonnees")
    await zephyrine.taps("Tout effacer")
    await zephyrine.taps("Oui, tout effacer")
    await bot.application.update_persistence()

    assert not found()


async def test_a_finished_journey_forgets_the_shared_location(bot):
    slot = bot.add_slot(capacity=3)
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.shares_location(44.10452, 1.08531)
    assert bot.application.user_data[martine.user_id].lat == 44.10452

    await martine.press(f"bk1:{slot}")

    draft = bot.application.user_data[martine.user_id]
    assert (draft.lat, draft.lon, draft.theme) == (None, None, None)
    assert "44,10452" not in await martine.says("/mesdonnees")


async def test_a_journey_left_unfinished_forgets_the_shared_location_within_a_day(bot):
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.shares_location(44.10452, 1.08531)

    bot.clock.advance(timedelta(hours=3))  # past the journey's timeout, until the daily job
    [job] = bot.application.job_queue.get_jobs_by_name(RETENTION_JOB)
    await job.callback(CustomContext.from_job(job, bot.application))

    assert "44,10452" not in await martine.says("/mesdonnees")
    with bot.session() as session:
        assert "44.10452" not in session.scalar(select(UserDraft.data))

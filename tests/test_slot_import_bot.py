"""Claire, coordinator for Tarn-et-Garonne, sends the month's planning to the bot: she sees what
it would change, applies it, and residents book its sessions; when a later file moves or drops a
booked session, its participants are told. Advisors import for their own places; a resident who
sends a file is kindly told the bot does not read them. On SQLite and PostgreSQL, offline, and
once end to end over HTTP (getFile and the file's download)."""

import csv
import io
from collections.abc import AsyncIterator

import pytest_asyncio
from fake_bot_api import DEFAULT_TOKEN, FakeBotApi, inline_buttons
from offline_bot import NOW, OfflineBot, Resident
from sqlalchemy import select

from bot.application import build_application
from bot.jobs import OUTBOX_JOB
from bot.outbox import deliver_due
from bot.settings import Settings
from knowledge.catalogue import HostStructure
from scheduling.advisor_models import Advisor
from scheduling.booking import book_seat
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus, Workshop
from scheduling.residents import ensure_resident

CLAIRE = 5000
NADIA = 9001
HEADER = "id;lieu;themes;titre;date;debut;fin;places;type;conseiller;repetition;jusqu_au"


@pytest_asyncio.fixture
async def bot(database_url: str) -> AsyncIterator[OfflineBot]:
    """The bot of the other stories, with Claire among its coordinators."""
    offline = OfflineBot(database_url=database_url, admin_ids=frozenset({CLAIRE}))
    async with offline.running() as running:
        yield running


def planning(*lines: str) -> bytes:
    return "\r\n".join([HEADER, *lines]).encode()


def taxes(place: int, *, debut: str = "10:00", fin: str = "12:00") -> str:
    """Tuesday 4 March: the taxes workshop, 6 places."""
    return (
        f"IMP-1;{place};impots;Déclarer ses revenus en ligne;04/03/2025;{debut};{fin};6;atelier;;;"
    )


def caf(place: int) -> str:
    """Every Thursday of March at 9:30: an appointment for the CAF, one seat."""
    return (
        f"CAF;{place};CAF et aides;Permanence CAF;06/03/2025;9h30;10h15;1;rendez-vous;;"
        "hebdomadaire;27/03/2025"
    )


def imported(bot: OfflineBot) -> list[tuple[str, int, SlotStatus]]:
    with bot.session() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(Workshop.import_key, Slot.import_occurrence, Slot.status)
                .join(Workshop, Workshop.id == Slot.workshop_id)
                .where(Workshop.import_key.is_not(None))
                .order_by(Slot.id)
            )
        ]


def imported_slot(bot: OfflineBot, key: str, occurrence: int = 1) -> int:
    with bot.session() as session:
        return session.scalars(
            select(Slot.id)
            .join(Workshop, Workshop.id == Slot.workshop_id)
            .where(
                Workshop.import_key == key,
                Slot.import_occurrence == occurrence,
                Slot.status == SlotStatus.SCHEDULED,
            )
        ).one()


def books(bot: OfflineBot, resident: Resident, slot_id: int) -> int:
    with bot.session() as session:
        resident_id = ensure_resident(
            session,
            telegram_user_id=resident.user_id,
            first_name=resident.first_name,
            language="fr",
            now=bot.clock(),
        ).id
        return book_seat(session, slot_id=slot_id, resident_id=resident_id, now=bot.clock())


async def run_outbox(bot: OfflineBot) -> None:
    [job] = bot.application.job_queue.get_jobs_by_name(OUTBOX_JOB)
    await deliver_due(bot.application, worker=job.data)


def sent_to(bot: OfflineBot, resident: Resident) -> list[str]:
    return [
        call.result["text"]
        for call in bot.api.calls
        if call.method == "sendMessage"
        and not call.error
        and int(call.params["chat_id"]) == resident.user_id
    ]


async def test_claire_sends_the_planning_applies_it_and_martine_books_a_session(bot):
    moissac = bot.structure_id("Mairie de Moissac")
    claire = bot.resident("Claire", user_id=CLAIRE)

    report = await claire.sends_file("planning-mars.csv", planning(taxes(moissac), caf(moissac)))

    assert [call.method for call in claire.last_turn][-3:] == ["getFile", "download", "sendMessage"]
    assert "📋 planning-mars.csv : voici ce que l'import changerait." in report
    assert "➕ Nouvelles séances : 5" in report
    assert "Appliquer ?" in report
    assert claire.button_texts() == ["✅ Appliquer", "🗑 Abandonner"]
    assert imported(bot) == []  # the dry run changes nothing

    applied = await claire.taps("Appliquer")

    assert "✅ planning-mars.csv : c'est appliqué." in applied
    assert "➕ Nouvelles séances : 5" in applied
    assert claire.calls("editMessageText") and claire.button_texts() == []
    assert [key for key, *_ in imported(bot)] == ["IMP-1", "CAF", "CAF", "CAF", "CAF"]

    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")
    await martine.says("moisac")
    confirm = await martine.taps("mar. 4 mars, 10h00 · Mairie de Moissac")
    assert "🎓 Atelier : Déclarer ses revenus en ligne" in confirm
    booked = await martine.taps("Oui, je réserve")

    assert "✅ C'est réservé, Martine !" in booked
    with bot.session() as session:
        [booking] = session.scalars(select(Booking)).all()
        assert booking.slot_id == imported_slot(bot, "IMP-1")
        assert booking.status is BookingStatus.BOOKED

    again = await claire.sends_file("planning-mars.csv", planning(taxes(moissac), caf(moissac)))
    assert "rien ne change, 5 séances déjà au planning." in again
    assert claire.button_texts() == []


async def test_a_moved_and_a_dropped_session_tell_their_participants(bot):
    moissac = bot.structure_id("Mairie de Moissac")
    claire = bot.resident("Claire", user_id=CLAIRE)
    await claire.sends_file("mars.csv", planning(taxes(moissac), caf(moissac)))
    await claire.taps("Appliquer")
    martine, karim = bot.resident("Martine"), bot.resident("Karim")
    books(bot, martine, imported_slot(bot, "IMP-1"))
    books(bot, karim, imported_slot(bot, "CAF", 2))

    report = await claire.sends_file(
        "mars-v2.csv", planning(taxes(moissac, debut="14h", fin="16h"))
    )

    assert "🕑 Séances déplacées : 1" in report
    assert "✖️ Séances annulées : 4" in report
    assert "👥 Personnes inscrites prévenues : 2" in report
    assert (
        "🕑 Déclarer ses revenus en ligne, Mairie de Moissac (démo) : mar. 4 mars, 10h00 → "
        "mar. 4 mars, 14h00 — 1 inscrit\n"
        "✖️ Permanence CAF, Mairie de Moissac (démo) : jeu. 6 mars, 9h30\n"
        "✖️ Permanence CAF, Mairie de Moissac (démo) : jeu. 13 mars, 9h30 — 1 inscrit\n"
    ) in report
    await claire.taps("Appliquer")
    await run_outbox(bot)

    [moved] = sent_to(bot, martine)
    assert "L'atelier « Déclarer ses revenus en ligne » est déplacé par l'organisateur." in moved
    [cancelled] = sent_to(bot, karim)
    assert "« Permanence CAF » du jeudi 13 mars à 9h30 est annulé par l'organisateur" in cancelled
    assert imported(bot).count(("CAF", 2, SlotStatus.CANCELLED)) == 1


async def test_the_plan_changed_since_the_dry_run_is_shown_again_not_applied(bot):
    moissac = bot.structure_id("Mairie de Moissac")
    claire = bot.resident("Claire", user_id=CLAIRE)
    await claire.sends_file("mars.csv", planning(taxes(moissac), caf(moissac)))
    await claire.taps("Appliquer")
    await claire.sends_file("mars-v2.csv", planning(taxes(moissac)))
    first = claire.button("Appliquer")
    books(bot, bot.resident("Karim"), imported_slot(bot, "CAF", 1))  # meanwhile

    shown = await claire.tap(first)

    text = "\n".join(c.result["text"] for c in shown if c.method == "sendMessage")
    assert text.startswith("⚠️ Le planning a changé depuis cet essai : rien n'a été appliqué.")
    assert "👥 Personnes inscrites prévenues : 1" in text
    assert imported(bot).count(("CAF", 1, SlotStatus.SCHEDULED)) == 1
    assert "✅ mars-v2.csv : c'est appliqué." in await claire.taps("Appliquer")
    assert imported(bot).count(("CAF", 1, SlotStatus.CANCELLED)) == 1


async def test_a_dropped_file_changes_nothing_and_its_old_button_says_so(bot):
    moissac = bot.structure_id("Mairie de Moissac")
    claire = bot.resident("Claire", user_id=CLAIRE)
    await claire.sends_file("mars.csv", planning(taxes(moissac)))
    apply_button = claire.button("Appliquer")

    assert "🗑 Fichier abandonné : rien n'a changé." in await claire.taps("Abandonner")
    assert "n'est plus en attente" in await claire.presses(apply_button.callback_data)
    assert imported(bot) == []


async def test_a_bad_file_is_refused_with_every_problem_and_no_button(bot):
    moissac = bot.structure_id("Mairie de Moissac")
    claire = bot.resident("Claire", user_id=CLAIRE)

    report = await claire.sends_file(
        "mars.csv", planning(taxes(moissac, debut="10h", fin="9h"), taxes(999))
    )

    assert "❌ mars.csv : rien n'a changé, 2 problèmes à corriger" in report
    assert "• Ligne 2, colonne « fin » : la fin n'est pas après le début" in report
    assert "• Ligne 3, colonne « lieu » : aucun lieu n'a le numéro « 999 »" in report
    assert claire.button_texts() == [] and imported(bot) == []


async def test_an_advisor_imports_only_for_her_places(bot):
    moissac = bot.structure_id("Mairie de Moissac")
    with bot.session() as session:
        nadia = Advisor(first_name="Nadia", last_name="Conseillère", telegram_user_id=NADIA)
        nadia.structures.append(session.get(HostStructure, moissac))
        session.add(nadia)
        other = session.scalars(
            select(HostStructure.id).where(HostStructure.id != moissac).limit(1)
        ).one()
    nadia = bot.resident("Nadia", user_id=NADIA)

    refused = await nadia.sends_file("planning.csv", planning(taxes(moissac), caf(other)))
    assert "Ligne 3, colonne « lieu » : vous ne gérez pas le lieu" in refused

    report = await nadia.sends_file("planning.csv", planning(taxes(moissac)))
    assert "➕ Nouvelles séances : 1" in report
    assert "vous ne gérez pas" not in report
    assert "Pour ajouter des séances" in await nadia.sends_file("photo.jpg", b"\xff\xd8")


async def test_a_resident_who_sends_a_file_is_told_kindly_and_nothing_is_read(bot):
    martine = bot.resident("Martine")

    answer = await martine.sends_file("avis-impot.pdf", b"%PDF-1.4")

    assert answer == (
        "📄 Je ne sais pas lire les fichiers. Dites-moi en quelques mots ce dont vous avez besoin, "
        "ou tapez /start."
    )
    assert [call.method for call in martine.last_turn] == ["sendMessage"]


# --- end to end, over HTTP ----------------------------------------------------------------------


async def test_claire_sends_the_planning_through_telegram(fake_bot_api: FakeBotApi, database_url):
    settings = Settings(
        token=DEFAULT_TOKEN,
        database_url=database_url,
        territory=("82",),
        admin_ids=frozenset({CLAIRE}),
        base_url=fake_bot_api.base_url,
        base_file_url=fake_bot_api.base_file_url,
    )
    application = build_application(settings, clock=lambda: NOW)
    claire = {"id": CLAIRE, "is_bot": False, "first_name": "Claire", "language_code": "fr"}
    async with application:
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        await application.start()
        try:
            with application.bot_data.services.sessions() as session:
                moissac = session.scalars(
                    select(HostStructure.id).where(HostStructure.name.startswith("Mairie de Moiss"))
                ).one()
            out = io.StringIO()
            csv.writer(out).writerows(
                [HEADER.split(";"), taxes(moissac).split(";"), caf(moissac).split(";")]
            )
            fake_bot_api.push_document(claire, "mars.csv", out.getvalue().encode(), "text/csv")

            report = await fake_bot_api.wait_for_message(
                CLAIRE, lambda m: "voici ce que l'import changerait" in m.get("text", "")
            )
            [apply, _drop] = inline_buttons(report)
            fake_bot_api.press(claire, report, apply["callback_data"])
            edit = await fake_bot_api.wait_for_call("editMessageText")
            with application.bot_data.services.sessions() as session:
                sessions = session.scalars(
                    select(Slot.id).where(Slot.import_occurrence.is_not(None))
                ).all()
        finally:
            await application.updater.stop()
            await application.stop()

    assert "<b>mars.csv</b> : c'est appliqué." in edit.params["text"]
    assert fake_bot_api.messages(CLAIRE)[-1]["text"].startswith("✅ mars.csv : c'est appliqué.")
    assert len(sessions) == 5
    assert fake_bot_api.calls("getFile")[0].params["file_id"] == "document-1"
    assert [call.params["file_path"] for call in fake_bot_api.calls("download")] == [
        "documents/document-1"
    ]

"""/nouvelle_seance, told as advisors and coordinators live it: a session added from a phone, in a
few taps or typed words, and bookable by residents at once. Every test runs on both databases."""

from datetime import UTC, datetime

from offline_bot import OfflineBot
from sqlalchemy import delete, func, select

from bot.persistence import ConversationState, UserDraft
from knowledge.catalogue import HostStructure, StructureTheme
from scheduling.advisor_models import Advisor, advisor_structures
from scheduling.models import Booking, BookingStatus, Slot, Workshop, WorkshopKind, WorkshopTheme

NADIA = 9001
COORDINATOR = 5000


def add_advisor(bot, *places: str, user_id: int = NADIA) -> int:
    """An advisor linked to Telegram, working at `places` (names as they start)."""
    ids = [bot.structure_id(place) for place in places]
    with bot.session() as session:
        advisor = Advisor(first_name="Nadia", last_name="Conseillère", telegram_user_id=user_id)
        advisor.structures = [session.get(HostStructure, id_) for id_ in ids]
        session.add(advisor)
        session.flush()
        return advisor.id


def no_demo_slots(bot) -> None:
    """Only the sessions the test adds: the demo ones would come first in the searches."""
    with bot.session() as session:
        session.execute(delete(Slot))


def workshops(bot) -> list[Workshop]:
    """The workshops added by the staff (the demo ones left out)."""
    with bot.session() as session:
        found = session.scalars(select(Workshop).where(Workshop.is_demo.is_(False))).all()
        session.expunge_all()
        return list(found)


def dialogue_state(bot, user_id: int = NADIA):
    with bot.session() as session:
        state = session.scalar(
            select(ConversationState.state).where(ConversationState.name == "new_session")
        )
        draft = session.get(UserDraft, user_id)
        return state, draft.data if draft else None


async def fill_until_the_summary(nadia) -> str:
    """A weekly workshop on smartphones, Thursdays at 14:00 for four weeks, by buttons."""
    await nadia.taps("Atelier collectif")
    await nadia.taps("Téléphone, tablette")
    await nadia.taps("Continuer")
    await nadia.taps("Utiliser")
    await nadia.taps("jeu. 6 mars")
    await nadia.taps("14h00")
    await nadia.taps("2 h")
    await nadia.taps("8")
    await nadia.taps("Chaque semaine")
    return await nadia.taps("4 semaines")


async def test_an_advisor_adds_a_weekly_workshop_that_a_resident_books_at_once(bot):
    no_demo_slots(bot)
    nadia_id = add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)

    first = await nadia.says("/nouvelle_seance")

    # Her only place is not asked.
    assert "🏠 Mairie de Moissac (démo)" in first
    assert "Un atelier collectif ou un rendez-vous individuel ?" in first
    assert nadia.button_texts() == [
        "🎓 Atelier collectif",
        "👤 Rendez-vous individuel",
        "❌ Annuler",
    ]
    await nadia.taps("Atelier collectif")
    await nadia.taps("Téléphone, tablette")
    assert "✅ 📱 Téléphone, tablette, ordinateur" in nadia.button_texts()
    await nadia.taps("Continuer")
    assert "Utiliser : Téléphone, tablette, ordinateur" in nadia.button_texts()
    await nadia.taps("Utiliser")
    assert nadia.button_texts()[:4] == ["Aujourd'hui", "Demain", "mer. 5 mars", "jeu. 6 mars"]
    assert "Jeudi 6 mars : à quelle heure ?" in await nadia.taps("jeu. 6 mars")
    await nadia.taps("14h00")
    assert nadia.button_texts()[:4] == ["1 h", "1 h 30", "2 h", "3 h"]
    await nadia.taps("2 h")
    assert nadia.button_texts()[:6] == ["1", "4", "6", "8", "10", "12"]
    await nadia.taps("8")
    await nadia.taps("Chaque semaine")
    summary = await nadia.taps("4 semaines → jeu. 27 mars · 4 séances")

    assert summary == "\n".join(
        [
            "📝 Nouvelle séance : vérifiez avant de créer",
            "🏠 Mairie de Moissac (démo)",
            "🎓 Atelier collectif : Téléphone, tablette, ordinateur",
            "🏷 📱 Téléphone, tablette, ordinateur",
            "🕑 jeudi 6 mars à 14h00, 2 h, 8 places",
            "🔁 Chaque semaine jusqu'au jeudi 27 mars",
            "📅 4 séances : jeu. 6 mars, jeu. 13 mars, jeu. 20 mars, jeu. 27 mars",
        ]
    )
    assert len(summary) <= 500
    assert nadia.button_texts() == ["✅ Créer", "✏️ Recommencer", "⬅️ Retour", "❌ Annuler"]
    assert workshops(bot) == []  # nothing before "Créer"

    done = await nadia.taps("Créer")

    assert done.startswith("✅ 4 séances créées (Mairie de Moissac (démo))")
    assert "Les habitants peuvent réserver dès maintenant." in done
    [workshop] = workshops(bot)
    assert (workshop.title, workshop.kind, workshop.advisor_id) == (
        "Téléphone, tablette, ordinateur",
        WorkshopKind.COLLECTIVE,
        nadia_id,
    )
    with bot.session() as session:
        starts = session.scalars(
            select(Slot.starts_at).where(Slot.workshop_id == workshop.id).order_by(Slot.starts_at)
        ).all()
        assert [s.astimezone(UTC) for s in starts] == [
            datetime(2025, 3, day, 13, 0, tzinfo=UTC) for day in (6, 13, 20, 27)
        ]
    assert dialogue_state(bot)[0] is None

    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Téléphone, tablette, ordinateur")
    found = await martine.says("Moissac")

    assert "Mairie de Moissac (démo)" in found
    assert "📅 jeu. 6 mars, 14h00 · Mairie de Moissac (démo)" in martine.button_texts()
    confirm = await martine.taps("jeu. 6 mars, 14h00")
    assert "🎓 Atelier : Téléphone, tablette, ordinateur" in confirm
    booked = await martine.taps("Oui, je réserve")
    assert "✅ C'est réservé, Martine !" in booked
    with bot.session() as session:
        booking = session.scalars(select(Booking)).one()
        slot = session.get(Slot, booking.slot_id)
        assert (slot.workshop_id, booking.status) == (workshop.id, BookingStatus.BOOKED)


async def test_typed_answers_and_what_is_not_understood(bot):
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/nouvelle_seance")
    await nadia.taps("Atelier collectif")

    # A theme in words is chosen as a resident's words are understood.
    await nadia.says("les impôts")
    assert "✅ 🧾 Impôts en ligne" in nadia.button_texts()
    await nadia.taps("Continuer")
    assert "Quel jour ?" in await nadia.says("Déclarer ses revenus en ligne")

    not_understood = await nadia.says("bientôt")
    assert "Je n'ai pas compris cette date" in not_understood
    assert "« jeudi 14h », « 12/01 9h30 » ou « demain 10h »" in not_understood
    assert "Quel jour ?" in not_understood and "Aujourd'hui" in nadia.button_texts()
    past = await nadia.says("aujourd'hui 8h")  # it is 9:00
    assert "Cette date est déjà passée" in past and "Quel jour ?" in past
    assert "Combien de temps dure la séance ?" in await nadia.says("jeudi 14h")

    # Back twice, to the day, and another one typed.
    assert "Jeudi 6 mars : à quelle heure ?" in await nadia.taps("Retour")
    assert "Quel jour ?" in await nadia.taps("Retour")
    assert "Combien de temps dure la séance ?" in await nadia.says("12/01 9h30")
    assert "Je n'ai pas compris cette durée" in await nadia.says("longtemps")
    assert "Combien de places ?" in await nadia.says("1h30")
    assert "Écrivez un nombre de places, de 1 à 500." in await nadia.says("huit")
    assert "Une seule fois, ou toutes les semaines ?" in await nadia.says("8")
    assert "Touchez un des boutons ci-dessous." in await nadia.says("souvent")
    summary = await nadia.taps("Une seule fois")

    assert "🎓 Atelier collectif : Déclarer ses revenus en ligne" in summary
    assert "🏷 🧾 Impôts en ligne" in summary
    assert "🕑 lundi 12 janvier 2026 à 9h30, 1 h 30, 8 places" in summary
    assert "📅 1 séance : lun. 12 janv." in summary
    await nadia.taps("Créer")
    [workshop] = workshops(bot)
    with bot.session() as session:
        slot = session.scalars(select(Slot).where(Slot.workshop_id == workshop.id)).one()
        assert slot.starts_at.astimezone(UTC) == datetime(2026, 1, 12, 8, 30, tzinfo=UTC)
        assert (slot.ends_at - slot.starts_at).total_seconds() == 90 * 60
        assert slot.capacity == 8


async def test_a_theme_new_to_the_place_is_added_to_it_and_residents_find_it(bot):
    add_advisor(bot, "Mairie de Moissac")
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Arnaques et sécurité")
    assert "Mairie de Moissac" not in await martine.says("Moissac")

    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/nouvelle_seance")
    await nadia.taps("Atelier collectif")
    await nadia.taps("Arnaques et sécurité")
    await nadia.taps("Continuer")
    await nadia.says("Déjouer les arnaques")
    await nadia.says("jeudi 14h")
    await nadia.taps("2 h")
    await nadia.taps("8")
    await nadia.taps("Une seule fois")
    done = await nadia.taps("Créer")

    assert "🏷 Ce lieu propose désormais aussi : 🔒 Arnaques et sécurité." in done
    moissac = bot.structure_id("Mairie de Moissac")
    with bot.session() as session:
        assert session.get(StructureTheme, (moissac, "securite")) is not None
    await martine.says("/start")
    await martine.taps("Arnaques et sécurité")
    found = await martine.taps("Oui, Moissac")
    assert "1. Mairie de Moissac (démo)" in found
    assert "Déjouer les arnaques" in await martine.taps("jeu. 6 mars, 14h00 · Mairie de Moissac")


async def test_a_resident_cannot_add_sessions(bot):
    martine = bot.resident("Martine")

    refused = await martine.says("/nouvelle_seance")

    assert "🔒 Cette action est réservée aux conseillers et coordinateurs" in refused
    assert dialogue_state(bot, martine.user_id)[0] is None
    # What she types next is the journey's, as before.
    assert (await martine.says("Bonjour")).startswith("Bonjour Martine !")
    assert workshops(bot) == []


async def test_a_forged_place_is_refused_at_its_step_and_again_at_create(bot):
    add_advisor(bot, "Mairie de Moissac", "CCAS de Castelsarrasin")
    montauban = bot.structure_id("Mairie de Montauban")
    nadia = bot.resident("Nadia", user_id=NADIA)

    question = await nadia.says("/nouvelle_seance")
    assert "Dans quel lieu ?" in question
    assert nadia.button_texts() == [
        "CCAS de Castelsarrasin (démo)",
        "Mairie de Moissac (démo)",
        "❌ Annuler",
    ]
    moissac_button = nadia.button("Mairie de Moissac")
    refused = await nadia.presses(f"npl1:{montauban}")
    assert "🔒 Cette action est réservée" in refused
    # The same question stays; her own places still work.
    await nadia.tap(moissac_button)
    await fill_until_the_summary(nadia)

    # Meanwhile, she no longer works at Moissac: "Créer" asks the database, not the dialogue.
    moissac = bot.structure_id("Mairie de Moissac")
    with bot.session() as session:
        session.execute(
            delete(advisor_structures).where(advisor_structures.c.structure_id == moissac)
        )
    refused = await nadia.taps("Créer")

    assert "🔒 Cette action est réservée" in refused
    assert workshops(bot) == []
    assert dialogue_state(bot) == (None, dialogue_state(bot)[1])
    assert '"new_session": null' in dialogue_state(bot)[1]


async def test_annuler_at_any_step_leaves_nothing(bot):
    add_advisor(bot, "Mairie de Moissac", "CCAS de Castelsarrasin")
    nadia = bot.resident("Nadia", user_id=NADIA)
    steps = [
        "Mairie de Moissac",
        "Atelier collectif",
        "Téléphone, tablette",
        "Continuer",
        "Utiliser",
        "jeu. 6 mars",
        "14h00",
        "2 h",
        "8",
        "Chaque semaine",
        "4 semaines",
    ]
    for done in range(len(steps) + 1):
        await nadia.says("/nouvelle_seance")
        for label in steps[:done]:
            await nadia.taps(label)

        assert await nadia.says("/annuler") == "Ajout de séance annulé : rien n'a été créé."
        state, draft = dialogue_state(bot)
        assert state is None and '"new_session": null' in draft
    assert workshops(bot) == []

    # The button too; and an old button afterwards gets an answer, not silence.
    await nadia.says("/nouvelle_seance")
    await nadia.taps("Mairie de Moissac")
    old_button = nadia.button("Atelier collectif")
    assert "Ajout de séance annulé" in await nadia.taps("Annuler")
    stale = await nadia.tap(old_button)
    assert "Cet ajout de séance n'est plus en cours" in "\n".join(
        call.params.get("text", "") for call in stale
    )
    assert workshops(bot) == []
    assert (await nadia.says("Bonjour")).startswith("Bonjour Nadia !")


async def test_a_coordinator_finds_any_place_by_typing_and_adds_an_appointment(database_url):
    async with OfflineBot(
        database_url=database_url, admin_ids=frozenset({COORDINATOR})
    ).running() as bot:
        coordinator = bot.resident("Claire", user_id=COORDINATOR)
        question = await coordinator.says("/nouvelle_seance")
        assert "Écrivez quelques lettres du nom du lieu ou de sa commune." in question

        assert "Aucun lieu ne correspond" in await coordinator.says("xyzzy")
        await coordinator.says("parisot")
        assert coordinator.button_texts() == ["Mairie de Parisot (démo)", "❌ Annuler"]
        await coordinator.taps("Mairie de Parisot")
        await coordinator.taps("Rendez-vous individuel")
        await coordinator.taps("E-mails")
        await coordinator.taps("Continuer")
        await coordinator.taps("Utiliser")
        await coordinator.says("demain 10h")
        # One seat: an individual appointment's seats are not asked.
        assert "Une seule fois, ou toutes les semaines ?" in await coordinator.taps("3 h")
        await coordinator.taps("Toutes les 2 semaines")
        summary = await coordinator.says("15/04")

        assert "👤 Rendez-vous individuel : E-mails" in summary
        assert "🕑 mardi 4 mars à 10h00, 3 h, 1 place" in summary
        assert "🔁 Toutes les 2 semaines jusqu'au mardi 15 avril" in summary
        assert "📅 4 séances : mar. 4 mars, mar. 18 mars, mar. 1 avr., mar. 15 avr." in summary
        assert "4 séances créées" in await coordinator.taps("Créer")
        [workshop] = workshops(bot)
        assert (workshop.kind, workshop.advisor_id) == (WorkshopKind.INDIVIDUAL, None)
        with bot.session() as session:
            capacities = session.scalars(
                select(Slot.capacity).where(Slot.workshop_id == workshop.id)
            ).all()
            assert capacities == [1, 1, 1, 1]


async def test_an_english_speaking_advisor_gets_the_dialogue_in_english(bot):
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA, language_code="en")

    first = await nadia.says("/nouvelle_seance")

    assert first.startswith("📝 New session\n🏠 Mairie de Moissac (démo)")
    assert nadia.button_texts() == ["🎓 Group workshop", "👤 One-to-one appointment", "❌ Cancel"]
    await nadia.taps("Group workshop")
    await nadia.taps("Phone, tablet")
    await nadia.taps("Continue")
    await nadia.taps("Use:")
    assert "I did not understand that date" in await nadia.says("soon")
    assert "How long" in await nadia.says("Thursday 2pm")
    await nadia.says("45 min")
    await nadia.taps("12")
    await nadia.taps("Every week")
    summary = await nadia.taps("4 weeks")

    assert "🕑 Thursday 6 March at 2:00 PM, 45 min, 12 seats" in summary
    assert "🔁 Every week until Thursday 27 March" in summary
    assert "sessions created" in await nadia.taps("Create")


async def test_the_dialogue_survives_a_restart(database_url):
    first = OfflineBot(database_url=database_url)
    async with first.running():
        add_advisor(first, "Mairie de Moissac")
        nadia = first.resident("Nadia", user_id=NADIA)
        await nadia.says("/nouvelle_seance")
        await nadia.taps("Atelier collectif")
        await nadia.taps("Impôts en ligne")
        await nadia.taps("Continuer")
        await nadia.says("Déclarer ses revenus")

    second = OfflineBot(database_url=database_url)
    async with second.running():
        nadia = second.resident("Nadia", user_id=NADIA)
        assert "Combien de temps dure la séance ?" in await nadia.says("jeudi 14h")
        await nadia.taps("2 h")
        await nadia.taps("8")
        summary = await nadia.taps("Une seule fois")
        assert "🎓 Atelier collectif : Déclarer ses revenus" in summary
        await nadia.taps("Créer")
        with second.session() as session:
            themes = session.scalars(select(WorkshopTheme.theme)).all()
            added = session.scalar(
                select(func.count()).select_from(Workshop).where(Workshop.is_demo.is_(False))
            )
        assert added == 1 and "impots" in themes


async def test_an_older_summary_creates_nothing_it_did_not_show(bot):
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/nouvelle_seance")
    await fill_until_the_summary(nadia)
    old_create = nadia.button("Créer")
    await nadia.taps("Retour")  # the end of the series, asked again
    await nadia.taps("8 semaines")

    again = await nadia.tap(old_create)

    text = "\n".join(call.params.get("text", "") for call in again)
    assert "Ce résumé n'est plus à jour" in text and "8 séances" in text
    assert workshops(bot) == []


async def test_start_during_the_dialogue_leaves_it_for_the_search_for_help(bot):
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/nouvelle_seance")
    await nadia.taps("Atelier collectif")

    assert (await nadia.says("/start")).startswith("Bonjour Nadia !")

    assert dialogue_state(bot)[0] is None
    await nadia.taps("Impôts en ligne")
    assert "📍 Moissac (Tarn-et-Garonne)" in await nadia.says("Moissac")
    assert workshops(bot) == []


async def test_a_series_ends_on_its_last_session_and_lasts_a_year_at_most(bot):
    add_advisor(bot, "Mairie de Moissac")
    nadia = bot.resident("Nadia", user_id=NADIA)
    await nadia.says("/nouvelle_seance")
    await fill_until_the_summary(nadia)
    await nadia.taps("Retour")

    assert "La dernière date ne peut pas précéder la première séance." in await nadia.says("05/03")
    too_long = await nadia.says("01/06/2026")
    assert "Cela ferait plus d'un an de séances" in too_long and "Jusqu'à quand ?" in too_long
    summary = await nadia.says("30/04")  # a Wednesday: the last Thursday before it

    assert "🔁 Chaque semaine jusqu'au jeudi 24 avril" in summary
    assert (
        "📅 8 séances : jeu. 6 mars, jeu. 13 mars, jeu. 20 mars, jeu. 27 mars … jeu. 24 avr."
        in (summary)
    )

"""Coordinators in the bot: an invitation link made with /inviter and opened by the advisor, each
role's command menu, /conseillers (revoke, promote, demote), and the boundaries: residents and
advisors are refused, forged buttons change nothing. The offline bot, on both databases."""

import json
import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest_asyncio
from offline_bot import NOW, OfflineBot
from sqlalchemy import func, select

from knowledge.catalogue import HostStructure
from scheduling.advisor_models import Advisor, Invitation
from scheduling.staff import Role, accept_invitation, actor_for, invite_advisor

ADMIN = 4000
"""Claire, the coordinator of AIGUILLAGE_ADMIN_IDS."""
ADMINS = frozenset({ADMIN})
REFUSED = "🔒 Cette action est réservée"
LINK = re.compile(r"https://t\.me/aiguillage_bot\?start=([A-Za-z0-9_-]+)")
RESIDENT_MENU = ["start", "mesrdv", "aide", "langue", "mesdonnees", "annuler"]
ADVISOR_MENU = ["planning", "nouvelle_seance", "notifications", "tableau", *RESIDENT_MENU]
COORDINATOR_MENU = [*ADVISOR_MENU[:4], "inviter", "conseillers", "stats", *RESIDENT_MENU]


@pytest_asyncio.fixture
async def bot(database_url: str) -> AsyncIterator[OfflineBot]:
    """The offline bot with Claire as the coordinator of the settings."""
    offline = OfflineBot(database_url=database_url, admin_ids=frozenset({ADMIN}))
    async with offline.running() as running:
        yield running


def menu(bot, user_id: int, language_code: str = "") -> dict[str, str] | None:
    """The command menu set for this user's chat (None: the residents' default one)."""
    scope = json.dumps({"chat_id": user_id, "type": "chat"}, sort_keys=True)
    commands = bot.api.commands.get((scope, language_code))
    return None if commands is None else {c["command"]: c["description"] for c in commands}


async def invite(coordinator, *, words="Moissac", place="Mairie de Moissac", name="Sophie Martin"):
    """The coordinator's /inviter, to the end; the token of the link."""
    await coordinator.says("/inviter")
    await coordinator.says(words)
    await coordinator.taps(place)
    text = await coordinator.says(name)
    return LINK.search(text).group(1)


async def sophie_is_an_advisor(bot):
    claire = bot.resident("Claire", user_id=ADMIN)
    sophie = bot.resident("Sophie")
    await sophie.says(f"/start {await invite(claire)}")
    return claire, sophie


def staff_rows(bot) -> list[tuple]:
    with bot.session() as session:
        advisors = session.execute(
            select(Advisor.id, Advisor.telegram_user_id, Advisor.is_coordinator).order_by(
                Advisor.id
            )
        ).all()
        invitations = session.scalar(select(func.count()).select_from(Invitation))
    return [*map(tuple, advisors), ("invitations", invitations)]


def advisor_id(bot, first_name: str) -> int:
    with bot.session() as session:
        return session.scalar(select(Advisor.id).where(Advisor.first_name == first_name))


# --- the invitation -------------------------------------------------------------------------------


async def test_claire_invites_sophie_who_opens_her_link_and_becomes_an_advisor(bot):
    claire = bot.resident("Claire", user_id=ADMIN)
    assert "Dans quel lieu ?" in await claire.says("/inviter")
    found = await claire.says("Moissac")
    assert "lieu pour « Moissac »" in found or "lieux pour « Moissac »" in found
    assert "Mairie de Moissac (démo) · Moissac" in claire.button_texts()
    assert "prénom et le nom" in await claire.taps("Mairie de Moissac")

    text = await claire.says("Sophie Martin")

    assert "Invitation prête pour Sophie Martin (Mairie de Moissac (démo))" in text
    # Seven days from Monday 3 March, 9:00 in Moissac.
    assert "jusqu'au lundi 10 mars à 9h00" in text
    token = LINK.search(text).group(1)

    sophie = bot.resident("Sophie")
    welcome = await sophie.says(f"/start {token}")

    assert "Bienvenue Sophie !" in welcome and "• Mairie de Moissac (démo)" in welcome
    assert "/planning" in welcome and "/nouvelle_seance" in welcome
    assert "/inviter" not in welcome
    assert "De quoi avez-vous besoin" not in welcome  # the journey's welcome did not follow
    assert list(menu(bot, sophie.user_id)) == ADVISOR_MENU
    assert menu(bot, sophie.user_id, "en")["planning"] == "My planning: sessions and participants"
    with bot.session() as session:
        advisor = session.scalars(select(Advisor)).one()
        assert (advisor.first_name, advisor.last_name) == ("Sophie", "Martin")
        assert advisor.telegram_user_id == sophie.user_id
        assert [s.name for s in advisor.structures] == ["Mairie de Moissac (démo)"]

    paul = bot.resident("Paul")
    again = await paul.says(f"/start {token}")

    assert "Ce lien d'invitation a déjà servi" in again and "Bonjour Paul !" in again
    assert menu(bot, paul.user_id) is None
    assert [call for call in bot.api.calls if call.error] == []


async def test_an_expired_or_unknown_link_gets_a_kind_sentence_and_the_usual_welcome(bot):
    token = await invite(bot.resident("Claire", user_id=ADMIN))
    bot.clock.advance(timedelta(days=8))
    sophie = bot.resident("Sophie")

    text = await sophie.says(f"/start {token}")

    assert "Ce lien d'invitation a expiré" in text and "Bonjour Sophie !" in text
    text = await sophie.says("/start NotATokenAtAll")
    assert "Je ne reconnais pas ce lien d'invitation" in text and "Bonjour Sophie !" in text
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Advisor)) == 0
    assert menu(bot, sophie.user_id) is None


async def test_an_advisor_who_opens_a_second_link_gains_the_place(bot):
    claire, sophie = await sophie_is_an_advisor(bot)
    token = await invite(claire, words="castelsarrasin ccas", place="CCAS de Castelsarrasin")

    text = await sophie.says(f"/start {token}")

    assert "Re-bonjour Sophie ! Vos lieux sont maintenant :" in text
    assert "• CCAS de Castelsarrasin (démo)\n• Mairie de Moissac (démo)" in text
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Advisor)) == 1


async def test_many_places_come_in_pages_and_every_step_has_a_way_out(bot):
    claire = bot.resident("Claire", user_id=ADMIN)
    await claire.says("/inviter")
    first = await claire.says("mairie")
    assert "(page 1/2)" in first and len(claire.button_texts()) == 7  # 6 places and "Suivants"

    second = await claire.taps("Suivants")

    assert "(page 2/2)" in second and "◀️ Précédents" in claire.button_texts()
    assert "prénom et le nom" in await claire.taps("Mairie de Saint-Nicolas-de-la-Grave")
    assert "Écrivez le prénom puis le nom" in await claire.says("Sophie")
    assert "C'est annulé" in await claire.says("/annuler")
    # The dialogue is over: what Claire types goes to the journey again, old buttons are told.
    assert "Bonjour Claire !" in await claire.says("Moissac")
    assert "n'est plus en cours" in await claire.presses("vpl1:1")
    await claire.says("/inviter")
    assert "C'est annulé" in await claire.says("/annuler")
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Invitation)) == 0


async def test_the_bot_restarts_between_the_place_and_the_name(database_url):
    admins = frozenset({ADMIN})
    async with OfflineBot(database_url=database_url, admin_ids=admins).running() as first:
        claire = first.resident("Claire", user_id=ADMIN)
        await claire.says("/inviter")
        await claire.says("Moissac")
        await claire.taps("Mairie de Moissac")

    async with OfflineBot(database_url=database_url, admin_ids=admins).running() as second:
        claire = second.resident("Claire", user_id=ADMIN)
        text = await claire.says("Sophie Martin")

    assert "Invitation prête pour Sophie Martin (Mairie de Moissac (démo))" in text


async def test_a_place_that_does_not_exist_is_not_offered(bot):
    claire = bot.resident("Claire", user_id=ADMIN)
    await claire.says("/inviter")

    assert "Aucun lieu ne correspond à « zzz »" in await claire.says("zzz")
    assert "Ce lieu n'existe plus" in await claire.presses("vpl1:999999")
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Invitation)) == 0


# --- the list of advisors -------------------------------------------------------------------------


async def test_claire_lists_promotes_demotes_and_revokes_sophie(bot):
    claire, sophie = await sophie_is_an_advisor(bot)

    text = await claire.says("/conseillers")

    assert "1. Sophie Martin" in text
    assert "🏠 Mairie de Moissac (démo)" in text and "✅ Accès actif" in text
    assert "🕒 Dernière activité : 3 mars 2025" in text
    assert claire.button_texts() == ["🚫 Retirer n°1", "⭐ Promouvoir n°1"]

    text = await claire.taps("Promouvoir n°1")
    assert "⭐ Sophie Martin coordonne maintenant" in text and "· ⭐ Coordination" in text
    assert list(menu(bot, sophie.user_id)) == COORDINATOR_MENU
    assert "1. Sophie Martin" in await sophie.says("/conseillers")

    text = await claire.taps("Rétrograder n°1")
    assert "⬇️ Sophie Martin ne coordonne plus" in text
    assert list(menu(bot, sophie.user_id)) == ADVISOR_MENU
    assert REFUSED in await sophie.says("/conseillers")

    assert "Retirer l'accès de Sophie Martin ?" in await claire.taps("Retirer n°1")
    assert "✅ Accès actif" in await claire.taps("Non, garder")
    await claire.taps("Retirer n°1")
    text = await claire.taps("Oui, retirer l'accès")

    assert "⛔ Accès retiré : Sophie Martin." in text and "· ⛔ Accès retiré" not in text
    assert claire.button_texts() == []
    assert menu(bot, sophie.user_id) is None and menu(bot, sophie.user_id, "en") is None
    deleted = [c for c in bot.api.calls if c.method == "deleteMyCommands"]
    assert {c.params["scope"]["chat_id"] for c in deleted} == {sophie.user_id}
    with bot.session() as session:
        actor = actor_for(session, telegram_user_id=sophie.user_id, admin_ids=ADMINS, now=NOW)
        assert actor.role is Role.RESIDENT
    assert "Bonjour Sophie !" in await sophie.says("/start")


async def test_the_coordinator_of_the_settings_cannot_be_demoted(bot):
    claire, sophie = await sophie_is_an_advisor(bot)
    welcome = await claire.says(f"/start {await invite(claire, name='Claire Dubois')}")
    assert "/inviter" in welcome and "/conseillers" in welcome
    await claire.says("/conseillers")
    await claire.taps("Promouvoir n°2")  # Sophie
    claire_id = advisor_id(bot, "Claire")
    before = staff_rows(bot)

    assert "⭐ Coordination (fixée par les réglages)" in await sophie.says("/conseillers")
    # Claire is n°1: no button to demote her.
    assert sophie.button_texts() == ["🚫 Retirer n°1", "🚫 Retirer n°2", "⬇️ Rétrograder n°2"]
    text = await sophie.presses(f"vdm1:{claire_id}")

    assert "coordonne par les réglages du service" in text and "Rien n'a changé" in text
    assert staff_rows(bot) == before
    assert list(menu(bot, ADMIN)) == COORDINATOR_MENU


async def test_a_long_list_comes_in_pages_that_each_fit_in_a_message(bot):
    with bot.session() as session:
        places = list(session.scalars(select(HostStructure.id).limit(10)))
        for number in range(20):
            invited = invite_advisor(
                session,
                structure_ids=places,
                first_name=f"Anne & Marie {number:02} " + "x" * 80,
                last_name="de La Tour d'Auvergne" + "y" * 70,
                now=NOW,
            )
            accept_invitation(session, token=invited.token, telegram_user_id=7000 + number, now=NOW)
    claire = bot.resident("Claire", user_id=ADMIN)

    first = await claire.says("/conseillers")

    assert "20 conseillers et conseillères" in first and "(page 1/3)" in first
    assert "et 7 autres" in first and "1. Anne & Marie 00 xxx" in first
    assert len(claire.button_texts()) == 8 * 2 + 1
    second = await claire.taps("Suivants")
    assert "(page 2/3)" in second and "9. Anne & Marie 08" in second
    assert [call for call in bot.api.calls if call.error] == []
    assert all(len(call.result["text"]) <= 4096 for call in bot.api.calls if "text" in call.params)


# --- who may ------------------------------------------------------------------------------------


async def test_residents_and_advisors_are_refused_and_forged_buttons_change_nothing(bot, caplog):
    _claire, sophie = await sophie_is_an_advisor(bot)
    sophie_id = advisor_id(bot, "Sophie")
    paul = bot.resident("Paul")
    before = staff_rows(bot)
    caplog.set_level(logging.INFO)

    for someone in (paul, sophie):
        for command in ("/inviter", "/conseillers"):
            assert REFUSED in await someone.says(command), command
        for data in ("vrv1", "vry1", "vpm1", "vdm1"):
            assert REFUSED in await someone.presses(f"{data}:{sophie_id}"), data
        for data in ("vls1:0", "vpl1:1", "vpg1:1"):
            assert REFUSED in await someone.presses(data), data
        # A refused /inviter started nothing: words go to the journey.
        assert "Bonjour" in await someone.says("Moissac")

    assert staff_rows(bot) == before
    assert "refused manage_staff to a resident" in caplog.text
    assert "refused manage_staff to a advisor" in caplog.text
    for personal in ("Sophie", "Paul", "Martin", str(sophie.user_id), str(paul.user_id)):
        assert personal not in caplog.text


async def test_buttons_of_no_kind_or_no_advisor_change_nothing_for_a_coordinator(bot):
    claire, _sophie = await sophie_is_an_advisor(bot)
    before = staff_rows(bot)

    for data in ("vrv1:abc", "vry1:", "vpm1:1:2", "vdm2:1"):
        assert "Ce bouton a expiré" in await claire.presses(data), data
    for data in ("vrv1:999999", "vry1:999999", "vpm1:999999", "vdm1:999999"):
        await claire.says("/conseillers")
        text = await claire.presses(data)
        assert "n'existe pas ou n'a déjà plus d'accès : rien n'a changé" in text, data

    assert staff_rows(bot) == before


# --- menus ------------------------------------------------------------------------------------


async def test_each_role_has_its_menu_in_french_and_in_english(bot):
    # The coordinator of the settings has hers from the start, as every staff chat.
    french, english = menu(bot, ADMIN), menu(bot, ADMIN, "en")
    assert list(french) == COORDINATOR_MENU == list(english)
    assert french["inviter"] == "Inviter un conseiller (lien à transférer)"
    assert english["inviter"] == "Invite an advisor (a link to forward)"
    assert english["mesrdv"] == "My appointments (see, cancel)"

    claire = bot.resident("Claire", user_id=ADMIN, language_code="en")
    assert "Invite an advisor" in await claire.says("/inviter")
    await claire.says("/annuler")
    await claire.says("/langue")
    await claire.taps("Français")

    assert menu(bot, ADMIN)["inviter"] == "Inviter un conseiller (lien à transférer)"
    assert menu(bot, ADMIN, "en") is None  # the language chosen holds for every app language


async def test_an_english_advisor_is_welcomed_in_english(bot):
    token = await invite(bot.resident("Claire", user_id=ADMIN))
    john = bot.resident("John", language_code="en")

    text = await john.says(f"/start {token}")

    # The name is the one the coordinator typed.
    assert "Welcome Sophie!" in text and "/planning — My planning" in text

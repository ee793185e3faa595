"""The staff story over real HTTP, against the fake Bot API: a coordinator invites Sophie, who adds
a weekly workshop from her phone; a resident books it and Sophie is told; Sophie books a walk-in
at the desk, marks who came, then moves next week's session, and its participant is told.

The application is built as in production (`build_application`, HTTPXRequest, long polling),
pointed at the fake server, at a clock the test moves; the `outbox` job is run by hand.
Both databases."""

import contextlib
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

from fake_bot_api import DEFAULT_TOKEN, FakeBotApi, inline_buttons
from offline_bot import NOW, Clock
from sqlalchemy import delete, select

from bot.application import AiguillageApplication, build_application
from bot.jobs import OUTBOX_JOB, deliver_due
from bot.offline_api import html_to_text
from bot.settings import Settings
from scheduling.advisor_models import Advisor
from scheduling.models import (
    BookedBy,
    Booking,
    BookingStatus,
    Resident,
    Slot,
    SlotStatus,
    Workshop,
)

CLAIRE = {"id": 4000, "is_bot": False, "first_name": "Claire", "language_code": "fr"}
SOPHIE = {"id": 4100, "is_bot": False, "first_name": "Sophie", "language_code": "fr"}
MARTINE = {"id": 4242, "is_bot": False, "first_name": "Martine", "language_code": "fr"}
LINK = re.compile(r"https://t\.me/aiguillage_test_bot\?start=([A-Za-z0-9_-]+)")
WORKSHOP = "Téléphone, tablette, ordinateur"
# Thursday 6 March 2025 at 14:00 in Moissac (CET), and the three Thursdays after.
THURSDAYS = [datetime(2025, 3, day, 13, 0, tzinfo=UTC) for day in (6, 13, 20, 27)]


class Person:
    """Someone in their private chat with the bot: what they send, tap, and read."""

    def __init__(self, server: FakeBotApi, user: dict) -> None:
        self.server = server
        self.user = user
        self.chat_id = user["id"]
        self._turn = 0  # index of the first Bot API call made since the person's last action

    def _said(self) -> str:
        """What the bot sent or edited in this chat since the last action, as it is read."""
        texts = []
        for call in self.server.calls()[self._turn :]:
            params = call.params
            if call.method not in ("sendMessage", "editMessageText"):
                continue
            if int(params.get("chat_id", 0)) != self.chat_id:
                continue
            text = params["text"]
            texts.append(html_to_text(text) if params.get("parse_mode") == "HTML" else text)
        return "\n".join(texts)

    async def reads(self, expected: str) -> str:
        """Everything the bot said since the last action, once it includes `expected`."""

        def answered() -> str | None:
            said = self._said()
            return said if said and expected in said else None

        try:
            return await self.server.wait_until(answered, what=f"{expected!r}")
        except AssertionError as missing:
            raise AssertionError(
                f"{missing}; {self.user['first_name']} read: {self._said()!r}"
            ) from None

    async def says(self, text: str, expected: str) -> str:
        self.listens()
        self.server.push_text(self.user, text)
        return await self.reads(expected)

    async def taps(self, label: str, expected: str) -> str:
        """Tap the button whose text contains `label`, on the latest message that offers one."""
        message, data = self.button(label)
        return await self.presses(message, data, expected)

    async def presses(self, message: dict, data: str, expected: str) -> str:
        self.listens()
        self.server.press(self.user, message, data)
        return await self.reads(expected)

    async def toggles(self, label: str, expected_button: str) -> list[str]:
        """Tap a button that changes the keyboard only; the buttons once one reads as expected."""
        self.listens()
        message, data = self.button(label)
        self.server.press(self.user, message, data)

        def shown() -> list[str] | None:
            texts = self.button_texts()
            return texts if any(expected_button in text for text in texts) else None

        return await self.server.wait_until(shown, what=f"a button {expected_button!r}")

    def listens(self) -> None:
        """What the bot says from now on is the next thing the person reads."""
        self._turn = len(self.server.calls())

    def button(self, label: str) -> tuple[dict, str]:
        for message in reversed(self.server.messages(self.chat_id)):
            found = [b for b in inline_buttons(message) if label in b["text"]]
            if found:
                assert len(found) == 1, f"{label!r} in {[b['text'] for b in found]}"
                return message, found[0]["callback_data"]
        raise AssertionError(f"no button {label!r} in {self.user['first_name']}'s chat")

    def button_texts(self) -> list[str]:
        """The buttons of the latest message that has some."""
        for message in reversed(self.server.messages(self.chat_id)):
            if inline_buttons(message):
                return [b["text"] for b in inline_buttons(message)]
        return []


@contextlib.asynccontextmanager
async def polling(
    server: FakeBotApi, database_url: str, clock: Clock
) -> AsyncIterator[AiguillageApplication]:
    """`aiguillage run`, with Claire as the coordinator, polling the fake server."""
    settings = Settings(
        token=DEFAULT_TOKEN,
        database_url=database_url,
        territory=("82",),
        admin_ids=frozenset({CLAIRE["id"]}),
        base_url=server.base_url,
        outbox_interval=timedelta(days=1),  # run by hand, at the test's clock
    )
    application = build_application(settings, clock=clock)
    async with application:
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def run_outbox(application: AiguillageApplication) -> None:
    """One run of the `outbox` job, as the job queue would run it."""
    [job] = application.job_queue.get_jobs_by_name(OUTBOX_JOB)
    await deliver_due(application, worker=job.data)


async def test_sophie_is_invited_runs_her_weekly_workshop_and_moves_a_session(
    fake_bot_api: FakeBotApi, database_url: str
):
    clock = Clock(NOW)  # Monday 3 March 2025, 9:00 in Moissac
    async with polling(fake_bot_api, database_url, clock) as application:
        sessions = application.bot_data.services.sessions
        with sessions.begin() as session:
            session.execute(delete(Slot))  # no demo sessions: only Sophie's are found
        claire, sophie, martine = (Person(fake_bot_api, u) for u in (CLAIRE, SOPHIE, MARTINE))

        # Claire, the coordinator, invites Sophie to the Mairie de Moissac.
        await claire.says("/inviter", "Dans quel lieu ?")
        await claire.says("Moissac", "pour « Moissac »")
        await claire.taps("Mairie de Moissac (démo) · Moissac", "prénom et le nom")
        invitation = await claire.says("Sophie Martin", "Invitation prête pour Sophie Martin")
        token = LINK.search(invitation).group(1)

        # Sophie opens the link: she is an advisor of the Mairie de Moissac.
        welcome = await sophie.says(f"/start {token}", "Bienvenue Sophie !")
        assert "• Mairie de Moissac (démo)" in welcome and "/nouvelle_seance" in welcome
        menu = await fake_bot_api.wait_for_call(
            "setMyCommands", lambda call: call.params.get("scope", {}).get("chat_id") == 4100
        )  # Sophie's menu is the advisors' one
        commands = [command["command"] for command in menu.params["commands"]]
        assert commands[:3] == ["planning", "nouvelle_seance", "notifications"]
        with sessions.begin() as session:
            advisor = session.scalars(select(Advisor)).one()
            assert (advisor.first_name, advisor.last_name) == ("Sophie", "Martin")
            assert advisor.telegram_user_id == SOPHIE["id"]
            sophie_id = advisor.id
        await sophie.says("/planning", "📋 Aucune séance prévue dans vos lieux")

        # She adds a weekly workshop on smartphones, Thursdays at 14:00, for four weeks.
        first = await sophie.says("/nouvelle_seance", "Un atelier collectif ou un rendez-vous")
        assert "🏠 Mairie de Moissac (démo)" in first  # her only place is not asked
        await sophie.taps("Atelier collectif", "Sur quels thèmes ?")
        chosen = await sophie.toggles("Téléphone, tablette", "✅")
        assert f"✅ 📱 {WORKSHOP}" in chosen
        await sophie.taps("Continuer", "Quel titre ?")
        await sophie.taps("Utiliser", "Quel jour ?")
        await sophie.taps("jeu. 6 mars", "Jeudi 6 mars : à quelle heure ?")
        await sophie.says("14h", "Combien de temps dure la séance ?")
        await sophie.says("2h", "Combien de places ?")
        await sophie.says("8", "Une seule fois, ou toutes les semaines ?")
        await sophie.taps("Chaque semaine", "Jusqu'à quand ?")
        summary = await sophie.taps("4 semaines", "vérifiez avant de créer")
        assert "🕑 jeudi 6 mars à 14h00, 2 h, 8 places" in summary
        assert "📅 4 séances : jeu. 6 mars, jeu. 13 mars, jeu. 20 mars, jeu. 27 mars" in summary
        done = await sophie.taps("Créer", "4 séances créées")
        assert "Les habitants peuvent réserver dès maintenant." in done
        with sessions.begin() as session:
            workshop = session.scalars(select(Workshop).where(Workshop.is_demo.is_(False))).one()
            assert (workshop.title, workshop.advisor_id) == (WORKSHOP, sophie_id)
            slots = session.scalars(select(Slot).order_by(Slot.starts_at)).all()
            assert [s.starts_at.astimezone(UTC) for s in slots] == THURSDAYS
            this_week, next_week = slots[0].id, slots[1].id

        # Martine books the first one through the usual journey.
        await martine.says("/start", "Bonjour Martine")
        await martine.taps(WORKSHOP, "Dans quelle commune")
        found = await martine.says("Moissac", "Mairie de Moissac (démo)")
        assert "📅 jeu. 6 mars, 14h00 · Mairie de Moissac (démo)" in martine.button_texts()
        await martine.taps("jeu. 6 mars, 14h00", f"🎓 Atelier : {WORKSHOP}")
        await martine.taps("Oui, je réserve", "C'est réservé, Martine !")
        with sessions.begin() as session:
            booking = session.scalars(select(Booking)).one()
            assert (booking.slot_id, booking.status) == (this_week, BookingStatus.BOOKED)
            martines_booking, martine_id = booking.id, booking.resident_id

        # The outbox runs: Sophie is told.
        sophie.listens()
        await run_outbox(application)
        notice = await sophie.reads("🆕 Nouvelle inscription : Martine")
        assert "📅 jeudi 6 mars à 14h00" in notice and "🪑 7 places restantes" in notice

        # At the desk, Sophie books Josette, who has no Telegram, on the same session.
        planning = await sophie.says("/planning", "📋 Vos séances des 14 prochains jours")
        assert "📅 jeu. 6 mars, 14h00 · Mairie de Moissac (démo)" in planning
        assert "🪑 1/8 places" in planning
        detail = await sophie.taps("jeu. 6 mars, 14h00", "🪑 1/8 places prises")
        assert f"• Martine · 📱 {WORKSHOP} · en ligne" in detail
        await sophie.taps("Inscrire quelqu'un", "Le prénom de la personne à inscrire ?")
        await sophie.says("Josette", "Quel est le besoin de Josette ?")
        await sophie.taps(f"📱 {WORKSHOP}", "Son numéro de téléphone")
        registered = await sophie.says("06 12 34 56 78", "✅ Inscription faite pour Josette.")
        assert "🪑 2/8 places prises" in registered
        assert f"• Josette · 📱 {WORKSHOP} · par l'équipe" in registered
        with sessions.begin() as session:
            walk_in = session.scalars(
                select(Booking).where(Booking.booked_by == BookedBy.ADVISOR)
            ).one()
            josette = session.get(Resident, walk_in.resident_id)
            assert (walk_in.slot_id, walk_in.status) == (this_week, BookingStatus.BOOKED)
            assert (josette.first_name, josette.telegram_user_id) == ("Josette", None)
            assert josette.phone == "06 12 34 56 78"
            josettes_booking = walk_in.id

        # Thursday, 14:10: the session has started; Martine came, Josette did not.
        clock.now = THURSDAYS[0] + timedelta(minutes=10)
        await sophie.says("/planning", "📋 Vos séances")
        await sophie.taps("jeu. 6 mars, 14h00", "Touchez ✅ ou ❌ pour noter qui est venu.")
        assert sophie.button_texts()[:4] == ["✅ Martine", "❌ Martine", "✅ Josette", "❌ Josette"]
        present = await sophie.taps("✅ Martine", "✅ présent")
        assert f"• Martine · 📱 {WORKSHOP} · en ligne · ✅ présent" in present
        absent = await sophie.taps("❌ Josette", "❌ absent")
        assert "• Josette · " in absent and "📞 06 12 34 56 78 · ❌ absent" in absent
        with sessions.begin() as session:
            assert session.get(Booking, martines_booking).status == BookingStatus.ATTENDED
            assert session.get(Booking, josettes_booking).status == BookingStatus.NO_SHOW

        # Martine books next week's session too: the bot remembers her commune.
        await martine.says("/start", "De quoi avez-vous besoin ?")
        await martine.taps(WORKSHOP, "Toujours à Moissac ?")
        found = await martine.taps("Oui, Moissac", "Touchez une date pour réserver")
        assert "Mairie de Moissac (démo)" in found
        assert not [b for b in martine.button_texts() if "jeu. 6 mars" in b]  # it has started
        await martine.taps("jeu. 13 mars, 14h00", f"🎓 Atelier : {WORKSHOP}")
        await martine.taps("Oui, je réserve", "C'est réservé, Martine !")
        with sessions.begin() as session:
            booking = session.scalars(select(Booking).where(Booking.slot_id == next_week)).one()
            assert (booking.resident_id, booking.status) == (martine_id, BookingStatus.BOOKED)

        # Sophie moves next week's session to Friday 14 March, 10:00, by typing it.
        await sophie.says("/planning", "📋 Vos séances")
        detail = await sophie.taps("jeu. 13 mars, 14h00", "🪑 1/8 places prises")
        assert f"• Martine · 📱 {WORKSHOP} · en ligne" in detail
        await sophie.taps("Déplacer", "📅 Nouvelle date et heure ?")
        moved = await sophie.says("14/03 10h", "📅 Séance déplacée au vendredi 14 mars à 10h00.")
        assert "1 personne va être prévenue." in moved
        with sessions.begin() as session:
            old = session.get(Slot, next_week)
            new = session.get(Slot, old.replaced_by_id)
            assert old.status == SlotStatus.MOVED
            assert new.starts_at.astimezone(UTC) == datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
            assert new.ends_at - new.starts_at == timedelta(hours=2)
            kept = session.scalars(
                select(Booking).where(Booking.resident_id == martine_id, Booking.slot_id == new.id)
            ).one()
            assert kept.status == BookingStatus.BOOKED

        # The outbox runs: Martine is told of the new time, her seat kept.
        martine.listens()
        await run_outbox(application)
        notice = await martine.reads("est déplacé par l'organisateur")
        assert f"📅 L'atelier « {WORKSHOP} » est déplacé par l'organisateur." in notice
        assert "Il n'a plus lieu le jeudi 13 mars à 14h00." in notice
        assert "Votre place est gardée au nouvel horaire" in notice
        assert "📅 vendredi 14 mars à 10h00" in notice

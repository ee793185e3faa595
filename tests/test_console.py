"""`aiguillage chat`: the same conversation in the terminal, scripted line by line, or typed by a
resident who reads the screen before each line (`Keyboard`)."""

import asyncio
import io
import logging
import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from scheduling_world import add_slot, add_structure, add_workshop
from sqlalchemy.orm import Session
from telegram import ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.ext import Application

from bot.application import build_application
from bot.console import converse, run_console
from bot.database import make_engine
from bot.offline_api import OfflineBotApi
from bot.settings import Settings
from handlers.callback_data import SlotChoice
from scheduling.booking import book_seat
from scheduling.models import Slot
from scheduling.residents import ensure_resident


def _chat(database_url: str, script: str) -> str:
    settings = Settings(token=None, database_url=database_url)
    out = io.StringIO()
    status = run_console(settings, io.StringIO(script), out, first_name="Camille")
    assert status == 0
    return out.getvalue()


class Screen(io.StringIO):
    """The terminal's screen, which the resident reads before typing."""

    def __init__(self) -> None:
        super().__init__()
        self.changed = threading.Condition()
        self.read_up_to = 0

    def write(self, text: str) -> int:
        with self.changed:
            written = super().write(text)
            self.changed.notify_all()
            return written

    def wait_for(self, text: str) -> str:
        """What the screen shows since the resident last typed, once it holds `text`."""
        with self.changed:
            # A guard against a chat that hangs, not a timing: the assertions tell what failed.
            self.changed.wait_for(lambda: text in self.getvalue()[self.read_up_to :], timeout=60)
            return self.getvalue()[self.read_up_to :]


class Keyboard(io.TextIOBase):
    """A resident typing the lines `typing(screen)` yields, reading the screen in between (a
    keyboard that blocks while they read, as a terminal's does)."""

    def __init__(self, screen: Screen, typing: Callable[[Screen], Iterator[str]]) -> None:
        self.screen = screen
        self.lines = typing(screen)

    def readline(self, size: int = -1) -> str:
        line = next(self.lines, None)
        self.screen.read_up_to = len(self.screen.getvalue())
        return "" if line is None else line + "\n"

    def isatty(self) -> bool:
        return False


def _offline(database_url: str) -> tuple[Application, OfflineBotApi]:
    api = OfflineBotApi()
    return build_application(Settings(token=None, database_url=database_url), request=api), api


def _typed(application: Application, api: OfflineBotApi, typing) -> str:
    """What the screen showed, once `typing` typed its lines (and the end of input)."""
    screen = Screen()
    assert asyncio.run(converse(application, api, Keyboard(screen, typing), screen)) == 0
    return screen.getvalue()


def test_a_resident_finds_help_with_numbered_buttons(database_url):
    output = _chat(database_url, "/start\n2\nMoissac\n")

    assert "Bonjour Camille !" in output
    assert "   [2] 🧾 Impôts en ligne" in output
    assert "   [1] 📍 Partager ma position" in output
    assert "1. Mairie de Moissac (démo)" in output
    assert "📍 Autre commune" in output
    assert "⚠️" not in output


def test_a_booking_from_start_to_confirmation(database_url):
    output = _chat(database_url, "/start\n2\nMoissac\n1\n1\n")

    assert "Voulez-vous réserver cette place ?" in output
    assert "✅ C'est réservé, Camille !" in output
    assert "🗺  Mairie de Moissac (démo)" in output


def test_the_location_button_takes_coordinates_or_a_commune(database_url):
    output = _chat(database_url, "/start\n2\n1\n44.0404,1.1075\n/start\n2\n2\n1\nMoissac\n")

    assert "Tapez « latitude,longitude »" in output
    assert "📍 Castelsarrasin (Tarn-et-Garonne)" in output
    assert "📍 Moissac (Tarn-et-Garonne)" in output


def test_the_conversation_is_remembered_between_two_runs(database_url):
    _chat(database_url, "/start\n2\n")
    output = _chat(database_url, "Moissac\n")

    assert "Voici l'aide la plus proche pour « 🧾 Impôts en ligne »" in output


def test_quit_ends_the_chat(database_url):
    output = _chat(database_url, "/quitter\n/start\n")

    assert "Bonjour" not in output


def _number_of(label: str, shown: str) -> str:
    """The number the screen shows for the button `label` (the last one printed)."""
    return re.findall(rf"\[([\d.]+)\] {re.escape(label)}", shown)[-1]


def test_a_message_sent_while_the_resident_reads_shows_at_once_and_quitting_is_clean(
    database_url, caplog
):
    caplog.set_level(logging.INFO)
    sent = threading.Event()

    async def remind(context) -> None:
        await context.bot.send_message(chat_id=1, text="🔔 Rappel : votre atelier est demain.")
        sent.set()

    def camille(screen: Screen) -> Iterator[str]:
        yield "/start"
        screen.wait_for("De quoi avez-vous besoin ?")
        # Scheduled while the keyboard waits for her: the job runs all the same, on time.
        application.job_queue.run_once(remind, when=0.05)
        screen.wait_for("🔔 Rappel")
        yield "/quitter"

    application, api = _offline(database_url)
    output = _typed(application, api, camille)

    assert sent.is_set()
    assert output.index("🔔 Rappel : votre atelier est demain.") < output.index("> /quitter")
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == []  # no "Run time of job … was missed", no "Error running job"


def test_the_end_of_input_ends_the_chat_cleanly(database_url, caplog):
    output = _chat(database_url, "/start\n2\n")

    assert "Dans quelle commune habitez-vous ?" in output
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_workshop_found_full_offers_its_waitlist_on_a_button_still_reachable(database_url):
    engine = make_engine(database_url)

    def fill(slot_id: int) -> None:
        """Someone else takes the last seat while Camille reads."""
        now = datetime.now(UTC)
        with Session(engine) as session, session.begin():
            session.get(Slot, slot_id).capacity = 1
            zoe = ensure_resident(
                session, telegram_user_id=2, first_name="Zoé", language="fr", now=now
            )
            book_seat(session, slot_id=slot_id, resident_id=zoe.id, now=now)

    def camille(screen: Screen) -> Iterator[str]:
        yield "/start"
        screen.wait_for("De quoi avez-vous besoin ?")
        yield "2"
        screen.wait_for("Dans quelle commune")
        yield "Moissac"
        shown = screen.wait_for("🏠 Recommencer")
        workshop = re.search(r"\[(\d+)\] (📅 .*)", shown)
        fill(_slot_of(workshop[2]))
        yield workshop[1]
        shown = screen.wait_for("Recommencer")
        yield _number_of("M'inscrire sur la liste d'attente", shown)
        screen.wait_for("C'est noté")

    def _slot_of(label: str) -> int:
        message = next(m for m in reversed(api.messages.values()) if "reply_markup" in m)
        found = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
        data = next(b for b in found if b["text"] == label)["callback_data"]
        return SlotChoice.unpack(data).slot_id

    application, api = _offline(database_url)
    try:
        output = _typed(application, api, camille)
    finally:
        engine.dispose()

    assert "ce créneau est complet" in output
    assert "📝 C'est noté : vous êtes n°1 sur la liste d'attente." in output


def test_a_typed_answer_not_understood_leaves_the_buttons_pressable(database_url):
    def camille(screen: Screen) -> Iterator[str]:
        yield "/start"
        screen.wait_for("De quoi avez-vous besoin ?")
        yield "2"
        screen.wait_for("Dans quelle commune")
        yield "Moissac"
        screen.wait_for("🏠 Recommencer")
        yield "1"
        screen.wait_for("✅ Oui, je réserve")
        yield "bonjour"
        # Whatever the bot answers, "Oui, je réserve" is still on the screen, under a number.
        shown = screen.wait_for("✅ Oui, je réserve")
        yield _number_of("✅ Oui, je réserve", shown)
        screen.wait_for("C'est réservé")

    output = _typed(*_offline(database_url), camille)

    assert "✅ C'est réservé, Camille !" in output


def test_a_commune_not_found_leaves_the_question_s_buttons_pressable(database_url):
    _chat(database_url, "/start\n2\nMoissac\n")

    def camille(screen: Screen) -> Iterator[str]:
        yield "/start"
        screen.wait_for("De quoi avez-vous besoin ?")
        yield "2"
        screen.wait_for("Toujours à Moissac ?")
        yield "xyzzyq"
        shown = screen.wait_for("✅ Oui, Moissac")
        yield _number_of("✅ Oui, Moissac", shown)
        screen.wait_for("Voici l'aide la plus proche")

    output = _typed(*_offline(database_url), camille)
    after = output[output.rindex("> xyzzyq") :]

    assert "Je ne trouve pas de commune « xyzzyq »" in after
    assert "Voici l'aide la plus proche pour « 🧾 Impôts en ligne »" in after


def test_a_one_time_reply_keyboard_folds_once_used(database_url):
    output = _chat(database_url, "/start\n2\n2\n")
    after_back = output[output.rindex("> 2") :]

    assert "↩️ Retour" in output
    assert "De quoi avez-vous besoin ?" in after_back
    assert "📍 Partager ma position" not in after_back.split("besoin ?")[-1]


async def test_reply_keyboards_stay_until_removed_and_one_time_ones_fold_after_use(bot):
    martine = bot.resident("Martine")
    telegram = bot.application.bot
    one_time = ReplyKeyboardMarkup([["Oui"], ["Non"]], one_time_keyboard=True)
    await telegram.send_message(martine.user_id, "Venez-vous ?", reply_markup=one_time)
    await telegram.send_message(martine.user_id, "Je patiente.")  # no keyboard: it stays

    assert [b.text for b in martine.choices()] == ["Oui", "Non"]
    await martine.tap(martine.choices()[0])
    assert martine.reply_keyboard_shown() == []  # folded away
    assert [b.text for b in martine.reply_keyboard()] == ["Oui", "Non"]  # yet still there

    lasting = ReplyKeyboardMarkup([["Menu"]])
    await telegram.send_message(martine.user_id, "Voici le menu.", reply_markup=lasting)
    await martine.tap(martine.reply_keyboard_shown()[0])
    assert [b.text for b in martine.reply_keyboard_shown()] == ["Menu"]
    await telegram.send_message(martine.user_id, "Fini.", reply_markup=ReplyKeyboardRemove())
    assert martine.reply_keyboard_shown() == martine.reply_keyboard() == []


def test_a_button_no_longer_on_the_screen_is_said_so(database_url):
    output = _chat(database_url, "/start\n2\n1.2\n")  # the welcome (1) lost its buttons at "2"

    assert "(Ce bouton n'est plus à l'écran.)" in output
    assert "⚠️" not in output


def test_the_welcome_tells_how_to_read_in_the_other_language(fresh_database):
    settings = Settings(token=None, database_url=fresh_database())
    out = io.StringIO()
    run_console(settings, io.StringIO("/start\n"), out, first_name="Emma", language_code="en")
    in_english = out.getvalue()
    in_french = _chat(fresh_database(), "/start\n")

    assert "🇬🇧 In English: /langue" in in_french
    assert "Hello Emma!" in in_english
    assert "🇫🇷 En français : /langue" in in_english
    welcome = in_french[in_french.index("Bonjour") : in_french.index("/langue") + 7]
    assert len(welcome) <= 500


def test_a_coordinator_s_chart_shows_as_an_image_and_its_caption(database_url):
    now = datetime.now(UTC)
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        place = add_structure(session)
        workshop = add_workshop(session, structure_id=place)
        # An hour ago: a day of the last seven, whatever the hour the test runs.
        slot = add_slot(session, workshop_id=workshop, starts_at=now - timedelta(hours=1))
        zoe = ensure_resident(session, telegram_user_id=2, first_name="Zoé", language="fr", now=now)
        book_seat(session, slot_id=slot, resident_id=zoe.id, now=now - timedelta(hours=2))
    engine.dispose()
    settings = Settings(token=None, database_url=database_url, admin_ids=frozenset({1}))
    out = io.StringIO()

    assert run_console(settings, io.StringIO("/stats\n"), out) == 0

    assert re.search(
        r"\[image : stats\.png, 800×\d+\]\n  📊 Inscriptions par thème", out.getvalue()
    )
    assert "🧾 Impôts en ligne : 1" in out.getvalue()

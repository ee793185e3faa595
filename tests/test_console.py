"""`aiguillage chat`: the same conversation in the terminal, scripted line by line."""

import io

from bot.console import run_console
from bot.settings import Settings


def _chat(database_url: str, script: str) -> str:
    settings = Settings(token=None, database_url=database_url)
    out = io.StringIO()
    status = run_console(settings, io.StringIO(script), out, first_name="Camille")
    assert status == 0
    return out.getvalue()


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

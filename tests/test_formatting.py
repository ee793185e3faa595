"""Dates, times and distances in the resident's language and the place's time zone."""

from datetime import UTC, datetime

import pytest

from bot.i18n import load_catalogs
from handlers import formatting
from handlers.context import Tr
from handlers.formatting import MESSAGE_LIMIT, message_pieces
from knowledge.opening import OpeningStatus


@pytest.fixture(scope="module")
def tr() -> dict[str, Tr]:
    return {language: Tr.of(catalog, language) for language, catalog in load_catalogs().items()}


def test_a_workshop_date_in_french_and_english(tr):
    thursday = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)

    assert formatting.when(thursday, "Europe/Paris", tr["fr"]) == "jeudi 3 décembre à 14h00"
    assert formatting.when(thursday, "Europe/Paris", tr["en"]) == "Thursday 3 December at 2:00 PM"
    assert formatting.when_short(thursday, "Europe/Paris", tr["fr"]) == "jeu. 3 déc., 14h00"


def test_the_place_s_time_zone_applies(tr):
    noon_utc = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)

    assert formatting.time_of(noon_utc, "Europe/Paris", tr["fr"]) == "12h00"
    assert formatting.time_of(noon_utc, "Indian/Reunion", tr["fr"]) == "14h00"


def test_distances(tr):
    assert formatting.distance(3.24, tr["fr"]) == "3,2 km"
    assert formatting.distance(3.24, tr["en"]) == "3.2 km"
    assert formatting.distance(30.0, tr["fr"]) == "30 km"
    assert formatting.distance(0.3, tr["fr"]) == "moins de 1 km"


def test_a_place_known_only_by_its_commune_is_never_precisely_far(tr):
    # Its point is its town hall's: a resident of that commune is "in" it, others about so far.
    assert formatting.approximate_distance(0.0, tr["fr"]) == "dans votre commune"
    assert formatting.approximate_distance(3.24, tr["fr"]) == "environ 3 km"
    assert formatting.approximate_distance(12.6, tr["en"]) == "about 13 km"


def test_opening_hours_are_told_relative_to_now(tr):
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # Thursday 10:00 in Paris
    closes = OpeningStatus(is_open=True, next_change=datetime(2026, 12, 3, 16, 0, tzinfo=UTC))
    opens = OpeningStatus(is_open=False, next_change=datetime(2026, 12, 4, 8, 0, tzinfo=UTC))
    monday = OpeningStatus(is_open=False, next_change=datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    paris = {"now": now, "tz": "Europe/Paris", "tr": tr["fr"]}

    assert formatting.opening(closes, **paris) == "🟢 Ouvert, ferme à 17h00"
    assert formatting.opening(opens, **paris) == "🔴 Fermé, ouvre demain à 9h00"
    assert formatting.opening(monday, **paris) == "🔴 Fermé, ouvre lundi 7 décembre à 9h00"
    assert formatting.opening(None, **paris) is None


def test_a_long_message_is_cut_between_lines_into_pieces_telegram_takes():
    lines = [f"  • <b>Participant {n}</b> · Impôts en ligne" for n in range(300)]
    text = "\n".join(lines)

    pieces = message_pieces(text)

    assert len(pieces) > 1 and all(len(piece) <= MESSAGE_LIMIT for piece in pieces)
    assert "\n".join(pieces) == text  # nothing lost, nothing cut inside a line


def test_a_short_message_is_one_piece_and_a_giant_line_is_cut_anyway():
    assert message_pieces("Bonjour !") == ["Bonjour !"]
    assert [len(p) for p in message_pieces("x" * 9000)] == [4000, 4000, 1000]

"""Everyday answers typed for a button or a command, read from the whole message."""

import pytest

from knowledge import everyday_words
from knowledge.everyday_words import Answer, Command, command_in, yes_or_no
from knowledge.gazetteer import load_gazetteer
from knowledge.text import fold


@pytest.mark.parametrize(
    "text",
    [
        "oui", "Oui !", "OUI", "ouiii", "ouais", "wi", "ok", "OK", "okk", "Ok 👍", "👍", "👍🏽",
        "👌", "✅", "d'accord", "D’accord merci beaucoup", "dac", "yes", "Yes please", "yep",
        "oui merci", "oui s'il vous plaît", "euh... oui", "bien sûr", "tout à fait",
        "c'est ça", "oui oui", "ça marche", "pas de souci", "avec plaisir", "of course",
        "Je viens ✅", "je prends la place", "Oui, je réserve",
    ],
)  # fmt: skip
def test_ways_of_saying_yes(text):
    assert yes_or_no(text) is Answer.YES


@pytest.mark.parametrize(
    "text",
    [
        "non", "Non.", "NON", "nooon", "nan", "nn", "no", "nope", "👎", "❌", "non merci",
        "Non merci madame", "euh non", "pas du tout", "non, c'est bon", "no thanks",
        "Non, une autre commune", "je laisse ma place",
    ],
)  # fmt: skip
def test_ways_of_saying_no(text):
    assert yes_or_no(text) is Answer.NO


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "?!", "😀", "merci", "bonjour", "oui non", "ok non", "oui mais à Moissac",
        "Oui, Moissac", "non, Castelsarrasin", "Moissac", "impôts", "je ne sais pas",
        "peut-être", "oui je veux mes impôts", "mes rdv",
    ],
)  # fmt: skip
def test_what_is_not_a_yes_or_a_no(text):
    assert yes_or_no(text) is None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("mes rdv", Command.MY_BOOKINGS),
        ("Mes rendez-vous", Command.MY_BOOKINGS),
        ("mon rendez-vous", Command.MY_BOOKINGS),
        ("mon RDV", Command.MY_BOOKINGS),
        ("annuler mon rendez-vous", Command.MY_BOOKINGS),
        ("Annuler ma réservation", Command.MY_BOOKINGS),
        ("je veux voir mes rdv svp", Command.MY_BOOKINGS),
        ("je ne peux plus venir", Command.MY_BOOKINGS),
        ("je ne peux pas venir", Command.MY_BOOKINGS),
        ("my appointments", Command.MY_BOOKINGS),
        ("aide", Command.HELP),
        ("Aide !", Command.HELP),
        ("help", Command.HELP),
        ("au secours", Command.HELP),
        ("comment ça marche ?", Command.HELP),
        ("stop", Command.CANCEL),
        ("STOP", Command.CANCEL),
        ("annuler", Command.CANCEL),
        ("arrêter", Command.CANCEL),
        ("laisse tomber", Command.CANCEL),
        ("cancel", Command.CANCEL),
    ],
)
def test_everyday_words_for_the_commands(text, command):
    assert command_in(text) is command


@pytest.mark.parametrize(
    "text",
    ["aide pour mes impôts", "j'ai besoin d'aide pour la caf", "rendez-vous", "rdv", "Moissac",
     "oui", "stop arnaque", "annuler mon abonnement internet", ""],
)  # fmt: skip
def test_a_need_or_a_commune_is_no_command(text):
    assert command_in(text) is None


def test_no_word_of_the_lists_is_the_name_of_a_commune():
    # Typed at the commune question, they must mean what they say, not a commune.
    names = {fold(commune.name) for commune in load_gazetteer()}
    lists = ("YES", "NO", "POLITE", "MY_BOOKINGS", "HELP", "CANCEL")
    words = [text for name in lists for text in getattr(everyday_words, name)]
    assert [text for text in words if fold(text) in names] == []

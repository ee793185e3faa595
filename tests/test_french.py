"""French prepositions before a place's name."""

import pytest

from knowledge.french import a, de


@pytest.mark.parametrize(
    ("name", "of", "at"),
    [
        ("Moissac", "de Moissac", "à Moissac"),
        ("Agen", "d'Agen", "à Agen"),
        ("Le Havre", "du Havre", "au Havre"),
        ("Le Mans", "du Mans", "au Mans"),
        ("Les Mureaux", "des Mureaux", "aux Mureaux"),
        ("Les Sables-d'Olonne", "des Sables-d'Olonne", "aux Sables-d'Olonne"),
        ("La Rochelle", "de La Rochelle", "à La Rochelle"),
        ("L'Isle-Jourdain", "de L'Isle-Jourdain", "à L'Isle-Jourdain"),
        ("Sainte-Foy", "de Sainte-Foy", "à Sainte-Foy"),
        ("Épinal", "d'Épinal", "à Épinal"),
        ("Œuilly", "d'Œuilly", "à Œuilly"),
        ("Yvetot", "d'Yvetot", "à Yvetot"),
        ("Y", "d'Y", "à Y"),
        ("Yenne", "de Yenne", "à Yenne"),
        ("Hyères", "d'Hyères", "à Hyères"),
        ("Hénin-Beaumont", "d'Hénin-Beaumont", "à Hénin-Beaumont"),
        ("Haguenau", "de Haguenau", "à Haguenau"),  # an aspirated h: never "d'Haguenau"
        ("Lesparre-Médoc", "de Lesparre-Médoc", "à Lesparre-Médoc"),
        ("Levallois-Perret", "de Levallois-Perret", "à Levallois-Perret"),
    ],
)
def test_de_and_a_contract_the_article_and_elide(name, of, at):
    assert (de(name), a(name)) == (of, at)

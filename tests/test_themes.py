"""The themes: fixed slugs, sound data, and the mapping to the national open data standards."""

from pathlib import Path

from babel.messages.extract import extract_from_file

import knowledge.themes
from knowledge.themes import (
    PRECEDENCE,
    THEMES,
    THEMES_BY_SLUG,
    theme_by_slug,
    themes_for_mednum_services,
)

SLUGS = (
    "courriel", "impots", "caf", "emploi", "sante", "papiers", "retraite", "equipement",
    "securite", "scolarite", "achats",
)  # fmt: skip

# The `services` of the LaMednum "lieux de médiation numérique" standard, as published.
OFFICIAL_MEDNUM_SERVICES = {
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
    "Utilisation sécurisée du numérique",
    "Parentalité et éducation avec le numérique",
    "Loisirs et créations numériques",
    "Compréhension du monde numérique",
    "Accès internet et matériel informatique",
    "Acquisition de matériel informatique à prix solidaire",
}

# The "numerique--" thematiques of the data·inclusion schema v1.
OFFICIAL_DI_THEMATIQUES = {
    "numerique--acceder-a-des-services-en-ligne",
    "numerique--acceder-a-une-connexion-internet",
    "numerique--acquerir-un-equipement",
    "numerique--maitriser-les-fondamentaux-du-numerique",
}


def test_slugs_are_fixed_and_in_display_order():
    assert tuple(theme.slug for theme in THEMES) == SLUGS


def test_every_slug_is_present_once():
    slugs = [theme.slug for theme in THEMES]
    assert len(slugs) == len(set(slugs))
    assert set(THEMES_BY_SLUG) == set(slugs)


def test_every_theme_has_its_words_and_labels():
    for theme in THEMES:
        assert theme.label.strip(), theme.slug
        assert theme.description.strip(), theme.slug
        assert theme.what_to_bring.strip(), theme.slug
        assert theme.emoji.strip(), theme.slug
        assert len(theme.synonyms) >= 10, theme.slug
        assert theme.hints, theme.slug
        assert len(theme.phrasings) >= 3, theme.slug
        assert all(text.strip() for text in (*theme.synonyms, *theme.hints, *theme.phrasings))


def test_labels_are_distinct():
    labels = [theme.label for theme in THEMES]
    assert len(labels) == len(set(labels))


def test_mednum_services_are_the_official_strings():
    for theme in THEMES:
        assert theme.mednum_services, theme.slug
        assert set(theme.mednum_services) <= OFFICIAL_MEDNUM_SERVICES, theme.slug
    assert set(knowledge.themes.MEDNUM_SERVICES) == OFFICIAL_MEDNUM_SERVICES


def test_every_official_service_leads_to_some_theme():
    for service in OFFICIAL_MEDNUM_SERVICES:
        assert themes_for_mednum_services([service]), service


def test_data_inclusion_thematiques_are_numerique_slugs_of_the_schema():
    for theme in THEMES:
        assert theme.dinum_thematiques, theme.slug
        for thematique in theme.dinum_thematiques:
            assert thematique.startswith("numerique--")
            assert thematique in OFFICIAL_DI_THEMATIQUES


def test_theme_by_slug():
    impots = theme_by_slug("impots")
    assert impots is not None
    assert impots.label == "Impôts en ligne"
    assert theme_by_slug("pizza") is None


def test_administrative_help_serves_the_procedures():
    assert themes_for_mednum_services(["Aide aux démarches administratives"]) == {
        "impots", "caf", "sante", "papiers", "retraite",
    }  # fmt: skip


def test_services_of_a_place_combine():
    services = "Insertion professionnelle via le numérique|Utilisation sécurisée du numérique"
    assert themes_for_mednum_services(services.split("|")) == {"emploi", "securite"}
    # As the standard's CSV field holds them, in one string.
    assert themes_for_mednum_services(services) == {"emploi", "securite"}


def test_services_are_read_whatever_the_accents_case_and_spacing():
    assert themes_for_mednum_services(["  comprehension du monde  NUMERIQUE "]) == {"securite"}
    assert themes_for_mednum_services(["Parentalité et éducation avec le numérique"]) == {
        "scolarite"
    }


def test_unknown_services_are_ignored():
    assert themes_for_mednum_services(["Cours de cuisine", ""]) == set()
    assert themes_for_mednum_services([]) == set()


def test_precedence_orders_every_theme_once():
    assert sorted(PRECEDENCE) == sorted(SLUGS)


def test_labels_descriptions_and_what_to_bring_are_extracted_for_translation():
    path = Path(knowledge.themes.__file__)
    extracted = {
        message for _, message, _, _ in extract_from_file("python", path, keywords={"N_": None})
    }
    for theme in THEMES:
        assert {theme.label, theme.description, theme.what_to_bring} <= extracted, theme.slug

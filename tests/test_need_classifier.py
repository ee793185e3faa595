"""The need classifier on messages as residents write them.

The evaluation set, tests/data/needs_eval.tsv, holds hand-written messages (text, tab, expected
slug or nothing for "not a need"); each message also comes back in generated variants: without
accents, in capitals, in SMS spelling and with typos. The figures are printed; the floors are
asserted.
"""

import random
import re
import unicodedata
from collections import Counter
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from knowledge.need_classifier import NeedClassifier, NeedMatch
from knowledge.text import fold
from knowledge.themes import THEMES

EVAL_FILE = Path(__file__).parent / "data" / "needs_eval.tsv"


def read_eval_set() -> list[tuple[str, str | None]]:
    rows = []
    for line in EVAL_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        text, slug = line.split("\t")
        rows.append((text, slug or None))
    return rows


EVAL_SET = read_eval_set()
NEEDS = [(text, slug) for text, slug in EVAL_SET if slug]
NON_NEEDS = [text for text, slug in EVAL_SET if slug is None]


def strip_accents(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


# How residents abbreviate in text messages; applied in this order, on whole words.
SMS_SPELLINGS = (
    (r"je n'arrive pas", "jarrive pa"),
    (r"j'arrive pas", "jarrive pa"),
    (r"je ne sais pas", "jsp"),
    (r"je sais pas", "jsp"),
    (r"je suis", "chui"),
    (r"qu'est-ce que", "keske"),
    (r"est-ce que", "esque"),
    (r"c'est", "c"),
    (r"j'ai", "jai"),
    (r"pas", "pa"),
    (r"quoi", "koi"),
    (r"pourquoi", "pk"),
    (r"comment", "cmt"),
    (r"problème", "pb"),
    (r"beaucoup", "bcp"),
    (r"pour", "pr"),
    (r"rendez-vous", "rdv"),
    (r"téléphone", "tel"),
    (r"message", "msg"),
    (r"maintenant", "mtn"),
    (r"aujourd'hui", "auj"),
    (r"vous", "vs"),
    (r"dans", "ds"),
    (r"avec", "ac"),
    (r"toujours", "tjr"),
    (r"quelqu'un", "qqn"),
    (r"quand", "qd"),
)


def sms(text: str) -> str:
    text = text.lower()
    for spelling, short in SMS_SPELLINGS:
        text = re.sub(rf"(?<!\w){spelling}(?!\w)", short, text)
    return strip_accents(text).rstrip(" ?!.")


def typo(text: str, rng: random.Random) -> str:
    """One slip of the finger in one word of five letters or more: a letter dropped, two
    letters swapped or a letter doubled."""
    words = text.split(" ")
    candidates = [i for i, word in enumerate(words) if sum(c.isalpha() for c in word) >= 5]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("deletion", "transposition", "duplication"))
    if kind == "deletion":
        word = word[:at] + word[at + 1 :]
    elif kind == "transposition":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        word = word[:at] + word[at] + word[at:]
    words[i] = word
    return " ".join(words)


def variants(text: str) -> dict[str, str]:
    """The generated spellings of one message, the same at every run (seeded by the text)."""
    rng = random.Random(text)
    return {
        "sans accents": strip_accents(text),
        "majuscules": text.upper(),
        "sms": sms(text),
        "faute 1": typo(text, rng),
        "faute 2": typo(text, rng),
    }


@pytest.fixture(scope="module")
def classifier() -> NeedClassifier:
    return NeedClassifier.from_themes(THEMES)


def accuracy(classifier: NeedClassifier, cases: list[tuple[str, str | None]]) -> float:
    hits = 0
    for text, slug in cases:
        match = classifier.classify(text)
        hits += (match.theme if match else None) == slug
    return hits / len(cases)


def test_evaluation_set_is_large_and_covers_every_theme():
    per_theme = Counter(slug for _, slug in NEEDS)
    assert len(NEEDS) >= 250
    assert len(NON_NEEDS) >= 60
    assert set(per_theme) == {theme.slug for theme in THEMES}
    assert min(per_theme.values()) >= 20


def test_evaluation_set_is_not_the_classifier_word_lists():
    own = {
        fold(text) for theme in THEMES for text in (*theme.synonyms, *theme.hints, *theme.phrasings)
    }
    copies = [text for text, _ in EVAL_SET if text and fold(text) in own]
    assert copies == []


def test_hand_written_needs_find_their_theme(classifier, report):
    score = accuracy(classifier, NEEDS)
    report(f"besoins écrits à la main : {score:.1%} de {len(NEEDS)}")
    assert score >= 0.90


def test_generated_variants_find_their_theme(classifier, report):
    by_kind: dict[str, list[tuple[str, str | None]]] = {}
    for text, slug in NEEDS:
        for kind, variant in variants(text).items():
            by_kind.setdefault(kind, []).append((variant, slug))
    for kind, cases in by_kind.items():
        report(f"variantes « {kind} » : {accuracy(classifier, cases):.1%} de {len(cases)}")
    everything = [case for cases in by_kind.values() for case in cases]
    score = accuracy(classifier, everything)
    report(f"toutes les variantes : {score:.1%} de {len(everything)}")
    assert score >= 0.90


def test_overall_top1_accuracy_on_needs(classifier, report):
    cases = list(NEEDS)
    for text, slug in NEEDS:
        cases.extend((variant, slug) for variant in variants(text).values())
    score = accuracy(classifier, cases)
    report(f"précision top-1 globale : {score:.1%} de {len(cases)}")
    assert score >= 0.90


def test_every_theme_is_recognised_most_of_the_time(classifier):
    for theme in THEMES:
        cases = [(text, slug) for text, slug in NEEDS if slug == theme.slug]
        assert accuracy(classifier, cases) >= 0.80, theme.slug


def test_non_needs_get_no_theme(classifier, report):
    cases = [(text, None) for text in NON_NEEDS]
    score = accuracy(classifier, cases)
    report(f"non-besoins sans thème : {score:.1%} de {len(cases)}")
    assert score >= 0.90


def test_non_needs_stay_none_when_misspelt(classifier, report):
    cases = [(v, None) for text in NON_NEEDS for v in variants(text).values()]
    score = accuracy(classifier, cases)
    report(f"non-besoins, variantes : {score:.1%} de {len(cases)}")
    assert score >= 0.90


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("impot", "impots"),
        ("impôts", "impots"),
        ("declaration de revenu", "impots"),
        ("jarrive pa a declaré mes impot", "impots"),
        ("ma caf", "caf"),
        ("aide au logement", "caf"),
        ("pole emploi", "emploi"),
        ("france travail", "emploi"),
        ("carte vitale", "sante"),
        ("doctolib", "sante"),
        ("pb avec ameli", "sante"),
        ("passeport", "papiers"),
        ("permis de conduire", "papiers"),
        ("carte grise", "papiers"),
        ("titre de sejour", "papiers"),
        ("franceconnect", "papiers"),
        ("retraite", "retraite"),
        ("ma tablette", "equipement"),
        ("wifi", "equipement"),
        ("imprimer", "equipement"),
        ("arnaque", "securite"),
        ("mot de passe", "securite"),
        ("mot de passe oublié", "securite"),
        ("piratage", "securite"),
        ("pronote", "scolarite"),
        ("parcoursup", "scolarite"),
        ("leboncoin", "achats"),
        ("vinted", "achats"),
        ("banque en ligne", "achats"),
        ("mail", "courriel"),
        ("gmail", "courriel"),
        ("boite mail", "courriel"),
        ("courriel", "courriel"),
    ],
)
def test_the_words_residents_use(classifier, text, slug):
    match = classifier.classify(text)
    assert match is not None and match.theme == slug


SMALL_TALK = ("bonjour", "merci", "je veux une pizza", "quel temps fait-il", "", " ", "?!", "😀👍")


@pytest.mark.parametrize("text", [*SMALL_TALK, "ah bon", "hein ?"])
def test_small_talk_is_not_a_need(classifier, text):
    assert classifier.classify(text) is None


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("IMPÔTS", "impots"),
        ("imptos", "impots"),
        ("imppots", "impots"),
        ("caff", "caf"),
        ("carte vital", "sante"),
        ("motdepasse", "securite"),
        ("mot 2 pase", "securite"),
        ("cartegrise", "papiers"),
        ("J’ai oublié mon MDP", "securite"),
        ("parcour sup", "scolarite"),
    ],
)
def test_typos_glued_words_and_sms_spelling(classifier, text, slug):
    match = classifier.classify(text)
    assert match is not None and match.theme == slug


def test_a_lone_hint_is_not_enough_but_two_are(classifier):
    assert classifier.classify("je dois déclarer") is None
    match = classifier.classify("je dois déclarer mon salaire")
    assert match is not None and match.theme == "impots"


def test_the_procedure_wins_over_the_tool_used_for_it(classifier):
    assert classifier.classify("je dois écrire à la caf par mail").theme == "caf"
    assert classifier.classify("mot de passe ameli").theme == "sante"
    assert classifier.classify("une arnaque sur leboncoin").theme == "securite"


def test_each_theme_recognises_its_own_phrasings(classifier):
    for theme in THEMES:
        for phrasing in theme.phrasings:
            match = classifier.classify(phrasing)
            assert match is not None and match.theme == theme.slug, phrasing


def test_match_is_a_frozen_value(classifier):
    match = classifier.classify("carte vitale")
    assert match == NeedMatch(theme="sante", score=2.0)
    with pytest.raises(FrozenInstanceError):
        match.theme = "impots"


def test_a_higher_cutoff_turns_weak_evidence_into_none():
    strict = NeedClassifier.from_themes(THEMES, score_cutoff=2.5)
    assert strict.classify("carte vitale") is None
    assert strict.classify("carte vitale et compte ameli").theme == "sante"


def test_normalize_folds_what_phones_type():
    assert fold("J’ai oublié l'MDP !") == "j ai oublie l mdp"
    assert fold("Œuvre  d'ÉTÉ — Pôle-Emploi…") == "oeuvre d ete pole emploi"
    assert fold("😀 ?!") == ""


# Residents who write in English, five phrasings or more per theme; and in text-message French,
# three or more per theme ("jveux", "stp", "kaf", "pol emploi", "arnak", "portabl"…).
ENGLISH = {
    "courriel": [
        "I can't open my emails",
        "how do I send an email with a photo",
        "I need an email address",
        "help with my email",
        "my inbox is full of junk mail",
        "how to attach a file to an email",
    ],
    "impots": [
        "I need help with my taxes",
        "how do I file my tax return",
        "I lost my tax number",
        "help with income tax",
        "property tax online",
        "I got a letter from the tax office",
    ],
    "caf": [
        "CAF benefits",
        "I need help with housing benefit",
        "my family allowance did not arrive",
        "how to apply for child benefit",
        "welfare benefits application",
        "help with my benefits claim",
    ],
    "emploi": [
        "job search",
        "I need help writing my resume",
        "how to register as unemployed",
        "looking for a job",
        "help with a cover letter",
        "I have a job interview",
    ],
    "sante": [
        "health insurance card",
        "how do I book a doctor appointment online",
        "I lost my health card",
        "help with my health insurance account",
        "I need a doctor",
        "sick leave paperwork",
    ],
    "papiers": [
        "my ID card renewal",
        "I need to renew my passport",
        "driving licence online",
        "residence permit application",
        "car registration document",
        "birth certificate request",
    ],
    "retraite": [
        "help with my pension",
        "I want to apply for my retirement",
        "my pension payment is late",
        "how to claim my state pension",
        "I am retiring next year",
        "retirement pension statement",
    ],
    "equipement": [
        "how do I use my smartphone",
        "my computer is very slow",
        "I need help with my tablet",
        "the wifi does not work",
        "how to install an app on my phone",
        "I want to print a document",
    ],
    "securite": [
        "I got a scam text message",
        "my account was hacked",
        "I forgot my password",
        "is this website a scam",
        "I think I have a virus on my computer",
        "suspicious email asking for my bank details",
    ],
    "scolarite": [
        "I can't see my son's grades online",
        "help with school registration",
        "how to pay the school canteen online",
        "my daughter applies to university",
        "homework app for school",
        "school online portal",
    ],
    "achats": [
        "online shopping",
        "how do I pay online safely",
        "I need help with online banking",
        "how to make a bank transfer",
        "buy a train ticket online",
        "my parcel did not arrive",
    ],
}
SMS_STYLE = {
    "courriel": [
        "jarrive pa a lire mes mel",
        "mon mail march pu",
        "cmt envoyer 1 mail stp",
        "jveux creer 1 adresse mél",
    ],
    "impots": [
        "jveux declarer mes impots stp",
        "pb impo",
        "mes impot svp",
        "jcomprend rien a ma declar d impot",
    ],
    "caf": [
        "pb kaf",
        "mes alloc c pa arrivé",
        "jveux fer ma demande apl stp",
        "kaf rsa jcomprend pa",
    ],
    "emploi": [
        "pol emploi",
        "jdois mactualisé sur pol emploi",
        "jcherche du taf",
        "fo ke jfasse mon cv stp",
    ],
    "sante": [
        "pb sécu",
        "jai perdu ma cart vital",
        "mon compte ameli march pa",
        "rdv doctolib stp",
    ],
    "papiers": [
        "jdoi refaire ma cni",
        "pb carte grise stp",
        "mon titr de sejour",
        "jveux refaire mon passport",
    ],
    "retraite": [
        "ma retraitte",
        "jtouche pa ma pansion",
        "pb carsat stp",
        "jveux partir a la retraite",
    ],
    "equipement": [
        "mon portabl marche pu",
        "jsais pa me servir de mon tel",
        "pb wifi stp",
        "ma tablete bug",
    ],
    "securite": [
        "jme sui fait arnak",
        "jai oublié mon mdp",
        "on ma piraté mon fb",
        "sms arnak colis",
    ],
    "scolarite": [
        "pb pronot",
        "jarrive pa sur l ent",
        "parcoursup jcomprend rien",
        "les note de mon fils sur pronote",
    ],
    "achats": [
        "jveux vendre sur vinted",
        "pb virement banq",
        "jsais pa payé en ligne",
        "mon coli est pa arrivé",
    ],
}


def test_the_tables_cover_every_theme():
    themes = {theme.slug for theme in THEMES}
    assert set(ENGLISH) == set(SMS_STYLE) == themes
    assert min(map(len, ENGLISH.values())) >= 5
    assert min(map(len, SMS_STYLE.values())) >= 3


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (text, slug)
        for table in (ENGLISH, SMS_STYLE)
        for slug, texts in table.items()
        for text in texts
    ],
)
def test_english_and_text_message_phrasings_find_their_theme(classifier, text, slug):
    match = classifier.classify(text)
    assert match is not None and match.theme == slug


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "thank you",
        "how are you",
        "do you speak english",
        "I need help",
        "my dog is sick",
        "I want to book a table at the restaurant",
        "order a pizza",
        "ok",
        "yes please",
    ],
)
def test_english_small_talk_is_not_a_need(classifier, text):
    assert classifier.classify(text) is None

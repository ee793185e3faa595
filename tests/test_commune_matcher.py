"""What residents type for their commune, and what the matcher makes of it."""

import pytest
from commune_queries import misspelled_queries
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge import commune_matcher
from knowledge.commune_matcher import (
    MAX_TEXT_CHARS,
    MAX_WORDS,
    CommuneMatcher,
    name_windows,
    normalize_query,
)
from knowledge.gazetteer import load_gazetteer
from knowledge.text import fold

SERVED = ("82", "47", "17", "48")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def matcher(gazetteer):
    return CommuneMatcher(gazetteer)


def best(matcher, text, territory=SERVED):
    found = matcher.find(text, territory=territory)
    return found[0].insee if found else None


@pytest.mark.parametrize(
    ("typed", "insee"),
    [
        ("castelsarazin", "82033"),
        ("Castelsarrasin", "82033"),
        ("moisac", "82112"),
        ("MOISSAC", "82112"),
        ("montoban", "82121"),
        ("st nicolas de la grave", "82169"),
        ("Saint Nicolas de la Grave", "82169"),
        ("saint-nicolas-de-la-grave", "82169"),
        ("j'habite à Moissac", "82112"),
        ("J’habite a moissac", "82112"),
        ("mairie de Parisot", "82137"),
        ("je suis à moissac depuis 20 ans", "82112"),
        ("villeneuve s/ lot", "47323"),
        ("villeneuve sur lot", "47323"),
        ("Mende", "48095"),
        ("la rochelle", "17300"),
        ("rochelle", "17300"),
        ("l hay les roses", "94038"),
        ("Moissac 82200", "82112"),
        ("82100 castelsarrasin", "82033"),
        ("Parisot (81)", "81202"),
        ("parisot 82", "82137"),
        ("Paris 15e", "75115"),
        ("paris 15", "75115"),
        ("75015", "75115"),
        ("Lyon 3ème", "69383"),
        ("marseille 8e arrondissement", "13208"),
        ("Saint-Bois", "01015"),  # a former commune, now part of Arboys en Bugey
        ("ajaccio", "2A004"),
        ("saint denis 974", "97411"),
        ("Villeneuve/Lot", "47323"),
        ("Moissac Tarn-et-Garonne", "82112"),
        ("beaulieu cantal", "15020"),
        ("mende lozère", "48095"),
    ],
)
def test_resident_spellings_reach_the_right_commune(matcher, typed, insee):
    assert best(matcher, typed) == insee


@pytest.mark.parametrize(
    "typed",
    [
        "bonjour", "merci", "oui", "je ne sais pas", "je veux une pizza", "pizza", "banque",
        "ameli", "la poste", "mot de passe", "j'ai besoin d'aide", "???", "", "   ", "123",
        "🙂", "au revoir", "carte vitale", "pole emploi", "ma fille", "00000", "99999 paris",
    ],
)  # fmt: skip
def test_what_is_no_commune_gets_no_candidate(matcher, typed):
    assert matcher.find(typed, territory=SERVED) == []


def test_a_postal_code_alone_offers_every_commune_it_serves(matcher, gazetteer):
    found = matcher.find("82200", limit=20)
    assert {c.insee for c in found} == {c.insee for c in gazetteer.by_postal_code("82200")}
    assert len(found) > 1 and all(c.ambiguous for c in found)
    assert found[0].insee == "82112"  # the most populous first


def test_homonyms_are_flagged_unless_the_territory_settles_it(matcher):
    anywhere = matcher.find("Parisot")
    assert {c.insee for c in anywhere[:2]} == {"82137", "81202"}
    assert anywhere[0].ambiguous and anywhere[1].ambiguous
    served = matcher.find("Parisot", territory=["82"])
    assert served[0].insee == "82137" and not served[0].ambiguous
    # the rest of France is still offered, just after
    assert "81202" in {c.insee for c in served}


def test_served_communes_rank_first_without_hiding_a_better_match(matcher):
    assert best(matcher, "castelsarazin", territory=["82"]) == "82033"
    assert best(matcher, "castelsarazin", territory=["40"]) == "40074"
    # an exact name elsewhere still beats a misspelt served one
    assert best(matcher, "Montauban-de-Bretagne", territory=["82"]) == "35184"


def test_candidates_carry_what_a_button_needs(matcher):
    (moissac,) = matcher.find("Moissac", limit=1)
    assert (moissac.insee, moissac.name, moissac.department) == ("82112", "Moissac", "82")
    assert moissac.score == 100.0 and not moissac.ambiguous


def test_generated_misspellings_are_resolved(matcher, gazetteer, report):
    """Hundreds of real names misspelt as residents do, drawn as residents are (by population)."""
    queries = misspelled_queries(gazetteer, 1000, seed=82)
    right = sum(best(matcher, q.text, territory=()) == q.insee for q in queries)
    report(f"communes, fautes générées (par population) : {right / len(queries):.1%}")
    assert right / len(queries) >= 0.97


def test_generated_misspellings_of_small_villages_mostly_resolve(matcher, gazetteer, report):
    """The same errors on communes drawn uniformly: small villages share more near-names."""
    queries = misspelled_queries(gazetteer, 500, seed=47, by_population=False)
    right = sum(best(matcher, q.text, territory=()) == q.insee for q in queries)
    report(f"communes, fautes générées (uniforme) : {right / len(queries):.1%}")
    assert right / len(queries) >= 0.93


# The longest messages Telegram accepts (4,096 characters), typed at the commune step.
LONGEST_MESSAGES = ["moissac " * 512, "zq " * 1365, "z " * 2048]


@pytest.mark.parametrize("typed", LONGEST_MESSAGES)
def test_the_longest_message_gets_an_answer_or_none(matcher, typed):
    found = matcher.find(typed, territory=SERVED)
    assert found == [] or found[0].insee == "82112"


@pytest.mark.parametrize("typed", LONGEST_MESSAGES)
def test_only_the_start_of_a_long_message_is_read(typed):
    query = normalize_query(typed)
    assert len(query) <= MAX_TEXT_CHARS and len(query.split()) <= MAX_WORDS
    # what is past the cap changes nothing
    assert query == normalize_query(typed[:MAX_TEXT_CHARS]) == normalize_query(typed * 10)


def test_name_windows_grow_linearly_with_the_words():
    for count in (1, 10, 100, 2048):
        words = ["moissac"] * count
        assert len(name_windows(words, 8)) <= 8 * count
    # none longer than the longest name, and never the whole query again
    windows = name_windows("je suis a moissac depuis vingt ans".split(), 3)
    assert max(len(window.split()) for window in windows) == 3
    assert "moissac depuis vingt" in windows and "moissac" in windows


@pytest.mark.parametrize("typed", LONGEST_MESSAGES)
def test_a_long_message_costs_what_its_first_words_cost(matcher, monkeypatch, typed):
    """Counts the work, not the time: the name windows looked up and the names compared."""
    work = {"windows": 0, "compared": 0}
    windows, extract = commune_matcher.name_windows, commune_matcher.process.extract

    def counted_windows(words, longest):
        found = windows(words, longest)
        work["windows"] += len(found)
        return found

    def counted_extract(query, choices, **kwargs):
        work["compared"] += len(choices)
        return extract(query, choices, **kwargs)

    monkeypatch.setattr(commune_matcher, "name_windows", counted_windows)
    monkeypatch.setattr(commune_matcher.process, "extract", counted_extract)

    def cost(text):
        work.update(windows=0, compared=0)
        answer = matcher.find(text, territory=SERVED)
        return answer, dict(work)

    first_words = " ".join(typed.split()[:MAX_WORDS])
    assert cost(typed) == cost(first_words)
    assert cost(typed)[1]["windows"] <= MAX_WORDS * 8


@pytest.mark.parametrize(
    "typed",
    [
        "Moissac" + "!" * 4089,
        "J'habite à Moissac" + " 🙂" * 2039,
        "Moissac, 82200" + " ?" * 2041,
    ],
)
def test_a_long_message_that_starts_with_a_commune_finds_it(matcher, typed):
    assert best(matcher, typed) == "82112"


def test_the_longest_name_fits_in_what_is_read(matcher):
    typed = "Bonjour, j'habite à Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson 51290 (51) merci"
    assert best(matcher, typed) == "51513"


def test_a_word_cut_by_the_cap_is_dropped():
    assert normalize_query("a" * (MAX_TEXT_CHARS - 5) + " moissac") == "a" * (MAX_TEXT_CHARS - 5)


@pytest.mark.parametrize(
    "typed", ["Moissac", "j'habite à Moissac", "moisac", "Moissac 82200", "Agen"]
)
def test_a_sure_answer_in_the_territory_goes_straight_on(matcher, typed):
    (first, *_) = matcher.find(typed, territory=SERVED)
    assert first.insee in ("82112", "47001") and first.confident


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("hi", "three letters or fewer (sounds like Y, in the Somme)"),
        ("<b>hi", "markup"),
        ("*moissac*", "markup"),
        ("castel", "one letter from Casteil, outside the territory"),
        ("Montauban-de-Bretagne", "exact, but outside the territory"),
        ("castelsarazin", "two letters off"),
        ("je suis à moissac depuis 20 ans", "a name among other words"),
        ("82200", "a postal code serves several communes"),
        ("Parisot", "homonyms, none served"),
    ],
)
def test_what_is_not_sure_is_asked_first(matcher, typed, why):
    territory = () if typed == "Parisot" else SERVED
    found = matcher.find(typed, territory=territory)
    assert found and not any(candidate.confident for candidate in found), why


def test_the_territory_settles_homonyms_with_confidence(matcher):
    first, second, *_ = matcher.find("Parisot", territory=["82"])
    assert first.insee == "82137" and first.confident and not second.confident


def test_villeneuve_sur_lot_is_not_read_as_a_villeneuve_in_the_lot(matcher):
    assert best(matcher, "villeneuve sur lot") == "47323"


def test_the_letter_filter_never_drops_a_name_within_reach(matcher, gazetteer):
    """Every name the full scan finds within the typo budget passes the filter that spares it."""
    for query in misspelled_queries(gazetteer, 300, seed=5, by_population=False):
        typed = fold(normalize_query(query.text)).replace(" ", "")
        if len(typed) < 4:
            continue
        budget = 1 + len(typed) // 6
        for length in range(len(typed) - budget, len(typed) + budget + 1):
            names, _ = matcher._spelled.get(length, ((), ()))
            within = {
                position
                for _, _, position in process.extract(
                    typed, names, scorer=OSA.distance, processor=None, score_cutoff=budget,
                    limit=None,
                )
            }  # fmt: skip
            kept = commune_matcher._within_reach(
                typed, budget, length, len(names), matcher._spelled_letters
            )
            assert within <= set(kept), (typed, length)


@pytest.mark.parametrize(
    ("typed", "insee"),
    [
        ("Beaulieu (Cantal)", "15020"),
        ("beaulieu cantal", "15020"),
        ("Beaulieu 15", "15020"),
        ("Villeneuve-sur-Lot, Lot-et-Garonne", "47323"),
    ],
)
def test_a_department_the_resident_names_is_as_sure_as_a_served_one(matcher, typed, insee):
    (first, *_) = matcher.find(typed, territory=["82"])
    assert first.insee == insee and first.confident


def test_a_former_commune_s_name_says_which_former_commune(matcher):
    found = {c.insee: c.former for c in matcher.find("Beaulieu", limit=20)}
    assert len(found) == 11
    assert found.pop("14061") == "14052"  # Beaulieu, now in Souleuvre en Bocage
    assert set(found.values()) == {None}


@pytest.mark.parametrize(
    ("typed", "code"),
    [("cantal", "15"), ("(Cantal)", "15"), ("15", "15"), ("tarn et garonne", "82"),
     ("2a", "2A"), ("Beaulieu", None), ("99", None)],
)  # fmt: skip
def test_a_department_alone_is_recognised(matcher, typed, code):
    assert matcher.department(typed) == code


def test_without_a_territory_the_whole_country_is_served(matcher):
    (first, *_) = matcher.find("Casteil", territory=())
    assert first.insee == "66043" and first.confident
    assert not any(c.confident for c in matcher.find("hi", territory=()))


def test_the_beginning_of_a_served_name_offers_the_served_names_it_begins(matcher):
    found = matcher.find("castel", territory=("82",), limit=5)

    assert [c.name for c in found[:2]] == ["Castelsarrasin", "Castelmayran"]  # most populous
    assert all(c.department == "82" for c in found[:4]) and not found[0].confident
    assert matcher.find("Montauban", territory=("82",))[0].confident  # a whole name: as before
    assert [c.name for c in matcher.find("cas", territory=("82",))][:1] != ["Castelsarrasin"]
    assert matcher.find("castel", territory=())[0].name == "Casteil"  # no territory, no guess

"""Commune resolution: our matcher against rapidfuzz's extractOne(WRatio) over every name."""

import operator
import time

from rapidfuzz import fuzz, process, utils

from benchmarks.table import Row, median_ms, p99_ms, per_call
from knowledge.commune_matcher import CommuneMatcher, normalize_query
from knowledge.gazetteer import read_gazetteer
from knowledge.text import fold
from tests.commune_queries import misspelled_queries

QUERIES = 2000


def run() -> list[Row]:
    start = time.perf_counter()
    gazetteer = read_gazetteer()
    matcher = CommuneMatcher(gazetteer)
    load_s = time.perf_counter() - start

    queries = misspelled_queries(gazetteer, QUERIES, seed=2026)
    # The obvious approach: every name (current and former), one extractOne per query.
    names = [(insee, name) for insee, name, _ in gazetteer.names()]
    names += [(former.commune, former.name) for former in gazetteer.former]
    choices = [name for _, name in names]

    def ours(query):
        found = matcher.find(query.text, limit=1)
        return found[0].insee if found else None

    def baseline(query):
        _, _, index = process.extractOne(
            query.text, choices, scorer=fuzz.WRatio, processor=utils.default_process
        )
        return names[index][0]

    our_times, our_answers = per_call(ours, queries)
    base_times, base_answers = per_call(baseline, queries)
    expected = [query.insee for query in queries]
    our_right = sum(map(operator.eq, our_answers, expected)) / QUERIES * 100
    base_right = sum(map(operator.eq, base_answers, expected)) / QUERIES * 100
    # The same, on the queries that are a misspelt name alone (no "j'habite à", no "svp").
    bare = [i for i, query in enumerate(queries) if normalize_query(query.text) == fold(query.text)]
    our_bare = sum(our_answers[i] == expected[i] for i in bare) / len(bare) * 100
    base_bare = sum(base_answers[i] == expected[i] for i in bare) / len(bare) * 100
    return [
        Row(f"commune, median per query ({QUERIES} misspelt)", median_ms(our_times),
            median_ms(base_times), "ms"),
        Row("commune, p99 per query", p99_ms(our_times), p99_ms(base_times), "ms"),
        Row("commune, top-1 accuracy", our_right, base_right, "%", lower_is_better=False),
        Row(f"commune, top-1 accuracy, name alone ({len(bare)} queries)", our_bare, base_bare,
            "%", lower_is_better=False),
        Row("gazetteer + matcher load, ready to answer", load_s * 1000, None, "ms"),
    ]  # fmt: skip

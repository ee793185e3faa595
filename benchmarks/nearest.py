"""Nearest search over 20,000 synthetic structures: the k-d tree index against a plain loop."""

import heapq
import random

from benchmarks.table import Row, median_ms, p99_ms, per_call
from knowledge.geo import haversine_km
from knowledge.nearest import StructureIndex, StructurePoint
from knowledge.themes import THEMES

STRUCTURES = 20_000
QUERIES = 2_000
RADIUS_KM = 30.0


def run() -> list[Row]:
    rng = random.Random(20_000)
    slugs = [theme.slug for theme in THEMES]

    def somewhere() -> tuple[float, float]:
        return rng.uniform(42.3, 51.0), rng.uniform(-4.7, 8.2)  # metropolitan France's box

    points = [
        StructurePoint(i, *somewhere(), frozenset(rng.sample(slugs, rng.randint(1, 6))))
        for i in range(STRUCTURES)
    ]
    index = StructureIndex(points)
    queries = [(*somewhere(), rng.choice(slugs)) for _ in range(QUERIES)]

    def ours(query):
        lat, lon, theme = query
        return [hit.structure_id for hit in index.nearest(lat, lon, theme=theme, k=3,
                                                          radius_km=RADIUS_KM)]  # fmt: skip

    def baseline(query):
        lat, lon, theme = query
        near = ((haversine_km(lat, lon, p.lat, p.lon), p.id) for p in points if theme in p.themes)
        return [i for d, i in heapq.nsmallest(3, near) if d <= RADIUS_KM]

    our_times, our_answers = per_call(ours, queries)
    base_times, base_answers = per_call(baseline, queries)
    agree = sum(a == b for a, b in zip(our_answers, base_answers, strict=True)) / QUERIES * 100
    return [
        Row(f"nearest 3 of {STRUCTURES:,} for a theme, median", median_ms(our_times),
            median_ms(base_times), "ms"),
        Row("nearest, p99", p99_ms(our_times), p99_ms(base_times), "ms"),
        Row("nearest, same answer as the loop", agree, None, "%", lower_is_better=False),
    ]  # fmt: skip

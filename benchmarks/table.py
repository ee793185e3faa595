"""Timing helpers and the table every benchmark prints."""

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    measure: str
    ours: float
    baseline: float | None
    unit: str
    # True when a smaller figure is better (times); False for rates and accuracies.
    lower_is_better: bool = True

    @property
    def ratio(self) -> str:
        if self.baseline is None or not self.ours or not self.baseline:
            return ""
        gain = self.baseline / self.ours if self.lower_is_better else self.ours / self.baseline
        return f"{gain:.1f}x" if gain >= 10 else f"{gain:.2f}x"


def per_call(function: Callable, inputs: Iterable) -> tuple[list[float], list]:
    """Seconds taken by `function(x)` for each input, and what it returned."""
    times, results = [], []
    for item in inputs:
        start = time.perf_counter()
        results.append(function(item))
        times.append(time.perf_counter() - start)
    return times, results


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def p99_ms(times: list[float]) -> float:
    return sorted(times)[int(0.99 * (len(times) - 1))] * 1000


def _figure(value: float) -> str:
    """A count as a whole number ("50"), a measure with three decimals."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.3f}"


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n## {title}\n")
    print("| measure | ours | baseline | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        baseline = "" if row.baseline is None else f"{_figure(row.baseline)} {row.unit}"
        print(f"| {row.measure} | {_figure(row.ours)} {row.unit} | {baseline} | {row.ratio} |")

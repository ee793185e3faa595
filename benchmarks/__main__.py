"""python -m benchmarks [NAME ...]: run the named benchmarks (default: all), print tables."""

import importlib
import sys

from benchmarks.table import print_table

BENCHMARKS = {
    "communes": "Commune resolution",
    "nearest": "Nearest host structures",
    "journeys": "Residents' journeys on Telegram (offline Bot API)",
    "reminders": "Reminders falling due",
    "places": "Importing the national catalogue of places",
}


def main(names: list[str]) -> int:
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        print_table(BENCHMARKS[name], module.run())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""python -m benchmarks [NAME ...]: run the named benchmarks (default: all but the soak), print
tables."""

import importlib
import sys

from benchmarks.table import print_table

BENCHMARKS = {
    "communes": "Commune resolution",
    "nearest": "Nearest host structures",
    "journeys": "Residents' journeys on Telegram (offline Bot API)",
    "reminders": "Reminders falling due",
    "places": "Importing the national catalogue of places",
    "processes": "Bot processes on one database: bookings and reminder claims per second (ours: "
    "2 PostgreSQL processes, then 1 SQLite; baseline: 1 PostgreSQL process), the race's figures",
    "soak": "Soak: residents' journeys over HTTP (ours: with one resident flooding; baseline: "
    "without)",
}
# Minutes long, and processes of their own: run only when named.
ON_REQUEST = frozenset({"soak", "processes"})


def main(names: list[str]) -> int:
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    for name in names or [name for name in BENCHMARKS if name not in ON_REQUEST]:
        module = importlib.import_module(f"benchmarks.{name}")
        print_table(BENCHMARKS[name], module.run())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

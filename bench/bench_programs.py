"""Time loading, validating and expanding every bundled program; prints a table.

Run: .venv/bin/python bench/bench_programs.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from hamtimer.core.program.catalog import all_programs
from hamtimer.core.program.loader import load_program
from hamtimer.core.session.plan import build_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    print(f"{'program':<22} {'steps':>5} {'median ms':>10} {'p99 ms':>8} {'max ms':>8}")
    for entry in all_programs():
        times = []
        steps = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            plan = build_plan(load_program(entry.path))
            times.append((time.perf_counter() - start) * 1000)
            steps = len(plan.steps)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{entry.name:<22} {steps:>5} {statistics.median(times):>10.3f} {p99:>8.3f} {times[-1]:>8.3f}")


if __name__ == "__main__":
    main()

"""Time what the weeks (issue 20) add to a warm `hamtimer history`, and to today's plan; prints a table.

- generates N sessions (default 2000) with bench_history's generator (15 results each, dated over
  5 years from 2021); today is pinned (HAMTIMER_TODAY) just after the last of them, so the
  calendar's 26 weeks hold sessions; a config.toml sets a weekly target
- warm runs (the history cache built first), interleaved, median of --runs, each as a ratio to
  `hamtimer --version` measured in the same rounds: `history` (the table, no weeks),
  `history --json` (with weeks, streak, days since last), `history --calendar`
- in-process: `work_done()` (the index's per-session facts) and `weeks_of()` over them (the work
  the calendar adds), against `history_report()` from the index; `this_week()` (what a plan reads)

Run: .venv/bin/python bench/bench_weeks.py [--sessions 2000] [--runs 7] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_history import HAMTIMER, generate, run_cli

from hamtimer.core.history.reader import history_report, work_done
from hamtimer.core.training.progression import this_week
from hamtimer.history_weeks import weeks_of, weeks_since

T = TypeVar("T")
TODAY = date(2026, 1, 6)
WARM_LIMIT = 2.0
"""The index issue's budget for a warm history over 2,000 sessions: <= 2x `hamtimer --version`."""


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-weeks-"))
    data, cache, config = work / "data", work / "cache", work / "config"
    config.mkdir()
    (config / "config.toml").write_text("[training]\nper_week = 2\n")
    env = {
        **os.environ,
        "HAMTIMER_DATA_DIR": str(data),
        "HAMTIMER_CACHE_DIR": str(cache),
        "HAMTIMER_CONFIG_DIR": str(config),
        "HAMTIMER_TODAY": TODAY.isoformat(),
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "COLUMNS": "80",
    }
    os.environ.update({k: env[k] for k in ("HAMTIMER_CACHE_DIR", "HAMTIMER_CONFIG_DIR", "HAMTIMER_TODAY")})
    try:
        started = time.perf_counter()
        generate(data, args.sessions, random.Random(20))
        print(f"generated {args.sessions} sessions in {time.perf_counter() - started:.1f} s", flush=True)
        commands = {
            "hamtimer --version": [HAMTIMER, "--version"],
            "history (table)": [HAMTIMER, "history"],
            "history --json (with weeks)": [HAMTIMER, "history", "--json"],
            "history --calendar": [HAMTIMER, "history", "--calendar"],
        }
        for argv in commands.values():  # bytecode compiled, the history cache built
            run_cli(argv, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved: a busy moment slows every command alike
            for name, argv in commands.items():
                times[name].append(run_cli(argv, env)[0])
        reference = statistics.median(times["hamtimer --version"])

        collects, reports, weeks, this = [], [], [], []
        for _ in range(args.runs):
            collects.append(timed(lambda: history_report(data))[0])
            elapsed, done = timed(lambda: work_done(data, weeks_since(TODAY)))
            reports.append(elapsed)
            weeks.append(timed(partial(weeks_of, done, 2, TODAY))[0])
            this.append(timed(lambda: this_week(data, 2, TODAY))[0])
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    rows = []
    for name, values in times.items():
        ratio = statistics.median(values) / reference
        budget = ""
        if name.startswith("history --"):
            budget = f"<= {WARM_LIMIT:g}x  {'ok' if ratio <= WARM_LIMIT else 'OVER'}"
        rows.append((f"{name}, warm", f"{ratio:.2f}x", median_ms(values), budget))
    collect_median = statistics.median(collects)
    rows.append(
        ("  in-process history_report(), index", "1.00x", median_ms(collects), "reference of the rows below")
    )
    for name, values in (
        ("work_done() (the index's facts)", reports),
        ("weeks_of() (calendar)", weeks),
        ("this_week() (a plan)", this),
    ):
        rows.append(
            (
                f"  in-process {name}",
                f"{statistics.median(values) / collect_median:.2f}x",
                median_ms(values),
                "",
            )
        )
    load = os.getloadavg()
    print(f"\nhamtimer weeks benchmark: {args.sessions} sessions, median of {args.runs}, load {load[0]:.2f}")
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "ratio", "absolute (range)", "budget")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print("\nratios: CLI rows against `hamtimer --version`; in-process rows against history_report()")


if __name__ == "__main__":
    main()

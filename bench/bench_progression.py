"""Time today's plan with progression over years of logs: load and validate a ladder program, read
the logs through the history index, derive today's targets, gates and first sides, expand.

- generates N sessions (default 2000) with bench_history's generator (two programs, 15 results
  each, the journal's own format); generation is not measured
- cold: the history index deleted first (every log parsed); warm: the index in place (the case
  that must stay within 50 ms); median and spread over --runs, in-process
- `hamtimer plan --json` as a user runs it (a subprocess, warm index), for the whole picture
  including interpreter start-up, beside `hamtimer --version` as a ratio

Run: .venv/bin/python bench/bench_progression.py [--sessions 2000] [--runs 7] [--keep]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_history import generate

from hamtimer.core.history.sessions import collect
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.plan import Plan
from hamtimer.core.training.progression import plan_today, progress_for

WARM_LIMIT_MS = 50.0
HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))

# The generated logs' exercise names, as a ladder with every kind of rule in it.
LADDER = """\
[program]
name = "Hamstring strength"
side_order = "alternate"
[[block]]
name = "Bridges"
[[block.exercise]]
name = "Double-leg bridge"
hold = "35-45s"
sets = 2
progress = 5
goal = { hold = 60, sessions = 2 }
[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 30
sets = 3
side_order = "weaker-first"
after = "Double-leg bridge"
goal = { hold = 30, sessions = 2 }
[[block]]
name = "Strength"
[[block.exercise]]
name = "Single-leg RDL"
sides = "each"
reps = "8-10"
sets = 3
progress = 1
goal = { reps = 14, sessions = 3 }
[[block.exercise]]
name = "Slider curl"
sides = "each"
reps = 10
sets = 3
after = "Single-leg RDL"
"""


def once(path: Path, data: Path) -> tuple[float, Plan]:
    start = time.perf_counter()
    program = parse_program(path.read_bytes(), str(path))
    plan = plan_today(program, data)
    return time.perf_counter() - start, plan


def spread(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return f"{statistics.median(ms):7.1f} ms  (min {ms[0]:.1f}, max {ms[-1]:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hamtimer-bench-progression-"))
    data, cache = root / "data", root / "cache"
    os.environ["HAMTIMER_CACHE_DIR"] = str(cache)
    program = root / "ladder.toml"
    program.write_text(LADDER, encoding="utf-8")
    try:
        started = time.perf_counter()
        generate(data, args.sessions, random.Random(11))
        made = time.perf_counter() - started
        cold, warm = [], []
        plan: Plan | None = None
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            gc.collect()
            cold.append(once(program, data)[0])
            gc.collect()
            elapsed, plan = once(program, data)
            warm.append(elapsed)
        env = dict(os.environ, HAMTIMER_DATA_DIR=str(data))
        cli = []
        for _ in range(max(3, args.runs // 2)):
            start = time.perf_counter()
            done = subprocess.run(
                [HAMTIMER, "plan", str(program), "--json"], env=env, capture_output=True, check=True
            )
            cli.append(time.perf_counter() - start)
        waiting = json.loads(done.stdout)["waiting"]
        assert plan is not None and plan.progress is not None
        version = []
        for _ in range(max(3, args.runs // 2)):
            start = time.perf_counter()
            subprocess.run([HAMTIMER, "--version"], env=env, capture_output=True, check=True)
            version.append(time.perf_counter() - start)
        full = progress_for(parse_program(LADDER, "x"), collect(data).sessions)
        assert full == plan.progress, "the newest sessions alone must give what every session gives"
        print(f"bench_progression: {args.sessions} sessions generated in {made:.1f} s ({root})")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, median of {args.runs} runs\n")
        print(f"{'measure':<48} {'time':>40}")
        print(f"{'load + validate + progression + expand, cold':<48} {spread(cold):>40}")
        verdict = "ok" if statistics.median(warm) * 1000 <= WARM_LIMIT_MS else "OVER"
        print(
            f"{'load + validate + progression + expand, warm':<48} {spread(warm):>40}  {verdict} (<= 50 ms)"
        )
        ratio = statistics.median(cli) / statistics.median(version)
        print(f"{'hamtimer plan --json (process, warm index)':<48} {spread(cli):>40}  {ratio:.2f}x --version")
        print(f"{'hamtimer --version (the reference)':<48} {spread(version):>40}")
        print()
        for name, found in plan.progress.targets.items():
            print(f"  {name}: target {found.target:g} ({found.why})")
        for name, first in plan.progress.first_sides.items():
            print(f"  {name}: {first.side} first ({first.why})")
        print(f"  waiting: {waiting}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

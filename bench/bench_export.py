"""Time `hamtimer export --fit` over years of session logs; prints a table.

- generates N sessions (default 2000) of the bundled programs, written as the journal writes them
  (SessionLog.dumps, sessions/YYYY-MM-DD/HHMMSS-slug.toml): most with each side's `started_at` and
  the results' `fit`, one in four as an older log without them (spread in time, the FIT exercise
  looked up in the program); a few stopped halfway; generation is timed apart, not measured
- `hamtimer export --fit` as a user runs it (the console script in a subprocess, HAMTIMER_DATA_DIR
  in a temp dir): the first run (every file written), a second (every file kept), and --force
  (every file written again); each as a ratio to `hamtimer --version` of the same run
- what loading a program pays for checking `fit`: importing the generated table of names against
  importing Garmin's SDK (-X importtime, cumulative), both with compiled bytecode

Bytecode: the subprocesses compile into a private PYTHONPYCACHEPREFIX (after a warm-up run), as an
installed hamtimer has its .pyc files.

Run: .venv/bin/python bench/bench_export.py [--sessions 2000] [--runs 1] [--keep]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hamtimer.core.kinds import WorkKind
from hamtimer.core.log.journal import SessionLog, new_session_path
from hamtimer.core.program.catalog import all_programs
from hamtimer.core.session.plan import Plan, WorkStep, build_plan, estimate_seconds
from hamtimer.core.session.results import SideResult

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
TARGET_SECONDS = 60.0
"""Issue 19: 2,000 sessions exported in at most a minute."""


def plans() -> list[tuple[Plan, str]]:
    return [(build_plan(e.load()), e.display) for e in all_programs() if e.origin == "bundled"]


def outcome(step: WorkStep, rng: random.Random) -> SideResult:
    result = SideResult(step)
    work = step.exercise.work
    target = work.bounds.target
    if work.kind is WorkKind.REPS:
        result.reps = max(1, round((target or 10) * rng.uniform(0.7, 1.0)))
    elif work.is_timed:
        result.seconds = round((target or 40.0) * rng.uniform(0.6, 1.0), 1)
    result.difficulty = rng.randint(4, 9) if rng.random() < 0.6 else None
    return result


def generate(data: Path, sessions: int, rng: random.Random) -> int:
    """Write the logs; the number written with started_at."""
    programs = plans()
    newer = 0
    first_day = datetime(2022, 1, 3)
    for day in sorted(rng.randrange(4 * 365) for _ in range(sessions)):
        plan, file = rng.choice(programs)
        moment = first_day + timedelta(days=day, seconds=rng.randrange(6 * 3600, 21 * 3600))
        started = moment.replace(tzinfo=timezone(timedelta(hours=2 if 4 <= moment.month <= 9 else 1)))
        log = SessionLog(plan, file, started=started)
        clock, steps = 0.0, list(plan.steps)
        if rng.random() < 0.04:
            steps = steps[: len(steps) // 2]
            log.status = "stopped"
        else:
            log.status = "completed"
        for step in steps:
            if isinstance(step, WorkStep):
                log.side_starts[step.index] = started + timedelta(seconds=round(clock))
                log.results.append(outcome(step, rng))
            clock += estimate_seconds(step)
        log.ended = started + timedelta(seconds=round(clock))
        text = log.dumps()
        if rng.random() < 0.25:  # an older log: no started_at, no fit
            text = re.sub(rb"(?m)^(started_at|fit) = .*\n", b"", text)
        else:
            newer += 1
        path = new_session_path(data, started, plan.program.name)
        path.write_bytes(text)
    return newer


def run_cli(argv: list[str], env: dict[str, str]) -> tuple[float, str, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.stdout, done.stderr


def import_ms(module: str, env: dict[str, str]) -> float:
    """The cumulative import time of `module` alone (ms), as -X importtime reports it."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(ln for ln in reversed(done.stderr.splitlines()) if ln.rstrip().endswith(f"| {module}"))
    return int(line.split("|")[1]) / 1000


def spread(values: list[float], digits: int = 3) -> str:
    median = f"{statistics.median(values):.{digits}f} s"
    return median if len(values) < 2 else f"{median} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1, help="runs of each export case (median reported)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and print where it is")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-export-"))
    data, out = work / "data", work / "data" / "exports" / "fit"
    env = os.environ | {
        "HAMTIMER_DATA_DIR": str(data),
        "HAMTIMER_CACHE_DIR": str(work / "cache"),
        "HAMTIMER_CONFIG_DIR": str(work / "config"),
        "PYTHONPYCACHEPREFIX": str(work / "pyc"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        started = time.perf_counter()
        newer = generate(data, args.sessions, rng)
        generation = time.perf_counter() - started
        print(f"generated {args.sessions} logs ({newer} with started_at) in {generation:.1f} s", flush=True)
        export = [HAMTIMER, "export", "--fit"]
        run_cli(
            [
                HAMTIMER,
                "export",
                "--fit",
                "--out",
                str(work / "warm-up"),
                str(next(data.glob("sessions/*/*.toml"))),
            ],
            env,
        )
        version = [run_cli([HAMTIMER, "--version"], env)[0] for _ in range(3)]
        first, kept, forced = [], [], []
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            elapsed, stdout, _ = run_cli(export, env)
            first.append(elapsed)
            written = len(stdout.splitlines())
            if written != args.sessions:
                raise SystemExit(f"{written} files written, expected {args.sessions}")
            kept.append(run_cli(export, env)[0])
            forced.append(run_cli([*export, "--force"], env)[0])
        size = sum(p.stat().st_size for p in out.iterdir())
        table_ms = import_ms("hamtimer.core.program.fit_names", env)
        sdk_ms = import_ms("garmin_fit_sdk", env)
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    reference = statistics.median(version)
    per = 1000 / args.sessions
    runs = f"median of {args.runs}" if args.runs > 1 else "1 run"
    rows = [
        ("session logs / FIT files written", f"{args.sessions} / {size / 1e6:.2f} MB", ""),
        ("hamtimer --version (median of 3)", spread(version), "reference"),
        (f"export --fit, every file written ({runs})", spread(first),
         f"{statistics.median(first) / reference:.1f} x --version; <= {TARGET_SECONDS:.0f} s: "
         + ("ok" if statistics.median(first) <= TARGET_SECONDS else "MISSED")),
        ("  per session", f"{statistics.median(first) * per:.2f} ms", ""),
        (f"export --fit again, every file kept ({runs})", spread(kept),
         f"{statistics.median(kept) / reference:.1f} x --version"),
        (f"export --fit --force ({runs})", spread(forced),
         f"{statistics.median(forced) / reference:.1f} x --version"),
        ("  per session", f"{statistics.median(forced) * per:.2f} ms", ""),
        ("import the fit names table / the FIT SDK", f"{table_ms:.2f} / {sdk_ms:.2f} ms",
         f"table {table_ms / sdk_ms:.2f} x the SDK"),
    ]  # fmt: skip
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    when = f"{datetime.now():%Y-%m-%d %H:%M}"
    print(f"\nhamtimer export benchmark, {when}, Python {platform.python_version()}, load average {load}")
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"{'measure':<{widths[0]}}  {'value':<{widths[1]}}  ratio / target")
    for name, value, note in rows:
        print(f"{name:<{widths[0]}}  {value:<{widths[1]}}  {note}".rstrip())


if __name__ == "__main__":
    main()

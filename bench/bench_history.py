"""Time `hamtimer history` over years of session logs, and a save after a side; prints a table.

- generates N sessions (default 2000) of 15 results each, written the way the journal writes them
  (SessionLog.dumps, sessions/YYYY-MM-DD/HHMMSS-slug.toml, 0600 / 0700), dated over ~5 years:
  one-leg holds and reps with left/right tables, a few two-leg exercises, difficulty and flags
  on some sides, two programs that share exercises; generation is timed apart, not measured
- `hamtimer history --json` as a user runs it (the console script in a subprocess, with
  HAMTIMER_DATA_DIR and HAMTIMER_CACHE_DIR in a temp dir): first run (cache deleted), second
  run (cache present), and a run after touching one file (one file parsed again); median of --runs
- the same work in-process, collect() and build_report() apart, to separate start-up from work,
  and one cold collect() with tomllib as the reader (what an install without rtoml gets)
- a save after a side: a Journal saved --saves times as a session of 15 results grows, side by
  side (and after each rating), write_atomic with its fsyncs, on the temp dir's filesystem

--cold drops the OS page cache (root only) before each first run, so the files come from disk.
Bytecode: the subprocesses compile into a private PYTHONPYCACHEPREFIX (after one warm-up run), as
an installed hamtimer has its .pyc files; --bytecode-as-is keeps the environment's own settings
(with PYTHONDONTWRITEBYTECODE=1 and edited sources, every start compiles those modules again).

Run: .venv/bin/python bench/bench_history.py [--sessions 2000] [--runs 3] [--saves 200] [--cold]
                                            [--bytecode-as-is] [--keep]
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import TypeVar

from hamtimer.core.history.report import build_report
from hamtimer.core.history.sessions import collect
from hamtimer.core.kinds import WorkKind
from hamtimer.core.log import logfile
from hamtimer.core.log.journal import Journal, SessionLog, new_session_path
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.marks import Mark
from hamtimer.core.session.plan import Plan, WorkStep, build_plan
from hamtimer.core.session.results import SideResult

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
CACHE_NAME = "history"  # as paths.history_cache_dir names it: a folder, one JSON file per month
T = TypeVar("T")
TARGETS = {"first": 4.0, "second": 0.3, "save_ms": 10.0}

# Two programs of 15 [[result]] tables each that share exercise names (history matches by name).
STRENGTH = """\
[program]
name = "Hamstring strength"
[rest]
between_sides = 30
between_sets = 60

[[block]]
name = "Bridges"
[[block.exercise]]
name = "Double-leg bridge"
hold = 45
sets = 2
checks = ["low-back ache"]
goal = { hold = 45, sessions = 2 }
[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 30
sets = 3
checks = ["hip drop", "cramp"]
goal = { hold = 30, sessions = 2 }

[[block]]
name = "Strength"
loads = ["medium"]
[[block.exercise]]
name = "Single-leg RDL"
sides = "each"
reps = "8-10"
sets = 3
checks = ["balance lost"]
goal = { reps = 10, sessions = 3 }
[[block.exercise]]
name = "Slider curl"
sides = "each"
reps = 10
sets = 3
checks = ["cramp"]
[[block.exercise]]
name = "Nordic curl"
reps = "max"
sets = 2
[[block.exercise]]
name = "Single-leg hip thrust"
sides = "each"
hold = "max"
sets = 2
"""

CIRCUIT = """\
[program]
name = "Runner's circuit"
side_order = "right-first"
[rest]
between_sides = 15
between_rounds = 90

[[block]]
name = "Circuit"
rounds = 3
loads = ["bodyweight", "light", "medium"]
[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 30
checks = ["hip drop", "cramp"]
[[block.exercise]]
name = "Slider curl"
sides = "each"
reps = 10
checks = ["cramp"]
[[block.exercise]]
name = "Single-leg RDL"
sides = "each"
reps = "8-10"
[[block.exercise]]
name = "Copenhagen plank"
sides = "each"
hold = "20-30s"
[[block.exercise]]
name = "Glute bridge march"
reps = 20
"""


def plans() -> list[tuple[Plan, str]]:
    found = []
    for text, file in ((STRENGTH, "programs/hamstring-strength.toml"), (CIRCUIT, "programs/circuit.toml")):
        plan = build_plan(parse_program(text, file))
        tables = {(s.block_number, s.exercise_number, s.round, s.set) for s in plan.work_steps}
        assert len(tables) == 15, f"{file}: {len(tables)} results, expected 15"
        found.append((plan, file))
    return found


def side_result(step: WorkStep, rng: random.Random, progress: float) -> SideResult:
    """A plausible outcome: capacity grows over the years, the right side lags a little."""
    result = SideResult(step)
    work = step.exercise.work
    lag = 0.92 if step.side is not None and step.side.value == "right" else 1.0
    capacity = (0.65 + 0.45 * progress) * lag * rng.uniform(0.85, 1.1)
    target, minimum = work.bounds.target, work.bounds.minimum
    if work.kind is WorkKind.HOLD:
        reached = (target or 40.0) * capacity
        result.seconds = round(min(reached, target) if target else reached, 1)
        result.completed = target is None or reached >= target
    elif work.kind is WorkKind.REPS:
        reached_reps = max(1, int((target or 8) * capacity))
        result.reps = min(reached_reps, int(target)) if target else reached_reps
        result.completed = target is None or result.reps >= (minimum or target)
    if rng.random() < 0.6:
        result.difficulty = rng.randint(5, 10)
    result.flags = [c for c in step.exercise.checks if rng.random() < 0.08]
    if step.side is not None and result.seconds is not None:  # issue 12: some flags were marked
        result.marks = [
            Mark(c, round(rng.uniform(0, result.seconds), 1)) for c in result.flags if rng.random() < 0.5
        ]
    if rng.random() < 0.01:
        result.note = "felt it in the calf"
    return result


def generate(data: Path, sessions: int, rng: random.Random) -> None:
    """Write `sessions` logs dated over ~5 years up to last month, as the journal writes them."""
    programs = plans()
    first_day = datetime(2021, 1, 4)
    span_days = 5 * 365
    days = sorted(rng.randrange(span_days) for _ in range(sessions))
    for number, day in enumerate(days):
        plan, file = programs[0] if rng.random() < 0.7 else programs[1]
        moment = first_day + timedelta(days=day, seconds=rng.randrange(6 * 3600, 21 * 3600))
        offset = timezone(timedelta(hours=2 if 4 <= moment.month <= 9 else 1))
        started = moment.replace(tzinfo=offset)
        log = SessionLog(plan, file, started=started)
        log.results = [side_result(step, rng, number / sessions) for step in plan.work_steps]
        roll = rng.random()
        if roll < 0.94:
            log.status, log.ended = "completed", started + timedelta(seconds=plan.estimated_seconds)
        elif roll < 0.98:
            log.status, log.ended = "stopped", started + timedelta(seconds=plan.estimated_seconds // 2)
        path = new_session_path(data, started, plan.program.name)  # 0700 folders, 0600 file
        path.write_bytes(log.dumps())
        stamp = (log.ended or started).timestamp()
        os.utime(path, (stamp, stamp))


def drop_page_cache() -> str | None:
    """Empty the OS page cache (root only); the reason when it could not be done."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as err:
        return f"{err.strerror or err}"
    return None


def filesystem_of(path: Path) -> str:
    """The type of the filesystem holding `path` (from /proc/self/mountinfo), or "?"."""
    best, kind = "", "?"
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return kind
    target = str(path.resolve())
    for line in lines:
        left, _, right = line.partition(" - ")
        mount = left.split()[4]
        if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
            best, kind = mount, right.split()[0]
    return kind


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def run_cli(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.stdout


def in_process(data: Path, cache_file: Path, parsed: int) -> tuple[float, float]:
    """Seconds for collect() and for build_report(), in this process, on a heap freed first."""
    gc.collect()
    start = time.perf_counter()
    found = collect(data, cache_file)
    collected = time.perf_counter() - start
    assert found.parsed == parsed, f"{found.parsed} files parsed, expected {parsed}"
    start = time.perf_counter()
    build_report(found)
    return collected, time.perf_counter() - start


def reader() -> str:
    """The TOML reader `logfile` uses: rtoml when installed, else tomllib."""
    if logfile.READER == "rtoml":
        return f"rtoml {importlib.metadata.version('rtoml')}"
    return logfile.READER


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def spread(values: list[float], unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    """`median unit` with the range when there was more than one run."""
    median = f"{statistics.median(values) * scale:.{digits}f} {unit}"
    if len(values) < 2:
        return median
    return f"{median} ({min(values) * scale:.{digits}f}-{max(values) * scale:.{digits}f})"


def verdict(value: float, limit: float) -> str:
    return "ok" if value <= limit else "MISSED"


def bench_saves(folder: Path, saves: int, rng: random.Random) -> tuple[list[float], list[float], int]:
    """Seconds per save after a side or a rating, seconds per TOML encoding, and the full log's size."""
    plan, file = plans()[0]
    times: list[float] = []
    encodes: list[float] = []
    size = 0
    day = datetime(2026, 1, 5, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    while len(times) < saves:
        journal = Journal(SessionLog(plan, file, started=day + timedelta(minutes=len(times))), folder)
        if not journal.save():  # the session's start: creates the file, not a save after a side
            raise SystemExit(f"cannot save in {folder}: {journal.error}")
        for step in plan.work_steps:
            result = side_result(step, rng, 0.5)
            difficulty, result.difficulty = result.difficulty, None
            journal.log.results.append(result)
            for _ in range(2 if difficulty is not None else 1):  # the side, then its rating
                elapsed, ok = timed(journal.save)
                if not ok:
                    raise SystemExit(f"save failed: {journal.error}")
                times.append(elapsed)
                encodes.append(timed(journal.log.dumps)[0])
                result.difficulty = difficulty
                if len(times) >= saves:
                    break
            if len(times) >= saves:
                break
        assert journal.path is not None
        size = max(size, journal.path.stat().st_size)
    return times, encodes, size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=2000, help="session logs (15 results each)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each history case (median reported)")
    parser.add_argument("--saves", type=int, default=200, help="journal saves to time")
    parser.add_argument("--cold", action="store_true", help="drop the OS page cache before each first run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--bytecode-as-is", action="store_true", help="no private .pyc cache for the subprocesses"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and print where it is")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-history-"))
    data, cache, cache_here = work / "data", work / "cache", work / "cache-in-process"
    env = os.environ | {"HAMTIMER_DATA_DIR": str(data), "HAMTIMER_CACHE_DIR": str(cache),
                        "HAMTIMER_CONFIG_DIR": str(work / "config")}  # fmt: skip
    bytecode_note = "bytecode as the environment has it"
    if not args.bytecode_as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bytecode_note = "compiled bytecode (private PYTHONPYCACHEPREFIX)"
    try:
        generation, _ = timed(lambda: generate(data, args.sessions, rng))
        files = sorted(data.glob("sessions/*/*.toml"))
        total = sum(p.stat().st_size for p in files)
        print(f"generated {len(files)} files ({total / 1e6:.1f} MB) in {generation:.1f} s", flush=True)

        cold_note = "page cache warm"
        if args.cold:
            failure = drop_page_cache()
            cold_note = f"page cache NOT dropped ({failure})" if failure else "page cache dropped"

        # warm-up: compiles the bytecode (an empty data folder: no cache is written)
        run_cli([HAMTIMER, "history", "--json"], env | {"HAMTIMER_DATA_DIR": str(work / "empty")})
        # start-up alone, to compare with the runs below
        python_start = [run_cli([sys.executable, "-c", "pass"], env)[0] for _ in range(args.runs)]
        version = [run_cli([HAMTIMER, "--version"], env)[0] for _ in range(args.runs)]

        history = [HAMTIMER, "history", "--json"]
        first: list[float] = []
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            if args.cold:
                drop_page_cache()
            elapsed, out = run_cli(history, env)
            first.append(elapsed)
        report = json.loads(out)
        if report["sessions"] != args.sessions or report["skipped"]:
            raise SystemExit(f"unexpected report: {report['sessions']} sessions, skipped {report['skipped']}")
        cache_size = sum(p.stat().st_size for p in (cache / CACHE_NAME).glob("*.json"))
        second = [run_cli(history, env)[0] for _ in range(args.runs)]
        touched: list[float] = []
        for run in range(args.runs):
            path = files[(run * 7919) % len(files)]
            os.utime(path, ns=(time.time_ns(), time.time_ns()))
            touched.append(run_cli(history, env)[0])

        # the same work in-process: collect() (read + summarize, or the cache) and build_report()
        cache_file = cache_here / CACHE_NAME
        without_cache: list[tuple[float, float]] = []
        for _ in range(args.runs):
            shutil.rmtree(cache_here, ignore_errors=True)
            if args.cold:
                drop_page_cache()
            without_cache.append(in_process(data, cache_file, len(files)))
        with_cache = [in_process(data, cache_file, 0) for _ in range(args.runs)]
        # the fallback reader, for the README's figures: every file parsed by tomllib
        fast_loads = logfile.loads_toml
        logfile.loads_toml = tomllib.loads
        try:
            shutil.rmtree(cache_here, ignore_errors=True)
            tomllib_cold = in_process(data, cache_file, len(files))
        finally:
            logfile.loads_toml = fast_loads
        one_touched: list[tuple[float, float]] = []
        for run in range(args.runs):
            path = files[(run * 104729 + 1) % len(files)]
            os.utime(path, ns=(time.time_ns(), time.time_ns()))
            one_touched.append(in_process(data, cache_file, 1))
        full = build_report(collect(data, cache_file))
        encoded = timed(partial(json.dumps, full.as_json(), indent=2, ensure_ascii=False))[0]
        del full

        saves_dir = work / "saves"
        saves, encodes, log_size = bench_saves(saves_dir, args.saves, rng)
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    ms = [t * 1000 for t in saves]
    runs = f"median of {args.runs}" if args.runs > 1 else "1 run"
    rows = [
        ("session files / total size", f"{len(files)} / {total / 1e6:.1f} MB", ""),
        ("cache file (JSON)", f"{cache_size / 1e6:.1f} MB", ""),
        ("generation (not measured)", f"{generation:.1f} s", ""),
        (f"python -c pass ({runs})", spread(python_start), ""),
        (f"hamtimer --version ({runs})", spread(version), ""),
        (f"history --json, first run, no cache ({runs})", spread(first),
         f"<= {TARGETS['first']:g} s  {verdict(statistics.median(first), TARGETS['first'])}"),
        (f"history --json, second run, cache ({runs})", spread(second),
         f"<= {TARGETS['second']:g} s  {verdict(statistics.median(second), TARGETS['second'])}"),
        (f"history --json, one file touched ({runs})", spread(touched),
         f"<= {TARGETS['second']:g} s  {verdict(statistics.median(touched), TARGETS['second'])}"),
        ("  in-process collect(), no cache", spread([c for c, _ in without_cache]), ""),
        ("  in-process collect(), no cache, tomllib (1 run)", f"{tomllib_cold[0]:.3f} s", ""),
        ("  in-process collect(), cache", spread([c for c, _ in with_cache]), ""),
        ("  in-process collect(), one file touched", spread([c for c, _ in one_touched]), ""),
        ("  in-process build_report()", spread([r for _, r in with_cache]), ""),
        ("  in-process json.dumps(report, indent=2)", f"{encoded:.3f} s", ""),
        (f"save after a side p50 / p99 / max ({len(ms)} saves)",
         f"{statistics.median(ms):.2f} / {percentile(ms, 0.99):.2f} / {max(ms):.2f} ms",
         f"<= {TARGETS['save_ms']:g} ms  {verdict(percentile(ms, 0.99), TARGETS['save_ms'])}"),
        ("  of which TOML encoding (median)", f"{statistics.median(encodes) * 1000:.2f} ms", ""),
        ("  log of 15 results", f"{log_size / 1024:.1f} KiB", ""),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(
        f"hamtimer history benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {args.sessions} sessions x 15 "
        f"results, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{filesystem_of(Path(tempfile.gettempdir()))} ({tempfile.gettempdir()}), {cold_note}, "
        f"{bytecode_note}, logs read by {reader()}"
    )
    print(f"{'measure':<{width}}  {'value':<{value_width}}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<{value_width}}  {target}".rstrip())


if __name__ == "__main__":
    main()

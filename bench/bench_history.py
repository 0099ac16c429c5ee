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
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import TypeVar

from hamtimer.core.history.index import open_index
from hamtimer.core.history.index_report import index_report
from hamtimer.core.history.indexing import refresh
from hamtimer.core.history.report import build_report
from hamtimer.core.history.sessions import collect
from hamtimer.core.kinds import WorkKind
from hamtimer.core.log import logfile
from hamtimer.core.log.journal import Journal, SessionLog, new_session_path
from hamtimer.core.paths import history_cache_dir
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.marks import Mark
from hamtimer.core.session.plan import Plan, WorkStep, build_plan
from hamtimer.core.session.results import SideResult

HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
CACHE_NAME = "history"  # as paths.history_cache_dir names it: a folder, one SQLite file per data folder
T = TypeVar("T")
TARGETS = {"save_ms": 10.0}

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


# The circuit-heavy runner: 15 results, each a different exercise, both sides, some checks.
DISTINCT_NAMES = [
    ("Single-leg bridge", "hold = 30", ["hip drop", "cramp"]), ("Slider curl", "reps = 10", ["cramp"]),
    ("Single-leg RDL", 'reps = "8-10"', ["balance lost"]), ("Copenhagen plank", 'hold = "20-30s"', []),
    ("Single-leg hip thrust", "hold = 40", ["hip drop"]), ("Step-down", "reps = 12", ["knee in"]),
    ("Hamstring walkout", "reps = 6", ["cramp"]), ("Side plank", "hold = 40", ["hip drop"]),
    ("Single-leg calf raise", "reps = 15", []), ("Skater squat", "reps = 8", ["knee in"]),
    ("Single-leg glute bridge march", "reps = 12", []), ("Lateral lunge", "reps = 10", []),
    ("Single-leg deadlift hold", "hold = 20", ["balance lost"]),
    ("Nordic curl eccentric", "reps = 5", ["cramp"]), ("Single-leg wall sit", "hold = 30", []),
]  # fmt: skip
DISTINCT = """\
[program]
name = "Fifteen-station circuit"
[rest]
between_sides = 15
between_exercises = 30

[[block]]
name = "Circuit"
""" + "".join(
    f'[[block.exercise]]\nname = "{name}"\nsides = "each"\n{work}\nchecks = {checks!r}\n'.replace("'", '"')
    for name, work, checks in DISTINCT_NAMES
)


def plans(shape: str = "mixed") -> list[tuple[Plan, str]]:
    """The programs a shape's sessions come from: "mixed" (two programs sharing six exercise
    names), or "distinct" (one circuit of 15 different exercises)."""
    texts = {
        "mixed": ((STRENGTH, "programs/hamstring-strength.toml"), (CIRCUIT, "programs/circuit.toml")),
        "distinct": ((DISTINCT, "programs/fifteen.toml"),),
    }[shape]
    found = []
    for text, file in texts:
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


def generate(data: Path, sessions: int, rng: random.Random, shape: str = "mixed") -> None:
    """Write `sessions` logs dated over ~5 years up to last month, as the journal writes them."""
    programs = plans(shape)
    first_day = datetime(2021, 1, 4)
    span_days = 5 * 365
    days = sorted(rng.randrange(span_days) for _ in range(sessions))
    for number, day in enumerate(days):
        plan, file = programs[0] if rng.random() < 0.7 or len(programs) == 1 else programs[1]
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


def in_process(data: Path, indexed: bool) -> tuple[float, float, int]:
    """Seconds to bring the index up to date (or, without it, to read every file) and to build the
    report, in this process on a heap freed first; and how many files were read."""
    gc.collect()
    start = time.perf_counter()
    if not indexed:
        found = collect(data)
        collected = time.perf_counter() - start
        start = time.perf_counter()
        build_report(found)
        return collected, time.perf_counter() - start, found.parsed
    connection = open_index(data, history_cache_dir())
    assert connection is not None, "no index could be made"
    try:
        refreshed = refresh(connection, data)
        collected = time.perf_counter() - start
        start = time.perf_counter()
        index_report(connection, refreshed.skipped)
        return collected, time.perf_counter() - start, refreshed.parsed
    finally:
        connection.close()


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


def index_files(cache: Path) -> list[Path]:
    return sorted((cache / CACHE_NAME).glob("*.sqlite3"))


def fingerprint(paths: list[Path]) -> list[tuple[str, int, int]]:
    """What shows that an index file was written: its size and modification time."""
    return [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths]


class Table:
    """The rows printed: a measure, its value, its ratio to `hamtimer --version`, the budget."""

    def __init__(self, reference: float) -> None:
        self.reference = reference
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, name: str, value: str, ratio: float | None = None, budget: str = "") -> None:
        self.rows.append((name, value, "" if ratio is None else f"{ratio:.2f}x", budget))

    def timed(
        self, name: str, values: list[float], limit: float | None = None, seconds: float | None = None
    ) -> None:
        """A CLI figure: its median against the reference, and against a budget given as a ratio
        (`limit`) or in seconds."""
        median = statistics.median(values)
        ratio = median / self.reference
        budget = ""
        if limit is not None:
            budget = f"<= {limit:g}x  {verdict(ratio, limit)}"
        elif seconds is not None:
            budget = f"<= {seconds:g} s  {verdict(median, seconds)}"
        self.add(name, spread(values), ratio, budget)

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows) for i in range(3)]
        print(f"{'measure':<{widths[0]}}  {'value':<{widths[1]}}  {'ratio':>{widths[2]}}  budget")
        for name, value, ratio, budget in self.rows:
            print(f"{name:<{widths[0]}}  {value:<{widths[1]}}  {ratio:>{widths[2]}}  {budget}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=2000, help="session logs (15 results each)")
    parser.add_argument("--shape", choices=("distinct", "mixed"), default="distinct",
                        help="15 different exercises per session, or two programs sharing six")  # fmt: skip
    parser.add_argument("--large", type=int, default=10000, help="sessions of the large folder (0: none)")
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
    data, other, large, cache = work / "data", work / "other", work / "large", work / "cache"
    env = os.environ | {"HAMTIMER_DATA_DIR": str(data), "HAMTIMER_CACHE_DIR": str(cache),
                        "HAMTIMER_CONFIG_DIR": str(work / "config")}  # fmt: skip
    os.environ["HAMTIMER_CACHE_DIR"] = str(work / "cache-in-process")
    bytecode_note = "bytecode as the environment has it"
    if not args.bytecode_as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bytecode_note = "compiled bytecode (private PYTHONPYCACHEPREFIX)"
    history = [HAMTIMER, "history", "--json"]
    try:
        generation, _ = timed(lambda: generate(data, args.sessions, rng, args.shape))
        generate(other, 200, random.Random(args.seed + 1), "mixed")
        files = sorted(data.glob("sessions/*/*.toml"))
        total = sum(p.stat().st_size for p in files)
        print(f"generated {len(files)} files ({total / 1e6:.1f} MB) in {generation:.1f} s", flush=True)

        cold_note = "page cache warm"
        if args.cold:
            failure = drop_page_cache()
            cold_note = f"page cache NOT dropped ({failure})" if failure else "page cache dropped"

        # warm-up: compiles the bytecode (an empty data folder: no index is made)
        run_cli(history, env | {"HAMTIMER_DATA_DIR": str(work / "empty")})
        python_start = [run_cli([sys.executable, "-c", "pass"], env)[0] for _ in range(args.runs)]
        version = [run_cli([HAMTIMER, "--version"], env)[0] for _ in range(args.runs)]
        table = Table(statistics.median(version))

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
        index_size = sum(p.stat().st_size for p in index_files(cache))
        second = [run_cli(history, env)[0] for _ in range(args.runs)]
        added: list[float] = []
        for run in range(args.runs):  # a session just saved: one new log
            plan, file = plans(args.shape)[0]
            started = datetime(2026, 6, 1, 7, run, tzinfo=timezone(timedelta(hours=2)))
            log = SessionLog(plan, file, started=started, status="completed", ended=started)
            log.results = [side_result(step, rng, 1.0) for step in plan.work_steps]
            new_session_path(data, started, plan.program.name).write_bytes(log.dumps())
            added.append(run_cli(history, env)[0])
        touched: list[float] = []
        for run in range(args.runs):
            path = files[(run * 7919) % len(files)]
            os.utime(path, ns=(time.time_ns(), time.time_ns()))
            touched.append(run_cli(history, env)[0])
        csv_warm = [run_cli([HAMTIMER, "history", "--csv"], env)[0] for _ in range(args.runs)]
        text_warm = [run_cli([HAMTIMER, "history"], env)[0] for _ in range(args.runs)]

        # alternating --data-dir: each folder has its own index, so neither is rebuilt
        run_cli([*history, "--data-dir", str(other)], env)
        before = fingerprint(index_files(cache))
        alternating = [
            run_cli([*history, "--data-dir", str(folder)], env)[0]
            for _ in range(args.runs)
            for folder in (data, other)
        ]
        rebuilt = "none rebuilt" if fingerprint(index_files(cache)) == before else "AN INDEX WAS WRITTEN"

        # the same work in-process: the index brought up to date and the report, apart
        in_process(data, True)  # this process's own index, built once
        with_index = [in_process(data, True) for _ in range(args.runs)]
        assert all(parsed == 0 for *_, parsed in with_index)
        without_index = [in_process(data, False) for _ in range(args.runs)]
        full = build_report(collect(data))
        encoded = timed(partial(json.dumps, full.as_json(), indent=2, ensure_ascii=False))[0]
        del full

        large_rows: list[tuple[str, list[float]]] = []
        if args.large:
            made, _ = timed(lambda: generate(large, args.large, random.Random(args.seed + 2), args.shape))
            print(f"generated {args.large} more sessions in {made:.1f} s", flush=True)
            large_env = env | {"HAMTIMER_DATA_DIR": str(large)}
            large_rows.append(("cold", [run_cli(history, large_env)[0]]))
            large_rows.append(("warm", [run_cli(history, large_env)[0] for _ in range(args.runs)]))

        saves_dir = work / "saves"
        saves, encodes, log_size = bench_saves(saves_dir, args.saves, rng)
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    n = f"{args.sessions} x 15 {args.shape}"
    table.add("session files / total size", f"{len(files)} / {total / 1e6:.1f} MB")
    table.add("history index (SQLite)", f"{index_size / 1e6:.1f} MB")
    table.add("generation (not measured)", f"{generation:.1f} s")
    table.timed("python -c pass", python_start)
    table.timed("hamtimer --version (the reference)", version)
    table.timed(f"history --json, {n}, cold (no index)", first, seconds=3.0)
    table.timed(f"history --json, {n}, warm", second, limit=2.0)
    table.timed(f"history --json, {n}, one log added", added, limit=2.5)
    table.timed(f"history --json, {n}, one log touched", touched, limit=2.5)
    table.timed(f"history (text), {n}, warm", text_warm, limit=2.0)
    table.timed(f"history --csv, {n}, warm", csv_warm)
    table.timed(f"alternating --data-dir ({rebuilt})", alternating, limit=2.0)
    for name, values in large_rows:
        table.timed(f"history --json, {args.large} x 15 {args.shape}, {name}", values,
                    limit=3.0 if name == "warm" else None)  # fmt: skip
    table.add("  in-process: index brought up to date", spread([c for c, _, _ in with_index]))
    table.add("  in-process: report from the index", spread([r for _, r, _ in with_index]))
    table.add("  in-process: every file read, no index", spread([c for c, _, _ in without_index]))
    table.add("  in-process: report from the files", spread([r for _, r, _ in without_index]))
    table.add("  in-process: json.dumps(report, indent=2)", f"{encoded:.3f} s")
    ms = [t * 1000 for t in saves]
    p99 = percentile(ms, 0.99)
    table.add(
        f"save after a side p50 / p99 / max ({len(ms)} saves)",
        f"{statistics.median(ms):.2f} / {p99:.2f} / {max(ms):.2f} ms",
        None,
        f"<= {TARGETS['save_ms']:g} ms  {verdict(p99, TARGETS['save_ms'])}",
    )
    table.add("  of which TOML encoding (median)", f"{statistics.median(encodes) * 1000:.2f} ms")
    table.add("  log of 15 results", f"{log_size / 1024:.1f} KiB")
    runs = f"median of {args.runs}" if args.runs > 1 else "1 run"
    print(
        f"hamtimer history benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {runs}, ratios to "
        f"hamtimer --version of the same run; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{filesystem_of(Path(tempfile.gettempdir()))} ({tempfile.gettempdir()}), {cold_note}, "
        f"{bytecode_note}, logs read by {reader()}"
    )
    table.print()


if __name__ == "__main__":
    main()

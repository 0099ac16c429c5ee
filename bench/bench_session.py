"""Run real sessions in a headless terminal (tmux) and print a table of what they cost.

Speed figures are ratios to a reference measured in the same run, interleaved with hamtimer's:
- first frame: seconds from launch until the start screen shows, against a bare Textual app
  (bench/bare_app.py), launches of each interleaved; the ratio of medians and of the fastest
- CPU while a hold counts down, at 80x24 and 200x55, against a minimal Textual countdown
  (bench/ref_countdown.py): both run side by side, and windows of each are measured in turn
  (hamtimer during its holds, the reference during hamtimer's rests); the ratio of medians
- wakes: how often the process's threads are scheduled in, in those windows and on the idle
  start screen
- RSS: resident memory while counting down, and its peak
- cue lateness: actual - scheduled for every timed cue in the --trace file (p50 / p99 / max)
- drift: how far the session's end is from start + planned length + time paused

Run: .venv/bin/python bench/bench_session.py [--minutes 10] [--runs 15] [--windows 3]
     [--window-seconds 20] [--only first-frame|hold|session] [--mute|--sound]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.proc import cpu_seconds, wakes
from tests.support.tmux import Tmux

HERE = Path(__file__).resolve().parent
IDLE_WINDOW = 5.0
HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
REFERENCE = [sys.executable, str(HERE / "ref_countdown.py")]
SIZES = ((80, 24), (200, 55))
PREPARE = 10.0
MARGIN = 2.0
"""Seconds left out at each end of a window: the step's start and its last seconds (cues)."""
SESSION_MINUTES = 20.0
"""How long the CPU bench's session is planned to last, as long as a real one (the bundled
programs take 23-30 min): the progress bar gains a cell every few seconds, as it does in use, not
every second as in a three-minute session."""
COOL_DOWN = """
[[block.exercise]]
name = "Cool-down hold"
sides = "both"
sets = 1
hold = {hold}
"""
SECOND_PROGRAM = """\
[program]
name = "Bench hold"
prepare = {prepare}

[rest]
between_sides = {between_sides}
between_sets = {between_sets}

[[block]]
[[block.exercise]]
name = "Bench hold"
sides = "each"
sets = {sets}
hold = {hold}
"""


def program_for(minutes: float) -> tuple[str, float, float]:
    """A program of holds and rests that runs itself for exactly `minutes`; and its hold length."""
    prepare, between_sides, between_sets = PREPARE, 15.0, 30.0
    sets = max(1, min(4, int(minutes / 2.5)))
    hold = (minutes * 60 - prepare - between_sides * sets - between_sets * (sets - 1)) / (2 * sets)
    text = SECOND_PROGRAM.format(
        prepare=prepare, between_sides=between_sides, between_sets=between_sets, sets=sets, hold=hold
    )
    return text, minutes * 60, hold


def memory_kib(pid: int) -> tuple[int, int]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def first_frame(argv: list[str], text: str, env: dict[str, str]) -> float:
    """Seconds from the go to `text` in what the program wrote to the terminal.

    The terminal is up and the program waits at a shell's `read` before the clock starts, and the
    output is watched in a file (tmux pipe-pane), not by capture-pane: a tmux client forked every
    few ms competed with the starting app for the two cores and made the figure noisy."""
    with Tmux(80, 24) as term:
        term.start(["sh", "-c", 'read go; exec "$@"', "sh", *argv], env=env)
        output = term.record_output()
        time.sleep(0.3)
        wanted = text.encode()
        start = time.perf_counter()
        term.keys("Enter")
        while wanted not in output.read_bytes():
            if time.perf_counter() - start > 30:
                raise TimeoutError(f"{text!r} was not written within 30 s")
            time.sleep(0.001)
        return time.perf_counter() - start


@dataclass
class Windows:
    """What one process cost in each measured window: % of a core, and wakes a second."""

    cpu: list[float] = field(default_factory=list)
    wakes: list[float] = field(default_factory=list)


def measure(pid: int, until: float, into: Windows) -> None:
    """Sleep until `until` (perf_counter) while counting what `pid` costs."""
    cpu0, wakes0, wall0 = cpu_seconds(pid), wakes(pid), time.perf_counter()
    time.sleep(max(0.0, until - wall0))
    elapsed = time.perf_counter() - wall0
    into.cpu.append((cpu_seconds(pid) - cpu0) / elapsed * 100)
    into.wakes.append((wakes(pid) - wakes0) / elapsed)


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.perf_counter()))


def hold_against_reference(
    size: tuple[int, int], windows: int, window: float, work: Path, env: dict[str, str], mute: list[str]
) -> tuple[Windows, Windows]:
    """hamtimer's holds and the reference countdown, side by side on two terminals of `size`.

    Both run all along; hamtimer is measured in a window of each hold (from MARGIN s in to MARGIN
    s before its last 3 seconds), the reference in the rest after it, so the windows of the two
    alternate and see the same machine. The session is planned to last SESSION_MINUTES."""
    hold, rest = window + 2 * MARGIN + 3, window + 2 * MARGIN
    sets = windows // 2 + 1
    measured = PREPARE + 2 * sets * (hold + rest)
    program = work / f"hold-{size[0]}x{size[1]}.toml"
    program.write_text(
        SECOND_PROGRAM.format(prepare=PREPARE, between_sides=rest, between_sets=rest, sets=sets, hold=hold)
        + COOL_DOWN.format(hold=max(60.0, SESSION_MINUTES * 60 - measured))
    )
    ours, reference = Windows(), Windows()
    with Tmux(*size) as term, Tmux(*size) as ref_term:
        ref_pid = ref_term.start([*REFERENCE, str(int(hold))], env=env)
        pid = term.start([HAMTIMER, "run", str(program), *mute], env=env)
        term.wait_for("READY", timeout=30)
        time.sleep(1.0)
        term.keys("Space")
        started = time.perf_counter()
        for index in range(windows):
            at = started + PREPARE + index * (hold + rest)
            sleep_until(at + MARGIN)
            measure(pid, at + MARGIN + window, ours)
            sleep_until(at + hold + MARGIN)
            measure(ref_pid, at + hold + MARGIN + window, reference)
        term.keys("C-q")
        term.wait_for("Stop the session?")
        term.keys("y")
        term.wait_exit()
        ref_term.keys("C-q")
        ref_term.wait_exit()
    return ours, reference


@dataclass
class Session:
    """What a whole session run measured: idle wakes, memory, cue lateness, drift."""

    idle_wakes: float
    rss_kib: int
    peak_kib: int
    late_ms: list[float]
    drift_ms: float
    paused: float


def whole_session(minutes: float, work: Path, env: dict[str, str], mute: list[str]) -> Session:
    text, planned, hold = program_for(minutes)
    program = work / "bench.toml"
    program.write_text(text)
    trace = work / "trace.jsonl"
    with Tmux(80, 24) as term:
        pid = term.start([HAMTIMER, "run", str(program), "--trace", str(trace), *mute], env=env)
        term.wait_for("READY", timeout=30)
        time.sleep(1.0)
        idle0, wall0 = wakes(pid), time.perf_counter()
        time.sleep(IDLE_WINDOW)
        idle_wakes = (wakes(pid) - idle0) / (time.perf_counter() - wall0)
        term.keys("Space")
        started_at = time.perf_counter()
        time.sleep(PREPARE + min(40.0, hold - 5))
        rss, _ = memory_kib(pid)
        pause_for = 5.0
        term.keys("p")
        time.sleep(pause_for)
        term.keys("p")
        # Sleep through the session rather than poll: each poll forks a tmux client, and on two
        # cores that load, not the app, is what a lateness figure would then measure.
        time.sleep(max(0.0, started_at + planned + pause_for - time.perf_counter() + 1.0))
        term.wait_for("Session complete", timeout=60, poll=0.5)
        _, peak = memory_kib(pid)
        term.keys("Enter")
        term.wait_exit()
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    late = [(e["actual"] - e["scheduled"]) * 1000 for e in events if e["event"] == "cue"]
    started = next(e["actual"] for e in events if e["event"] == "session-started")
    finished = next(e["actual"] for e in events if e["event"] == "session-finished")
    paused = sum(e["actual"] for e in events if e["event"] == "resumed") - sum(
        e["actual"] for e in events if e["event"] == "paused"
    )
    drift = (finished - started - planned - paused) * 1000
    return Session(idle_wakes, rss, peak, late, drift, paused)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_cell(percent: float) -> str:
    return f"{percent:.2f} % ({percent * 10:.1f} ms/s)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the drift session")
    parser.add_argument("--runs", type=int, default=15, help="first-frame launches of each app")
    parser.add_argument("--windows", type=int, default=3, help="CPU windows of each app, at each size")
    parser.add_argument("--window-seconds", type=float, default=20.0, help="length of a CPU window")
    parser.add_argument("--only", choices=("first-frame", "hold", "session"), help="one part only")
    parser.add_argument("--first-frame-only", action="store_true", help="the same as --only first-frame")
    parser.add_argument("--sound", action="store_true", help="leave sound on (default: --mute)")
    args = parser.parse_args()
    only = "first-frame" if args.first_frame_only else args.only

    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-"))
    env = {"HAMTIMER_DATA_DIR": str(work / "data"), "HAMTIMER_CONFIG_DIR": str(work / "config"),
           "HAMTIMER_CACHE_DIR": str(work / "cache")}  # fmt: skip
    mute = [] if args.sound else ["--mute"]
    median = statistics.median
    rows: list[tuple[str, str, str, str, str]] = []
    notes: list[str] = []

    # Bytecode first, as an install and ./dev have it: with PYTHONDONTWRITEBYTECODE set, a module
    # edited since would be compiled again at every launch (about 2 ms a module).
    compileall.compile_dir(str(HERE.parent / "hamtimer"), quiet=1)
    if only in (None, "first-frame"):
        program = work / "first.toml"
        program.write_text(program_for(args.minutes)[0])
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(first_frame([HAMTIMER, "run", str(program), *mute], "READY", env))
            bare.append(first_frame([sys.executable, str(HERE / "bare_app.py")], "READY", env))
        rows += [
            (f"first frame, median of {args.runs}", f"{median(ours) * 1000:.0f} ms",
             f"{median(bare) * 1000:.0f} ms", f"{median(ours) / median(bare):.2f}", "<= 1.20"),
            (f"first frame, fastest of {args.runs}", f"{min(ours) * 1000:.0f} ms",
             f"{min(bare) * 1000:.0f} ms", f"{min(ours) / min(bare):.2f}", ""),
        ]  # fmt: skip

    if only in (None, "hold"):
        for size, budget in zip(SIZES, ("<= 1.0", "<= 1.5"), strict=True):
            ours_w, ref_w = hold_against_reference(size, args.windows, args.window_seconds, work, env, mute)
            name = f"{size[0]}x{size[1]}"
            rows += [
                (f"CPU in a hold, {name}, median of {args.windows} x {args.window_seconds:g} s",
                 cpu_cell(median(ours_w.cpu)), cpu_cell(median(ref_w.cpu)),
                 f"{median(ours_w.cpu) / median(ref_w.cpu):.2f}", budget),
                (f"wakes a second in a hold, {name}", f"{median(ours_w.wakes):.1f}",
                 f"{median(ref_w.wakes):.1f}", "", ""),
            ]  # fmt: skip
            notes.append(
                f"CPU windows at {name}, % of a core: hamtimer "
                + ", ".join(f"{v:.2f}" for v in ours_w.cpu)
                + "; reference "
                + ", ".join(f"{v:.2f}" for v in ref_w.cpu)
            )

    if only in (None, "session"):
        run = whole_session(args.minutes, work, env, mute)
        rows += [
            (f"wakes a second, start screen waiting ({IDLE_WINDOW:g} s)", f"{run.idle_wakes:.1f}",
             "", "", ""),
            ("RSS while counting down / peak", f"{run.rss_kib / 1024:.1f} / {run.peak_kib / 1024:.1f} MB",
             "", "", "<= 60 MB"),
            (f"cue lateness p50 / p99 / max ({len(run.late_ms)} cues)",
             f"{percentile(run.late_ms, 0.5):.2f} / {percentile(run.late_ms, 0.99):.2f} / "
             f"{max(run.late_ms):.2f} ms", "", "", "p99 <= 2 ms"),
            (f"drift over {args.minutes:g} min (paused {run.paused:.1f} s excluded)",
             f"{run.drift_ms:.2f} ms", "", "", "<= 5 ms"),
        ]  # fmt: skip

    mode = "sound on" if args.sound else "muted"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"hamtimer session benchmark ({mode}), {time.strftime('%Y-%m-%d %H:%M')}, load average {load}")
    header = ("measure", "hamtimer", "reference", "ratio", "budget")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=False)) + "  " + row[4])
    print("reference: first frame bench/bare_app.py, CPU bench/ref_countdown.py")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()

"""Run real sessions in a headless terminal (tmux) and print a table of what they cost.

- first frame: seconds from launch until the start screen shows, next to a bare Textual app
- CPU: % of one core used by the whole process while a hold counts down, at 80x24 and 200x55
- wakes: how often the process's threads are scheduled in, on the idle start screen and in a hold
- RSS: resident memory while counting down, and its peak
- cue lateness: actual - scheduled for every timed cue in the --trace file (p50 / p99 / max)
- drift: how far the session's end is from start + planned length + time paused

Run: .venv/bin/python bench/bench_session.py [--minutes 10] [--runs 9] [--mute|--sound]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.proc import cpu_seconds, wakes
from tests.support.tmux import Tmux

HERE = Path(__file__).resolve().parent
IDLE_WINDOW = 5.0
HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))
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
    prepare, between_sides, between_sets = 10.0, 15.0, 30.0
    sets = max(1, min(4, int(minutes / 2.5)))
    hold = (minutes * 60 - prepare - between_sets * (sets - 1) - between_sides * sets) / (2 * sets)
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


def hold_cpu(size: tuple[int, int], argv: list[str], env: dict[str, str], window: float) -> float:
    """% of a core used by a session while a hold counts down, on a terminal of `size`."""
    with Tmux(*size) as term:
        pid = term.start(argv, env=env)
        term.wait_for("READY", timeout=30)
        term.keys("Space")
        time.sleep(10 + 2)
        cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
        time.sleep(window)
        cpu = (cpu_seconds(pid) - cpu0) / (time.perf_counter() - wall0) * 100
        term.keys("C-q")
        term.wait_for("Stop the session?")
        term.keys("y")
        term.wait_exit()
    return cpu


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the drift session")
    parser.add_argument("--runs", type=int, default=9, help="first-frame launches of each app")
    parser.add_argument("--sound", action="store_true", help="leave sound on (default: --mute)")
    parser.add_argument("--first-frame-only", action="store_true", help="measure only the first frame")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-"))
    env = {"HAMTIMER_DATA_DIR": str(work / "data"), "HAMTIMER_CONFIG_DIR": str(work / "config"),
           "HAMTIMER_CACHE_DIR": str(work / "cache")}  # fmt: skip
    text, planned, hold = program_for(args.minutes)
    program = work / "bench.toml"
    program.write_text(text)
    trace = work / "trace.jsonl"
    mute = [] if args.sound else ["--mute"]

    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(first_frame([HAMTIMER, "run", str(program), *mute], "READY", env))
        bare.append(first_frame([sys.executable, str(HERE / "bare_app.py")], "READY", env))

    if args.first_frame_only:
        ratio = statistics.median(ours) / statistics.median(bare)
        print(
            f"first frame: hamtimer {statistics.median(ours):.3f} s, bare Textual "
            f"{statistics.median(bare):.3f} s, ratio {ratio:.2f} (fastest of each: "
            f"{min(ours):.3f} / {min(bare):.3f} s = {min(ours) / min(bare):.2f})"
        )
        return

    with Tmux(80, 24) as term:
        pid = term.start([HAMTIMER, "run", str(program), "--trace", str(trace), *mute], env=env)
        term.wait_for("READY", timeout=30)
        time.sleep(1.0)
        idle0, wall0 = wakes(pid), time.perf_counter()
        time.sleep(IDLE_WINDOW)
        idle_wakes = (wakes(pid) - idle0) / (time.perf_counter() - wall0)
        term.keys("Space")
        started_at = time.perf_counter()
        time.sleep(10 + 2)
        window = min(40.0, hold - 5)
        cpu0, wakes0, wall0 = cpu_seconds(pid), wakes(pid), time.perf_counter()
        time.sleep(window)
        elapsed = time.perf_counter() - wall0
        cpu = (cpu_seconds(pid) - cpu0) / elapsed * 100
        hold_wakes = (wakes(pid) - wakes0) / elapsed
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

    large = hold_cpu((200, 55), [HAMTIMER, "run", str(program), *mute], env, window)

    events = [json.loads(line) for line in trace.read_text().splitlines()]
    late = [(e["actual"] - e["scheduled"]) * 1000 for e in events if e["event"] == "cue"]
    started = next(e["actual"] for e in events if e["event"] == "session-started")
    finished = next(e["actual"] for e in events if e["event"] == "session-finished")
    paused = sum(e["actual"] for e in events if e["event"] == "resumed") - sum(
        e["actual"] for e in events if e["event"] == "paused"
    )
    drift = (finished - started - planned - paused) * 1000

    ratio = statistics.median(ours) / statistics.median(bare)
    rows = [
        (f"first frame, hamtimer (median of {args.runs})", f"{statistics.median(ours):.3f} s", ""),
        ("first frame, bare Textual app", f"{statistics.median(bare):.3f} s", ""),
        ("first frame ratio (of medians)", f"{ratio:.2f}", "<= 1.20"),
        ("first frame ratio (fastest of each)", f"{min(ours) / min(bare):.2f}", ""),
        (f"CPU while a hold counts down, 80x24 ({window:.0f} s)", f"{cpu:.2f} % of a core", "<= 0.5 %"),
        (f"wakes a second: start screen waiting ({IDLE_WINDOW:g} s) / hold counting down",
         f"{idle_wakes:.1f} / {hold_wakes:.1f}", ""),
        (f"CPU while a hold counts down, 200x55 ({window:.0f} s)", f"{large:.2f} % of a core", "<= 1 %"),
        ("RSS while counting down / peak", f"{rss / 1024:.1f} / {peak / 1024:.1f} MB", "<= 60 MB"),
        (f"cue lateness p50 / p99 / max ({len(late)} cues)",
         f"{percentile(late, 0.5):.2f} / {percentile(late, 0.99):.2f} / {max(late):.2f} ms", "p99 <= 2 ms"),
        (f"drift over {args.minutes:g} min (paused {paused:.1f} s excluded)", f"{drift:.2f} ms", "<= 5 ms"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    mode = "sound on" if args.sound else "muted"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"hamtimer session benchmark ({mode}), {time.strftime('%Y-%m-%d %H:%M')}, load average {load}")
    print(f"{'measure':<{width}}  {'value':<28} target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<28} {target}")


if __name__ == "__main__":
    main()

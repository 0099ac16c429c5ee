"""What sound costs the timer, and whether it makes cues late. Prints two tables.

1. Per backend that works here: the time the UI thread spends per cue moment (every play()
   call of an engine batch plus the hand-over to the sound worker, inside a running asyncio
   loop as in the app), the time from that hand-over until the backend has started the clip
   (on the worker), and what the backend's own start call would cost were it made on the UI
   thread. ALSA_CONFIG_PATH points at a file-plugin config in a temporary folder, so the real
   simpleaudio and aplay run with no sound card (the null device does not pace in real time).
2. bench/bench_session.py run muted and with --sound in turn (the capture config in its
   environment), --sessions times each: cue lateness from the --trace files, pooled per kind.

Run: .venv/bin/python bench/bench_audio.py [--moments 300] [--minutes 3] [--sessions 1] [--no-session]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hamtimer.audio.backends import (
    Backend,
    BellBackend,
    FlashBackend,
    SilentBackend,
    SimpleaudioBackend,
    SystemPlayerBackend,
    Unavailable,
)
from hamtimer.audio.sound import SoundPlayer
from hamtimer.core.kinds import Side
from hamtimer.core.session.events import Cue, Event, EventKind
from tests.support.audio import capture_config

HERE = Path(__file__).resolve().parent


def moments() -> list[list[Event]]:
    """The batches a session hands the player, from a pip to the end of a side."""

    def cue(kind: Cue, side: Side | None = None, value: object = None) -> Event:
        return Event(EventKind.CUE, 1, 0.0, 0.0, cue=kind, side=side, value=value)

    step = Event(EventKind.STEP_STARTED, 2, 0.0, 0.0)
    return [
        [cue(Cue.COUNTDOWN, value=3)],
        [cue(Cue.COUNTDOWN, value=2)],
        [cue(Cue.COUNTDOWN, value=1)],
        [
            cue(Cue.DONE, Side.LEFT),
            step,
            cue(Cue.REST, value="between-sides"),
            cue(Cue.SIDE_SWITCH, Side.RIGHT),
        ],
        [cue(Cue.REST_OVER), step, cue(Cue.GO, Side.RIGHT)],
        [cue(Cue.HALFWAY)],
        [cue(Cue.METRONOME, value=1)],
        [cue(Cue.TEMPO, value="down")],
    ]


def backends_here() -> list[Backend]:
    found: list[Backend] = []
    for backend in (
        SimpleaudioBackend(),
        *(SystemPlayerBackend(name) for name in ("paplay", "pw-play", "aplay", "afplay")),
        BellBackend(lambda: None, terminal=lambda: True),
        FlashBackend(lambda _side: None),
        SilentBackend(),
    ):
        try:
            backend.open()
        except Unavailable as error:
            print(f"  ({backend.name} not measured: {error})")
            continue
        found.append(backend)
    return found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ms(seconds: list[float], fraction: float) -> float:
    return percentile(seconds, fraction) * 1000


async def ui_thread_cost(
    player: SoundPlayer, moments_played: int, spacing: float
) -> tuple[list[float], list[float]]:
    """Seconds on the loop's thread: each play() call, and each moment's calls plus its hand-over."""
    batches = moments()
    calls: list[float] = []
    per_moment: list[float] = []
    flush = player.flush
    flushed: list[float] = []

    def timed_flush() -> None:
        start = time.perf_counter()
        flush()
        flushed.append(time.perf_counter() - start)

    player.flush = timed_flush  # type: ignore[method-assign]
    for n in range(moments_played):
        total = 0.0
        for event in batches[n % len(batches)]:
            start = time.perf_counter()
            player.play(event)
            took = time.perf_counter() - start
            calls.append(took)
            total += took
        await asyncio.sleep(0)  # the hand-over runs here, as after a tick in the app
        per_moment.append(total + sum(flushed))
        flushed.clear()
        await asyncio.sleep(spacing)
    return calls, per_moment


def direct_cost(backend: Backend, player: SoundPlayer, calls: int, spacing: float) -> list[float]:
    """The backend's own start call, timed as if it were made on the UI thread."""
    clips = [player.bank.clip(keys) for keys in (("pip",), ("done", "side-switch", "right"), ("metronome",))]
    costs = []
    for n in range(calls):
        start = time.perf_counter()
        backend.play(clips[n % len(clips)])
        costs.append(time.perf_counter() - start)
        time.sleep(spacing)
    return costs


def play_table(moments_played: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-audio-"))
    os.environ["ALSA_CONFIG_PATH"] = str(capture_config(work / "captured"))
    print(f"play() on the UI thread, {moments_played} moments per backend (ALSA: file plugin over null)")
    rows = []
    for backend in backends_here():
        player = SoundPlayer(0.8, backends=[backend])
        player.keep_handoff = True
        player.start()
        player.ready.wait(10)
        spacing = 0.02
        calls, per_moment = asyncio.run(ui_thread_cost(player, moments_played, spacing))
        time.sleep(0.3)
        handoff = list(player.handoff)
        player.stop(2)
        try:
            backend.open()
            direct = direct_cost(backend, player, min(moments_played, 200), spacing)
        finally:
            backend.close()
        rows.append((backend.name, calls, per_moment, handoff, direct))
    columns = ("play() call", "UI thread per moment", "until the clip starts", "backend call itself")
    print(f"{'backend':<12}" + "".join(f"{c:>24}" for c in columns))
    print(f"{'':<12}" + f"{'median / p99 ms':>24}" * len(columns))
    for name, *figures in rows:
        print(f"{name:<12}" + "".join(f"{ms(f, 0.5):>15.3f} / {ms(f, 0.99):6.3f}" for f in figures))
    print(
        "play() call: one event; UI thread per moment: every play() of an engine batch plus the hand-over;\n"
        "until the clip starts: hand-over to the backend's start returning, on the worker thread;\n"
        "backend call itself: that start call alone, as it would cost the UI thread without the worker."
    )
    files = len(list((work / "captured").glob("cap-*")))
    print(f"captured {files} device openings in {work / 'captured'}")
    shutil.rmtree(work, ignore_errors=True)
    os.environ.pop("ALSA_CONFIG_PATH", None)


def session(minutes: float, sound: bool) -> tuple[list[float], list[str], int]:
    """One bench_session.py run: the lateness of every cue in its trace (ms), the cues more than
    1 ms late (which, when), and the clips captured.

    bench_session.py keeps its files in a temporary folder: TMPDIR puts that folder in ours.
    """
    work = Path(tempfile.mkdtemp(prefix="hamtimer-bench-audio-session-"))
    env = {k: v for k, v in os.environ.items() if k != "ALSA_CONFIG_PATH"}
    env["TMPDIR"] = str(work)
    if sound:
        env["ALSA_CONFIG_PATH"] = str(capture_config(work / "captured"))
    argv = [sys.executable, str(HERE / "bench_session.py"), "--minutes", f"{minutes:g}", "--runs", "1"]
    done = subprocess.run(argv + (["--sound"] if sound else []), capture_output=True, text=True, env=env)
    try:
        if done.returncode != 0:
            raise SystemExit(f"bench_session.py failed:\n{done.stdout}\n{done.stderr}")
        (trace,) = work.glob("hamtimer-bench-*/trace.jsonl")
        events = [json.loads(line) for line in trace.read_text().splitlines()]
        start = events[0]["actual"]
        cues = [e for e in events if e["event"] == "cue"]
        late = [(e["actual"] - e["scheduled"]) * 1000 for e in cues]
        slow = [
            f"{e['cue']} {e.get('value', '')} at {e['scheduled'] - start:.1f} s: {x:.2f} ms"
            for e, x in zip(cues, late, strict=True)
            if x > 1
        ]
        return late, slow, len(list((work / "captured").glob("cap-*"))) if sound else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def lateness_table(minutes: float, runs: int) -> None:
    print(f"cue lateness, {runs} x {minutes:g}-minute bench_session.py run each, muted and sound on in turn")
    pooled: dict[str, list[float]] = {"muted": [], "sound on": []}
    slow: list[str] = []
    clips = 0
    for run in range(runs):
        for label, sound in (("muted", False), ("sound on", True)):
            late, late_ones, captured = session(minutes, sound)
            pooled[label].extend(late)
            slow += [f"  {label}, run {run + 1}: {line}" for line in late_ones]
            clips += captured
    print(f"{'':<10} {'cues':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'late > 1 ms':>12}")
    for label, late in pooled.items():
        over = sum(1 for x in late if x > 1)
        print(
            f"{label:<10} {len(late):>5} {percentile(late, 0.5):>8.2f} {percentile(late, 0.99):>8.2f} "
            f"{max(late):>8.2f} {over:>12}"
        )
    print(f"(sound on: {clips} clips captured through ALSA's file plugin)")
    if slow:
        print("cues more than 1 ms late:", *slow, sep="\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--moments", type=int, default=300, help="moments played per backend (>= 200)")
    parser.add_argument("--minutes", type=float, default=3.0, help="length of each bench_session run")
    parser.add_argument("--sessions", type=int, default=1, help="bench_session runs of each kind")
    parser.add_argument("--no-session", action="store_true", help="only the play() table")
    parser.add_argument("--no-play", action="store_true", help="only the lateness table")
    args = parser.parse_args()
    print(f"hamtimer audio benchmark, {time.strftime('%Y-%m-%d %H:%M')}, Python {sys.version.split()[0]}")
    if not args.no_play:
        play_table(max(200, args.moments))
        print()
    if args.no_session:
        return
    lateness_table(args.minutes, max(1, args.sessions))


if __name__ == "__main__":
    main()

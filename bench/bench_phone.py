"""What the phone costs and how fast it follows, on loopback; prints a table.

- latency: from the runner publishing a change to the SSE line read by a client (p50 / p99 /
  max), against a reference measured in the same run: the same client's round trip of GET
  /api/state; and to the page's paint in Debian's Chromium (performance.now() when the state is
  drawn, compared on the shared system clock);
- CPU: the real `hamtimer run --plain` process and the Textual app (in tmux) while a hold counts
  down, with one phone's event stream open and with none, interleaved, as a ratio;
- modules: how many the run loads with --phone off and with it on, and the phone's among them.

Run: .venv/bin/python bench/bench_phone.py [--changes 300] [--window 6] [--pairs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp

from hamtimer.core.session.runner import SessionRunner
from hamtimer.phone.thread import PhoneThread
from hamtimer.phone_setup import PhoneSetup
from tests.support.proc import cpu_seconds
from tests.support.programs import plan_of
from tests.support.tmux import Tmux

HOLD = """\
[program]
name = "Bench phone hold"
prepare = 1

[[block]]
[[block.exercise]]
name = "Bench hold"
sides = "both"
hold = 600
"""
HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    p50, p99 = percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000
    return f"{p50:.2f} / {p99:.2f} / {max(values) * 1000:.2f}"


# ----- latency, in this process: the runner on this thread, the server in its own (as plain mode)


class Host:
    """Plain mode's part: the runner's thread, running what the phone posts."""

    def __init__(self, runner: SessionRunner) -> None:
        self.runner = runner
        self.jobs: queue.Queue[Callable[[], None]] = queue.Queue()

    def post(self, job: Callable[[], None]) -> None:
        self.jobs.put(job)

    def run_jobs(self) -> None:
        while not self.jobs.empty():
            self.jobs.get()()


def latency(changes: int, folder: Path) -> tuple[list[float], list[float], list[float]]:
    program = folder / "hold.toml"
    program.write_text(HOLD)
    runner = SessionRunner(plan_of(program), folder / "data")
    host = Host(runner)
    published: dict[int, tuple[float, float]] = {}
    runner.subscribe(lambda events: published.__setitem__(runner.seq, (time.monotonic(), time.time())))
    phone = PhoneThread(runner, PhoneSetup(host="127.0.0.1"), host.post, lambda text: None)
    url = phone.start()
    base, token = url.split("/?token=")
    received: dict[int, float] = {}
    trips: list[float] = []
    ready = threading.Event()

    async def client() -> None:
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession() as session:
            for _ in range(50):
                started = time.monotonic()
                async with session.get(f"{base}/api/state", headers=headers) as answer:
                    await answer.read()
                trips.append(time.monotonic() - started)
            async with session.get(f"{base}/api/events", headers=headers) as stream:
                ready.set()
                async for line in stream.content:
                    if line.startswith(b"data: "):
                        seq = json.loads(line[6:])["seq"]
                        received.setdefault(seq, time.monotonic())
                        if len(received) > changes:
                            return

    reader = threading.Thread(target=lambda: asyncio.run(client()), daemon=True)
    reader.start()
    ready.wait(10)
    time.sleep(0.2)
    runner.start()
    for _ in range(changes):
        time.sleep(0.02)
        host.run_jobs()
        runner.pause()  # pause and resume by turns: each a change the phone must show
    reader.join(10)
    paints = page_paints(base, token, runner, host, published, min(changes, 100))
    phone.stop()
    runner.close()
    sse = [received[seq] - published[seq][0] for seq in published if seq in received]
    return sse, trips, paints


def page_paints(
    base: str,
    token: str,
    runner: SessionRunner,
    host: Host,
    published: dict[int, tuple[float, float]],
    count: int,
) -> list[float]:
    """Runner change → the page drawing it, in Debian's Chromium at phone size."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import PHONE, launch

    with sync_playwright() as driver:
        browser = launch(driver)
        page = browser.new_context(viewport=PHONE, bypass_csp=True).new_page()  # evaluate() needs it
        page.goto(f"{base}/?token={token}")
        page.wait_for_selector("#clock")
        time.sleep(0.5)
        first = runner.seq
        for _ in range(count):
            time.sleep(0.05)
            host.run_jobs()
            runner.pause()
        time.sleep(0.5)
        origin = page.evaluate("performance.timeOrigin")
        paints = page.evaluate("window.hamtimerPaints")
        browser.close()
    drawn = {int(seq): (origin + at) / 1000 for seq, at in paints}
    return [drawn[seq] - published[seq][1] for seq in published if seq > first and seq in drawn]


# ----- CPU while a hold counts down


def cpu_window(argv: list[str], env: dict[str, str], phone: bool, window: float, tui: bool) -> float:
    """Seconds of CPU per second of the real process during `window` s of a hold."""
    with Tmux(80, 24) if tui else Tmux(100, 60) as term:
        pid = term.start(argv, env=env)
        screen = term.wait_for(
            "?token=" if phone else ("press space to start" if not tui else "space"), timeout=20
        )
        url = next((w for w in screen.split() if "?token=" in w), "") if phone else ""
        if tui and phone:
            lines = screen.splitlines()
            at = next(i for i, line in enumerate(lines) if "http://" in line)
            start = lines[at].index("http://")
            url = lines[at][start:].strip() + lines[at + 1][start:].strip()
        time.sleep(1.0)
        term.keys("Space")
        time.sleep(2.5)  # past the prepare, into the hold
        stop = threading.Event()
        if phone:
            threading.Thread(target=stream_until, args=(url, stop), daemon=True).start()
            time.sleep(0.5)
        before = cpu_seconds(pid)
        time.sleep(window)
        used = (cpu_seconds(pid) - before) / window
        stop.set()
        term.keys("C-q")
        time.sleep(0.3)
        term.keys("y")
    return used


def stream_until(url: str, stop: threading.Event) -> None:
    base, token = url.split("/?token=")

    async def read() -> None:
        async with aiohttp.ClientSession() as session:
            headers = {"Authorization": f"Bearer {token}"}
            async with session.get(f"{base}/api/events", headers=headers) as stream:
                while not stop.is_set():
                    await asyncio.wait_for(stream.content.readline(), 5)

    asyncio.run(read())


def cpu(folder: Path, window: float, pairs: int, tui: bool) -> tuple[list[float], list[float]]:
    program = folder / "hold.toml"
    program.write_text(HOLD)
    env = {"HAMTIMER_DATA_DIR": str(folder / "data"), "HAMTIMER_CONFIG_DIR": str(folder / "config"),
           "HAMTIMER_CACHE_DIR": str(folder / "cache"), "HAMTIMER_AUDIO": "silent"}  # fmt: skip
    base = [HAMTIMER, "run", str(program), "--mute"] + ([] if tui else ["--plain"])
    without, with_phone = [], []
    for _ in range(pairs):
        without.append(cpu_window(base, env, False, window, tui))
        with_phone.append(cpu_window([*base, "--phone", "--phone-host", "127.0.0.1"], env, True, window, tui))
    return without, with_phone


# ----- modules


def modules(folder: Path, *extra: str) -> tuple[int, list[str]]:
    program = folder / "hold.toml"
    program.write_text(HOLD)
    script = (
        "import json, sys\nfrom hamtimer.cli import main\n"
        "main(['run', sys.argv[1], '--plain', *sys.argv[2:]])\n"
        "phone = sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'segno')"
        " or m.startswith('hamtimer.phone.'))\n"
        "print(json.dumps([len(sys.modules), phone]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(program), *extra], capture_output=True, text=True, check=True,
        stdin=subprocess.DEVNULL, env={**os.environ, "HAMTIMER_DATA_DIR": str(folder / "mods")},
    )  # fmt: skip
    count, phone = json.loads(done.stdout.strip().splitlines()[-1])
    return count, phone


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--window", type=float, default=6.0)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hamtimer-bench-phone-"))
    sse, trips, paints = latency(args.changes, folder)
    reference = percentile(trips, 0.99)
    rows = [
        ("GET /api/state round trip (reference)", ms(trips), "1.00"),
        ("runner change -> SSE line read", ms(sse), f"{percentile(sse, 0.99) / reference:.2f}"),
        ("runner change -> page paint (Chromium)", ms(paints), f"{percentile(paints, 0.99) / reference:.2f}"),
    ]
    print(
        f"latency on loopback, ms p50 / p99 / max, ratio of p99s ({len(sse)} changes, {len(paints)} painted)"
    )
    print("budget: p99 <= 50 ms")
    for name, figures, ratio in rows:
        print(f"  {name:<42} {figures:<26} x{ratio}")
    for tui in (False, True):
        without, with_phone = cpu(folder, args.window, args.pairs, tui)
        a, b = statistics.median(without), statistics.median(with_phone)
        label = "Textual app 80x24" if tui else "plain mode"
        print(
            f"CPU during a hold, {label}, {args.pairs} interleaved pairs of {args.window:g} s; budget <= 1.3x"
        )
        ratio = f"x{b / a:.2f}" if a > 0 else "no ratio: the reference used no CPU at all"
        print(f"  no phone (reference)   {a * 100:7.3f} % of a core   x1.00")
        print(f"  one phone's stream     {b * 100:7.3f} % of a core   {ratio}")
    off, off_phone = modules(folder)
    on, on_phone = modules(folder, "--phone", "--phone-host", "127.0.0.1")
    print("modules loaded by `run --plain` (to the end of a session)")
    print(f"  --phone off   {off:4d}   of the phone: {len(off_phone)} {off_phone}")
    print(f"  --phone on    {on:4d}   of the phone: {len(on_phone)} (aiohttp, segno, hamtimer.phone...)")


if __name__ == "__main__":
    main()

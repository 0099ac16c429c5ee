"""How quickly this machine, right now, lets a process end on a signal: the reference that a
signal test's one-second budget sits on top of, measured the same way in the same run.

On a loaded 2-core machine the time from `kill` to the exit being seen grows for every program
(scheduling, tmux's own polling); the contract is about hamtimer's part of it: at most a second
more than a process that does nothing but exit."""

from __future__ import annotations

import subprocess
import sys
import time

EXIT_BUDGET = 1.0
"""DESIGN.md, Signals and faults: exit within a second."""
FLOOR = 0.5
"""Slack for the measurement itself (polling, one scheduling hiccup) that no reference shows."""

QUICK = (
    "import signal, sys, time\n"
    "for n in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):\n"
    "    signal.signal(n, lambda n, f: sys.exit(128 + n))\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)
"""A process that exits at once on the signals a session handles."""


def reference_exit(number: int) -> float:
    """Seconds from a signal to the exit of a process that only exits, as `wait()` sees it."""
    process = subprocess.Popen([sys.executable, "-c", QUICK], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    process.stdout.readline()
    sent = time.monotonic()
    process.send_signal(number)
    process.wait(timeout=10)
    took = time.monotonic() - sent
    process.stdout.close()
    return took


def budget(reference: float) -> float:
    """The longest a hamtimer exit may take, seen the way `reference` was."""
    return EXIT_BUDGET + FLOOR + 2 * reference

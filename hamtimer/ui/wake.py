"""PreciseWake: the session screen's one timer, on the loop, to the millisecond.

Why not a Textual timer: `set_timer` starts a task per wake and rounds like the loop does, which
costs CPU while a hold counts down and makes cues late (bench/bench_session.py measures both:
≤ 0.5 % of a core at 80x24, lateness in the trace). `loop.call_at` needs no task, and the callback
ticks the runner directly. The loop's poll rounds its timeout up to whole milliseconds, so the
wake is set EARLY before the moment and the last stretch is slept precisely (real clock only).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from hamtimer.core.session.clock import Clock, monotonic

EARLY = 0.003
"""Seconds before a due moment that the loop wakes; the rest is slept precisely."""


class PreciseWake:
    def __init__(
        self, clock: Clock, callback: Callable[[], None], failed: Callable[[Exception], None]
    ) -> None:
        self.clock = clock
        self.callback = callback
        self.failed = failed
        """Where an exception in the callback goes (the loop's own handler would only log it)."""
        self._handle: asyncio.TimerHandle | None = None
        self._due = 0.0

    def at(self, due: float | None) -> None:
        """Call back at `due` (the clock's seconds), replacing any earlier wake; None: no wake."""
        self.cancel()
        if due is None:
            return
        self._due = due
        loop = asyncio.get_running_loop()
        delay = max(0.0, due - self.clock() - EARLY)
        self._handle = loop.call_at(loop.time() + delay, self._fire)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        self._handle = None
        try:
            if self.clock is monotonic:
                time.sleep(max(0.0, min(EARLY, self._due - monotonic())))
            self.callback()
        except Exception as error:
            self.failed(error)

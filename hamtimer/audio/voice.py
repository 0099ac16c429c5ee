"""An optional spoken announcement at the start of each work step: "Right leg. Single-leg bridge.
30 seconds." It is spoken by espeak-ng (or espeak) or macOS's `say` in a child process that
first waits for the step's cue sound to end, so nothing waits for it and it never talks over
the "go".
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.session.plan import WorkStep

SPEAKERS = ("espeak-ng", "espeak", "say")
_UNITS = {"m": "metres", "km": "kilometres", "yd": "yards", "mi": "miles"}


def _number(value: float) -> str:
    return f"{value:g}"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{_number(seconds)} seconds"
    minutes = seconds / 60
    if minutes < 60:
        return "1 minute" if minutes == 1 else f"{_number(round(minutes, 1))} minutes"
    hours = minutes / 60
    return "1 hour" if hours == 1 else f"{_number(round(hours, 1))} hours"


def _work(step: WorkStep) -> str:
    work = step.exercise.work
    if work.distance is not None:
        amount, _, unit = work.distance.partition(" ")
        return f"{amount} {_UNITS.get(unit, unit)}"
    low, high = work.bounds.minimum, work.bounds.target
    if high is None:
        return "Max reps" if work.kind is WorkKind.REPS else "As long as you can"
    if work.kind is WorkKind.REPS:
        count = "1 rep" if high == 1 else f"{_number(high)} reps"
        if low is not None and low != high:
            count = f"{_number(low)} to {_number(high)} reps"
        tempo = step.exercise.tempo
        return f"{count}, tempo {', '.join(str(p) for p in tempo.phases)}" if tempo else count
    if low is not None and low != high:
        if high < 60:
            return f"{_number(low)} to {_number(high)} seconds"
        return f"{_duration(low)} to {_duration(high)}"
    return _duration(high)


def announcement(step: WorkStep) -> str:
    """What is said as a work step starts: the side, the exercise, the work."""
    side = {Side.LEFT: "Left leg. ", Side.RIGHT: "Right leg. "}.get(step.side, "") if step.side else ""
    name = step.exercise.name.strip().rstrip(".")
    return f"{side}{name}. {_work(step)}."


class Voice:
    """Speaks through the first speaker program found; `available` is False when there is none."""

    def __init__(self, volume: float = 0.8, which: Callable[[str], str | None] = shutil.which) -> None:
        self.volume = min(1.0, max(0.0, volume))
        self.program: str | None = None
        self.path: str | None = None
        for name in SPEAKERS:
            path = which(name)
            if path is not None:
                self.program, self.path = name, path
                break
        self._children: list[subprocess.Popen[bytes]] = []

    @property
    def available(self) -> bool:
        return self.path is not None

    def argv(self, text: str) -> list[str]:
        assert self.path is not None
        if self.program == "say":
            return [self.path, f"[[volm {self.volume:.2f}]] {text}"]
        return [self.path, "-a", str(round(self.volume * 150)), "--", text]

    def speak(self, text: str, after: float = 0.0) -> None:
        """Start speaking `text` in `after` seconds; returns at once. Raises OSError if it cannot."""
        if self.path is None:
            return
        self._children = [c for c in self._children if c.poll() is None]
        if len(self._children) >= 2:  # still talking about the step before: skip, don't pile up
            return
        argv = self.argv(text)
        if after > 0:
            argv = ["sh", "-c", 'sleep "$1"; shift; exec "$@"', "sh", f"{after:.2f}", *argv]
        child = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )  # fmt: skip
        self._children.append(child)

    def close(self) -> None:
        for child in self._children:
            if child.poll() is None:
                child.terminate()
        self._children.clear()

"""What the session engine tells the layers above it: events, some of which are cues."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from hamtimer.core.kinds import Side
from hamtimer.core.record import Record, record


class Cue(StrEnum):
    """A moment worth a sound."""

    GET_READY = "get-ready"
    COUNTDOWN = "countdown"  # value: 3, 2 or 1 seconds before the end of a prepare, rest or hold
    GO = "go"  # side: the side starting, or None for both legs
    HALFWAY = "halfway"
    MINIMUM = "minimum"  # the lower bound of a range is reached
    DONE = "done"
    REST = "rest"
    SIDE_SWITCH = "side-switch"  # side: the side that comes next
    REST_OVER = "rest-over"
    TEMPO = "tempo"  # value: "down", "pause", "up" or "top"
    REP = "rep"  # value: the reps counted so far
    METRONOME = "metronome"
    FINISHED = "finished"


class EventKind(StrEnum):
    STARTED = "session-started"
    STEP_STARTED = "step-started"
    STEP_ENDED = "step-ended"  # value: "done", "ended", "skipped" or "back"
    CUE = "cue"
    SIDE_DONE = "side-done"  # value: the step's SideResult
    RATED = "rated"
    MARKED = "marked"  # value: the logfile.Mark (check, seconds into the side); side: the side
    PAUSED = "paused"
    RESUMED = "resumed"
    REST_CHANGED = "rest-changed"  # value: seconds added (negative: taken away)
    FINISHED = "session-finished"
    STOPPED = "session-stopped"


@record
class Event(Record):
    """Something that happened at `actual` (monotonic s), due at `scheduled`."""

    kind: EventKind
    step: int
    scheduled: float
    actual: float
    cue: Cue | None = None
    side: Side | None = None
    value: Any = None

    @property
    def lateness(self) -> float:
        return self.actual - self.scheduled

    def trace(self) -> dict[str, Any]:
        """The `--trace` line for this event."""
        line: dict[str, Any] = {
            "event": self.kind.value,
            "step": self.step,
            "scheduled": round(self.scheduled, 6),
            "actual": round(self.actual, 6),
        }
        if self.cue is not None:
            line["cue"] = self.cue.value
        if self.side is not None:
            line["side"] = self.side.value
        if isinstance(self.value, str | int | float):
            line["value"] = self.value
        return line

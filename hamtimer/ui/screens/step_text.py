"""What the session screen writes about a step: its phase, the lines under the clock, the full text.

Plain functions kept apart from the screen so it stays about drawing and keys. The facts (phase,
side, exercise, what the step asks, what comes next) come from the state object
(core/session/state.py); the clock's own lines read the engine's time.
"""

from __future__ import annotations

import math
import re

from textual.markup import escape

from hamtimer.core.formatting import format_seconds
from hamtimer.core.kinds import WorkKind
from hamtimer.core.record import Record, record
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.plan import RestStep, Step, WorkStep
from hamtimer.core.session.state import SessionState, StepFacts
from hamtimer.ui.widgets.clock import clock_text

LAST_SECONDS = 3
"""The last seconds of a hold or rest: the clock inverts on every other one, so each is seen."""


def describe(facts: StepFacts) -> str:
    if facts.phase == "work":
        side = f"{facts.side_label} · " if facts.side_label else ""
        return f"{side}{escape(facts.exercise or '')} · {facts.asks}"
    if facts.phase == "rest":
        return f"rest {format_seconds(facts.seconds or 0)} ({facts.reason})"
    return f"get ready {format_seconds(facts.seconds or 0)}"


def minutes_left(seconds: float) -> str:
    """The session's time left in whole minutes: an estimate, so it need not tick every second."""
    if seconds <= 0:
        return "done"
    if seconds < 60:
        return "< 1 min left"
    return f"~{math.ceil(seconds / 60)} min left"


def phase_of(state: SessionState) -> str | None:
    """The phase whose colour the screen takes, or None (the start panel, the end)."""
    if state.status == "paused":
        return "paused"
    if state.status != "running":
        return None
    if state.phase == "work":
        return state.side.value if state.side else "both"
    return "rest" if state.phase == "rest" else "ready"


def counting_reps(engine: Engine) -> bool:
    step = engine.step if engine.status is Status.RUNNING else None
    return isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.REPS


def fit_of(text: str) -> str:
    """The widest text a clock counting from `text` shows: the figures keep one size all step."""
    return re.sub(r"\d", "0", text)


def next_text(state: SessionState) -> str:
    following = state.following
    if following is None:
        return "Next: the end"
    text = f"Next: {describe(following)}"
    if following.phase != "work" and state.coming is not None:
        text += f", then {describe(state.coming)}"
    return text


def reps_detail(engine: Engine, step: WorkStep) -> str:
    exercise = step.exercise
    bounds = exercise.work.bounds
    goal = "max reps" if bounds.target is None else exercise.work.describe()
    reached = " · [b]minimum reached[/b]" if engine.minimum_reached else ""
    if exercise.tempo is not None:
        return f"reps of {goal} at tempo {exercise.tempo}{reached} · enter ends"
    return f"reps of {goal}{reached} · [b]space[/b] counts a rep, enter ends"


def timed_detail(engine: Engine, step: Step) -> str:
    if isinstance(step, WorkStep):
        reached = " · [b]minimum reached[/b]" if engine.minimum_reached else ""
        metronome = f" · metronome {step.exercise.cadence} bpm" if step.exercise.cadence else ""
        return f"{step.exercise.work.kind} {step.exercise.work.describe()}{reached}{metronome}"
    if isinstance(step, RestStep):
        return f"rest ({step.reason.label}) · + adds 15 s, enter ends it"
    return "get ready"


def open_detail(step: Step) -> str:
    if isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.DISTANCE:
        return f"{step.exercise.work.distance} · enter when done"
    return "max: go until you cannot · enter stops the clock"


def full_text(engine: Engine) -> tuple[str, str]:
    """The title and whole text of the step shown (or coming): exercise, note, cues, checks."""
    step = engine.step if engine.status is Status.RUNNING else None
    work = step if isinstance(step, WorkStep) else engine.next_work()
    if work is None:
        return engine.plan.program.name, escape(engine.plan.program.about)
    exercise = work.exercise
    parts = [f"[b]{escape(exercise.name)}[/b] · {exercise.work.describe()}"]
    if exercise.note:
        parts.append(escape(exercise.note))
    parts += [f"• {escape(cue)}" for cue in exercise.cues]
    if exercise.checks:
        parts.append("Checks after each side: " + ", ".join(escape(check) for check in exercise.checks))
    return exercise.name, "\n".join(parts)


@record
class ClockFace(Record):
    """What the big figures show now, the line under them, and whether they are inverted."""

    text: str
    detail: str
    inverted: bool = False


def clock_face(engine: Engine, now: float) -> ClockFace:
    if engine.status is Status.READY:
        return ClockFace(clock_text(engine.plan.estimated_seconds), "estimated time · [b]space[/b] starts")
    if engine.status is not Status.RUNNING:
        return ClockFace("0", "session over")
    step = engine.step
    remaining = engine.remaining(now)
    if isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.REPS:
        return ClockFace(str(engine.reps), reps_detail(engine, step))
    if remaining is not None:
        seconds = math.ceil(remaining - 1e-9)
        last = not engine.paused and 0 < seconds <= LAST_SECONDS and seconds % 2 == 1
        return ClockFace(clock_text(seconds), timed_detail(engine, step), last)
    return ClockFace(clock_text(math.floor(engine.elapsed(now))), open_detail(step))


def clock_fit(engine: Engine) -> str:
    """The widest text the figures must leave room for this step, so they keep one size."""
    if engine.status is not Status.RUNNING:
        return ""
    if counting_reps(engine):
        return "00"
    remaining = engine.remaining(engine.clock())
    return "0:00" if remaining is None else fit_of(clock_text(math.ceil(remaining - 1e-9)))

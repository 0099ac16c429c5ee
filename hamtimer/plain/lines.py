"""What plain mode says: one line of plain text per event, readable by a screen reader."""

from __future__ import annotations

import math

from hamtimer.core.formatting import clock, counted, format_seconds
from hamtimer.core.history.summary import summarize
from hamtimer.core.history.verdict import session_words
from hamtimer.core.kinds import WorkKind
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.plan import Plan, RestStep, Step, WorkStep
from hamtimer.core.session.rating import check_keys, difficulty_words
from hamtimer.core.session.results import SideResult
from hamtimer.core.session.today import WeekCount
from hamtimer.core.training.progression import next_time_lines, progress_lines

KEYS = (
    "keys: space go or count a rep · enter end the step · p pause · s skip · b back · "
    "+ and - rest · 1-9 and 0 rate · a check's letter during one-leg work marks it · m mute · ? keys · "
    "ctrl+q quit"
)
LINE_COMMANDS = (
    "commands, one a line: space, enter, p, s, b, +, -, 1-9 or 0, a check's letter, m, "
    "wait (until the next step begins), quit"
)


def side_name(step: WorkStep) -> str:
    return f"{step.side.value.upper()} leg" if step.side else "both legs"


def describe(step: Step) -> str:
    """ "LEFT leg · Single-leg bridge · hold 30 s", "rest 30 s between sides", "get ready 5 s"."""
    if isinstance(step, WorkStep):
        exercise = step.exercise
        parts = [side_name(step), exercise.name, f"{exercise.work.kind} {exercise.work.describe()}"]
        if step.sets > 1:
            parts.append(f"set {step.set} of {step.sets}")
        if step.rounds > 1:
            parts.append(f"round {step.round} of {step.rounds}")
        if step.load:
            parts.append(step.load)
        return " · ".join(parts)
    if isinstance(step, RestStep):
        return f"rest {format_seconds(step.seconds)} {step.reason.label}"
    return f"get ready {format_seconds(step.seconds)}"


SORENESS = "how does each hamstring feel? left then right, 0 (none) to 9, x for 10; enter skips"


def soreness_level(command: str) -> int | None:
    """A soreness key: 0-9, or x for 10."""
    if command == "x":
        return 10
    return int(command) if len(command) == 1 and command.isdigit() else None


def intro(plan: Plan, keyboard: bool) -> list[str]:
    """What comes before the start, as on the start screen."""
    first = plan.work_steps[0] if plan.work_steps else None
    count = len(plan.work_steps)
    lines = [f"{plan.program.name} · {counted(count, 'work step')} · about {clock(plan.estimated_seconds)}"]
    if plan.program.about:
        lines.append(plan.program.about)
    if plan.progress is not None:
        lines.extend(f"today: {line}" for line in progress_lines(plan.program, plan.progress))
        if plan.has_waiting:
            lines.append("run with --all to include the waiting exercises this once")
    if first is not None:
        lines.append(f"first: {describe(first)}")
    lines.append(KEYS if keyboard else LINE_COMMANDS)
    lines.append("press space to start" if keyboard else "space starts")
    return lines


def _how(step: WorkStep) -> str:
    work = step.exercise.work
    if work.kind is WorkKind.REPS and step.exercise.tempo is None:
        return "space counts a rep, enter ends"
    if work.bounds.target is None or work.kind is WorkKind.DISTANCE:
        return "enter ends"
    return ""


def rating_prompt(result: SideResult) -> str:
    step = result.step
    done = f"{result.seconds:g} s" if result.seconds is not None else f"{result.reps} reps"
    short = "" if result.completed else ", short of the target"
    text = f"{side_name(step)} done: {done}{short}. How hard? 1 to 9, 0 for 10"
    keys = check_keys(step.exercise.checks)
    if keys:
        text += "; checks: " + ", ".join(f"{key} {check}" for key, check in keys.items())
    return text


def rated(result: SideResult) -> str:
    parts = []
    if result.difficulty is not None:
        parts.append(f"rated {result.difficulty}, {difficulty_words(result.difficulty)}")
    for check in result.step.exercise.checks:
        parts.append(f"{check}: {'yes' if check in result.flags else 'no'}")
    return "; ".join(parts)


def marked(event: Event) -> str:
    """ "hip drop marked at 18 s (left)"."""
    side = f" ({event.side.value})" if event.side is not None else ""
    return f"{event.value.check} marked at {event.value.at:.0f} s{side}"


def event_line(event: Event, engine: Engine) -> str | None:
    """The line an event says, or None for events that say nothing (ticks, sounds only)."""
    kind = event.kind
    if kind is EventKind.STEP_STARTED:
        step = engine.plan.steps[event.step]
        line = describe(step)
        if isinstance(step, WorkStep) and (how := _how(step)):
            line += f" · {how}"
        return line
    if kind is EventKind.CUE:
        return _cue_line(event)
    if kind is EventKind.SIDE_DONE:
        return rating_prompt(event.value)
    if kind is EventKind.RATED:
        return rated(event.value)
    if kind is EventKind.MARKED:
        return marked(event)
    if kind is EventKind.STEP_ENDED and event.value in ("skipped", "back"):
        return str(event.value)
    if kind is EventKind.PAUSED:
        return "paused, p resumes"
    if kind is EventKind.RESUMED:
        return "resumed"
    if kind is EventKind.REST_CHANGED:
        left = engine.remaining()
        rest = f", {math.ceil(left)} s left" if left is not None else ""
        return f"rest {event.value:+g} s{rest}"
    if kind is EventKind.FINISHED:
        return "done"
    if kind is EventKind.STOPPED:
        return "session stopped"
    return None


def _cue_line(event: Event) -> str | None:
    cue = event.cue
    if cue is Cue.COUNTDOWN:
        return str(event.value)
    if cue is Cue.HALFWAY:
        return "halfway"
    if cue is Cue.MINIMUM:
        return "minimum reached"
    if cue is Cue.REP:
        return f"{event.value} reps"
    return None


def summary(engine: Engine, week: WeekCount | None = None) -> list[str]:
    """The session's results, side against side, as lines; then "2 of 2 this week" (issue 20)."""
    verb = "done" if engine.status is Status.FINISHED else "stopped"
    active = 0.0
    if engine.started_at is not None and engine.ended_at is not None:
        active = max(0.0, engine.ended_at - engine.started_at - engine.paused_total)
    results = [engine.results[i] for i in sorted(engine.results)]
    lines = [f"Session {verb}: {engine.plan.program.name}, {len(results)} sides or sets in {clock(active)}."]
    for item in summarize(results):
        unit = "reps" if item.work is WorkKind.REPS else "s"
        parts = []
        for side, tally in item.sides.items():
            value = "done" if tally.mean is None else f"{tally.mean:.1f}".removesuffix(".0") + f" {unit}"
            if tally.difficulty is not None:
                value += f", difficulty {tally.difficulty:.1f}".removesuffix(".0")
            if tally.flags:
                value += ", " + ", ".join(tally.flags)
            for check, times in tally.marks.items():
                value += f", {check} marked at {sum(times) / len(times):.0f} s"
            parts.append(f"{side} {value}")
        found = item.asymmetry()
        if found is not None and found.weaker is not None:
            parts.append(session_words(found))  # one session: never a band
        lines.append(f"{item.name}: " + "; ".join(parts))
    lines.extend(next_time_lines(engine.plan, summarize(results)))
    if week is not None:
        lines.append(week.done_words)
    return lines

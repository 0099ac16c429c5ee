"""What plain mode says: one line of plain text per event, readable by a screen reader.

The facts it words (the step, what it asks, the rating prompt) come from the state object
(core/session/state.py); only the wording is plain mode's own."""

from __future__ import annotations

import math

from hamtimer.core.formatting import clock, counted, format_seconds
from hamtimer.core.history.summary import summarize
from hamtimer.core.history.verdict import session_words
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.plan import Plan, WorkStep
from hamtimer.core.session.rating import difficulty_words
from hamtimer.core.session.state import Prompt, StepFacts, prompt_of, step_facts
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


def side_name(side: Side | None) -> str:
    return f"{side.value.upper()} leg" if side else "both legs"


def describe(facts: StepFacts) -> str:
    """ "LEFT leg · Single-leg bridge · hold 30 s", "rest 30 s between sides", "get ready 5 s"."""
    if facts.phase == "work":
        parts = [side_name(facts.side), facts.exercise or "", f"{facts.work} {facts.asks}"]
        if facts.sets > 1:
            parts.append(f"set {facts.set} of {facts.sets}")
        if facts.rounds > 1:
            parts.append(f"round {facts.round} of {facts.rounds}")
        if facts.load:
            parts.append(facts.load)
        return " · ".join(parts)
    if facts.phase == "rest":
        return f"rest {format_seconds(facts.seconds or 0)} {facts.reason}"
    return f"get ready {format_seconds(facts.seconds or 0)}"


SORENESS = "how does each hamstring feel? left then right, 0 (none) to 9, x for 10; enter skips"


def soreness_level(command: str) -> int | None:
    """A soreness key: 0-9, or x for 10."""
    if command == "x":
        return 10
    return int(command) if len(command) == 1 and command.isdigit() else None


def intro(plan: Plan, keyboard: bool) -> list[str]:
    """What comes before the start, as on the start screen."""
    first = step_facts(plan.work_steps[0]) if plan.work_steps else None
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


def rating_prompt(prompt: Prompt) -> str:
    done = f"{prompt.seconds:g} s" if prompt.seconds is not None else f"{prompt.reps} reps"
    short = "" if prompt.completed else ", short of the target"
    text = f"{side_name(prompt.side)} done: {done}{short}. How hard? 1 to 9, 0 for 10"
    if prompt.checks:
        text += "; checks: " + ", ".join(f"{check.key} {check.name}" for check in prompt.checks)
    return text


def rated(prompt: Prompt) -> str:
    parts = []
    if prompt.difficulty is not None:
        parts.append(f"rated {prompt.difficulty}, {difficulty_words(prompt.difficulty)}")
    for check in prompt.checks:
        parts.append(f"{check.name}: {'yes' if check.name in prompt.flags else 'no'}")
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
        line = describe(step_facts(step))
        if isinstance(step, WorkStep) and (how := _how(step)):
            line += f" · {how}"
        return line
    if kind is EventKind.CUE:
        return _cue_line(event)
    if kind is EventKind.SIDE_DONE:
        return rating_prompt(prompt_of(event.value))
    if kind is EventKind.RATED:
        return rated(prompt_of(event.value))
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

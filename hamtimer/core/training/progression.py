"""Today's targets, gates and first sides, derived from the session logs (DESIGN.md, Progression).

The logs are the only source of truth and the program file is never rewritten: `progress_for`
reads the history collection and gives a `Progress`, which `plan.build_plan` applies to a copy of
the program. Without one (`plan --fresh`, tests) the plan is the file's own.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.kinds import ONE_LEG, Side, WorkKind
from hamtimer.core.program.model import Exercise, Goal, Program, SideOrder
from hamtimer.core.program.quantities import TOLERANCE
from hamtimer.core.session.plan import Plan, build_plan
from hamtimer.core.session.today import FirstSide, Progress, Target, Waiting, Why

if TYPE_CHECKING:
    from hamtimer.core.history.sessions import SessionSummary
    from hamtimer.core.history.tally import ExerciseTally


# ----- the rules


def _values(done: ExerciseTally) -> tuple[float, ...]:
    return tuple(v for side in LOG_ORDER if (sets := done.sides.get(side)) for v in sets.values)


LOG_ORDER = (Side.LEFT, Side.RIGHT, Side.BOTH)


def earned(done: ExerciseTally, target: float) -> bool:
    """Every result on every side reached the target, and no check was flagged."""
    if not done.sides or done.marked:
        return False
    for sets in done.sides.values():
        if sets.flags or len(sets.values) < sets.sets or sets.sets == 0:
            return False
        if any(v < target - TOLERANCE for v in sets.values):
            return False
    return True


def fell_short(done: ExerciseTally) -> bool:
    """Some side has a result with `completed = false`."""
    return any(sets.completed < sets.sets for sets in done.sides.values())


def today_target(exercise: Exercise, history: Sequence[ExerciseTally]) -> Target | None:
    """The rule for an exercise with `progress`; `history` holds its sessions, oldest first."""
    step, goal, bounds = exercise.progress, exercise.goal, exercise.work.bounds
    if step is None or goal is None or bounds.target is None or bounds.minimum is None:
        return None
    own, width = bounds.target, bounds.target - bounds.minimum
    last = history[-1] if history else None
    if last is None or last.target is None:
        return Target(exercise.name, own, own - width, Why.FIRST)
    logged = float(last.target)
    if earned(last, logged):
        why, wanted = Why.EARNED, logged + step
    elif len(history) > 1 and fell_short(last) and fell_short(history[-2]):
        why, wanted = Why.STEPPED_BACK, logged - step
    else:
        why, wanted = Why.HELD, logged
    today, limit = wanted, None
    if today > goal.value:
        today, limit = goal.value, "at the goal"
    if today < own:
        today, limit = own, "at the file's target"
    return Target(exercise.name, today, today - width, why, logged, _values(last), limit)


def goal_streak(history: Sequence[ExerciseTally], goal: Goal) -> int:
    """Sessions in a row, back from the newest, where each side's best reached the goal's value
    with no check flagged (history's definition)."""
    one_leg = any(s in done.sides for done in history for s in ONE_LEG)
    sides = ONE_LEG if one_leg else (Side.BOTH,)
    streak = 0
    for done in reversed(history):
        for side in sides:
            sets = done.sides.get(side)
            if sets is None or sets.best is None or sets.best < goal.value - TOLERANCE or sets.flags:
                return streak
        streak += 1
    return streak


def first_side(
    order: SideOrder, name: str, history: Sequence[tuple[SessionSummary, ExerciseTally]]
) -> FirstSide:
    if order is SideOrder.ALTERNATE:
        last = history[-1][1] if history else None
        if last is None or last.first not in ONE_LEG:
            return FirstSide(Side.LEFT, "alternating; no earlier session to follow")
        other = Side.RIGHT if last.first is Side.LEFT else Side.LEFT
        return FirstSide(other, f"alternating; {last.first} started last time")
    from hamtimer.core.history.report import DEFAULT_WINDOW, exercise_report  # weaker-first only

    weaker = exercise_report(name, list(history), DEFAULT_WINDOW).weaker if history else None
    if weaker is None:
        return FirstSide(Side.LEFT, "weaker side first; history names no weaker side yet")
    return FirstSide(weaker, f"weaker side first; history names {weaker} weaker")


def _follows_history(program: Program) -> set[str]:
    """One-leg exercises whose first side comes from history (alternate, weaker-first)."""
    exercises = (e for b in program.blocks for e in b.exercises)
    return {e.name for e in exercises if e.one_leg and (e.side_order or program.side_order).follows_history}


def names_needed(program: Program) -> set[str]:
    """The exercises whose history today's plan depends on."""
    exercises = [e for b in program.blocks for e in b.exercises]
    wanted = {e.name for e in exercises if e.progress is not None}
    wanted |= {e.after for e in exercises if e.after is not None}
    return wanted | _follows_history(program)


def progress_for(program: Program, sessions: Sequence[SessionSummary]) -> Progress:
    """Today's progress of `program` after `sessions` (oldest first), matched by exercise name."""
    exercises = [e for b in program.blocks for e in b.exercises]
    ordered = _follows_history(program)
    wanted = names_needed(program)
    found: dict[str, list[tuple[SessionSummary, ExerciseTally]]] = {name: [] for name in wanted}
    for session in sessions:
        for name, held in found.items():
            done = session.exercises.get(name)
            if done is not None:
                held.append((session, done))
    targets: dict[str, Target] = {}
    starts: dict[str, FirstSide] = {}
    waiting: dict[str, Waiting] = {}
    for exercise in exercises:
        history = found.get(exercise.name, [])
        target = today_target(exercise, [d for _, d in history])
        if target is not None:
            targets[exercise.name] = target
        if exercise.name in ordered:
            order = exercise.side_order or program.side_order
            starts[exercise.name] = first_side(order, exercise.name, history)
        gate = program.exercise(exercise.after) if exercise.after else None
        if gate is None or gate.goal is None:
            continue
        streak = goal_streak([d for _, d in found.get(gate.name, [])], gate.goal)
        chained = gate.name in waiting
        if chained or streak < gate.goal.sessions:
            waiting[exercise.name] = Waiting(
                exercise.name, gate.name, streak, gate.goal.sessions, gate.goal, chained
            )
    return Progress(targets, tuple(waiting.values()), starts)


# ----- in words, for `plan`, the start screen and plain mode


def _amount(value: float, kind: WorkKind) -> str:
    return f"{value:g} reps" if kind is WorkKind.REPS else f"{value:g} s"


def target_line(exercise: Exercise, found: Target) -> str:
    """ "Double-leg pull: 9 reps (last time 8 + 8, earned)" """
    today = exercise.work.describe()
    if found.why is Why.FIRST:
        return f"{exercise.name}: {today} (first time: the file's target)"
    values = " + ".join(f"{v:g}" for v in found.last_values) or "nothing logged"
    unit = "" if exercise.work.kind is WorkKind.REPS else " s"
    limit = f"; {found.limit}" if found.limit else ""
    return f"{exercise.name}: {today} (last time {values}{unit}, {found.why}{limit})"


def waiting_line(found: Waiting) -> str:
    """ "Single-leg pull: opens when Double-leg pull reaches 12 reps for 2 sessions (1/2)" """
    if found.goal is None:
        return f"{found.exercise}: waits for {found.after}"
    reach = _amount(found.goal.value, found.goal.kind)
    plural = "s" if found.needed != 1 else ""
    line = (
        f"{found.exercise}: opens when {found.after} reaches {reach} for {found.needed} "
        f"session{plural} ({found.streak}/{found.needed})"
    )
    return line + (f"; {found.after} is waiting too" if found.chained else "")


def side_line(name: str, found: FirstSide) -> str:
    return f"{name}: {found.side} starts ({found.why})"


def progress_lines(program: Program, progress: Progress) -> list[str]:
    """Today's targets, the waiting exercises and the first sides, one line each."""
    lines: list[str] = []
    for block in program.blocks:
        for exercise in block.exercises:
            if (target := progress.targets.get(exercise.name)) is not None:
                lines.append(target_line(exercise, target))
            if (start := progress.first_sides.get(exercise.name)) is not None:
                lines.append(side_line(exercise.name, start))
    if progress.waiting:
        lines.extend(waiting_line(w) for w in progress.waiting)
        if progress.include_waiting:
            lines.append("Waiting exercises are included this session (all).")
    return lines


def _from_logs(program: Program, data_dir: Path, before: Before | None = None) -> Progress:
    """Called with the cycle collector paused: the summaries read (a few per exercise, from the
    history index, or every log without one) are all freed again when this returns.

    With `before`, only the sessions that started before that one count, and never itself."""
    from hamtimer.core.history.reader import recent_sessions

    names, newest = frozenset(names_needed(program)), sessions_needed(program)
    if before is None:
        sessions = recent_sessions(data_dir, names, newest)
    else:
        sessions = recent_sessions(data_dir, names, newest, exclude=before.file, before=before.started)
    return progress_for(program, sessions)


@dataclass(frozen=True)
class Before:
    """An unfinished session being resumed: its log (relative to the data folder) and its start."""

    file: str
    started: float


RECENT_SESSIONS = 12
"""Sessions holding an exercise that its side order looks back over: weaker-first asks history's
report over its default window (3 sessions holding both sides); this leaves room for sessions
that hold one side only."""


def sessions_needed(program: Program) -> int:
    """How many of the newest sessions holding an exercise today's plan can depend on: two for a
    step back, a goal's `sessions` for a gate (a longer streak opens it all the same)."""
    goals = [e.goal.sessions for b in program.blocks for e in b.exercises if e.goal is not None]
    return max([2, RECENT_SESSIONS, *(n + 1 for n in goals)])


def plan_today(
    program: Program,
    data_dir: Path | None,
    *,
    fresh: bool = False,
    include_waiting: bool = False,
    resuming: Path | None = None,
) -> Plan:
    """The one way a session's plan is built: with the logs under `data_dir` (through the history
    index) unless `fresh` or there is no data dir; `include_waiting` is `run --all`.

    `resuming` names an unfinished session's log: the plan is then the one that session started
    with, worked out from the sessions before it (its own log is never "the session before"),
    with the waiting exercises included if it included them."""
    before: Before | None = None
    if resuming is not None and data_dir is not None:
        before, include_waiting = _before(resuming, data_dir)
    if not names_needed(program):
        return build_plan(program)  # nothing in it follows the logs: the plan of old, no `waiting`
    if fresh or data_dir is None:
        return build_plan(program, Progress())  # no history: the file's own plan
    enabled = gc.isenabled()
    gc.disable()  # see _from_logs
    try:
        progress = _from_logs(program, data_dir, before)
    finally:
        if enabled:
            gc.enable()
    if include_waiting:
        progress = progress.including_waiting()
    return build_plan(program, progress)


def replanner(plan: Plan, data_dir: Path) -> Callable[[Path], Plan]:
    """For the runner: the plan an unfinished session of `plan`'s program started with."""
    program = plan.file_program or plan.program

    def replan(log: Path) -> Plan:
        return plan_today(program, data_dir, resuming=log)

    return replan


def _before(log: Path, data_dir: Path) -> tuple[Before, bool]:
    """The unfinished log's place in history, and whether it included the waiting exercises."""
    from hamtimer.core.history.sessions import started_seconds
    from hamtimer.core.log import logfile

    record = logfile.read(log)
    try:
        file = log.resolve().relative_to(data_dir.resolve()).as_posix()
    except ValueError:
        file = log.as_posix()
    return Before(file, started_seconds(record.started)), record.all


def next_time_lines(plan: Plan, today: Sequence[ExerciseTally]) -> list[str]:
    """Which targets rise next time, by today's results as they stand (a flag holds one)."""
    done = {item.name: item for item in today}
    lines: list[str] = []
    for block in plan.program.blocks:
        for exercise in block.exercises:
            goal, step, target = exercise.goal, exercise.progress, exercise.work.bounds.target
            if goal is None or step is None or target is None or exercise.name not in done:
                continue
            if not earned(done[exercise.name], target):
                lines.append(f"{exercise.name}: stays at {_amount(target, exercise.work.kind)} next time")
            elif target >= goal.value:
                lines.append(f"{exercise.name}: stays at {_amount(target, exercise.work.kind)}, its goal")
            else:
                higher = _amount(min(goal.value, target + step), exercise.work.kind)
                lines.append(f"{exercise.name}: rises to {higher} next time (earned today)")
    return lines

"""Today's targets, gates and first sides, derived from the session logs (DESIGN.md, Progression).

The logs are the only source of truth and the program file is never rewritten: `progress_for`
reads the history collection and gives a `Progress`, which `plan.build_plan` applies to a copy of
the program. Without one (`plan --fresh`, tests) the plan is the file's own.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.kinds import ONE_LEG, Side, WorkKind
from hamtimer.core.program.model import Exercise, Goal, Program, SideOrder
from hamtimer.core.program.quantities import TOLERANCE
from hamtimer.core.record import Record, record
from hamtimer.core.session.plan import Plan, build_plan
from hamtimer.core.session.today import FirstSide, Progress, Target, Waiting, WeekCount, Why
from hamtimer.core.training.calendar import break_steps, days_between, gate_streak, local_day, local_today

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


def today_target(
    exercise: Exercise, history: Sequence[ExerciseTally], days_ago: int | None = None
) -> Target | None:
    """The rule for an exercise with `progress`; `history` holds its sessions, oldest first, and
    `days_ago` counts the calendar days from the newest of them to today (issue 20: a break)."""
    step, goal, bounds = exercise.progress, exercise.goal, exercise.work.bounds
    if step is None or goal is None or bounds.target is None or bounds.minimum is None:
        return None
    own, width = bounds.target, bounds.target - bounds.minimum
    last = history[-1] if history else None
    if last is None or last.target is None:
        return Target(exercise.name, own, own - width, Why.FIRST)
    logged = float(last.target)
    steps_back = break_steps(days_ago or 0)
    if steps_back:
        why, wanted = Why.BREAK, logged - step * steps_back
    elif earned(last, logged):
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
    return Target(
        exercise.name, today, today - width, why, logged, _values(last), limit, days_ago, steps_back
    )


def goal_streak(
    history: Sequence[ExerciseTally], goal: Goal, days: Sequence[date] = (), today: date | None = None
) -> int:
    """Sessions in a row, back from the newest, where each side's best reached the goal's value
    with no check flagged (history's definition); with the sessions' local `days` and `today`,
    only sessions less than 21 days apart, and from today, count (issue 20)."""
    one_leg = any(s in done.sides for done in history for s in ONE_LEG)
    sides = ONE_LEG if one_leg else (Side.BOTH,)
    met = [_meets(done, goal, sides) for done in history]
    if today is not None and len(days) == len(history):
        return gate_streak(list(zip(days, met, strict=True)), today)
    streak = 0
    for ok in reversed(met):
        if not ok:
            break
        streak += 1
    return streak


def _meets(done: ExerciseTally, goal: Goal, sides: tuple[Side, ...]) -> bool:
    for side in sides:
        sets = done.sides.get(side)
        if sets is None or sets.best is None or sets.best < goal.value - TOLERANCE or sets.flags:
            return False
    return True


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


def progress_for(
    program: Program,
    sessions: Sequence[SessionSummary],
    today: date | None = None,
    week: WeekCount | None = None,
) -> Progress:
    """Today's progress of `program` after `sessions` (oldest first), matched by exercise name;
    `today` (local, default the real one) dates breaks and gate gaps."""
    today = today or local_today()
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
        days_ago = days_between(local_day(history[-1][0].started), today) if history else None
        target = today_target(exercise, [d for _, d in history], days_ago)
        if target is not None:
            targets[exercise.name] = target
        if exercise.name in ordered:
            order = exercise.side_order or program.side_order
            starts[exercise.name] = first_side(order, exercise.name, history)
        gate = program.exercise(exercise.after) if exercise.after else None
        if gate is None or gate.goal is None:
            continue
        held = found.get(gate.name, [])
        streak = goal_streak([d for _, d in held], gate.goal, [local_day(s.started) for s, _ in held], today)
        chained = gate.name in waiting
        if chained or streak < gate.goal.sessions:
            waiting[exercise.name] = Waiting(
                exercise.name, gate.name, streak, gate.goal.sessions, gate.goal, chained
            )
    return Progress(targets, tuple(waiting.values()), starts, week=week)


# ----- in words, for `plan`, the start screen and plain mode


def _amount(value: float, kind: WorkKind) -> str:
    return f"{value:g} reps" if kind is WorkKind.REPS else f"{value:g} s"


def target_line(exercise: Exercise, found: Target) -> str:
    """ "Double-leg pull: 9 reps (last time 8 + 8, earned)" """
    today = exercise.work.describe()
    if found.why is Why.FIRST:
        return f"{exercise.name}: {today} (first time: the file's target)"
    if found.why is Why.BREAK and found.last_target is not None:
        return f"{exercise.name}: {today} ({break_words(found, exercise.work.kind)})"
    values = " + ".join(f"{v:g}" for v in found.last_values) or "nothing logged"
    unit = "" if exercise.work.kind is WorkKind.REPS else " s"
    limit = f"; {found.limit}" if found.limit else ""
    return f"{exercise.name}: {today} (last time {values}{unit}, {found.why}{limit})"


STEPS = {1: "one step", 2: "two steps", 3: "three steps"}


def break_words(found: Target, kind: WorkKind) -> str:
    """ "last time 30 s, 20 days ago: one step back" (and "; at the file's target" when kept there)."""
    last = _amount(found.last_target or 0.0, kind)
    steps = STEPS.get(found.steps_back, f"{found.steps_back} steps")
    limit = f"; {found.limit}" if found.limit else ""
    return f"last time {last}, {found.days_ago} days ago: {steps} back{limit}"


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
    lines: list[str] = [progress.week.words] if progress.week is not None else []
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


def _from_logs(
    program: Program, data_dir: Path, today: date, week: WeekCount | None, before: Before | None = None
) -> Progress:
    """Called with the cycle collector paused: the summaries read (a few per exercise, from the
    history index, or every log without one) are all freed again when this returns.

    With `before`, only the sessions that started before that one count, and never itself."""
    from hamtimer.core.history.reader import recent_sessions

    names, newest = frozenset(names_needed(program)), sessions_needed(program)
    if before is None:
        sessions = recent_sessions(data_dir, names, newest)
    else:
        sessions = recent_sessions(data_dir, names, newest, exclude=before.file, before=before.started)
    return progress_for(program, sessions, today, week)


@record
class Before(Record):
    """An unfinished session being resumed: its log (relative to the data folder), its start and
    the local day it started on (its "today")."""

    file: str
    started: float
    day: date


def this_week(data_dir: Path, target: int | None, today: date | None = None) -> WeekCount:
    """Issue 20: the sessions with results logged in today's ISO week (local), and the target."""
    from hamtimer.core.training.calendar import monday, week_count
    from hamtimer.core.training.worklog import recent

    today = today or local_today()
    return WeekCount(week_count(recent(data_dir, monday(today)), today), target)


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
    per_week: int | None = None,
    today: date | None = None,
) -> Plan:
    """The one way a session's plan is built: with the logs under `data_dir` (through the history
    index) unless `fresh` or there is no data dir; `include_waiting` is `run --all`. `per_week` is
    config.toml's weekly target, which the program's own overrides; with either, the plan counts
    this week's sessions (issue 20). `today` defaults to the real local date.

    `resuming` names an unfinished session's log: the plan is then the one that session started
    with, worked out from the sessions before it (its own log is never "the session before") as
    of the day it started, with the waiting exercises included if it included them."""
    before: Before | None = None
    if resuming is not None and data_dir is not None:
        before, include_waiting = _before(resuming, data_dir)
        today = before.day
    target = program.per_week or per_week
    counted = target is not None and not fresh and data_dir is not None
    if not names_needed(program) and not counted:
        return build_plan(program)  # nothing in it follows the logs: the plan of old, no `waiting`
    if fresh or data_dir is None:
        return build_plan(program, Progress())  # no history: the file's own plan
    today = today or local_today()
    week = this_week(data_dir, target, today) if counted else None
    if not names_needed(program):
        return build_plan(program, Progress(week=week))
    enabled = gc.isenabled()
    gc.disable()  # see _from_logs
    try:
        progress = _from_logs(program, data_dir, today, week, before)
    finally:
        if enabled:
            gc.enable()
    if include_waiting:
        progress = progress.including_waiting()
    return build_plan(program, progress)


def replanner(plan: Plan, data_dir: Path) -> Callable[[Path], Plan]:
    """For the runner: the plan an unfinished session of `plan`'s program started with."""
    program = plan.file_program or plan.program
    week = plan.progress.week if plan.progress is not None else None

    def replan(log: Path) -> Plan:
        return plan_today(program, data_dir, resuming=log, per_week=week.target if week else None)

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
    return Before(file, started_seconds(record.started), local_day(record.started)), record.all


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

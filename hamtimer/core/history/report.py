"""The symmetry report: per exercise and side, across sessions (see DESIGN.md, Symmetry).

It is a training aid, not a diagnosis: it says which side is weaker and by how much, never
"injured", "at risk" or "cleared".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hamtimer.core.history.soreness import SorenessReport, soreness_report
from hamtimer.core.history.symmetry import MIN_SESSIONS, asymmetry, band
from hamtimer.core.history.verdict import verdict
from hamtimer.core.kinds import ONE_LEG, Side, WorkKind
from hamtimer.core.program.quantities import TOLERANCE

if TYPE_CHECKING:  # the index's report (core/history/index_report.py) needs neither
    from hamtimer.core.history.sessions import Collection, SessionSummary
    from hamtimer.core.history.tally import ExerciseTally, SideTally

DEFAULT_WINDOW = 3


@dataclass
class SideReport:
    """One side across sessions, built from each session's `SideTally`."""

    latest: float | None = None
    best: float | None = None
    mean: float | None = None
    difficulty: float | None = None
    flags: dict[str, int] = field(default_factory=dict)
    values: list[float] = field(default_factory=list)
    """The side's value in every session holding it, oldest first (for charts and sparklines)."""
    dates: list[str] = field(default_factory=list)
    """When each of `values` was done (the session's `started`, ISO 8601)."""
    marks: dict[str, FormBreak] = field(default_factory=dict)
    """Checks marked during the work over the window, by check."""

    def as_json(self) -> dict[str, Any]:
        return {
            "latest": _round(self.latest),
            "best": _round(self.best),
            "mean": _round(self.mean),
            "difficulty": _round(self.difficulty),
            "flags": dict(self.flags),
            "marks": {check: found.as_json() for check, found in self.marks.items()},
        }


@dataclass(frozen=True)
class FormBreak:
    """When, on average, a check was marked on one side: "hip drop at 18 s (left, 2 of 3 sessions)"."""

    check: str
    side: Side
    at: float
    """Mean over the sessions holding the mark of each session's mean time, seconds into the side."""
    sessions: int
    of: int

    def as_json(self) -> dict[str, Any]:
        return {"at": _round(self.at), "sessions": self.sessions, "of": self.of}

    @property
    def words(self) -> str:
        return f"{self.check} at {self.at:.0f} s ({self.side}, {self.sessions} of {self.of} sessions)"


@dataclass
class GoalStatus:
    met: bool
    streak: int
    needed: int
    value: float
    kind: WorkKind


@dataclass
class ExerciseReport:
    exercise: str
    work: WorkKind
    sessions: int
    sides: dict[Side, SideReport]
    asymmetry_pct: float | None = None
    weaker: Side | None = None
    band: str | None = None
    capped: bool = False
    difficulty_gap: float | None = None
    goal: GoalStatus | None = None
    window: int = 0
    holding: int = 0
    """Sessions holding both sides (or both legs), over all history."""
    weaker_in: dict[str, int] | None = None
    """One-leg: in how many sessions of the window each side was the weaker one, or even."""

    @property
    def one_leg(self) -> bool:
        return Side.BOTH not in self.sides

    @property
    def form_breaks(self) -> list[FormBreak]:
        return [found for side in self.sides.values() for found in side.marks.values()]

    @property
    def verdict(self) -> str:
        """The comparison in words (`core/history/verdict.py`)."""
        return verdict(self)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"exercise": self.exercise, "work": self.work, "sessions": self.sessions}
        for side, report in self.sides.items():
            data[side] = report.as_json()
        data |= {
            "asymmetry_pct": _round(self.asymmetry_pct),
            "weaker": self.weaker,
            "band": self.band,
            "capped": self.capped,
            "weaker_in": None if self.weaker_in is None else dict(self.weaker_in),
            "difficulty_gap": _round(self.difficulty_gap),
            "goal": None
            if self.goal is None
            else {"met": self.goal.met, "streak": self.goal.streak, "needed": self.goal.needed},
            "window": self.window,
            "sessions_with_both": self.holding,
            "verdict": self.verdict,
            "form": [found.words for found in self.form_breaks],
        }
        return data


@dataclass
class Report:
    sessions: int
    skipped: list[tuple[str, str]]
    exercises: list[ExerciseReport]
    soreness: SorenessReport | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "exercises": [e.as_json() for e in self.exercises],
            "soreness": None if self.soreness is None else self.soreness.as_json(),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def fmean(values: list[float]) -> float:
    """`statistics.fmean` of a list, as it computes it (a warm `history` need not import statistics)."""
    return math.fsum(values) / len(values)


def _mean(values: list[float]) -> float | None:
    return fmean(values) if values else None


def _goal_met(done: ExerciseTally, value: float, sides: tuple[Side, ...]) -> bool:
    """Both sides (or both legs) reach the goal's value, with no check flagged."""
    for side in sides:
        sets = done.sides.get(side)
        if sets is None or sets.best is None or sets.best < value - TOLERANCE or sets.flags:
            return False
    return True


EVEN = "even"


@dataclass(frozen=True)
class SideSession:
    """One side of an exercise in one session of the window: what the comparison reads of it
    (from a `SideTally`, or from the history index)."""

    mean: float | None
    difficulty: float | None
    flags: Mapping[str, int]
    """Sets flagged per check, in order of first appearance."""
    marks: Mapping[str, float]
    """Per check marked: the mean time of its marks, seconds into the side."""
    sets: int
    at_target: int


@dataclass(frozen=True)
class WindowSession:
    """An exercise in one session of the window (the newest sessions holding every side)."""

    target: float | None
    sides: Mapping[Side, SideSession]


@dataclass(frozen=True)
class GoalRule:
    """A goal as logged: reach `value` (seconds or reps) on every side for `needed` sessions."""

    kind: WorkKind
    value: float
    needed: int


def goal_rule(goal: Mapping[str, float] | None) -> GoalRule | None:
    if not goal:
        return None
    kind = next((k for k in WorkKind if k is not WorkKind.DISTANCE and k.value in goal), None)
    if kind is None:
        return None
    return GoalRule(kind, goal[kind.value], int(goal.get("sessions", 1)))


def side_session(sets: SideTally) -> SideSession:
    marks = {check: fmean(at) for check, at in sets.marks.items() if at}
    return SideSession(sets.mean, sets.difficulty, sets.flags, marks, sets.sets, sets.at_target)


def _weaker(done: WindowSession) -> Side | str | None:
    """The strictly weaker side in one session, EVEN when both are equal, None without both values."""
    left, right = done.sides[Side.LEFT].mean, done.sides[Side.RIGHT].mean
    if left is None or right is None:
        return None
    if left == right:
        return EVEN
    return Side.LEFT if left < right else Side.RIGHT


def _form_breaks(side: Side, chosen: list[SideSession]) -> dict[str, FormBreak]:
    """Per check marked over the window: in how many sessions, and at what time on average."""
    times: dict[str, list[float]] = {}
    for sets in chosen:
        for check, at in sets.marks.items():
            times.setdefault(check, []).append(at)
    return {
        check: FormBreak(check, side, fmean(found), len(found), len(chosen)) for check, found in times.items()
    }


def exercise_report(
    name: str, history: list[tuple[SessionSummary, ExerciseTally]], window: int
) -> ExerciseReport:
    """One exercise across its sessions (oldest first)."""
    work = history[-1][1].work
    one_leg = any(s in done.sides for _, done in history for s in ONE_LEG)
    sides = ONE_LEG if one_leg else (Side.BOTH,)
    reports = {side: SideReport() for side in sides}
    for side in sides:
        report = reports[side]
        values, dates = report.values, report.dates
        for session, done in history:
            sets = done.sides.get(side)
            if sets is not None and sets.values:
                values.append(math.fsum(sets.values) / len(sets.values))  # SideTally.mean, inlined
                dates.append(session.started_text)
        report.latest = report.values[-1] if report.values else None
        report.best = max(report.values, default=None)
    wanted = set(sides)
    holding = [d for _, d in history if d.sides.keys() >= wanted]
    chosen = holding[-window:] if window > 0 else holding
    recent = [WindowSession(d.target, {s: side_session(d.sides[s]) for s in sides}) for d in chosen]
    rule = goal_rule(history[-1][1].goal)
    streak = 0
    if rule is not None:
        for _, done in reversed(history):
            if not _goal_met(done, rule.value, sides):
                break
            streak += 1
    return compare(name, work, len(history), reports, len(holding), recent, rule, streak)


def compare(
    name: str,
    work: WorkKind,
    sessions: int,
    reports: dict[Side, SideReport],
    holding: int,
    recent: list[WindowSession],
    rule: GoalRule | None,
    streak: int,
) -> ExerciseReport:
    """The report of one exercise from its sides' `latest` and `best` (in `reports`), the count of
    sessions holding every side, the window (oldest first) and the goal's streak."""
    sides = tuple(reports)
    one_leg = sides == ONE_LEG
    for side in sides:
        report = reports[side]
        chosen = [d.sides[side] for d in recent]
        report.mean = _mean([v for sets in chosen if (v := sets.mean) is not None])
        report.difficulty = _mean([v for sets in chosen if (v := sets.difficulty) is not None])
        for sets in chosen:
            for flag, count in sets.flags.items():
                report.flags[flag] = report.flags.get(flag, 0) + count
        report.marks = _form_breaks(side, chosen)
    result = ExerciseReport(name, work, sessions, reports, window=len(recent), holding=holding)
    if one_leg:
        weaker = [_weaker(done) for done in recent]
        result.weaker_in = {
            "left": weaker.count(Side.LEFT),
            "right": weaker.count(Side.RIGHT),
            "even": weaker.count(EVEN),
        }
        left, right = reports[Side.LEFT], reports[Side.RIGHT]
        result.capped = bool(recent) and all(
            d.target is not None and all(d.sides[s].at_target == d.sides[s].sets > 0 for s in sides)
            for d in recent
        )
        if left.difficulty is not None and right.difficulty is not None:
            result.difficulty_gap = right.difficulty - left.difficulty
        if (
            not result.capped
            and left.mean is not None
            and right.mean is not None
            and work is not WorkKind.DISTANCE
        ):
            found = asymmetry(left.mean, right.mean)
            if found is not None:
                result.asymmetry_pct = found.pct
                result.weaker = found.weaker
                if len(recent) >= MIN_SESSIONS:  # never a band from too little
                    result.band = band(found, work, [w if isinstance(w, Side) else None for w in weaker])
    if rule is not None:
        result.goal = GoalStatus(streak >= rule.needed, streak, rule.needed, rule.value, rule.kind)
    return result


def build_report(collection: Collection, window: int = DEFAULT_WINDOW, exercise: str | None = None) -> Report:
    by_name: dict[str, list[tuple[SessionSummary, ExerciseTally]]] = {}
    for session in collection.sessions:
        for name, done in session.exercises.items():
            if exercise is None or name.casefold() == exercise.casefold():
                by_name.setdefault(name, []).append((session, done))
    exercises = [exercise_report(name, history, window) for name, history in by_name.items()]
    soreness = soreness_report(collection.sessions)
    return Report(len(collection.sessions), collection.skipped, exercises, soreness)


@dataclass(frozen=True)
class LastTime:
    """An exercise's values in the most recent earlier session that holds it."""

    started: str
    values: dict[Side, float]


def last_times(collection: Collection, names: set[str], exclude: str | None) -> dict[str, LastTime]:
    """For each exercise named, the newest session other than `exclude` (a log file) holding it."""
    found: dict[str, LastTime] = {}
    for session in reversed(collection.sessions):
        if session.file == exclude:
            continue
        for name in names - found.keys():
            done = session.exercises.get(name)
            if done is None:
                continue
            values = {side: v for side, sets in done.sides.items() if (v := sets.mean) is not None}
            if values:
                found[name] = LastTime(session.started_text, values)
        if len(found) == len(names):
            break
    return found

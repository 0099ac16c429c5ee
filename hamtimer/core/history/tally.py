"""One session's results counted per exercise and side: what the summary and history compare."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean

from hamtimer.core.history.symmetry import Asymmetry, asymmetry
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.log.logfile import ResultEntry, SideEntry
from hamtimer.core.program.quantities import TOLERANCE


@dataclass
class SideTally:
    """One side (or both legs) of one exercise in one session: a value per set (or round) done."""

    values: list[float] = field(default_factory=list)
    difficulties: list[int] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)
    """How many sets each check was flagged in, in order of first appearance."""
    sets: int = 0
    completed: int = 0
    at_target: int = 0
    marks: dict[str, list[float]] = field(default_factory=dict)
    """Issue 12: the checks marked during the work, each with the seconds into the side it was
    marked at (every mark of every set, in order)."""

    @property
    def mean(self) -> float | None:
        """As `statistics.fmean` gives it, without its overhead (history asks tens of thousands)."""
        return math.fsum(self.values) / len(self.values) if self.values else None

    @property
    def best(self) -> float | None:
        return max(self.values) if self.values else None

    @property
    def difficulty(self) -> float | None:
        return fmean(self.difficulties) if self.difficulties else None

    def add(self, entry: SideEntry, work: WorkKind, target: float | None) -> None:
        self.sets += 1
        value = entry.value(work)
        if value is not None:
            self.values.append(value)
            if target is not None and value >= target - TOLERANCE:
                self.at_target += 1
        if entry.difficulty is not None:
            self.difficulties.append(entry.difficulty)
        for flag in entry.flags or ():
            self.flags[flag] = self.flags.get(flag, 0) + 1
        for mark in entry.marks:
            self.marks.setdefault(mark.check, []).append(float(mark.at))
        self.completed += entry.done_in_full


@dataclass
class ExerciseTally:
    """One exercise in one session, its sides in the order they were first done."""

    name: str
    work: WorkKind
    target: float | None = None
    goal: dict[str, float] | None = None
    sides: dict[Side, SideTally] = field(default_factory=dict)
    # ----- for progression (issue 11)
    first: Side | None = None
    """The side done first (the lowest `step`): who started set 1."""
    first_step: int | None = None
    marked: bool = False
    """A check was marked during the work on some side (marks count as flags)."""

    @property
    def one_leg(self) -> bool:
        return Side.BOTH not in self.sides

    def asymmetry(self) -> Asymmetry | None:
        left, right = self.sides.get(Side.LEFT), self.sides.get(Side.RIGHT)
        if left is None or right is None or left.mean is None or right.mean is None:
            return None
        return asymmetry(left.mean, right.mean)

    def add(self, entry: ResultEntry) -> None:
        if self.target is None:
            self.target = entry.target
        self.goal = entry.goal or self.goal
        for side, found in entry.sides.items():
            self.sides.setdefault(side, SideTally()).add(found, entry.work, entry.target)
            if found.step is not None and (self.first_step is None or found.step < self.first_step):
                self.first, self.first_step = side, found.step
            self.marked = self.marked or bool(found.marks)


def tally(results: Iterable[ResultEntry]) -> dict[str, ExerciseTally]:
    """A session's exercises by name, in order of first appearance."""
    found: dict[str, ExerciseTally] = {}
    for entry in results:
        exercise = found.setdefault(entry.exercise, ExerciseTally(entry.exercise, entry.work))
        exercise.add(entry)
    return found

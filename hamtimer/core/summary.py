"""Today's left-against-right summary of one session's results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean

from hamtimer.core.program import WorkKind
from hamtimer.core.results import SideResult
from hamtimer.core.symmetry import Asymmetry, asymmetry


@dataclass
class SideSummary:
    values: list[float] = field(default_factory=list)
    difficulties: list[int] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)
    done: int = 0
    completed: int = 0

    @property
    def mean(self) -> float | None:
        return fmean(self.values) if self.values else None

    @property
    def difficulty(self) -> float | None:
        return fmean(self.difficulties) if self.difficulties else None


@dataclass
class ExerciseSummary:
    name: str
    work: WorkKind
    sides: dict[str, SideSummary] = field(default_factory=dict)

    @property
    def one_leg(self) -> bool:
        return "both" not in self.sides

    def asymmetry(self) -> Asymmetry | None:
        left, right = self.sides.get("left"), self.sides.get("right")
        if left is None or right is None or left.mean is None or right.mean is None:
            return None
        return asymmetry(left.mean, right.mean)


def summarize(results: Iterable[SideResult]) -> list[ExerciseSummary]:
    """Results grouped by exercise (in order of first appearance) and side."""
    found: dict[str, ExerciseSummary] = {}
    for result in results:
        exercise = result.step.exercise
        summary = found.setdefault(exercise.name, ExerciseSummary(exercise.name, exercise.work.kind))
        side = summary.sides.setdefault(result.step.side.value if result.step.side else "both", SideSummary())
        side.done += 1
        side.completed += result.completed
        if result.value is not None:
            side.values.append(float(result.value))
        if result.difficulty is not None:
            side.difficulties.append(result.difficulty)
        for flag in result.flags:
            side.flags[flag] = side.flags.get(flag, 0) + 1
    return list(found.values())

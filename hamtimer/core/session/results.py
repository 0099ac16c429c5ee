"""What was achieved on one side (or both legs) of one work step."""

from __future__ import annotations

from dataclasses import dataclass, field

from hamtimer.core.kinds import WorkKind
from hamtimer.core.session.marks import Mark
from hamtimer.core.session.plan import WorkStep


@dataclass
class SideResult:
    """One side's outcome; difficulty and flags arrive later, during the following rest."""

    step: WorkStep
    seconds: float | None = None
    reps: int | None = None
    completed: bool = True
    difficulty: int | None = None
    flags: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    """Checks marked during the work, with the seconds into the side (each is also a flag)."""

    def toggle_flag(self, check: str) -> None:
        if check in self.flags:
            self.flags.remove(check)
        else:
            self.flags.append(check)
            self.flags.sort(key=self.step.exercise.checks.index)


def side_result(step: WorkStep, elapsed: float, reps: int, marks: list[Mark]) -> SideResult:
    """What a work step achieved when it ended `elapsed` seconds in with `reps` counted.

    A timed side keeps the time reached (up to the target); it is completed once it reaches its
    minimum. Each check marked during the work is also a flag.
    """
    work = step.exercise.work
    bounds = work.bounds
    result = SideResult(step, marks=list(marks))
    for found in marks:
        if found.check not in result.flags:
            result.toggle_flag(found.check)
    if work.kind is WorkKind.REPS:
        result.reps = reps
        result.completed = bounds.minimum is None or reps >= bounds.minimum
    else:
        seconds = elapsed if bounds.target is None else min(elapsed, bounds.target)
        result.seconds = round(seconds, 1)
        if work.is_timed and bounds.minimum is not None:
            result.completed = seconds >= bounds.minimum - 0.05
    return result

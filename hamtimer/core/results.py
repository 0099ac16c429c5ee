"""What was achieved on one side (or both legs) of one work step."""

from __future__ import annotations

from dataclasses import dataclass, field

from hamtimer.core.plan import WorkStep


@dataclass
class SideResult:
    """One side's outcome; difficulty and flags arrive later, during the following rest."""

    step: WorkStep
    seconds: float | None = None
    reps: int | None = None
    completed: bool = True
    difficulty: int | None = None
    flags: list[str] = field(default_factory=list)

    def toggle_flag(self, check: str) -> None:
        if check in self.flags:
            self.flags.remove(check)
        else:
            self.flags.append(check)
            self.flags.sort(key=self.step.exercise.checks.index)

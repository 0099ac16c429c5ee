"""Today's session as history shapes it: targets, exercises waiting behind a gate, first sides.

The types that `training.progression` works out from the logs and `plan.build_plan` applies to a
copy of the program; here, below both, so the plan never imports training.
"""

from __future__ import annotations

from dataclasses import field, replace
from enum import StrEnum
from typing import Any

from hamtimer.core.kinds import Side
from hamtimer.core.program.model import Block, Exercise, Goal, Program
from hamtimer.core.program.quantities import Bounds
from hamtimer.core.record import Record, record


class Why(StrEnum):
    """Why today's target is what it is."""

    FIRST = "first time"
    EARNED = "earned"
    HELD = "held"
    STEPPED_BACK = "stepped back"
    BREAK = "after a break"
    """Issue 20: last logged more than 14 days ago; one step back per 14 days."""


@record
class Target(Record):
    """Today's target (and minimum) of an exercise with `progress`."""

    exercise: str
    target: float
    minimum: float
    why: Why
    last_target: float | None = None
    last_values: tuple[float, ...] = ()
    limit: str | None = None
    """"at the goal" or "at the file's target" when the rule's result was kept within them."""
    days_ago: int | None = None
    """Issue 20: calendar days from the last session holding the exercise to today."""
    steps_back: int = 0
    """Issue 20: steps taken back for a break (`Why.BREAK`)."""


@record
class Waiting(Record):
    """An exercise left out behind a gate, and how far its gate is from opening."""

    exercise: str
    after: str
    streak: int
    needed: int
    goal: Goal | None = None
    chained: bool = False
    """`after` is itself waiting."""

    def as_json(self) -> dict[str, Any]:
        return {"exercise": self.exercise, "after": self.after, "streak": self.streak, "needed": self.needed}


@record
class FirstSide(Record):
    """The side that starts set 1 of an alternate or weaker-first exercise today, and why."""

    side: Side
    why: str


@record
class WeekCount(Record):
    """Issue 20: the sessions with results logged this ISO week (local time), and the weekly target."""

    sessions: int
    target: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"sessions": self.sessions, "target": self.target}

    @property
    def words(self) -> str:
        """ "this week: 1 of 2 sessions", before a session."""
        plural = "" if (self.target or self.sessions) == 1 else "s"
        if self.target is None:
            return f"this week: {self.sessions} session{plural}"
        return f"this week: {self.sessions} of {self.target} session{plural}"

    @property
    def done_words(self) -> str:
        """ "2 of 2 this week", after one."""
        if self.target is None:
            return f"{self.sessions} this week"
        return f"{self.sessions} of {self.target} this week"


@record
class Progress(Record):
    """What history says about today's session of one program."""

    targets: dict[str, Target] = field(default_factory=dict)
    waiting: tuple[Waiting, ...] = ()
    first_sides: dict[str, FirstSide] = field(default_factory=dict)
    include_waiting: bool = False
    """`run --all`: the waiting exercises are run too, for this session."""
    week: WeekCount | None = None
    """Issue 20: this week's sessions against the weekly target, when one is set."""

    @property
    def left_out(self) -> tuple[Waiting, ...]:
        return () if self.include_waiting else self.waiting

    def including_waiting(self) -> Progress:
        return replace(self, include_waiting=True)

    def apply(self, program: Program) -> Program:
        """The program as today runs it: today's targets, without the exercises left out."""
        out = {w.exercise for w in self.left_out}
        blocks: list[Block] = []
        for block in program.blocks:
            kept = tuple(self._today(e) for e in block.exercises if e.name not in out)
            if kept:
                blocks.append(replace(block, exercises=kept))
        return replace(program, blocks=tuple(blocks))

    def _today(self, exercise: Exercise) -> Exercise:
        found = self.targets.get(exercise.name)
        if found is None:
            return exercise
        bounds = Bounds(found.minimum, found.target)
        return replace(exercise, work=replace(exercise.work, bounds=bounds))

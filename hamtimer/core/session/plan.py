"""A program expanded into the flat, ordered list of steps a session runs through."""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.program.model import Block, Exercise, Program, SideOrder
from hamtimer.core.record import Record, record

if TYPE_CHECKING:
    from hamtimer.core.session.today import Progress

SECONDS_PER_REP = 3.0
"""Assumed pace of a rep without a tempo, for estimates only."""
ASSUMED_MAX_SECONDS = 45.0
"""Assumed length of a "max" hold or time, for estimates only."""
ASSUMED_MAX_REPS = 12
"""Assumed reps of a "max" reps set, for estimates only."""
ASSUMED_DISTANCE_SECONDS = 20.0
"""Assumed time to cover a distance, for estimates only."""


class StepKind(StrEnum):
    PREPARE = "prepare"
    WORK = "work"
    REST = "rest"


class RestReason(StrEnum):
    BETWEEN_SIDES = "between-sides"
    BETWEEN_SETS = "between-sets"
    BETWEEN_EXERCISES = "between-exercises"
    BETWEEN_ROUNDS = "between-rounds"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


def number(value: float) -> int | float:
    """A whole float as an int, for JSON and display."""
    return int(value) if float(value).is_integer() else value


@record
class PrepareStep(Record):
    kind: ClassVar[StepKind] = StepKind.PREPARE
    index: int
    seconds: float


@record
class RestStep(Record):
    kind: ClassVar[StepKind] = StepKind.REST
    index: int
    seconds: float
    reason: RestReason


@record
class WorkStep(Record):
    """One side (or both legs) of one set or round of one exercise."""

    kind: ClassVar[StepKind] = StepKind.WORK
    index: int
    exercise: Exercise
    block: str | None
    block_number: int
    exercise_number: int
    side: Side | None
    set: int
    sets: int
    round: int
    rounds: int
    load: str | None
    first_side: bool = True

    @property
    def name(self) -> str:
        return self.exercise.name


Step = PrepareStep | RestStep | WorkStep


def estimate_seconds(step: Step) -> float:
    """How long a step is expected to take; see the module's ASSUMED_* constants."""
    if not isinstance(step, WorkStep):
        return step.seconds
    work = step.exercise.work
    if work.kind is WorkKind.DISTANCE:
        return ASSUMED_DISTANCE_SECONDS
    target = work.bounds.target
    if work.is_timed:
        return ASSUMED_MAX_SECONDS if target is None else target
    reps = ASSUMED_MAX_REPS if target is None else target
    tempo = step.exercise.tempo
    return reps * (tempo.seconds_per_rep if tempo else SECONDS_PER_REP)


@record
class Plan(Record):
    program: Program
    steps: tuple[Step, ...]
    progress: Progress | None = None
    """What history made of today's session; None when built without it."""
    file_program: Program | None = None
    """The program as its file has it, when `progress` changed it (for `including_waiting`)."""
    estimated_seconds: int = field(init=False)

    def __post_init__(self) -> None:
        total = sum(estimate_seconds(step) for step in self.steps)
        object.__setattr__(self, "estimated_seconds", round(total))

    @property
    def has_waiting(self) -> bool:
        return self.progress is not None and bool(self.progress.left_out)

    def including_waiting(self) -> Plan:
        """This plan with the exercises that wait behind a gate, for one session (`run --all`)."""
        if self.progress is None or self.file_program is None:
            return self
        return build_plan(self.file_program, self.progress.including_waiting())

    @property
    def work_steps(self) -> tuple[WorkStep, ...]:
        return tuple(s for s in self.steps if isinstance(s, WorkStep))

    def to_json(self) -> dict[str, Any]:
        data = {
            "program": self.program.name,
            "estimated_seconds": self.estimated_seconds,
            "steps": [step_json(s) for s in self.steps],
        }
        if self.progress is not None:
            data["waiting"] = [w.as_json() for w in self.progress.left_out]
            if self.progress.week is not None:  # issue 20: a weekly target is set
                data["week"] = self.progress.week.as_json()
        return data


def step_json(step: Step) -> dict[str, Any]:
    if isinstance(step, PrepareStep):
        return {"index": step.index, "kind": "prepare", "seconds": number(step.seconds)}
    if isinstance(step, RestStep):
        return {"index": step.index, "kind": "rest", "reason": step.reason.value,
                "seconds": number(step.seconds)}  # fmt: skip
    exercise = step.exercise
    work = exercise.work
    bounds = work.bounds
    return {
        "index": step.index,
        "kind": "work",
        "block": step.block,
        "exercise": exercise.name,
        "side": step.side.value if step.side else None,
        "set": step.set,
        "sets": step.sets,
        "round": step.round,
        "rounds": step.rounds,
        "work": work.kind.value,
        "target": None if bounds.target is None else number(bounds.target),
        "minimum": None if bounds.minimum is None else number(bounds.minimum),
        "load": step.load,
        "tempo": str(exercise.tempo) if exercise.tempo else None,
        "distance": work.distance,
        "goal": exercise.goal.as_dict() if exercise.goal else None,
    }


class _Builder:
    def __init__(self, program: Program, progress: Progress | None) -> None:
        self.program = program
        self.progress = progress
        self.steps: list[Step] = []

    def side_order(self, exercise: Exercise, number: int) -> tuple[Side, Side]:
        """The sides of the `number`-th set (or round) of a one-leg exercise, counting from 1."""
        order = exercise.side_order or self.program.side_order
        if not order.follows_history:
            return order.sides
        known = self.progress.first_sides.get(exercise.name) if self.progress else None
        first = known.side if known else Side.LEFT
        if order is SideOrder.ALTERNATE and number % 2 == 0:
            first = Side.RIGHT if first is Side.LEFT else Side.LEFT
        return (first, Side.RIGHT if first is Side.LEFT else Side.LEFT)

    def rest(self, seconds: float, reason: RestReason) -> None:
        if seconds > 0:
            self.steps.append(RestStep(len(self.steps), seconds, reason))

    def sides(
        self, block: Block, block_number: int, exercise: Exercise, exercise_number: int,
        set_: int, round_: int, load_number: int,
    ) -> None:  # fmt: skip
        if exercise.one_leg:
            sides: tuple[Side | None, ...] = self.side_order(exercise, set_ + round_ - 1)
        else:
            sides = (None,)
        for position, side in enumerate(sides):
            if position:
                self.rest(exercise.rest.between_sides, RestReason.BETWEEN_SIDES)
            self.steps.append(
                WorkStep(
                    index=len(self.steps),
                    exercise=exercise,
                    block=block.name,
                    block_number=block_number,
                    exercise_number=exercise_number,
                    side=side,
                    set=set_,
                    sets=exercise.sets,
                    round=round_,
                    rounds=block.rounds,
                    load=exercise.load or block.load_for(load_number),
                    first_side=position == 0,
                )
            )

    def build(self) -> Plan:
        if self.program.prepare > 0:
            self.steps.append(PrepareStep(0, self.program.prepare))
        for block_number, block in enumerate(self.program.blocks, 1):
            if block_number > 1:
                self.rest(block.rest.between_exercises, RestReason.BETWEEN_EXERCISES)
            for round_ in range(1, block.rounds + 1):
                if round_ > 1:
                    self.rest(block.rest.between_rounds, RestReason.BETWEEN_ROUNDS)
                for exercise_number, exercise in enumerate(block.exercises, 1):
                    if exercise_number > 1:
                        self.rest(block.rest.between_exercises, RestReason.BETWEEN_EXERCISES)
                    for set_ in range(1, exercise.sets + 1):
                        if set_ > 1:
                            self.rest(exercise.rest.between_sets, RestReason.BETWEEN_SETS)
                        load_number = round_ if block.is_circuit else set_
                        self.sides(
                            block,
                            block_number,
                            exercise,
                            exercise_number,
                            set_,
                            round_,
                            load_number,
                        )
        return Plan(self.program, tuple(self.steps), self.progress)


def _with_file_program(plan: Plan, program: Program) -> Plan:
    return Plan(plan.program, plan.steps, plan.progress, program)


def build_plan(program: Program, progress: Progress | None = None) -> Plan:
    """Expand a program into its steps, in the order DESIGN.md gives; with `progress` (from the
    logs, see core/progression) today's targets apply and waiting exercises are left out."""
    if progress is None:
        return _Builder(program, None).build()
    return _with_file_program(_Builder(progress.apply(program), progress).build(), program)

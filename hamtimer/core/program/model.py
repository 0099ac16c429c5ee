"""The program model: what a valid program file holds, typed and immutable."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from hamtimer.core.formatting import format_seconds
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.program.fit_exercise import FitExercise
from hamtimer.core.program.quantities import Bounds, Tempo
from hamtimer.core.record import Record, record


class Sides(StrEnum):
    EACH = "each"
    BOTH = "both"


class SideOrder(StrEnum):
    LEFT_FIRST = "left-first"
    RIGHT_FIRST = "right-first"
    ALTERNATE = "alternate"
    """The first side changes set to set, and session to session (see core/progression)."""
    WEAKER_FIRST = "weaker-first"
    """Every set starts with the side history names weaker (see core/progression)."""

    @property
    def sides(self) -> tuple[Side, Side]:
        """The order with no history: alternate and weaker-first start on the left."""
        if self is SideOrder.RIGHT_FIRST:
            return (Side.RIGHT, Side.LEFT)
        return (Side.LEFT, Side.RIGHT)

    @property
    def follows_history(self) -> bool:
        return self in (SideOrder.ALTERNATE, SideOrder.WEAKER_FIRST)


@record
class RestSettings(Record):
    """Rest durations in seconds; 0 means no rest step at all."""

    between_sides: float = 10.0
    between_sets: float = 60.0
    between_exercises: float = 30.0
    between_rounds: float = 90.0

    def overridden(self, **changes: float) -> RestSettings:
        return replace(self, **changes)


@record
class Work(Record):
    """One side's work: its kind and what it asks (seconds or reps), or a distance."""

    kind: WorkKind
    bounds: Bounds
    distance: str | None = None

    @property
    def is_max(self) -> bool:
        return self.kind is not WorkKind.DISTANCE and self.bounds.is_max

    @property
    def is_timed(self) -> bool:
        return self.kind.is_timed

    def describe(self) -> str:
        """What is asked, for people: "30 s", "20-30 s", "5-10 min", "8-10 reps", "max", "5 yd"."""
        if self.distance is not None:
            return self.distance
        low, high = self.bounds.minimum, self.bounds.target
        if low is None or high is None:
            return "max reps" if self.kind is WorkKind.REPS else "max"
        if self.kind is WorkKind.REPS:
            return f"{low:g} reps" if low == high else f"{low:g}-{high:g} reps"
        if low == high:
            return format_seconds(high)
        if high < 60:
            return f"{low:g}-{high:g} s"
        if low % 60 == 0 and high % 60 == 0:
            return f"{low / 60:g}-{high / 60:g} min"
        return f"{format_seconds(low)}-{format_seconds(high)}"


@record
class Goal(Record):
    """A progression gate: reach `value` (seconds or reps) for `sessions` sessions in a row."""

    kind: WorkKind
    value: float
    sessions: int

    def as_dict(self) -> dict[str, float | int]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {self.kind.value: value, "sessions": self.sessions}


@record
class Exercise(Record):
    name: str
    work: Work
    sides: Sides = Sides.BOTH
    sets: int = 1
    tempo: Tempo | None = None
    load: str | None = None
    rest: RestSettings = RestSettings()
    cues: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    goal: Goal | None = None
    note: str | None = None
    cadence: int | None = None
    side_order: SideOrder | None = None
    progress: float | None = None
    """Raise the target by this much after each session that earns it (see core/progression)."""
    after: str | None = None
    """A gate: wait until this exercise's goal is met."""
    fit: FitExercise | None = None
    """The FIT profile's exercise, for exports to Garmin Connect and Strava (issue 19)."""

    @property
    def one_leg(self) -> bool:
        return self.sides is Sides.EACH


@record
class Block(Record):
    exercises: tuple[Exercise, ...]
    name: str | None = None
    rounds: int = 1
    loads: tuple[str, ...] = ()
    rest: RestSettings = RestSettings()

    @property
    def is_circuit(self) -> bool:
        return self.rounds > 1

    def load_for(self, number: int) -> str | None:
        """The load label for round (or set) `number`, counting from 1; the last repeats."""
        if not self.loads:
            return None
        return self.loads[min(number, len(self.loads)) - 1]


@record
class Program(Record):
    name: str
    blocks: tuple[Block, ...]
    source: str = ""
    about: str = ""
    side_order: SideOrder = SideOrder.LEFT_FIRST
    prepare: float = 5.0
    rest: RestSettings = RestSettings()
    soreness: bool = False
    """Ask how each hamstring feels on the start screen."""
    per_week: int | None = None
    """Issue 20: sessions a week to aim for (1 to 14); config.toml's [training] per_week otherwise."""

    def exercise(self, name: str) -> Exercise | None:
        for block in self.blocks:
            for exercise in block.exercises:
                if exercise.name == name:
                    return exercise
        return None

"""The enums the program, the engine, the session log and history share."""

from __future__ import annotations

from enum import StrEnum


class WorkKind(StrEnum):
    HOLD = "hold"
    REPS = "reps"
    TIME = "time"
    DISTANCE = "distance"

    @property
    def is_timed(self) -> bool:
        return self in (WorkKind.HOLD, WorkKind.TIME)


class Side(StrEnum):
    """A leg, or both legs together: plan steps use LEFT and RIGHT (None for both legs)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


WORK_KINDS = {kind.value: kind for kind in WorkKind}
SIDES = {side.value: side for side in Side}
"""Members by value: a dict lookup is many times quicker than calling the enum (history reads
thousands of cached entries)."""

ONE_LEG = (Side.LEFT, Side.RIGHT)
LOG_SIDES = (Side.LEFT, Side.RIGHT, Side.BOTH)
"""The side tables a [[result]] may hold, in the order a reader looks for them."""


def logged_side(side: Side | None) -> Side:
    """The side a plan step's result is logged under: a two-leg step's is BOTH."""
    return Side.BOTH if side is None else side

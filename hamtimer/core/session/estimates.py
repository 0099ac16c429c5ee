"""Estimated time and display maths for the engine: time left, share done, when the shown second changes.

Split from the engine (which keeps the timing truth) so that each stays small; these are pure
functions of the plan's estimates and the current step's elapsed time.
"""

from __future__ import annotations

import math

from hamtimer.core.session.plan import Plan, estimate_seconds


def cumulative(plan: Plan) -> list[float]:
    """Estimated seconds before each step (and, last, the whole session)."""
    before = [0.0]
    for step in plan.steps:
        before.append(before[-1] + estimate_seconds(step))
    return before


def seconds_left(before: list[float], index: int, current: float, elapsed: float) -> float:
    """Estimated seconds to the end, during step `index` (estimated `current` s long) at `elapsed`."""
    after = before[-1] - before[index + 1]
    return max(0.0, current - elapsed) + after


def share_done(before: list[float], index: int, current: float, elapsed: float, left: float) -> float:
    """The share of the session done, 0 to 1, by estimated time."""
    done = before[index] + min(elapsed, current)
    whole = done + left
    return 1.0 if whole <= 0 else min(1.0, max(0.0, done / whole))


def next_display_change(anchor: float, elapsed: float, length: float | None) -> float | None:
    """When the whole seconds shown next change (monotonic s): counting up without a length,
    counting down with one; None once the countdown shows 0."""
    if length is None:
        return anchor + math.floor(elapsed) + 1
    shown = math.ceil(length - elapsed - 1e-9)
    return None if shown <= 0 else anchor + length - (shown - 1)

"""Today's session at its end: its results tallied per exercise and side, and its active time."""

from __future__ import annotations

from collections.abc import Iterable

from hamtimer.core.history.tally import ExerciseTally, tally
from hamtimer.core.log.journal import result_entries
from hamtimer.core.session.engine import Engine
from hamtimer.core.session.results import SideResult


def summarize(results: Iterable[SideResult]) -> list[ExerciseTally]:
    """Results grouped by exercise (in order of first appearance) and side, as the log holds them."""
    return list(tally(result_entries(results)).values())


def engine_results(engine: Engine) -> list[SideResult]:
    return [engine.results[i] for i in sorted(engine.results)]


def active_seconds(engine: Engine) -> float:
    """Time from start to end, pauses excluded."""
    if engine.started_at is None or engine.ended_at is None:
        return 0.0
    return max(0.0, engine.ended_at - engine.started_at - engine.paused_total)

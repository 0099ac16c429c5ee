"""The symmetry report read from the history index: the same `Report` as `report.build_report`
makes from the files, byte for byte, without building a Python object per session.

SQL picks what the report needs (counts, bests, the newest value, the window of the newest N
sessions holding every side, the goal's streak); the few sessions of each window are compared by
`report.compare`, the code the files' report uses.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from hamtimer.core.history import queries
from hamtimer.core.history.report import (
    DEFAULT_WINDOW,
    ExerciseReport,
    Report,
    SideReport,
    SideSession,
    WindowSession,
    compare,
    goal_rule,
)
from hamtimer.core.history.soreness import SideSoreness, SorenessReport
from hamtimer.core.kinds import ONE_LEG, WORK_KINDS, Side
from hamtimer.core.program.quantities import TOLERANCE

if TYPE_CHECKING:
    from collections.abc import Sequence

PAIR, BOTH = 3, 4
"""`exercises.sides` masks: left and right, both legs."""


def _window(
    connection: sqlite3.Connection, name: str, sides: tuple[Side, ...], size: int
) -> list[WindowSession]:
    """The window, oldest first, each session's sides as the comparison reads them."""
    chosen = queries.window(connection, name, PAIR if sides == ONE_LEG else BOTH, size)[::-1]
    if not chosen:
        return []
    logs = [found.log for found in chosen]
    figures = {(f.log, f.side): f for f in queries.side_figures(connection, name, logs)}
    flags: dict[tuple[int, str], dict[str, int]] = {}
    for found in queries.flag_counts(connection, name, logs):
        flags.setdefault((found.log, found.side), {})[found.check] = int(found.amount)
    marks: dict[tuple[int, str], dict[str, float]] = {}
    for found in queries.mark_times(connection, name, logs):
        marks.setdefault((found.log, found.side), {})[found.check] = found.amount
    recent: list[WindowSession] = []
    for session in chosen:
        held: dict[Side, SideSession] = {}
        for side in sides:
            key = (session.log, side.value)
            f = figures[key]
            held[side] = SideSession(
                f.value, f.difficulty, flags.get(key, {}), marks.get(key, {}), f.sets, f.at_target
            )
        recent.append(WindowSession(session.target, held))
    return recent


def _exercise(
    connection: sqlite3.Connection, counts: queries.ExerciseCounts, size: int, series: bool
) -> ExerciseReport:
    name = counts.name
    sides = ONE_LEG if counts.one_leg else (Side.BOTH,)
    reports: dict[Side, SideReport] = {}
    for side in sides:
        report = reports[side] = SideReport()
        report.latest = queries.latest(connection, name, side.value)
        report.best = queries.best(connection, name, side.value)
        if series:
            for point in queries.series(connection, name, side.value):
                report.values.append(point.value)
                report.dates.append(point.started_text)
    newest = queries.newest(connection, name)
    rule = goal_rule(None if newest.goal is None else json.loads(newest.goal))
    streak = 0
    if rule is not None:
        met = queries.goal_met_newest_first(
            connection, name, [s.value for s in sides], rule.value - TOLERANCE
        )
        for held in met:
            if not held:
                break
            streak += 1
    holding = counts.holding_pair if counts.one_leg else counts.holding_both
    recent = _window(connection, name, sides, size)
    return compare(name, WORK_KINDS[newest.work], counts.sessions, reports, holding, recent, rule, streak)


def _soreness(rows: Sequence[queries.Soreness]) -> SorenessReport | None:
    if not rows:
        return None
    sides = {"left": SideSoreness(), "right": SideSoreness()}
    for row in rows:
        for side, level in (("left", row.left), ("right", row.right)):
            if level is not None:
                sides[side].values.append(level)
                sides[side].dates.append(row.started_text)
    return SorenessReport(len(rows), sides)


def index_report(
    connection: sqlite3.Connection,
    skipped: list[tuple[str, str]],
    window: int = DEFAULT_WINDOW,
    exercise: str | None = None,
    *,
    series: bool = False,
) -> Report:
    """The report over the index's sessions; `series` fills each side's values and dates (the
    charts need them, the tables do not)."""
    counts = queries.exercise_counts(connection)
    if exercise is not None:
        counts = [c for c in counts if c.name.casefold() == exercise.casefold()]
    order = {
        c.name: (c.first_started, *queries.first_seen(connection, c.name, c.first_started)) for c in counts
    }
    counts.sort(key=lambda c: order[c.name])
    exercises = [_exercise(connection, c, window, series) for c in counts]
    soreness = _soreness(queries.soreness(connection))
    return Report(queries.session_count(connection), skipped, exercises, soreness)

"""A few recent sessions from the history index, as `SessionSummary` objects: what today's plan
(progression, gates, first sides) and the summary's "last time" look back over.

SQL picks the newest sessions holding each exercise asked for; only those are rebuilt, from their
logged result rows through `tally`, so each figure is the one the files give.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from hamtimer.core.history.queries import NEWEST_FIRST
from hamtimer.core.history.report import LastTime
from hamtimer.core.history.sessions import SessionSummary
from hamtimer.core.history.tally import tally
from hamtimer.core.kinds import SIDES, WORK_KINDS, Side
from hamtimer.core.log.logfile import ResultEntry, SideEntry
from hamtimer.core.session.marks import Mark


def _newest_logs(
    connection: sqlite3.Connection,
    names: Iterable[str],
    newest: int,
    exclude: str | None,
    before: float | None = None,
) -> dict[int, set[str]]:
    """Per log, the exercises for which it is among the newest `newest` sessions holding them
    (of those that started before `before`, POSIX seconds, when given)."""
    wanted: dict[int, set[str]] = {}
    until = float("inf") if before is None else before
    for name in names:
        rows = connection.execute(
            "SELECT e.log FROM exercises e JOIN logs l ON l.id = e.log"
            f" WHERE e.name = ? AND l.path IS NOT ? AND e.started < ? {NEWEST_FIRST} LIMIT ?",
            (name, exclude, until, newest),
        )
        for (log,) in rows:
            wanted.setdefault(log, set()).add(name)
    return wanted


def _marks(text: str | None) -> list[Mark]:
    return [] if text is None else [Mark(check, at) for check, at in json.loads(text)]


def _entries(connection: sqlite3.Connection, log: int, names: set[str]) -> list[ResultEntry]:
    """The log's results of the exercises named, rebuilt as `logfile.read` gave them."""
    entries: dict[int, ResultEntry] = {}
    for position, exercise, work, target, goal in connection.execute(
        "SELECT position, exercise, work, target, goal FROM results WHERE log = ? ORDER BY position", (log,)
    ):
        if exercise in names:
            found = None if goal is None else json.loads(goal)
            entries[position] = ResultEntry(exercise, WORK_KINDS[work], target=target, goal=found)
    for position, side, step, seconds, reps, difficulty, flags, completed, marks in connection.execute(
        "SELECT position, side, step, seconds, reps, difficulty, flags, completed, marks FROM sides"
        " WHERE log = ? ORDER BY position, rank",
        (log,),
    ):
        entry = entries.get(position)
        if entry is not None:
            entry.sides[SIDES[side]] = SideEntry(
                step=step,
                seconds=seconds,
                reps=reps,
                difficulty=difficulty,
                flags=None if flags is None else json.loads(flags),
                completed=None if completed is None else bool(completed),
                marks=_marks(marks),
            )
    return list(entries.values())


def recent_sessions(
    connection: sqlite3.Connection,
    names: Iterable[str],
    newest: int,
    *,
    exclude: str | None = None,
    before: float | None = None,
) -> list[SessionSummary]:
    """The newest `newest` sessions holding each exercise named (other than the log `exclude`,
    and started before `before` when given), oldest first, each holding only the exercises it is
    among the newest of."""
    wanted = _newest_logs(connection, names, newest, exclude, before)
    found: list[SessionSummary] = []
    for log, path, started, started_text, program, status, left, right in connection.execute(
        "SELECT s.log, l.path, s.started, s.started_text, s.program, s.status, s.soreness_left,"
        " s.soreness_right FROM sessions s JOIN logs l ON l.id = s.log"
        f" WHERE s.log IN ({', '.join('?' * len(wanted))}) ORDER BY s.started, l.path",
        tuple(wanted),
    ):
        soreness = {k: v for k, v in (("left", left), ("right", right)) if v is not None}
        summary = SessionSummary(path, started, started_text, program, status)
        summary.exercises = tally(_entries(connection, log, wanted[log]))
        summary.soreness = soreness or None
        found.append(summary)
    return found


def last_times(
    connection: sqlite3.Connection, names: Iterable[str], exclude: str | None
) -> dict[str, LastTime]:
    """For each exercise named, its values in the newest session other than `exclude` (a log
    file) where some side has one (as `report.last_times` finds them in the files)."""
    found: dict[str, LastTime] = {}
    for name in names:
        newest = connection.execute(
            "SELECT e.log, s.started_text FROM tallies e JOIN logs l ON l.id = e.log"
            " JOIN sessions s ON s.log = e.log WHERE e.name = ? AND e.value IS NOT NULL"
            f" AND l.path IS NOT ? {NEWEST_FIRST} LIMIT 1",
            (name, exclude),
        ).fetchone()
        if newest is None:
            continue
        values: dict[Side, float] = {
            SIDES[side]: value
            for side, value in connection.execute(
                "SELECT side, value FROM tallies WHERE log = ? AND name = ? AND value IS NOT NULL",
                (newest[0], name),
            )
        }
        found[name] = LastTime(newest[1], values)
    return found

"""The questions history asks its index (core/history/index.py), one named function each,
answered as typed rows.

Sessions are in `started` order, then by path, as everywhere in history; "newest" is the last in
that order. The figures stored per session are `tally`'s, so what is computed here from them
(counts, bests, the newest N) is what the Python report computes from the files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

R = TypeVar("R", bound=tuple[Any, ...])

NEWEST_FIRST = "ORDER BY e.started DESC, l.path DESC"
OLDEST_FIRST = "ORDER BY s.started, l.path"


def _rows(connection: sqlite3.Connection, kind: type[R], sql: str, params: Sequence[Any] = ()) -> list[R]:
    cursor = connection.execute(sql, params)
    cursor.row_factory = lambda _, row: kind(*row)
    return cursor.fetchall()


def _one(connection: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    found = connection.execute(sql, params).fetchone()
    return None if found is None else found[0]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class Skip(NamedTuple):
    path: str
    reason: str


class ExerciseCounts(NamedTuple):
    """One exercise over all sessions."""

    name: str
    sessions: int
    first_started: float
    one_leg: bool
    """Some session holds a left or right side."""
    holding_pair: int
    """Sessions holding both left and right."""
    holding_both: int
    """Sessions holding both legs together."""


def exercise_counts(connection: sqlite3.Connection) -> list[ExerciseCounts]:
    """Counts kept per name as files are indexed (a scan of years of rows is what this avoids);
    the first start is an index lookup."""
    return _rows(
        connection,
        ExerciseCounts,
        "SELECT n.name, n.sessions, (SELECT MIN(started) FROM exercises e WHERE e.name = n.name),"
        " n.one_leg > 0, n.holding_pair, n.holding_both FROM names n",
    )


class FirstSeen(NamedTuple):
    path: str
    position: int


def first_seen(connection: sqlite3.Connection, name: str, started: float) -> FirstSeen:
    """Where an exercise first appears: its oldest session's path and its place in it."""
    found = _rows(
        connection,
        FirstSeen,
        "SELECT l.path, e.position FROM exercises e JOIN logs l ON l.id = e.log"
        " WHERE e.name = ? AND e.started = ? ORDER BY l.path LIMIT 1",
        (name, started),
    )
    return found[0]


class Newest(NamedTuple):
    log: int
    work: str
    goal: str | None
    """JSON."""


def newest(connection: sqlite3.Connection, name: str) -> Newest:
    """The newest session holding the exercise: its work and goal are the exercise's."""
    return _rows(
        connection,
        Newest,
        "SELECT e.log, e.work, e.goal FROM exercises e JOIN logs l ON l.id = e.log"
        f" WHERE e.name = ? {NEWEST_FIRST} LIMIT 1",
        (name,),
    )[0]


def best(connection: sqlite3.Connection, name: str, side: str) -> float | None:
    """The side's best session value (its mean over the sets)."""
    found: float | None = _one(
        connection, "SELECT MAX(value) FROM tallies WHERE name = ? AND side = ?", (name, side)
    )
    return found


def latest(connection: sqlite3.Connection, name: str, side: str) -> float | None:
    """The side's value in the newest session that has one."""
    found: float | None = _one(
        connection,
        "SELECT e.value FROM tallies e JOIN logs l ON l.id = e.log"
        f" WHERE e.name = ? AND e.side = ? AND e.value IS NOT NULL {NEWEST_FIRST} LIMIT 1",
        (name, side),
    )
    return found


class WindowSession(NamedTuple):
    log: int
    target: float | None


def window(connection: sqlite3.Connection, name: str, sides: int, size: int) -> list[WindowSession]:
    """The newest `size` sessions (all of them when `size` < 1) holding every side in the mask
    `sides`, newest first."""
    return _rows(
        connection,
        WindowSession,
        f"SELECT e.log, e.target FROM exercises e JOIN logs l ON l.id = e.log"
        f" WHERE e.name = ? AND e.sides & ? = ? {NEWEST_FIRST} LIMIT ?",
        (name, sides, sides, size if size > 0 else -1),
    )


class SideFigures(NamedTuple):
    log: int
    side: str
    value: float | None
    difficulty: float | None
    sets: int
    at_target: int


def side_figures(connection: sqlite3.Connection, name: str, logs: Sequence[int]) -> list[SideFigures]:
    return _rows(
        connection,
        SideFigures,
        "SELECT log, side, value, difficulty, sets, at_target FROM tallies"
        f" WHERE name = ? AND log IN ({_marks(len(logs))})",
        (name, *logs),
    )


class Counted(NamedTuple):
    """A check flagged (sets counted) or marked (its mean time), on one side of one session."""

    log: int
    side: str
    check: str
    amount: float


def flag_counts(connection: sqlite3.Connection, name: str, logs: Sequence[int]) -> list[Counted]:
    return _rows(
        connection,
        Counted,
        "SELECT log, side, flag, count FROM flags"
        f" WHERE name = ? AND log IN ({_marks(len(logs))}) ORDER BY log, side, position",
        (name, *logs),
    )


def mark_times(connection: sqlite3.Connection, name: str, logs: Sequence[int]) -> list[Counted]:
    return _rows(
        connection,
        Counted,
        "SELECT log, side, check_name, at FROM marks"
        f" WHERE name = ? AND log IN ({_marks(len(logs))}) ORDER BY log, side, position",
        (name, *logs),
    )


def goal_met_newest_first(
    connection: sqlite3.Connection, name: str, sides: Sequence[str], least: float
) -> Iterator[bool]:
    """Session after session, newest first: every side's best set reached `least`, unflagged.
    Rows are read as they are asked for, so a streak costs its length, not the history's."""
    cursor = connection.execute(
        "SELECT (SELECT COUNT(*) FROM tallies t WHERE t.log = e.log AND t.name = e.name"
        f" AND t.side IN ({_marks(len(sides))}) AND t.best >= ? AND t.flagged = 0)"
        f" FROM exercises e JOIN logs l ON l.id = e.log WHERE e.name = ? {NEWEST_FIRST}",
        (*sides, least, name),
    )
    return (row[0] == len(sides) for row in cursor)


class Point(NamedTuple):
    value: float
    started_text: str


def series(connection: sqlite3.Connection, name: str, side: str) -> list[Point]:
    """The side's value in every session that has one, oldest first (for charts)."""
    return _rows(
        connection,
        Point,
        "SELECT e.value, s.started_text FROM tallies e JOIN sessions s ON s.log = e.log"
        " JOIN logs l ON l.id = e.log WHERE e.name = ? AND e.side = ? AND e.value IS NOT NULL"
        " ORDER BY e.started, l.path",
        (name, side),
    )


def session_count(connection: sqlite3.Connection) -> int:
    """Sessions holding results (those history counts)."""
    found: int = _one(connection, "SELECT COUNT(*) FROM sessions WHERE exercises > 0")
    return found


class Soreness(NamedTuple):
    started_text: str
    left: int | None
    right: int | None


def soreness(connection: sqlite3.Connection) -> list[Soreness]:
    """Sessions holding results and a soreness level, oldest first."""
    return _rows(
        connection,
        Soreness,
        "SELECT s.started_text, s.soreness_left, s.soreness_right"
        " FROM sessions s JOIN logs l ON l.id = s.log WHERE s.exercises > 0"
        f" AND (s.soreness_left IS NOT NULL OR s.soreness_right IS NOT NULL) {OLDEST_FIRST}",
    )


def day_sides(connection: sqlite3.Connection, since: str, early: float) -> list[tuple[str, int, int]]:
    """Per local day from `since` (YYYY-MM-DD) with a session with results: the day, its sessions
    and their side tables, oldest first (`early`, POSIX seconds, bounds the rows read). SQLite's
    localtime is the C library's, as Python's own is."""
    rows = connection.execute(
        "SELECT day, COUNT(*), SUM(sides) FROM (SELECT date(started, 'unixepoch', 'localtime') AS day,"
        " sides FROM sessions WHERE exercises > 0 AND started >= ?) WHERE day >= ? GROUP BY day ORDER BY day",
        (early, since),
    )
    return [(day, sessions, sides) for day, sessions, sides in rows]


def weeks_before(connection: sqlite3.Connection, since: str) -> list[tuple[str, int]]:
    """Per local ISO week before the Monday `since`: its Monday and its sessions with results."""
    rows = connection.execute(
        "SELECT monday, COUNT(*) FROM (SELECT date(started, 'unixepoch', 'localtime', 'weekday 0',"
        " '-6 days') AS monday FROM sessions WHERE exercises > 0) WHERE monday < ? GROUP BY monday"
        " ORDER BY monday",
        (since,),
    )
    return [(monday, sessions) for monday, sessions in rows]


def newest_starts(connection: sqlite3.Connection) -> dict[str, float]:
    """Per exercise, the start of the newest session holding it."""
    return {name: started for name, started in connection.execute(
        "SELECT name, MAX(started) FROM exercises GROUP BY name"
    )}  # fmt: skip

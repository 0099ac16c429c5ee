"""History as its users ask for it (the report, the CSV, recent sessions, last time): through the
data folder's index when there can be one, straight from the files when not.

There is no index when the cache folder cannot be written, when the data folder has no sessions
folder yet, or when a file's name cannot be stored; an index found unusable on the way (corrupt,
foreign) is moved aside with one line on stderr and rebuilt once. A writer that holds the index
past the busy timeout sends this run to the files as well, so no run fails or waits long.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from hamtimer.core.history.index import index_path, move_aside, open_index, unusable
from hamtimer.core.history.indexing import NotIndexable, Refreshed, refresh
from hamtimer.core.history.report import DEFAULT_WINDOW, LastTime, Report
from hamtimer.core.paths import history_cache_dir

if TYPE_CHECKING:
    from hamtimer.core.history.sessions import SessionSummary

T = TypeVar("T")


def _stderr(line: str) -> None:
    import sys

    print(line, file=sys.stderr)


def with_index(
    data_dir: Path, use: Callable[[sqlite3.Connection, Refreshed], T], tell: Callable[[str], None] = _stderr
) -> T | None:
    """`use` on the data folder's index, brought up to date, in one read transaction; None when
    there is no index to use (the caller reads the files)."""
    if not (data_dir / "sessions").is_dir():
        return None
    folder = history_cache_dir()
    for attempt in (1, 2):
        connection = open_index(data_dir, folder, tell)
        if connection is None:
            return None
        try:
            refreshed = refresh(connection, data_dir)
            connection.execute("BEGIN")  # one snapshot for every query of `use`
            try:
                return use(connection, refreshed)
            finally:
                connection.execute("COMMIT")
        except NotIndexable:
            return None
        except sqlite3.Error as error:
            if attempt == 2 or not unusable(error):
                return None
            reason = str(error)
        finally:
            connection.close()
        move_aside(index_path(data_dir, folder), reason, tell)
    return None


def history_report(
    data_dir: Path,
    window: int = DEFAULT_WINDOW,
    exercise: str | None = None,
    *,
    series: bool = False,
    tell: Callable[[str], None] = _stderr,
) -> Report:
    """The symmetry report; `series` fills each side's values and dates (for charts)."""
    from hamtimer.core.history.index_report import index_report

    found = with_index(
        data_dir, lambda c, r: index_report(c, r.skipped, window, exercise, series=series), tell
    )
    if found is not None:
        return found
    return files_report(data_dir, window, exercise)


def files_report(data_dir: Path, window: int = DEFAULT_WINDOW, exercise: str | None = None) -> Report:
    """The report computed straight from the files, with no index."""
    from hamtimer.core.history.report import build_report
    from hamtimer.core.history.sessions import collect

    return build_report(collect(data_dir), window, exercise)


def recent_sessions(
    data_dir: Path,
    names: frozenset[str],
    newest: int,
    *,
    exclude: str | None = None,
    before: float | None = None,
) -> list[SessionSummary]:
    """The newest `newest` sessions holding each exercise named (see `recent.recent_sessions`)."""
    from hamtimer.core.history import recent

    found = with_index(
        data_dir, lambda c, _: recent.recent_sessions(c, names, newest, exclude=exclude, before=before)
    )
    if found is not None:
        return found
    from hamtimer.core.history.sessions import collect

    if exclude is None and before is None:
        return collect(data_dir, names, newest).sessions
    until = float("inf") if before is None else before
    sessions = [s for s in collect(data_dir).sessions if s.file != exclude and s.started < until]
    return _newest_of_each(sessions, names, newest)


def _newest_of_each(
    sessions: list[SessionSummary], names: frozenset[str], newest: int
) -> list[SessionSummary]:
    counts = dict.fromkeys(names, 0)
    kept: list[SessionSummary] = []
    for session in reversed(sessions):
        session.exercises = {k: v for k, v in session.exercises.items() if k in names and counts[k] < newest}
        for name in session.exercises:
            counts[name] += 1
        if session.exercises:
            kept.append(session)
    return kept[::-1]


def last_times(data_dir: Path, names: Iterable[str], exclude: str | None) -> dict[str, LastTime]:
    """For each exercise named, its values the newest time before (other than the log `exclude`)."""
    from hamtimer.core.history import recent

    found = with_index(data_dir, lambda c, _: recent.last_times(c, names, exclude))
    if found is not None:
        return found
    from hamtimer.core.history.report import last_times as from_files
    from hamtimer.core.history.sessions import collect

    return from_files(collect(data_dir), set(names), exclude)


def write_history_csv(
    data_dir: Path, out: TextIO, exercise: str | None = None, verdicts: dict[str, str] | None = None
) -> tuple[list[tuple[str, str]], int]:
    """`history --csv`: the rows from the index, or from the files; the files skipped and the
    number of rows written."""
    import io

    from hamtimer.core.history import export

    def from_index(
        connection: sqlite3.Connection, refreshed: Refreshed
    ) -> tuple[str, list[tuple[str, str]], int]:
        buffer = io.StringIO()  # written out once whole: a retry must not repeat rows
        skipped, count = export.write_rows(
            buffer, export.index_rows(connection, exercise), verdicts, refreshed.skipped
        )
        return buffer.getvalue(), skipped, count

    found = with_index(data_dir, from_index)
    if found is None:
        return export.write_csv(data_dir, out, exercise, verdicts)
    text, skipped, count = found
    out.write(text)
    return skipped, count


@dataclass(frozen=True)
class WorkDone:
    """What the weeks (issue 20) read of the sessions with results: per local day, how many there
    were and the side tables they hold, oldest first; and per exercise its newest session's start."""

    days: list[tuple[str, int, int]]
    """(YYYY-MM-DD, sessions, side tables) per day with a session, in local time, from `since`."""
    last: dict[str, float]
    weeks: list[tuple[str, int]] = field(default_factory=list)
    """(its Monday, sessions) per ISO week before `since`: all a streak needs of older weeks."""


def report_and_work(
    data_dir: Path,
    window: int = DEFAULT_WINDOW,
    exercise: str | None = None,
    *,
    series: bool = False,
    since: date | None = None,
    tell: Callable[[str], None] = _stderr,
) -> tuple[Report, WorkDone]:
    """The report and, with `since` (the first Monday the calendar shows), the facts the weeks
    read (else none), from one look at the index (or one read of the files): `history --json`
    and the history screen need both."""
    if since is None:
        return history_report(data_dir, window, exercise, series=series, tell=tell), WorkDone([], {})
    from hamtimer.core.history.index_report import index_report

    def read(connection: sqlite3.Connection, refreshed: Refreshed) -> tuple[Report, WorkDone]:
        report = index_report(connection, refreshed.skipped, window, exercise, series=series)
        return report, _work_done(connection, since)

    found = with_index(data_dir, read, tell)
    if found is not None:
        return found
    from hamtimer.core.history.report import build_report
    from hamtimer.core.history.sessions import collect

    collection = collect(data_dir)
    return build_report(collection, window, exercise), work_done_of(collection.sessions, since)


def work_done(data_dir: Path, since: date, tell: Callable[[str], None] = _stderr) -> WorkDone:
    """From the index when there is one, else from the files."""
    found = with_index(data_dir, lambda connection, _: _work_done(connection, since), tell)
    if found is not None:
        return found
    from hamtimer.core.history.sessions import collect

    return work_done_of(collect(data_dir).sessions, since)


def _work_done(connection: sqlite3.Connection, since: date) -> WorkDone:
    from hamtimer.core.history import queries

    day = since.isoformat()
    early = datetime.combine(since, time()).timestamp() - 2 * 86400  # any offset's day is within
    days = queries.day_sides(connection, day, early)
    return WorkDone(days, queries.newest_starts(connection), queries.weeks_before(connection, day))


def work_done_of(sessions: Iterable[SessionSummary], since: date) -> WorkDone:
    """The same facts from the collection's summaries (the files' path)."""
    days: dict[str, list[int]] = {}
    weeks: dict[str, int] = {}
    last: dict[str, float] = {}
    for session in sessions:
        local = date.fromtimestamp(session.started)
        if local < since:
            monday = (local - timedelta(days=local.weekday())).isoformat()
            weeks[monday] = weeks.get(monday, 0) + 1
        else:
            sides = sum(s.sets for exercise in session.exercises.values() for s in exercise.sides.values())
            found = days.setdefault(local.isoformat(), [0, 0])
            found[0], found[1] = found[0] + 1, found[1] + sides
        for name in session.exercises:
            last[name] = session.started
    return WorkDone(
        [(day, n, total) for day, (n, total) in sorted(days.items())], last, sorted(weeks.items())
    )

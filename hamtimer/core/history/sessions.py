"""The session logs under a data folder, each boiled down to what history needs.

The TOML files are the only source of truth; this reads them all, with no index (the history
index, core/history/index.py, keeps what `summarize_record` gives per file). A file that cannot
be used is reported with its reason and never written to.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from hamtimer.core.history.tally import ExerciseTally, tally
from hamtimer.core.log import logfile
from hamtimer.core.log.folder import log_names
from hamtimer.core.log.logfile import SessionRecord, UnusableLog


@dataclass
class SessionSummary:
    file: str
    started: float
    """POSIX seconds, for ordering."""
    started_text: str
    program: str
    status: str
    exercises: dict[str, ExerciseTally] = field(default_factory=dict)
    soreness: dict[str, int] | None = None
    """Issue 12: `[soreness]` as logged ("left", "right": 0 to 10), None when not asked."""


def started_seconds(started: datetime | date) -> float:
    """A log's `started` as POSIX seconds, the order history keeps (a date alone: its local midnight)."""
    if isinstance(started, datetime):
        moment = started if started.tzinfo is not None else started.astimezone()
        return moment.astimezone(UTC).timestamp()
    return datetime(started.year, started.month, started.day).astimezone().timestamp()


def summarize_record(record: SessionRecord, file: str) -> SessionSummary:
    started = record.started
    timestamp = started_seconds(started)
    soreness = None if record.soreness is None else {side.value: v for side, v in record.soreness.items()}
    return SessionSummary(
        file, timestamp, started.isoformat(), record.program, record.status, tally(record.results), soreness
    )


@dataclass
class Collection:
    """Every session log under a data folder, oldest first, and the files that were skipped."""

    sessions: list[SessionSummary]
    skipped: list[tuple[str, str]]
    parsed: int = 0
    """How many files were read."""


def _parse(path: Path, file: str) -> SessionSummary | str:
    try:
        return summarize_record(logfile.read(path), file)
    except UnusableLog as reason:
        return str(reason)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while summaries are built.

    Reading the logs builds tens of thousands of small objects, none in a cycle, and each batch
    of them sets off a collection that walks them all again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collect(data_dir: Path, only: frozenset[str] | None = None, newest: int | None = None) -> Collection:
    """Read every session log, straight from the files (the history index, core/history/index.py,
    is the quick way; this is the way without one, and the reference it is tested against).

    With `only`, each summary holds just those exercises (and sessions without any are left out);
    with `newest` too, just the newest `newest` sessions holding each of them.
    """
    with _collector_paused():
        return _collect(data_dir, only, newest)


def _collect(data_dir: Path, only: frozenset[str] | None, newest: int | None) -> Collection:
    sessions: list[SessionSummary] = []
    skipped: list[tuple[str, str]] = []
    parsed = 0
    prefix = len(str(data_dir)) + 1
    for path in log_names(data_dir):
        file = path[prefix:].replace(os.sep, "/")
        try:
            os.stat(path)
        except OSError as err:
            skipped.append((file, f"cannot be read: {err.strerror or err}"))
            continue
        parsed += 1
        outcome = _parse(Path(path), file)
        if isinstance(outcome, str):
            skipped.append((file, outcome))
            continue
        if only is not None:
            outcome.exercises = {k: v for k, v in outcome.exercises.items() if k in only}
        sessions.append(outcome)
    sessions.sort(key=lambda s: (s.started, s.file))
    if newest is not None and only is not None:
        sessions = _newest_first(sessions, only, newest)
    return Collection([s for s in sessions if s.exercises], skipped, parsed)


def _newest_first(sessions: list[SessionSummary], only: frozenset[str], newest: int) -> list[SessionSummary]:
    """The newest `newest` sessions holding each exercise of `only`, oldest first."""
    counts = dict.fromkeys(only, 0)
    kept: list[SessionSummary] = []
    for summary in reversed(sessions):
        summary.exercises = {k: v for k, v in summary.exercises.items() if counts[k] < newest}
        for name in summary.exercises:
            counts[name] += 1
        kept.append(summary)
    return kept[::-1]

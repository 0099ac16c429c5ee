"""The session logs under a data folder, each boiled down to what history needs, behind a cache.

The TOML files are the only source of truth. The cache (JSON in the user cache dir, 0600, one
file per month of logs) keeps one summary per file, keyed on its path, size and modification
time; a missing, stale or unreadable cache only costs the time to parse the files again. A file
that cannot be used is reported with its reason and never written to.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hamtimer.core.history.tally import ExerciseTally, tally
from hamtimer.core.log import logfile
from hamtimer.core.log.folder import log_names
from hamtimer.core.log.logfile import SessionRecord, UnusableLog
from hamtimer.core.storage import make_private_dir, write_atomic

CACHE_VERSION = 5
"""Bump when what the cache holds changes: a cache of another version is rebuilt.
5: each exercise row ends with which side started set 1 and whether a check was marked
(progression); each side's `marks`, and the session's `soreness`, end their rows when there are
some (absent, they cost nothing to read)."""


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


# ----- the cache: JSON, one entry per file


def _to_json(summary: SessionSummary) -> list[Any]:
    """A summary as a JSON row (its file is the entry's key): rows decode quicker than objects."""
    exercises = [done.as_json() for done in summary.exercises.values()]
    row = [summary.started, summary.started_text, summary.program, summary.status, exercises]
    return row if summary.soreness is None else [*row, summary.soreness]  # issue 12: soreness, if any


def _from_json(file: str, row: Any, only: frozenset[str] | None = None) -> SessionSummary:
    """Back from `_to_json`; KeyError, TypeError or ValueError when it is not of that shape.
    With `only`, just those exercises are built (progression asks for a few of them)."""
    started, started_text, program, status, exercises, *more = row
    if len(more) > 1:
        raise ValueError(f"a row of {len(row)} items")
    soreness = more[0] if more else None
    if not isinstance(started, float | int) or isinstance(started, bool):
        raise ValueError(f"started is {started!r}")
    if soreness is not None and not isinstance(soreness, dict):
        raise ValueError(f"soreness is {soreness!r}")
    summary = SessionSummary(file, float(started), str(started_text), str(program), str(status))
    summary.soreness = soreness
    for done in exercises:
        if only is not None and done[0] not in only:
            continue
        exercise = ExerciseTally.from_json(done)
        summary.exercises[exercise.name] = exercise
    return summary


@dataclass
class Collection:
    """Every session log under a data folder, oldest first, and the files that were skipped."""

    sessions: list[SessionSummary]
    skipped: list[tuple[str, str]]
    parsed: int = 0
    """How many files had to be parsed (the rest came from the cache)."""


def _parse(path: Path, file: str) -> SessionSummary | str:
    try:
        return summarize_record(logfile.read(path), file)
    except UnusableLog as reason:
        return str(reason)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while summaries are read or built.

    Reading the cache builds tens of thousands of small objects, none in a cycle, and each batch
    of them sets off a collection that walks them all again: pausing it halves a warm `history`.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collect(
    data_dir: Path,
    cache_folder: Path | None,
    only: frozenset[str] | None = None,
    newest: int | None = None,
) -> Collection:
    """Read every session log, using and refreshing the cache (a folder) when one is given.

    With `only`, each summary holds just those exercises (and sessions without any are left out);
    with `newest` too, just the newest `newest` sessions holding each of them (progression needs
    a few recent sessions, not years: the rest are never decoded from the cache).
    """
    with _collector_paused():
        return _collect(data_dir, cache_folder, only, newest)


def _shard(file: str) -> str:
    """The cache file holding a log's entry: one per month of logs (sessions/2026-11-20/… → 2026-11),
    so that a new or changed log rewrites a month's entries, not years of them."""
    parts = file.split("/")
    return f"{parts[1][:7] if len(parts) > 2 else 'other'}.json"


class _Cache:
    """The per-file summaries, in one JSON file per month of logs; each is read when first needed."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.read: dict[str, dict[str, Any]] = {}
        self.fresh: dict[str, dict[str, Any]] = {}
        self.changed: set[str] = set()

    def entry(self, shard: str, file: str) -> Any:
        if shard not in self.read:
            self.read[shard] = self._load(shard)
            self.fresh[shard] = {}
        return self.read[shard].get(file)

    def _load(self, shard: str) -> dict[str, Any]:
        if self.folder is None:
            return {}
        try:
            loaded = json.loads((self.folder / shard).read_bytes())
        except (OSError, ValueError):
            return {}
        if isinstance(loaded, dict) and loaded.get("version") == CACHE_VERSION:
            files = loaded.get("files")
            return files if isinstance(files, dict) else {}
        return {}

    def keep(self, shard: str, file: str, entry: dict[str, Any], parsed: bool) -> None:
        self.fresh[shard][file] = entry
        if parsed:
            self.changed.add(shard)

    def save(self) -> None:
        """Write the months that changed and drop those that have no log left."""
        if self.folder is None:
            return
        try:
            make_private_dir(self.folder.parent)
            make_private_dir(self.folder)
            for shard, files in self.fresh.items():
                if shard in self.changed or files.keys() != self.read[shard].keys():
                    data = json.dumps({"version": CACHE_VERSION, "files": files}, separators=(",", ":"))
                    write_atomic(self.folder / shard, data.encode("utf-8"), durable=False)
            for stale in self.folder.glob("*.json"):
                if stale.name not in self.fresh:
                    stale.unlink()
        except OSError:
            pass  # a cache that cannot be written costs speed, nothing else


def _collect(
    data_dir: Path, cache_folder: Path | None, only: frozenset[str] | None, newest: int | None
) -> Collection:
    cache = _Cache(cache_folder)
    sessions: list[SessionSummary] = []
    later: list[tuple[float, str, Any]] = []
    """With `newest`: (started, file, cached row or parsed summary), decoded newest first."""
    skipped: list[tuple[str, str]] = []
    parsed = 0
    prefix = len(str(data_dir)) + 1
    for path in log_names(data_dir):
        file = path[prefix:].replace(os.sep, "/")
        try:
            stat = os.stat(path)
        except OSError as err:
            skipped.append((file, f"cannot be read: {err.strerror or err}"))
            continue
        shard = _shard(file)
        entry = cache.entry(shard, file)
        if (
            isinstance(entry, dict)
            and entry.get("size") == stat.st_size
            and entry.get("mtime") == stat.st_mtime_ns
        ):
            try:
                if "skip" in entry:
                    skipped.append((file, str(entry["skip"])))
                elif newest is not None:
                    later.append((_started(entry["summary"]), file, entry["summary"]))
                else:
                    sessions.append(_from_json(file, entry["summary"], only))
                cache.keep(shard, file, entry, parsed=False)
                continue
            except (KeyError, TypeError, ValueError):
                pass
        parsed += 1
        outcome = _parse(Path(path), file)
        entry = {"size": stat.st_size, "mtime": stat.st_mtime_ns}
        if isinstance(outcome, str):
            skipped.append((file, outcome))
            entry["skip"] = outcome
        else:
            entry["summary"] = _to_json(outcome)
            if only is not None:
                outcome.exercises = {k: v for k, v in outcome.exercises.items() if k in only}
            if newest is not None:
                later.append((outcome.started, file, outcome))
            else:
                sessions.append(outcome)
        cache.keep(shard, file, entry, parsed=True)
    cache.save()
    if newest is not None and only is not None:
        sessions.extend(_newest_first(later, only, newest, data_dir, skipped))
    sessions.sort(key=lambda s: (s.started, s.file))
    return Collection([s for s in sessions if s.exercises], skipped, parsed)


def _started(row: Any) -> float:
    started = row[0]
    if not isinstance(started, float | int) or isinstance(started, bool):
        raise ValueError(f"started is {started!r}")
    return float(started)


def _newest_first(
    found: list[tuple[float, str, Any]],
    only: frozenset[str],
    newest: int,
    data_dir: Path,
    skipped: list[tuple[str, str]],
) -> list[SessionSummary]:
    """The newest `newest` sessions holding each exercise of `only`, decoded newest first."""
    counts = dict.fromkeys(only, 0)
    wanted = set(only)
    kept: list[SessionSummary] = []
    for _, file, item in sorted(found, key=lambda f: (f[0], f[1]), reverse=True):
        if not wanted:
            break
        if isinstance(item, SessionSummary):
            summary: SessionSummary | str = item
        else:
            try:
                summary = _from_json(file, item, frozenset(wanted))
            except (KeyError, TypeError, ValueError):
                summary = _parse(data_dir / file, file)
        if isinstance(summary, str):
            skipped.append((file, summary))
            continue
        summary.exercises = {k: v for k, v in summary.exercises.items() if k in wanted}
        for name in summary.exercises:
            counts[name] += 1
            if counts[name] >= newest:
                wanted.discard(name)
        kept.append(summary)
    return kept

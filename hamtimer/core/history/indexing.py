"""Bringing a data folder's index up to date with its logs (DESIGN.md, The history index).

Every log is stat'ed; only those added or changed (another size or `mtime_ns`) are read, and a
file's rows are replaced in one transaction. Files are written a few at a time, each batch a short
transaction, so that another process never waits long for the lock. The logs are only read.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hamtimer.core.history.index import LOG_TABLES
from hamtimer.core.log.folder import log_names

if TYPE_CHECKING:
    from hamtimer.core.log.logfile import SessionRecord

BATCH_SECONDS = 0.05
"""A write transaction is committed once it has taken about this long (the lock is held that long)."""
SIDE_BITS = {"left": 1, "right": 2, "both": 4}
"""`exercises.sides`: which side tables the exercise holds in the session."""

Row = tuple[Any, ...]


@dataclass
class Refreshed:
    """What a refresh found: the files that are not usable logs (name order), and how many files
    had to be read (the rest were in the index already)."""

    skipped: list[tuple[str, str]]
    parsed: int = 0


class NotIndexable(Exception):
    """A data folder the index cannot key (a file name that is not UTF-8): read the files instead."""


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_rows(log: int, record: SessionRecord, file: str) -> dict[str, list[Row]]:
    """The rows of one usable log, by table; its figures are `tally`'s, as history computes them."""
    from statistics import fmean

    from hamtimer.core.history.sessions import summarize_record

    summary = summarize_record(record, file)
    started = summary.started
    moment = record.started
    day = (moment.date() if isinstance(moment, datetime) else moment).isoformat()
    soreness = summary.soreness or {}
    rows: dict[str, list[Row]] = {table: [] for table in LOG_TABLES}
    sides_done = sum(len(entry.sides) for entry in record.results)
    rows["sessions"].append(
        (log, started, summary.started_text, day, summary.program, summary.status, len(summary.exercises),
         len(record.results), sides_done, soreness.get("left"), soreness.get("right"))
    )  # fmt: skip
    for position, (name, done) in enumerate(summary.exercises.items()):
        mask = sum(SIDE_BITS[side.value] for side in done.sides)
        first = None if done.first is None else done.first.value
        rows["exercises"].append(
            (log, name, position, started, done.work.value, done.target, _json(done.goal), mask, first,
             int(done.marked))
        )  # fmt: skip
        for side, sets in done.sides.items():
            flagged = sum(sets.flags.values())
            rows["tallies"].append(
                (log, name, side.value, started, sets.mean, sets.best, sets.difficulty, sets.sets,
                 sets.completed, sets.at_target, flagged)
            )  # fmt: skip
            for at, (flag, count) in enumerate(sets.flags.items()):
                rows["flags"].append((log, name, side.value, at, flag, count))
            for at, (check, times) in enumerate(sets.marks.items()):
                if times:
                    rows["marks"].append((log, name, side.value, at, check, fmean(times)))
    for position, entry in enumerate(record.results):
        rows["results"].append(
            (log, position, entry.exercise, entry.block, entry.set, entry.round, entry.work.value,
             entry.target, entry.minimum, entry.load, _json(entry.goal))
        )  # fmt: skip
        for rank, (side, found) in enumerate(entry.sides.items()):
            completed = None if found.completed is None else int(found.completed)
            marks = _json([[m.check, m.at] for m in found.marks]) if found.marks else None
            rows["sides"].append(
                (log, position, side.value, rank, found.step, found.seconds, found.reps,
                 found.value(entry.work), found.difficulty, _json(found.flags), completed, marks)
            )  # fmt: skip
    return rows


_INSERT = {
    table: f"INSERT INTO {table} VALUES ({', '.join('?' * width)})"
    for table, width in (("sessions", 11), ("exercises", 10), ("tallies", 11), ("flags", 6),
                         ("marks", 6), ("results", 11), ("sides", 12))
}  # fmt: skip


_COUNT = (
    "INSERT INTO names VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
    " sessions = sessions + excluded.sessions, one_leg = one_leg + excluded.one_leg,"
    " holding_pair = holding_pair + excluded.holding_pair,"
    " holding_both = holding_both + excluded.holding_both"
)


@dataclass
class _Read:
    """One file read, ready to be written: its stat and its record, or why it cannot be used."""

    file: str
    size: int
    mtime_ns: int
    record: SessionRecord | None
    skip: str | None


Counts = dict[str, list[int]]
"""Per exercise name, the change to its row in `names`: sessions, one_leg, holding_pair, holding_both."""


def _count(counts: Counts, name: str, mask: int, sign: int) -> None:
    found = counts.setdefault(name, [0, 0, 0, 0])
    found[0] += sign
    found[1] += sign * (mask & 3 != 0)
    found[2] += sign * (mask & 3 == 3)
    found[3] += sign * (mask & 4 != 0)


def _forget(connection: sqlite3.Connection, file: str, counts: Counts) -> None:
    found = connection.execute("SELECT id FROM logs WHERE path = ?", (file,)).fetchone()
    if found is None:
        return
    for name, mask in connection.execute("SELECT name, sides FROM exercises WHERE log = ?", found):
        _count(counts, name, mask, -1)
    for table in LOG_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE log = ?", found)
    connection.execute("DELETE FROM logs WHERE id = ?", found)


def _write(connection: sqlite3.Connection, removed: list[str], reads: list[_Read]) -> None:
    """Removed files forgotten and read ones written, a batch per short transaction."""
    pending = reads[::-1]
    first = True
    while first or pending:
        first = False
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")  # waits for another writer up to the busy timeout
        try:
            counts: Counts = {}
            for file in removed:
                _forget(connection, file, counts)
            removed = []
            batch: dict[str, list[Row]] = {table: [] for table in LOG_TABLES}
            while pending:
                read = pending.pop()
                _forget(connection, read.file, counts)
                cursor = connection.execute(
                    "INSERT INTO logs (path, size, mtime_ns, skip) VALUES (?, ?, ?, ?)",
                    (read.file, read.size, read.mtime_ns, read.skip),
                )
                if read.record is not None:
                    assert cursor.lastrowid is not None
                    for table, rows in record_rows(cursor.lastrowid, read.record, read.file).items():
                        batch[table] += rows
                if time.perf_counter() - start > BATCH_SECONDS:
                    break
            for table, rows in batch.items():
                if rows:
                    connection.executemany(_INSERT[table], rows)
            for row in batch["exercises"]:
                _count(counts, row[1], row[7], 1)
            connection.executemany(
                _COUNT, [(name, *change) for name, change in counts.items() if any(change)]
            )
            connection.execute("DELETE FROM names WHERE sessions = 0")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _read(path: str, file: str, stat: os.stat_result) -> _Read:
    from hamtimer.core.log import logfile
    from hamtimer.core.log.logfile import UnusableLog

    try:
        return _Read(file, stat.st_size, stat.st_mtime_ns, logfile.read(Path(path)), None)
    except UnusableLog as reason:
        return _Read(file, stat.st_size, stat.st_mtime_ns, None, str(reason))


def refresh(connection: sqlite3.Connection, data_dir: Path) -> Refreshed:
    """Make the index hold every log under `data_dir`, as it is now; NotIndexable when a file's
    name cannot be stored (history then reads the files)."""
    known: dict[str, tuple[int, int, str | None]] = {
        path: (size, mtime, skip)
        for path, size, mtime, skip in connection.execute("SELECT path, size, mtime_ns, skip FROM logs")
    }
    skipped: list[tuple[int, str, str]] = []
    stale: list[tuple[int, str, str, os.stat_result]] = []
    prefix = len(str(data_dir)) + 1
    names = log_names(data_dir)
    for number, path in enumerate(names):
        file = path[prefix:] if os.sep == "/" else path[prefix:].replace(os.sep, "/")
        try:
            stat = os.stat(path)
        except OSError as err:
            skipped.append((number, file, f"cannot be read: {err.strerror or err}"))
            continue
        entry = known.pop(file, None)
        if entry is not None and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            if entry[2] is not None:
                skipped.append((number, file, entry[2]))
            continue
        try:
            file.encode("utf-8")
        except UnicodeEncodeError:
            raise NotIndexable(file) from None
        stale.append((number, path, file, stat))
    reads: list[_Read] = []
    for number, path, file, stat in stale:
        read = _read(path, file, stat)
        reads.append(read)
        if read.skip is not None:
            skipped.append((number, file, read.skip))
    if known or reads:
        _write(connection, list(known), reads)
    skipped.sort()
    return Refreshed([(file, reason) for _, file, reason in skipped], len(reads))

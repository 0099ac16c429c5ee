"""`hamtimer history --csv`: one row per side per result, straight from the session logs."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from hamtimer.core.log import logfile
from hamtimer.core.log.folder import log_files
from hamtimer.core.log.logfile import UnusableLog

COLUMNS = (
    "file", "started", "program", "status", "exercise", "block", "set", "round", "work",
    "target", "load", "side", "seconds", "reps", "difficulty", "flags", "completed",
    "marks", "verdict",
)  # fmt: skip
"""`marks` ("hip drop@18.2;cramp@25") and `verdict` (the report's left/right words for the
exercise, the same on each of its rows) came with issue 12, at the end so old readers keep working."""


_PLAIN = (str, int, float)


def _cell(value: object) -> str:
    if type(value) in _PLAIN:  # most cells: a bool is not one of them (its type is bool)
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


Cells = list[object]


def file_rows(data_dir: Path, exercise: str | None, skipped: list[tuple[str, str]]) -> Iterator[Cells]:
    """Every readable log's sides, as CSV cells (verdict aside), read from the files; the files that
    cannot be used go to `skipped`."""
    wanted = exercise.casefold() if exercise else None
    for path in log_files(data_dir):
        file = path.relative_to(data_dir).as_posix()
        try:
            record = logfile.read(path)
        except UnusableLog as reason:
            skipped.append((file, str(reason)))
            continue
        head = [file, record.started, record.program, record.status]
        for result in record.results:
            if wanted is not None and result.exercise.casefold() != wanted:
                continue
            common: list[object] = [result.exercise, result.block, result.set, result.round]
            common += [result.work.value, result.target, result.load]
            for side, entry in result.sides.items():
                values: list[object] = [
                    entry.seconds,
                    entry.reps,
                    entry.difficulty,
                    entry.flags,
                    entry.completed,
                ]
                values.append([f"{m.check}@{m.at:g}" for m in entry.marks])
                yield [*head, *common, side.value, *values]


def index_rows(connection: sqlite3.Connection, exercise: str | None) -> Iterator[Cells]:
    """The same cells, from the history index's result rows (core/history/index.py)."""
    wanted = exercise.casefold() if exercise else None
    rows = connection.execute(
        "SELECT l.path, s.started_text, s.program, s.status, r.exercise, r.block, r.set_number,"
        " r.round_number, r.work, r.target, r.load, d.side, d.seconds, d.reps, d.difficulty, d.flags,"
        " d.completed, d.marks FROM sides d JOIN results r ON r.log = d.log AND r.position = d.position"
        " JOIN sessions s ON s.log = d.log JOIN logs l ON l.id = d.log ORDER BY l.path, d.position, d.rank"
    )
    for *cells, flags, completed, marks in rows:
        if wanted is not None and cells[4].casefold() != wanted:
            continue
        cells.append(None if flags is None else [] if flags == "[]" else json.loads(flags))
        cells.append(None if completed is None else bool(completed))
        cells.append([] if marks is None else [f"{check}@{at:g}" for check, at in json.loads(marks)])
        yield cells


def write_rows(
    out: TextIO, rows: Iterable[Cells], verdicts: dict[str, str] | None, skipped: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], int]:
    """The header and the rows, each with its exercise's verdict from `verdicts` (by name);
    `skipped` (filled as the rows are made) and the number of rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for cells in rows:
        cells.append((verdicts or {}).get(str(cells[4])))
        writer.writerow([_cell(v) for v in cells])
        count += 1
    return skipped, count


def write_csv(
    data_dir: Path, out: TextIO, exercise: str | None = None, verdicts: dict[str, str] | None = None
) -> tuple[list[tuple[str, str]], int]:
    """Write every readable log's sides as CSV rows (of one exercise, if named), each with the
    exercise's verdict from `verdicts` (by name), reading the files.

    Returns the files skipped, with reasons, and the number of rows written.
    """
    skipped: list[tuple[str, str]] = []
    return write_rows(out, file_rows(data_dir, exercise, skipped), verdicts, skipped)

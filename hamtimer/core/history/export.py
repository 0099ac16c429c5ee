"""`hamtimer history --csv`: one row per side per result, straight from the session logs."""

from __future__ import annotations

import csv
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


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def write_csv(
    data_dir: Path, out: TextIO, exercise: str | None = None, verdicts: dict[str, str] | None = None
) -> tuple[list[tuple[str, str]], int]:
    """Write every readable log's sides as CSV rows (of one exercise, if named), each with the
    exercise's verdict from `verdicts` (by name).

    Returns the files skipped, with reasons, and the number of rows written.
    """
    wanted = exercise.casefold() if exercise else None
    rows = 0
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    skipped: list[tuple[str, str]] = []
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
                values += [
                    [f"{m.check}@{m.at:g}" for m in entry.marks],
                    (verdicts or {}).get(result.exercise),
                ]
                writer.writerow([_cell(v) for v in [*head, *common, side.value, *values]])
                rows += 1
    return skipped, rows

"""`hamtimer history --csv`: one row per side per result, straight from the session logs."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any, TextIO

from hamtimer.core.sessions import SIDES, log_files

COLUMNS = (
    "file", "started", "program", "status", "exercise", "block", "set", "round", "work",
    "target", "load", "side", "seconds", "reps", "difficulty", "flags", "completed",
)  # fmt: skip


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def write_csv(data_dir: Path, out: TextIO, exercise: str | None = None) -> tuple[list[tuple[str, str]], int]:
    """Write every readable log's sides as CSV rows (of one exercise, if named).

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
            with path.open("rb") as handle:
                doc = tomllib.load(handle)
        except (OSError, ValueError) as err:
            skipped.append((file, f"not readable TOML: {err}"))
            continue
        results = doc.get("result", [])
        if doc.get("schema") != 1 or not isinstance(results, list):
            skipped.append((file, f"unknown schema {doc.get('schema')!r}"))
            continue
        head = [file, doc.get("started"), doc.get("program"), doc.get("status")]
        for result in results:
            if not isinstance(result, dict):
                continue
            if wanted is not None and str(result.get("exercise", "")).casefold() != wanted:
                continue
            keys = ("exercise", "block", "set", "round", "work", "target", "load")
            common = [result.get(k) for k in keys]
            for side in SIDES:
                table = result.get(side)
                if not isinstance(table, dict):
                    continue
                row = [*head, *common, side] + [
                    table.get(k) for k in ("seconds", "reps", "difficulty", "flags", "completed")
                ]
                writer.writerow([_cell(v) for v in row])
                rows += 1
    return skipped, rows

"""The session logs in a data folder: listing them, and finding a program's newest one to resume."""

from __future__ import annotations

import math
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.storage import slug

if TYPE_CHECKING:
    from hamtimer.core.log.logfile import SessionRecord


def log_files(data_dir: Path) -> list[Path]:
    """Every session log, in name order (which is date and time order)."""
    return [Path(name) for name in log_names(data_dir)]


def log_names(data_dir: Path, since: str | None = None) -> list[str]:
    """With `since` (YYYY-MM-DD), only the day folders from that day on, and any folder not named
    for a day (issue 20: this week's logs, without listing years of them)."""
    found: list[str] = []
    try:
        days = [
            entry.path
            for entry in os.scandir(data_dir / "sessions")
            if entry.is_dir() and (since is None or entry.name >= since or not _is_day(entry.name))
        ]
    except OSError:
        return []
    for day in days:
        try:
            found.extend(
                entry.path
                for entry in os.scandir(day)
                if entry.name.endswith(".toml") and not entry.name.startswith(".")
            )
        except OSError:
            continue
    return sorted(found)


def _is_day(name: str) -> bool:
    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return len(name) == 10


def latest_for(data_dir: Path, program: str) -> tuple[Path, SessionRecord] | None:
    """The newest readable log of a program (by name), for resuming; None if none.

    File names sort by date and time and carry the program's slug, so only candidates are read.
    """
    from hamtimer.core.log import logfile  # here: listing logs (a warm `history`) reads none
    from hamtimer.core.log.logfile import UnusableLog

    marker = f"-{slug(program)}"
    for path in sorted(log_files(data_dir), reverse=True):
        stem = path.stem
        if not (stem.endswith(marker) or marker + "-" in stem):
            continue
        try:
            record = logfile.read(path)
        except UnusableLog:
            continue
        if record.program == program:
            return path, record
    return None


def file_age_seconds(path: Path) -> float:
    try:
        return max(0.0, datetime.now().timestamp() - os.stat(path).st_mtime)
    except OSError:
        return math.inf

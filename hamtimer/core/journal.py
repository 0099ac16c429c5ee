"""The session log: one TOML file per session, rewritten whole and atomically after every change.

A file is created when the session starts (status "running") and rewritten (temporary file, fsync,
rename, fsync of the folder) after every side, every rating and every change of status, so a
killed process loses at most the side in progress. Files are 0600 and folders 0700.

Beyond DESIGN.md's schema each result also carries `minimum` (for ranges), `goal` (the program's
progression gate, so history needs no program file) and, per side, `step` (the plan step index,
which lets a stopped session be resumed). Readers ignore keys they do not know.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from hamtimer.core.engine import Engine
from hamtimer.core.events import Event, EventKind
from hamtimer.core.plan import Plan, WorkStep, number
from hamtimer.core.program import WorkKind
from hamtimer.core.results import SideResult
from hamtimer.core.storage import FILE_MODE, LOG_SCHEMA, make_private_dir, slug, write_atomic

SCHEMA = LOG_SCHEMA


def now() -> datetime:
    """The local time with its offset, to the second, as the log stores it."""
    return datetime.now().astimezone().replace(microsecond=0)


def _side_table(result: SideResult) -> dict[str, Any]:
    work = result.step.exercise.work
    table: dict[str, Any] = {"step": result.step.index}
    if work.is_timed and result.seconds is not None:
        table["seconds"] = float(result.seconds)
    if work.kind is WorkKind.REPS and result.reps is not None:
        table["reps"] = result.reps
    if result.difficulty is not None:
        table["difficulty"] = result.difficulty
    if result.step.exercise.checks:
        table["flags"] = list(result.flags)
    table["completed"] = result.completed
    if result.note:
        table["note"] = result.note
    return table


def _result_head(step: WorkStep) -> dict[str, Any]:
    exercise = step.exercise
    head: dict[str, Any] = {"exercise": exercise.name}
    if step.block is not None:
        head["block"] = step.block
    head |= {"set": step.set, "round": step.round, "work": exercise.work.kind.value}
    bounds = exercise.work.bounds
    if bounds.target is not None:
        head["target"] = number(bounds.target)
        if bounds.minimum is not None and bounds.minimum != bounds.target:
            head["minimum"] = number(bounds.minimum)
    if exercise.work.distance is not None:
        head["distance"] = exercise.work.distance
    if step.load is not None:
        head["load"] = step.load
    if exercise.goal is not None:
        head["goal"] = exercise.goal.as_dict()
    return head


def result_tables(results: Iterable[SideResult]) -> list[dict[str, Any]]:
    """[[result]] tables: one per set (or round) of an exercise, with its sides inside."""
    tables: dict[tuple[int, int, int, int], dict[str, Any]] = {}
    for result in sorted(results, key=lambda r: r.step.index):
        step = result.step
        key = (step.block_number, step.exercise_number, step.round, step.set)
        table = tables.setdefault(key, _result_head(step))
        table[step.side.value if step.side else "both"] = _side_table(result)
    return list(tables.values())


@dataclass
class SessionLog:
    """What one session file holds, kept in memory and written out whole."""

    plan: Plan
    program_file: str
    started: datetime = field(default_factory=now)
    ended: datetime | None = None
    status: str = "running"
    results: list[SideResult] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "program": self.plan.program.name,
            "program_file": self.program_file,
            "started": self.started,
        }
        if self.ended is not None:
            doc["ended"] = self.ended
        doc["status"] = self.status
        doc["side_order"] = self.plan.program.side_order.value
        doc["result"] = result_tables(self.results)
        return doc

    def dumps(self) -> bytes:
        return tomli_w.dumps(self.document()).encode("utf-8")


def new_session_path(data_dir: Path, started: datetime, program: str) -> Path:
    """Reserve `sessions/YYYY-MM-DD/HHMMSS-<slug>.toml` (with -2, -3… if taken) and return it."""
    folder = data_dir / "sessions" / started.strftime("%Y-%m-%d")
    make_private_dir(data_dir)
    make_private_dir(data_dir / "sessions")
    make_private_dir(folder)
    stem = f"{started.strftime('%H%M%S')}-{slug(program)}"
    for attempt in range(1, 1000):
        path = folder / (f"{stem}.toml" if attempt == 1 else f"{stem}-{attempt}.toml")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free file name for {stem} in {folder}")


class Journal:
    """Keeps a session's log on disk; a failing disk never stops the session.

    Each save writes the whole log. When a save fails (read-only folder, full disk), the error is
    kept for the UI to show, the log stays complete in memory, and the next save tries again.
    """

    def __init__(self, log: SessionLog, data_dir: Path) -> None:
        self.log = log
        self.data_dir = data_dir
        self.path: Path | None = None
        self.error: str | None = None
        self.saves = 0

    def save(self) -> bool:
        """Write the log now; True when it is safely on disk."""
        reserved = False
        try:
            if self.path is None:
                self.path = new_session_path(self.data_dir, self.log.started, self.log.plan.program.name)
                reserved = True
            write_atomic(self.path, self.log.dumps())
        except OSError as err:
            self.error = f"{err.strerror or err}" + (f": {err.filename}" if err.filename else "")
            if reserved and self.path is not None:
                with contextlib.suppress(OSError):
                    if self.path.stat().st_size == 0:
                        self.path.unlink()
                self.path = None
            return False
        self.error = None
        self.saves += 1
        return True

    def move_to(self, data_dir: Path) -> bool:
        """Write the log under another data folder from now on (after the first one failed)."""
        self.data_dir = data_dir
        self.path = None
        return self.save()


RECORDING_EVENTS = frozenset(
    {EventKind.STARTED, EventKind.SIDE_DONE, EventKind.RATED, EventKind.FINISHED, EventKind.STOPPED}
)


def follow(journal: Journal, engine: Engine, events: Iterable[Event]) -> bool:
    """Bring the log up to date with a batch of engine events; save if anything changed.

    Returns True when a save was attempted (check `journal.error` for its outcome).
    """
    changed = False
    for event in events:
        if event.kind in RECORDING_EVENTS or (event.kind is EventKind.STEP_ENDED and event.value == "back"):
            changed = True
        if event.kind is EventKind.FINISHED:
            journal.log.status, journal.log.ended = "completed", now()
        elif event.kind is EventKind.STOPPED:
            journal.log.status, journal.log.ended = "stopped", now()
    if not changed:
        return False
    journal.log.results = [engine.results[i] for i in sorted(engine.results)]
    journal.save()
    return True


@dataclass(frozen=True)
class Unfinished:
    """A session log that can be gone on with: its results and where to start again."""

    path: Path
    started: datetime
    status: str
    results: dict[int, SideResult]
    resume_at: int

    @property
    def sides_done(self) -> int:
        return len(self.results)


def restore(plan: Plan, path: Path, doc: dict[str, object]) -> Unfinished | None:
    """The results of a running or stopped log of this plan, if it has steps left to do.

    Sides are matched to the plan by their `step` index and exercise name; a log written for a
    different version of the program restores only the sides that still match.
    """
    status = doc.get("status")
    started = doc.get("started")
    results_doc = doc.get("result")
    if status not in ("running", "stopped") or not isinstance(started, datetime):
        return None
    if not isinstance(results_doc, list):
        return None
    restored: dict[int, SideResult] = {}
    for table in results_doc:
        if not isinstance(table, dict):
            continue
        for side in ("left", "right", "both"):
            entry = table.get(side)
            index = entry.get("step") if isinstance(entry, dict) else None
            if not isinstance(index, int) or not 0 <= index < len(plan.steps):
                continue
            step = plan.steps[index]
            if not isinstance(step, WorkStep) or step.exercise.name != table.get("exercise"):
                continue
            assert isinstance(entry, dict)
            result = SideResult(step)
            seconds, reps, difficulty = entry.get("seconds"), entry.get("reps"), entry.get("difficulty")
            result.seconds = float(seconds) if isinstance(seconds, int | float) else None
            result.reps = reps if isinstance(reps, int) else None
            result.difficulty = difficulty if isinstance(difficulty, int) and 1 <= difficulty <= 10 else None
            flags = entry.get("flags", [])
            result.flags = [f for f in flags if isinstance(f, str)] if isinstance(flags, list) else []
            result.completed = entry.get("completed", True) is True
            restored[index] = result
    if not restored:
        return None
    resume_at = max(restored) + 1
    if resume_at >= len(plan.steps) or not any(isinstance(s, WorkStep) for s in plan.steps[resume_at:]):
        return None
    return Unfinished(path, started, str(status), restored, resume_at)

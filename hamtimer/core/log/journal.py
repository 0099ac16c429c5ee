"""Keeping a session's log on disk while it runs, and going on with an unfinished one.

A file is created when the session starts (status "running") and rewritten (temporary file, fsync,
rename, fsync of the folder) after every side, every rating and every change of status, so a
killed process loses at most the side in progress. Files are 0600 and folders 0700. The format
itself is `logfile`'s.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from hamtimer.core.kinds import Side, WorkKind, logged_side
from hamtimer.core.log import logfile
from hamtimer.core.log.logfile import ResultEntry, SessionRecord, SideEntry
from hamtimer.core.session.engine import Engine
from hamtimer.core.session.events import Event, EventKind
from hamtimer.core.session.plan import Plan, StepKind, WorkStep, number
from hamtimer.core.session.results import SideResult
from hamtimer.core.storage import FILE_MODE, make_private_dir, slug, write_atomic


def now() -> datetime:
    """The local time with its offset, to the second, as the log stores it."""
    return datetime.now().astimezone().replace(microsecond=0)


def side_entry(result: SideResult, started_at: datetime | None = None) -> SideEntry:
    work = result.step.exercise.work
    return SideEntry(
        step=result.step.index,
        started_at=started_at,
        seconds=float(result.seconds) if work.is_timed and result.seconds is not None else None,
        reps=result.reps if work.kind is WorkKind.REPS else None,
        difficulty=result.difficulty,
        flags=list(result.flags) if result.step.exercise.checks else None,
        completed=result.completed,
        marks=list(result.marks),
    )


def result_entry(step: WorkStep) -> ResultEntry:
    exercise = step.exercise
    bounds = exercise.work.bounds
    target = None if bounds.target is None else number(bounds.target)
    minimum = None
    if bounds.target is not None and bounds.minimum is not None and bounds.minimum != bounds.target:
        minimum = number(bounds.minimum)
    return ResultEntry(
        exercise=exercise.name,
        work=exercise.work.kind,
        block=step.block,
        set=step.set,
        round=step.round,
        target=target,
        minimum=minimum,
        distance=exercise.work.distance,
        load=step.load,
        goal=None if exercise.goal is None else dict(exercise.goal.as_dict()),
        fit=None if exercise.fit is None else str(exercise.fit),
    )


def result_entries(
    results: Iterable[SideResult], starts: dict[int, datetime] | None = None
) -> list[ResultEntry]:
    """[[result]] entries: one per set (or round) of an exercise, with its sides inside; `starts`
    gives each side's `started_at` by its step index."""
    entries: dict[tuple[int, int, int, int], ResultEntry] = {}
    for result in sorted(results, key=lambda r: r.step.index):
        step = result.step
        key = (step.block_number, step.exercise_number, step.round, step.set)
        entry = entries.setdefault(key, result_entry(step))
        started_at = None if starts is None else starts.get(step.index)
        entry.sides[logged_side(step.side)] = side_entry(result, started_at)
    return list(entries.values())


@dataclass
class SessionLog:
    """What one session file holds, kept in memory and written out whole."""

    plan: Plan
    program_file: str
    started: datetime = field(default_factory=now)
    ended: datetime | None = None
    status: str = "running"
    results: list[SideResult] = field(default_factory=list)
    soreness: dict[Side, int] | None = None
    """How each hamstring felt before the session, 0 (none) to 10, when asked."""
    side_starts: dict[int, datetime] = field(default_factory=dict)
    """When each work step (by index) last began, as the log's `started_at` holds it."""

    def record(self) -> SessionRecord:
        return SessionRecord(
            program=self.plan.program.name,
            program_file=self.program_file,
            started=self.started,
            ended=self.ended,
            status=self.status,
            side_order=self.plan.program.side_order.value,
            results=result_entries(self.results, self.side_starts),
            soreness=self.soreness,
            all=self.plan.progress is not None and self.plan.progress.include_waiting,
        )

    def dumps(self) -> bytes:
        return logfile.to_toml(self.record())


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

    A work step's start is kept as the local time it happened (its monotonic moment taken back
    from now), written as its side's `started_at` once the side is done.
    Returns True when a save was attempted (check `journal.error` for its outcome).
    """
    changed = False
    wall: tuple[datetime, float] | None = None
    for event in events:
        if event.kind is EventKind.STEP_STARTED and event.value == StepKind.WORK.value:
            wall = wall or (now(), engine.clock())
            ago = timedelta(seconds=round(max(0.0, wall[1] - event.scheduled)))
            journal.log.side_starts[event.step] = wall[0] - ago
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
    plan: Plan
    """The plan the results were matched to: the one the session started with."""
    side_starts: dict[int, datetime] = field(default_factory=dict)
    """The restored sides' `started_at`, by step index."""

    @property
    def sides_done(self) -> int:
        return len(self.results)


def restore(plan: Plan, path: Path, record: SessionRecord) -> Unfinished | None:
    """The results of a running or stopped log of this plan, if it has steps left to do.

    Sides are matched to the plan by their `step` index and exercise name; a log written for a
    different version of the program restores only the sides that still match.
    """
    if record.status not in ("running", "stopped") or not isinstance(record.started, datetime):
        return None
    restored: dict[int, SideResult] = {}
    starts: dict[int, datetime] = {}
    for entry in record.results:
        for side in entry.sides.values():
            index = side.step
            if index is None or not 0 <= index < len(plan.steps):
                continue
            step = plan.steps[index]
            if not isinstance(step, WorkStep) or step.exercise.name != entry.exercise:
                continue
            restored[index] = SideResult(
                step,
                seconds=None if side.seconds is None else float(side.seconds),
                reps=side.reps if isinstance(side.reps, int) else None,
                completed=side.done_in_full,
                difficulty=side.difficulty,
                flags=list(side.flags or []),
                marks=list(side.marks),
            )
            if side.started_at is not None:
                starts[index] = side.started_at
    if not restored:
        return None
    resume_at = max(restored) + 1
    if resume_at >= len(plan.steps) or not any(isinstance(s, WorkStep) for s in plan.steps[resume_at:]):
        return None
    return Unfinished(path, record.started, record.status, restored, resume_at, plan, starts)

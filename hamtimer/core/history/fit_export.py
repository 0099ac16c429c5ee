"""FIT files of session logs, in a folder: `hamtimer export --fit` and the export after a session.

One file per log with results, named `YYYY-MM-DD-HHMMSS-<program-slug>.fit` after the session's
start (a log the journal numbered `-2` keeps its number). Each file is made whole in memory, then
written atomically and private (0600), so a folder never holds half a file. An existing file is
kept unless asked to write it again. A log that cannot be used is skipped, with its reason.

A result's FIT exercise is the log's own `fit`; an older log has none, so the exercise is looked
up by name in the program the log names (`program_file`, else the program of the same name);
failing both, it is written with the category unknown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from hamtimer.core.history.fit import FitSdkMissing, encode
from hamtimer.core.history.fit_sets import NothingToExport, activity, aware
from hamtimer.core.log import logfile
from hamtimer.core.log.logfile import ResultEntry, SessionRecord, UnusableLog
from hamtimer.core.program.catalog import all_programs, bundled_dir
from hamtimer.core.program.fit_exercise import UNKNOWN_EXERCISE, FitExercise, fit_or_unknown
from hamtimer.core.program.loader import load_program
from hamtimer.core.program.model import Program
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.storage import DIR_MODE, make_private_dir, slug, write_atomic

EXPORT_FOLDER = ("exports", "fit")
"""The default folder, under the data dir."""
FAILED = "FIT file not written"
"""How `export_session` begins a line that says the file was not written."""
_NUMBERED = re.compile(r"^\d{6}-.+-(\d+)$")


class Outcome(StrEnum):
    WRITTEN = "written"
    KEPT = "kept"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Exported:
    """What became of one log: the file written or kept, or why it was skipped."""

    log: Path
    outcome: Outcome
    path: Path | None = None
    reason: str | None = None


class FolderError(OSError):
    """The export folder cannot be made or written; the message says which and why."""


def default_folder(data_dir: Path) -> Path:
    return data_dir.joinpath(*EXPORT_FOLDER)


def prepare_folder(folder: Path, data_dir: Path | None = None) -> None:
    """Make the folder: under the data dir every level private (0700); a folder of the user's
    choosing is made 0700 when missing and otherwise left as it is."""
    try:
        if data_dir is not None and folder == default_folder(data_dir):
            make_private_dir(data_dir)
            make_private_dir(data_dir / EXPORT_FOLDER[0])
            make_private_dir(folder)
        else:
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied", str(folder))
    except OSError as err:
        where = f": {err.filename}" if err.filename and Path(err.filename) != folder else ""
        raise FolderError(f"{folder}: cannot write FIT files there ({err.strerror or err}{where})") from None


def file_name(record: SessionRecord, log: Path) -> str:
    """After the session's start as the log writes it (its own offset's wall time)."""
    stem = f"{aware(record.started):%Y-%m-%d-%H%M%S}-{slug(record.program)}"
    numbered = _NUMBERED.match(log.stem)
    return f"{stem}-{numbered.group(1)}.fit" if numbered else f"{stem}.fit"


class ProgramFits:
    """The FIT exercise of each result: from the log, else from its program (read once each)."""

    def __init__(self) -> None:
        self.programs: dict[str, dict[str, FitExercise | None]] = {}
        """By `program_file`: the exercises of the program it names ({} when none can be read)."""
        self._by_name: dict[str, dict[str, FitExercise | None]] | None = None

    def of(self, record: SessionRecord, entry: ResultEntry) -> FitExercise:
        if entry.fit is not None:
            return fit_or_unknown(entry.fit)
        found = self.exercises(record).get(entry.exercise)
        return found or UNKNOWN_EXERCISE

    def exercises(self, record: SessionRecord) -> dict[str, FitExercise | None]:
        key = record.program_file or ""
        if key not in self.programs:
            self.programs[key] = _from_file(key)
        return self.programs[key] or self.named(record.program)

    def named(self, program: str) -> dict[str, FitExercise | None]:
        if self._by_name is None:
            self._by_name = {}
            for entry in all_programs():
                try:
                    loaded = entry.load()
                except ProgramError:
                    continue
                self._by_name.setdefault(loaded.name, _fits(loaded))
        return self._by_name.get(program, {})


def _fits(program: Program) -> dict[str, FitExercise | None]:
    return {e.name: e.fit for block in program.blocks for e in block.exercises}


def _from_file(program_file: str) -> dict[str, FitExercise | None]:
    """The exercises of the program a log names: a bundled one ("programs/NAME.toml") or a file
    (a program of the user's is named by its name, which `ProgramFits.named` finds)."""
    if not program_file:
        return {}
    path = Path(program_file).expanduser()
    if program_file.startswith("programs/") and (bundled_dir() / path.name).is_file():
        path = bundled_dir() / path.name
    elif path.suffix != ".toml" or not path.is_file():
        return {}
    try:
        return _fits(load_program(path))
    except ProgramError:
        return {}


def _day_of(log: Path) -> date | None:
    """The day of a log in `sessions/YYYY-MM-DD/`, from its folder's name."""
    try:
        return date.fromisoformat(log.parent.name)
    except ValueError:
        return None


def export_one(log: Path, folder: Path, *, force: bool, fits: ProgramFits, taken: set[str]) -> Exported:
    """One log's file. FolderError when the folder cannot be written; FitSdkMissing without the SDK."""
    try:
        record = logfile.read(log)
    except UnusableLog as reason:
        return Exported(log, Outcome.SKIPPED, reason=str(reason))
    name = file_name(record, log)
    if name in taken:
        stem, number = name.removesuffix(".fit"), 2
        while f"{stem}-{number}.fit" in taken:
            number += 1
        name = f"{stem}-{number}.fit"
    taken.add(name)
    path = folder / name
    if path.exists() and not force:
        return Exported(log, Outcome.KEPT, path)
    try:
        data = encode(activity(record, lambda entry: fits.of(record, entry)))
    except NothingToExport as reason:
        return Exported(log, Outcome.SKIPPED, reason=str(reason))
    except ValueError as err:  # the SDK refuses a value (a time before 1990, say)
        return Exported(log, Outcome.SKIPPED, reason=f"cannot be written as FIT: {err}")
    try:
        write_atomic(path, data)
    except OSError as err:
        raise FolderError(f"{path}: cannot be written ({err.strerror or err})") from None
    return Exported(log, Outcome.WRITTEN, path)


def export_logs(
    logs: Iterable[Path], folder: Path, *, force: bool = False, since: date | None = None
) -> Iterator[Exported]:
    """Each log's outcome, in order. A log before `since` (by its folder's day when it is under
    `sessions/`, else by its start) is passed over without a word."""
    fits, taken = ProgramFits(), set[str]()
    for log in logs:
        if since is not None:
            day = _day_of(log)
            if day is not None and day < since:
                continue
            if day is None and _started_before(log, since):
                continue
        yield export_one(log, folder, force=force, fits=fits, taken=taken)


def _started_before(log: Path, since: date) -> bool:
    try:
        started = logfile.read(log).started
    except UnusableLog:
        return False
    return (started.date() if isinstance(started, datetime) else started) < since


def export_session(log: Path, data_dir: Path) -> str:
    """After a session (`[export] fit = true`): its file written again, or why not, in a line.
    The log is only read: whatever goes wrong here, it stays as it is."""
    folder = default_folder(data_dir)
    try:
        prepare_folder(folder, data_dir)
        done = export_one(log, folder, force=True, fits=ProgramFits(), taken=set())
    except (FolderError, FitSdkMissing) as err:
        return f"{FAILED}: {err}"
    if done.path is None:
        return f"{FAILED}: {done.reason}"
    return f"FIT file: {done.path}"

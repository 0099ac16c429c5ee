"""Reading session logs back: each file boiled down to what history needs, behind a cache.

The TOML files are the only source of truth. The cache (JSON in the user cache dir, 0600) keeps
one summary per file, keyed on its path, size and modification time; a missing, stale or
unreadable cache only costs the time to parse the files again. A file that cannot be used is
reported with its reason and never written to.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hamtimer.core.storage import LOG_SCHEMA as SCHEMA
from hamtimer.core.storage import make_private_dir, slug, write_atomic

CACHE_VERSION = 1
SIDES = ("left", "right", "both")
WORKS = ("hold", "reps", "time", "distance")


@dataclass
class SideSets:
    """One side of one exercise in one session: a value per set (or round) done."""

    values: list[float] = field(default_factory=list)
    difficulties: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    sets: int = 0
    completed: int = 0
    at_target: int = 0

    @property
    def value(self) -> float | None:
        return sum(self.values) / len(self.values) if self.values else None

    @property
    def best(self) -> float | None:
        return max(self.values) if self.values else None


@dataclass
class ExerciseDone:
    name: str
    work: str
    target: float | None = None
    goal: dict[str, float] | None = None
    sides: dict[str, SideSets] = field(default_factory=dict)


@dataclass
class SessionSummary:
    file: str
    started: float
    """POSIX seconds, for ordering."""
    started_text: str
    program: str
    status: str
    exercises: dict[str, ExerciseDone] = field(default_factory=dict)


class UnusableLog(ValueError):
    """A file that is not a usable session log; the message is the reason."""


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _timestamp(value: object) -> tuple[float, str]:
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.astimezone()
        return moment.astimezone(UTC).timestamp(), value.isoformat()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day).astimezone().timestamp(), value.isoformat()
    raise UnusableLog("no start time (started)")


def _side(table: dict[str, Any], work: str, target: float | None, into: SideSets) -> None:
    into.sets += 1
    key = "reps" if work == "reps" else "seconds"
    value = _number(table.get(key)) if work != "distance" else None
    if value is not None and value >= 0:
        into.values.append(value)
        if target is not None and value >= target - 1e-6:
            into.at_target += 1
    difficulty = table.get("difficulty")
    if isinstance(difficulty, int) and not isinstance(difficulty, bool) and 1 <= difficulty <= 10:
        into.difficulties.append(difficulty)
    flags = table.get("flags", [])
    if isinstance(flags, list):
        into.flags.extend(f for f in flags if isinstance(f, str))
    if table.get("completed", True) is True:
        into.completed += 1


def summarize_log(doc: dict[str, Any], file: str) -> SessionSummary:
    """The summary of one parsed log; UnusableLog when it is not one this version can read."""
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise UnusableLog(f"unknown schema {schema!r} (this hamtimer reads schema {SCHEMA})")
    started, started_text = _timestamp(doc.get("started"))
    program = doc.get("program")
    summary = SessionSummary(
        file=file,
        started=started,
        started_text=started_text,
        program=program if isinstance(program, str) else "",
        status=str(doc.get("status", "running")),
    )
    results = doc.get("result", [])
    if not isinstance(results, list):
        raise UnusableLog("result is not a list of [[result]] tables")
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("exercise"), str):
            continue
        work = result.get("work")
        if work not in WORKS:
            continue
        target = _number(result.get("target"))
        done = summary.exercises.setdefault(result["exercise"], ExerciseDone(result["exercise"], work))
        done.target = target if done.target is None else done.target
        goal = result.get("goal")
        if isinstance(goal, dict):
            clean = {k: v for k in goal if (v := _number(goal[k])) is not None}
            done.goal = clean or done.goal
        for side in SIDES:
            table = result.get(side)
            if isinstance(table, dict):
                _side(table, work, target, done.sides.setdefault(side, SideSets()))
    return summary


def read_log(path: Path, file: str) -> SessionSummary:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnusableLog(f"cannot be read: {err.strerror or err}") from None
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnusableLog("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise UnusableLog(f"not valid TOML: {err}") from None
    except (ValueError, RecursionError) as err:
        raise UnusableLog(f"not valid TOML: {err}") from None
    return summarize_log(doc, file)


# ----- the cache: JSON, one entry per file


def _to_json(summary: SessionSummary) -> dict[str, Any]:
    return {
        "file": summary.file,
        "started": summary.started,
        "started_text": summary.started_text,
        "program": summary.program,
        "status": summary.status,
        "exercises": [
            {
                "name": done.name,
                "work": done.work,
                "target": done.target,
                "goal": done.goal,
                "sides": {side: vars(sets) for side, sets in done.sides.items()},
            }
            for done in summary.exercises.values()
        ],
    }


def _from_json(data: dict[str, Any]) -> SessionSummary:
    summary = SessionSummary(
        file=data["file"],
        started=data["started"],
        started_text=data["started_text"],
        program=data["program"],
        status=data["status"],
    )
    for done in data["exercises"]:
        exercise = ExerciseDone(done["name"], done["work"], done["target"], done["goal"])
        exercise.sides = {side: SideSets(**sets) for side, sets in done["sides"].items()}
        summary.exercises[exercise.name] = exercise
    return summary


@dataclass
class Collection:
    """Every session log under a data folder, oldest first, and the files that were skipped."""

    sessions: list[SessionSummary]
    skipped: list[tuple[str, str]]
    parsed: int = 0
    """How many files had to be parsed (the rest came from the cache)."""


def log_files(data_dir: Path) -> list[Path]:
    """Every session log, in name order (which is date and time order)."""
    found: list[str] = []
    try:
        days = [entry.path for entry in os.scandir(data_dir / "sessions") if entry.is_dir()]
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
    return [Path(p) for p in sorted(found)]


PARALLEL_FROM = 64
"""With this many files to parse, parsing is spread over processes (tomllib is pure Python)."""


def _parse(job: tuple[str, str]) -> tuple[str, SessionSummary | str]:
    path, file = job
    try:
        return file, read_log(Path(path), file)
    except UnusableLog as reason:
        return file, str(reason)


def _parse_all(jobs: list[tuple[str, str]]) -> list[tuple[str, SessionSummary | str]]:
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [_parse(job) for job in jobs]
    try:
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        # fork is quickest but unsafe in a process with threads (the app); spawn is safe anywhere
        methods = multiprocessing.get_all_start_methods()
        method = "fork" if threading.active_count() == 1 and "fork" in methods else "spawn"
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_parse, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    except (OSError, RuntimeError, ImportError):
        return [_parse(job) for job in jobs]


def collect(data_dir: Path, cache_file: Path | None) -> Collection:
    """Read every session log, using and refreshing the cache when one is given."""
    cached: dict[str, Any] = {}
    if cache_file is not None:
        try:
            loaded = json.loads(cache_file.read_text("utf-8"))
            if isinstance(loaded, dict) and loaded.get("version") == CACHE_VERSION:
                files = loaded.get("files")
                cached = files if isinstance(files, dict) else {}
        except (OSError, ValueError):
            cached = {}
    fresh: dict[str, Any] = {}
    sessions: list[SessionSummary] = []
    skipped: list[tuple[str, str]] = []
    jobs: list[tuple[str, str]] = []
    stats: dict[str, os.stat_result] = {}
    prefix = len(str(data_dir)) + 1
    for path in log_files(data_dir):
        file = str(path)[prefix:].replace(os.sep, "/")
        try:
            stat = path.stat()
        except OSError as err:
            skipped.append((file, f"cannot be read: {err.strerror or err}"))
            continue
        entry = cached.get(file)
        if (
            isinstance(entry, dict)
            and entry.get("size") == stat.st_size
            and entry.get("mtime") == stat.st_mtime_ns
        ):
            try:
                if "skip" in entry:
                    skipped.append((file, str(entry["skip"])))
                else:
                    sessions.append(_from_json(entry["summary"]))
                fresh[file] = entry
                continue
            except (KeyError, TypeError, ValueError):
                pass
        jobs.append((str(path), file))
        stats[file] = stat
    for file, outcome in _parse_all(jobs):
        entry = {"size": stats[file].st_size, "mtime": stats[file].st_mtime_ns}
        if isinstance(outcome, str):
            skipped.append((file, outcome))
            entry["skip"] = outcome
        else:
            sessions.append(outcome)
            entry["summary"] = _to_json(outcome)
        fresh[file] = entry
    parsed = len(jobs)
    if cache_file is not None and (parsed or set(fresh) != set(cached)):
        try:
            make_private_dir(cache_file.parent)
            data = json.dumps({"version": CACHE_VERSION, "files": fresh}, separators=(",", ":"))
            write_atomic(cache_file, data.encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written costs speed, nothing else
    sessions.sort(key=lambda s: (s.started, s.file))
    return Collection([s for s in sessions if s.exercises], skipped, parsed)


def latest_for(data_dir: Path, program: str) -> tuple[Path, dict[str, Any]] | None:
    """The newest readable log of a program (by name), parsed, for resuming; None if none.

    File names sort by date and time and carry the program's slug, so only candidates are read.
    """
    marker = f"-{slug(program)}"
    for path in sorted(log_files(data_dir), reverse=True):
        stem = path.stem
        if not (stem.endswith(marker) or marker + "-" in stem):
            continue
        try:
            with path.open("rb") as handle:
                doc = tomllib.load(handle)
        except (OSError, ValueError):
            continue
        if doc.get("program") == program:
            return path, doc
    return None


def file_age_seconds(path: Path) -> float:
    try:
        return max(0.0, datetime.now().timestamp() - os.stat(path).st_mtime)
    except OSError:
        return math.inf


def fingerprint(data_dir: Path) -> str:
    """A digest of every log's name, size and modification time: equal means nothing changed."""
    digest = hashlib.blake2b(digest_size=16)
    for path in log_files(data_dir):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def cached_output(cache_file: Path, key: str) -> str | None:
    """The output stored for `key` (a fingerprint plus the options), if it is still the one."""
    try:
        data = json.loads(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("output"), str):
        return str(data["output"])
    return None


def store_output(cache_file: Path, key: str, output: str) -> None:
    try:
        make_private_dir(cache_file.parent)
        write_atomic(cache_file, json.dumps({"key": key, "output": output}).encode("utf-8"))
    except OSError:
        pass  # only speed is lost

"""The session log's format (DESIGN.md, Session log): the one place it is read and written.

`read` is tolerant, as a reader of years of hand-edited files must be: keys it does not know are
ignored, a value of the wrong type counts as absent, and only a file that cannot be a session log
at all (not TOML, another schema, no start time) raises `UnusableLog` with the reason.
`to_toml` writes exactly what the journal has always written, key for key.

Logs are parsed with rtoml when it is installed (about 13 times faster than tomllib, which
matters to history over thousands of files); anything rtoml refuses is parsed again with tomllib,
so the outcome, and every reason given for a bad file, is tomllib's.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hamtimer.core.kinds import LOG_SIDES, Side, WorkKind
from hamtimer.core.session.marks import Mark

SCHEMA = 1
"""The session log's `schema` (DESIGN.md, Session log)."""
_WORKS = frozenset(kind.value for kind in WorkKind)


class UnusableLog(ValueError):
    """A file that is not a usable session log; the message is the reason."""


@dataclass
class SideEntry:
    """One side's table; None is an absent key (TOML has no null)."""

    step: int | None = None
    started_at: datetime | None = None
    """When the side began (issue 19, for exports); absent in older logs."""
    seconds: float | None = None
    reps: float | None = None
    difficulty: int | None = None
    flags: list[str] | None = None
    completed: bool | None = None
    note: str | None = None
    marks: list[Mark] = field(default_factory=list)

    @property
    def done_in_full(self) -> bool:
        """Completed, as a reader counts it: an absent `completed` means it was."""
        return self.completed is not False

    def value(self, work: WorkKind) -> float | None:
        """The number symmetry compares: seconds (hold, time) or reps; None for a distance."""
        if work is WorkKind.DISTANCE:
            return None
        found = self.reps if work is WorkKind.REPS else self.seconds
        return found if found is not None and found >= 0 else None


@dataclass
class ResultEntry:
    """One [[result]] table: a set (or round) of an exercise, with its side tables."""

    exercise: str
    work: WorkKind
    block: str | None = None
    set: int | None = None
    round: int | None = None
    target: float | None = None
    minimum: float | None = None
    distance: str | None = None
    load: str | None = None
    goal: dict[str, float] | None = None
    fit: str | None = None
    """The exercise's FIT exercise as its program named it (issue 19); absent in older logs."""
    sides: dict[Side, SideEntry] = field(default_factory=dict)
    """Read: left, right, both. Built by the journal: in the order the sides were done."""


@dataclass
class SessionRecord:
    """One session log."""

    program: str
    started: datetime | date
    program_file: str | None = None
    ended: datetime | date | None = None
    status: str = "running"
    side_order: str | None = None
    results: list[ResultEntry] = field(default_factory=list)
    soreness: dict[Side, int] | None = None
    all: bool = False
    schema: int = SCHEMA


# ----- reading


def _number(value: object) -> float | None:
    """A finite TOML number as it was written (an int stays an int), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _moment(value: object) -> datetime | date | None:
    """A date or time; an offset is kept as a plain fixed offset, whichever parser read it."""
    if isinstance(value, datetime):
        offset = value.utcoffset()
        return value if offset is None else value.replace(tzinfo=timezone(offset))
    return value if isinstance(value, date) else None


def _mark(value: object) -> Mark | None:
    if not isinstance(value, dict) or not isinstance(check := value.get("check"), str):
        return None
    at = _number(value.get("at"))
    return None if at is None else Mark(check, at)


def _side(table: dict[str, Any]) -> SideEntry:
    difficulty = _whole(table.get("difficulty"))
    flags = table.get("flags")
    completed = table.get("completed")
    marks = table.get("marks")
    started_at = _moment(table.get("started_at"))
    return SideEntry(
        step=_whole(table.get("step")),
        started_at=started_at if isinstance(started_at, datetime) else None,
        seconds=_number(table.get("seconds")),
        reps=_number(table.get("reps")),
        difficulty=difficulty if difficulty is not None and 1 <= difficulty <= 10 else None,
        flags=[f for f in flags if isinstance(f, str)] if isinstance(flags, list) else None,
        completed=None if completed is None else completed is True,
        note=_text(table.get("note")),
        marks=[mark for m in marks if (mark := _mark(m)) is not None] if isinstance(marks, list) else [],
    )


def _result(table: object) -> ResultEntry | None:
    if not isinstance(table, dict):
        return None
    name, work = table.get("exercise"), table.get("work")
    if not isinstance(name, str) or work not in _WORKS:
        return None
    goal = table.get("goal")
    clean = {k: v for k in goal if (v := _number(goal[k])) is not None} if isinstance(goal, dict) else {}
    entry = ResultEntry(
        exercise=name,
        work=WorkKind(work),
        block=_text(table.get("block")),
        set=_whole(table.get("set")),
        round=_whole(table.get("round")),
        target=_number(table.get("target")),
        minimum=_number(table.get("minimum")),
        distance=_text(table.get("distance")),
        load=_text(table.get("load")),
        goal=clean or None,
        fit=_text(table.get("fit")),
    )
    for side in LOG_SIDES:
        found = table.get(side.value)
        if isinstance(found, dict):
            entry.sides[side] = _side(found)
    return entry


def from_document(doc: dict[str, Any]) -> SessionRecord:
    """The record of a parsed log; UnusableLog when it is not one this version can read."""
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise UnusableLog(f"unknown schema {schema!r} (this hamtimer reads schema {SCHEMA})")
    started = _moment(doc.get("started"))
    if started is None:
        raise UnusableLog("no start time (started)")
    results = doc.get("result", [])
    if not isinstance(results, list):
        raise UnusableLog("result is not a list of [[result]] tables")
    soreness = doc.get("soreness")
    status = doc.get("status", "running")
    return SessionRecord(
        program=_text(doc.get("program")) or "",
        started=started,
        program_file=_text(doc.get("program_file")),
        ended=_moment(doc.get("ended")),
        status=status if isinstance(status, str) else str(status),
        side_order=_text(doc.get("side_order")),
        results=[r for r in map(_result, results) if r is not None],
        soreness={
            side: level
            for side in (Side.LEFT, Side.RIGHT)
            if (level := _whole(soreness.get(side.value))) is not None and 0 <= level <= 10
        }
        if isinstance(soreness, dict)
        else None,
        all=doc.get("all") is True,
    )


def _reader() -> tuple[str, Callable[[str], dict[str, Any]]]:
    """The quickest TOML reader installed, and its name."""
    try:
        import rtoml
    except ImportError:
        return "tomllib", tomllib.loads

    def loads(text: str) -> dict[str, Any]:
        try:
            found: dict[str, Any] = rtoml.loads(text)
        except Exception:  # whatever rtoml refuses, tomllib decides (and words the reason)
            return tomllib.loads(text)
        return found

    return "rtoml", loads


READER, loads_toml = _reader()
"""What parses logs: "rtoml" (with tomllib for what it refuses) or "tomllib"."""


def parse(data: bytes) -> SessionRecord:
    """The record in the bytes of a log file; UnusableLog with the reason when there is none."""
    try:
        doc = loads_toml(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnusableLog("not UTF-8 text") from None
    except (ValueError, RecursionError) as err:  # tomllib.TOMLDecodeError is a ValueError
        raise UnusableLog(f"not valid TOML: {err}") from None
    return from_document(doc)


def read(path: Path) -> SessionRecord:
    """The record in a log file; UnusableLog with the reason when it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnusableLog(f"cannot be read: {err.strerror or err}") from None
    return parse(data)


# ----- writing


def _side_table(entry: SideEntry) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if entry.step is not None:
        table["step"] = entry.step
    if entry.started_at is not None:
        table["started_at"] = entry.started_at
    if entry.seconds is not None:
        table["seconds"] = entry.seconds
    if entry.reps is not None:
        table["reps"] = entry.reps
    if entry.difficulty is not None:
        table["difficulty"] = entry.difficulty
    if entry.flags is not None:
        table["flags"] = list(entry.flags)
    if entry.marks:
        table["marks"] = [{"check": m.check, "at": m.at} for m in entry.marks]
    if entry.completed is not None:
        table["completed"] = entry.completed
    if entry.note:
        table["note"] = entry.note
    return table


def _result_table(entry: ResultEntry) -> dict[str, Any]:
    table: dict[str, Any] = {"exercise": entry.exercise}
    if entry.block is not None:
        table["block"] = entry.block
    if entry.set is not None:
        table["set"] = entry.set
    if entry.round is not None:
        table["round"] = entry.round
    table["work"] = entry.work.value
    for key in ("target", "minimum", "distance", "load", "goal", "fit"):
        if (value := getattr(entry, key)) is not None:
            table[key] = value
    for side, found in entry.sides.items():
        table[side.value] = _side_table(found)
    return table


def document(record: SessionRecord) -> dict[str, Any]:
    """The record as the TOML document it is written as, keys in the documented order."""
    doc: dict[str, Any] = {"schema": record.schema, "program": record.program}
    if record.program_file is not None:
        doc["program_file"] = record.program_file
    doc["started"] = record.started
    if record.ended is not None:
        doc["ended"] = record.ended
    doc["status"] = record.status
    if record.side_order is not None:
        doc["side_order"] = record.side_order
    if record.all:
        doc["all"] = True
    if record.soreness is not None:
        doc["soreness"] = {side.value: level for side, level in record.soreness.items()}
    doc["result"] = [_result_table(entry) for entry in record.results]
    return doc


def to_toml(record: SessionRecord) -> bytes:
    import tomli_w  # only when a log is written, not to read or plan

    return tomli_w.dumps(document(record)).encode("utf-8")

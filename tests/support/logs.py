"""Session logs written by hand in DESIGN.md's schema, for the history, export and resume tests.

The logs are TOML text typed out as DESIGN.md shows it (not written by our journal), so readers
are checked against the documented format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Side:
    """One side's table as a user's log holds it; `value` is seconds or reps, by the work."""

    value: float | None = None
    difficulty: int | None = None
    flags: tuple[str, ...] = ()
    completed: bool = True
    note: str | None = None
    step: int | None = None
    """The plan step index the side records (which side started a set: the lower)."""
    marks: tuple[tuple[str, float], ...] = ()
    """Checks marked during the work: (check, seconds into the side)."""


def side(
    value: float | None = None,
    difficulty: int | None = None,
    flags: tuple[str, ...] | list[str] = (),
    completed: bool = True,
    note: str | None = None,
    step: int | None = None,
    marks: tuple[tuple[str, float], ...] | list[tuple[str, float]] = (),
) -> Side:
    return Side(value, difficulty, tuple(flags), completed, note, step, tuple(marks))


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def result(
    exercise: str,
    work: str,
    *,
    left: Side | None = None,
    right: Side | None = None,
    both: Side | None = None,
    set: int = 1,
    round: int = 1,
    target: float | None = None,
    block: str | None = "Bridges",
    load: str | None = None,
    goal: dict[str, int] | None = None,
    distance: str | None = None,
) -> str:
    """One [[result]] table and its side tables, as TOML text."""
    lines = ["[[result]]", f"exercise = {toml_value(exercise)}"]
    if block is not None:
        lines.append(f"block = {toml_value(block)}")
    lines += [f"set = {set}", f"round = {round}", f"work = {toml_value(work)}"]
    if target is not None:
        lines.append(f"target = {toml_value(target)}")
    if distance is not None:
        lines.append(f"distance = {toml_value(distance)}")
    if load is not None:
        lines.append(f"load = {toml_value(load)}")
    if goal is not None:
        lines.append(f"goal = {toml_value(goal)}")
    lines.append("")
    for name, spec in (("left", left), ("right", right), ("both", both)):
        if spec is None:
            continue
        lines.append(f"[result.{name}]")
        if spec.step is not None:
            lines.append(f"step = {spec.step}")
        if spec.value is not None and work in ("hold", "time"):
            lines.append(f"seconds = {float(spec.value)!r}")
        elif spec.value is not None and work == "reps":
            lines.append(f"reps = {int(spec.value)}")
        if spec.difficulty is not None:
            lines.append(f"difficulty = {spec.difficulty}")
        lines.append(f"flags = {toml_value(list(spec.flags))}")
        lines.append(f"completed = {toml_value(spec.completed)}")
        if spec.note is not None:
            lines.append(f"note = {toml_value(spec.note)}")
        if spec.marks:
            marks = [{"check": check, "at": at} for check, at in spec.marks]
            lines.append(f"marks = {toml_value(marks)}")
        lines.append("")
    return "\n".join(lines)


def log_text(
    started: str,
    *results: str,
    program: str = "Bridge progression",
    status: str = "completed",
    ended: str | None = None,
    schema: int | str = 1,
    soreness: dict[str, int] | None = None,
) -> str:
    head = [
        f"schema = {toml_value(schema)}",
        f"program = {toml_value(program)}",
        'program_file = "programs/bridge-progression.toml"',
        f"started = {started}",
    ]
    if status != "running":
        head.append(f"ended = {ended or started}")
    head += [f"status = {toml_value(status)}", 'side_order = "left-first"', ""]
    if soreness is not None:
        head += ["[soreness]", *(f"{k} = {v}" for k, v in soreness.items()), ""]
    return "\n".join(head) + "\n" + "\n".join(results)


def log_path(data_dir: Path, started: str, slug: str = "bridge-progression") -> Path:
    """`sessions/YYYY-MM-DD/HHMMSS-<slug>.toml` for a `started` written as 2026-11-20T07:30:00+01:00."""
    day, time = started[:10], started[11:19].replace(":", "")
    return data_dir / "sessions" / day / f"{time}-{slug}.toml"


def write_log(data_dir: Path, started: str, *results: str, path: Path | None = None, **head: Any) -> Path:
    """Write a log by hand under `data_dir` (its file named after `started` unless `path` is given)."""
    target = path or log_path(data_dir, started)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(log_text(started, *results, **head), encoding="utf-8")
    return target


def day(n: int, hour: int = 7) -> str:
    """The start of the n-th session: one a day from 2026-11-01, 07:30 local (+01:00)."""
    return f"2026-11-{n:02d}T{hour:02d}:30:00+01:00"


BRIDGE = "Single-leg bridge"


def bridge(left: float, right: float, **kw: Any) -> str:
    """A one-set Single-leg bridge hold (target 30 s) with these seconds."""
    ld, rd = kw.pop("difficulty", (None, None))
    lf, rf = kw.pop("flags", ((), ()))
    return result(
        BRIDGE,
        "hold",
        target=kw.pop("target", 30),
        left=side(left, ld, lf),
        right=side(right, rd, rf),
        **kw,
    )


def one_decimal(value: Fraction | float) -> float:
    return round(float(value), 1)


def pct(left: Fraction, right: Fraction) -> Fraction:
    stronger, weaker = max(left, right), min(left, right)
    return (stronger - weaker) / stronger * 100

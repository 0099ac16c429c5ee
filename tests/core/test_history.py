"""The symmetry maths and the history report, on session logs written by hand in DESIGN.md's schema.

The logs here are TOML text typed out as DESIGN.md shows it (not written by our journal), so the
report is checked against the documented format, and every expected figure is worked out in the
test from the raw values.

The writers below (`side`, `result`, `write_log`) are shared with the other history tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.history import build_report
from hamtimer.core.sessions import collect
from hamtimer.core.symmetry import asymmetry, band

# ----- hand-written session logs (shared with the other history tests)


@dataclass(frozen=True)
class Side:
    """One side's table as a user's log holds it; `value` is seconds or reps, by the work."""

    value: float | None = None
    difficulty: int | None = None
    flags: tuple[str, ...] = ()
    completed: bool = True
    note: str | None = None


def side(
    value: float | None = None,
    difficulty: int | None = None,
    flags: tuple[str, ...] | list[str] = (),
    completed: bool = True,
    note: str | None = None,
) -> Side:
    return Side(value, difficulty, tuple(flags), completed, note)


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
        lines.append("")
    return "\n".join(lines)


def log_text(
    started: str,
    *results: str,
    program: str = "Bridge progression",
    status: str = "completed",
    ended: str | None = None,
    schema: int | str = 1,
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


# ----- the maths: values -> asymmetry, weaker side, band


def pct(left: Fraction, right: Fraction) -> Fraction:
    stronger, weaker = max(left, right), min(left, right)
    return (stronger - weaker) / stronger * 100


WORKED = [
    # left mean, right mean, work, weaker side, band, why (the % is worked out by pct())
    (Fraction(85, 3), Fraction(74, 3), "hold", "right", "amber", "DESIGN's bridge: 28.3 against 24.7 s"),
    (Fraction(40), Fraction(37), "hold", "right", "green", "7.5 %: under 10 %"),
    (Fraction(30), Fraction(27), "hold", "right", "amber", "10 % exactly, gap 3 s: amber starts at 10 %"),
    (Fraction(20), Fraction(18), "hold", "right", "green", "10 % but a gap of 2 s (< 3 s)"),
    (Fraction(10), Fraction(9), "reps", "right", "green", "10 % but a gap of 1 rep (< 2)"),
    (Fraction(10), Fraction(8), "reps", "right", "amber", "20 % exactly, gap 2 reps: still amber"),
    (Fraction(5), Fraction(11, 3), "reps", "right", "green", "26.7 % but a gap of 1.3 reps"),
    (Fraction(9), Fraction(12), "reps", "left", "red", "25 %, gap 3 reps, the left lags"),
    (Fraction(30), Fraction(22), "hold", "right", "red", "26.7 %, gap 8 s"),
    (Fraction(24), Fraction(30), "hold", "left", "amber", "20 % exactly, gap 6 s"),
    (Fraction(300), Fraction(239), "hold", "right", "red", "20.3 %: just over 20 %"),
    (Fraction(12), Fraction(11), "time", "right", "green", "8.3 %"),
]


@pytest.mark.parametrize(("left", "right", "work", "weaker", "colour", "why"), WORKED)
def test_worked_examples(
    left: Fraction, right: Fraction, work: str, weaker: str, colour: str, why: str
) -> None:
    found = asymmetry(float(left), float(right))
    assert found is not None
    assert found.pct == pytest.approx(float(pct(left, right)), abs=1e-9), why
    assert found.weaker == weaker, why
    assert found.gap == pytest.approx(float(abs(left - right)), abs=1e-9), why
    assert band(found, work) == colour, why


def test_design_example_is_12_9_percent_computed_from_the_exact_means() -> None:
    left, right = (30 + 30 + 25) / 3, (24 + 26 + 24) / 3
    found = asymmetry(left, right)
    assert found is not None
    assert round(found.pct, 1) == 12.9  # (28.33 - 24.67) / 28.33 x 100 = 11/85 x 100
    assert (found.weaker, band(found, "hold")) == ("right", "amber")


def test_equal_sides_are_even_and_green() -> None:
    found = asymmetry(25.0, 25.0)
    assert found is not None
    assert (found.pct, found.weaker, found.gap, band(found, "hold")) == (0.0, None, 0.0, "green")


def test_nothing_done_on_either_side_gives_no_asymmetry() -> None:
    assert asymmetry(0.0, 0.0) is None


def test_one_side_at_zero_is_a_full_asymmetry() -> None:
    found = asymmetry(0.0, 12.0)
    assert found is not None
    assert (found.pct, found.weaker, band(found, "reps")) == (100.0, "left", "red")


# ----- the report over hand-written logs


def report_for(data_dir: Path, window: int = 3, exercise: str | None = None) -> dict[str, Any]:
    return build_report(collect(data_dir, None), window, exercise).as_json()


def only(report: dict[str, Any], name: str = BRIDGE) -> dict[str, Any]:
    found = [e for e in report["exercises"] if e["exercise"] == name]
    assert len(found) == 1, report
    return found[0]


def test_window_is_the_last_sessions_holding_both_sides(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(20, 10))
    write_log(tmp_path, day(2), bridge(30, 24))
    write_log(tmp_path, day(3), bridge(30, 26))
    write_log(tmp_path, day(4), bridge(25, 24))
    stopped = result(BRIDGE, "hold", target=30, left=side(29.0))  # stopped after the left side
    write_log(tmp_path, day(5), stopped, status="stopped")
    item = only(report_for(tmp_path))
    assert item["sessions"] == 5
    assert item["window"] == 3
    assert item["left"]["mean"] == one_decimal(Fraction(30 + 30 + 25, 3))
    assert item["right"]["mean"] == one_decimal(Fraction(24 + 26 + 24, 3))
    assert item["left"]["latest"] == 29.0  # the one-side session still has the newest left value
    assert item["right"]["latest"] == 24.0
    assert item["asymmetry_pct"] == one_decimal(pct(Fraction(85, 3), Fraction(74, 3)))


def test_values_for_sparklines_are_per_session_means_oldest_first(tmp_path: Path) -> None:
    write_log(tmp_path, day(2), bridge(20, 18, set=1), bridge(30, 22, set=2))
    write_log(tmp_path, day(1), bridge(10, 12))
    report = build_report(collect(tmp_path, None))
    (item,) = report.exercises
    assert item.sides["left"].values == [10.0, 25.0]
    assert item.sides["right"].values == [12.0, 20.0]


def test_a_window_of_one_uses_the_newest_session_only(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 10))
    write_log(tmp_path, day(2), bridge(30, 28))
    item = only(report_for(tmp_path, window=1))
    assert (item["left"]["mean"], item["right"]["mean"], item["window"]) == (30.0, 28.0, 1)
    assert item["band"] == "green"


def test_exercise_filter_ignores_case(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 28), result("Nordic curl", "reps", both=side(5)))
    names = [e["exercise"] for e in report_for(tmp_path, exercise="nordic CURL")["exercises"]]
    assert names == ["Nordic curl"]


def test_the_report_never_says_injured_at_risk_or_cleared(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 5))
    text = json.dumps(report_for(tmp_path)).lower()
    assert not any(word in text for word in ("injur", "at risk", "cleared"))

"""The symmetry maths and the history report, on session logs written by hand in DESIGN.md's schema.

The logs here are TOML text typed out as DESIGN.md shows it (not written by our journal), so the
report is checked against the documented format, and every expected figure is worked out in the
test from the raw values.

The writers (`side`, `result`, `write_log`) are in tests/support/logs.py.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.history.report import build_report
from hamtimer.core.history.sessions import collect
from hamtimer.core.history.symmetry import asymmetry, band
from tests.support.logs import (  # the UI's history tests import some of these from here
    BRIDGE,
    bridge,
    day,
    one_decimal,
    pct,
    result,
    side,
    write_log,
)

# ----- the maths: values -> asymmetry, weaker side, band


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
    return build_report(collect(data_dir), window, exercise).as_json()


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
    report = build_report(collect(tmp_path))
    (item,) = report.exercises
    assert item.sides["left"].values == [10.0, 25.0]
    assert item.sides["right"].values == [12.0, 20.0]


def test_a_window_of_one_uses_the_newest_session_only(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 10))
    write_log(tmp_path, day(2), bridge(30, 28))
    item = only(report_for(tmp_path, window=1))
    assert (item["left"]["mean"], item["right"]["mean"], item["window"]) == (30.0, 28.0, 1)
    assert item["band"] is None  # one session in the window: never a band


def test_exercise_filter_ignores_case(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 28), result("Nordic curl", "reps", both=side(5)))
    names = [e["exercise"] for e in report_for(tmp_path, exercise="nordic CURL")["exercises"]]
    assert names == ["Nordic curl"]


def test_the_report_never_says_injured_at_risk_or_cleared(tmp_path: Path) -> None:
    write_log(tmp_path, day(1), bridge(30, 5))
    text = json.dumps(report_for(tmp_path)).lower()
    assert not any(word in text for word in ("injur", "at risk", "cleared"))

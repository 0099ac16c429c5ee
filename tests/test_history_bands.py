"""Issue 12: the band rules against hand-written logs, through `hamtimer history --json`.

DESIGN.md (Symmetry): null under 3 sessions holding both sides; amber and red need the same side
strictly weaker in every session of the window; "mixed" when the % reaches the amber level but
the weaker side changed; a gap under 2 reps or 3 s is green; capped gives null; `weaker_in`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hamtimer.cli import main
from tests.conftest import UserDirs
from tests.support.logs import BRIDGE, bridge, day, result, side, write_log


@pytest.fixture
def data(user_dirs: UserDirs) -> Path:
    return user_dirs.data


def report(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["history", "--json", *args]) == 0
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


def item(capsys: pytest.CaptureFixture[str], name: str = BRIDGE, *args: str) -> dict[str, Any]:
    (found,) = [e for e in report(capsys, *args)["exercises"] if e["exercise"] == name]
    return found


def sessions(data: Path, pairs: list[tuple[float, float]], target: int = 60) -> None:
    for n, (left, right) in enumerate(pairs, start=1):
        write_log(data, day(n), bridge(left, right, target=target))


def test_one_session_is_never_banded(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(4.7, 1.0)])  # the new user: 78.7 %, "red" before
    found = item(capsys)
    assert (found["weaker"], found["band"], found["asymmetry_pct"]) == ("right", None, 78.7)
    assert found["verdict"] == "1 of 3 sessions so far: too few to judge"
    assert found["weaker_in"] == {"left": 0, "right": 1, "even": 0}


def test_two_sessions_give_null(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 20), (30, 20)])
    found = item(capsys)
    assert found["band"] is None and found["sessions_with_both"] == 2
    assert found["verdict"] == "2 of 3 sessions so far: too few to judge"


def test_a_consistent_weaker_side_is_amber(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 26), (29, 26), (31, 27)])  # 12.2 %
    found = item(capsys)
    assert (found["weaker"], found["band"]) == ("right", "amber")
    assert found["weaker_in"] == {"left": 0, "right": 3, "even": 0}
    assert found["verdict"] == "right weaker in 3 of 3 sessions: 12.2 % (amber)"


def test_a_consistent_weaker_side_over_twenty_percent_is_red(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    sessions(data, [(20, 30), (21, 30), (19, 30)])
    found = item(capsys)
    assert (found["weaker"], found["band"], found["asymmetry_pct"]) == ("left", "red", 33.3)


def test_a_swapping_side_is_mixed(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 15), (20, 22), (30, 15)])  # means 26.7 / 17.3: 35 %, but left was weaker once
    found = item(capsys)
    assert (found["weaker"], found["band"]) == ("right", "mixed")
    assert found["weaker_in"] == {"left": 1, "right": 2, "even": 0}
    assert found["verdict"] == "mixed: left weaker once, right twice (35 % over 3 sessions)"


def test_an_even_session_breaks_the_run(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 20), (25, 25), (30, 20)])
    found = item(capsys)
    assert found["band"] == "mixed"
    assert found["weaker_in"] == {"left": 0, "right": 2, "even": 1}


def test_only_the_window_must_agree(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(20, 30), (30, 26), (30, 26), (30, 26)])  # the old swap is outside the window
    found = item(capsys)
    assert (found["band"], found["weaker_in"]) == ("amber", {"left": 0, "right": 3, "even": 0})
    wide = item(capsys, BRIDGE, "--last", "4")
    assert wide["band"] == "green"  # means 27.5 / 27: 1.8 %
    assert wide["weaker_in"] == {"left": 1, "right": 3, "even": 0}


def test_a_small_absolute_gap_is_green(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n in range(1, 4):  # 25 %, but one rep
        write_log(data, day(n), result("Nordic", "reps", target=8, left=side(4), right=side(3)))
    found = item(capsys, "Nordic")
    assert (found["asymmetry_pct"], found["band"]) == (25.0, "green")
    assert found["verdict"] == "right weaker in 3 of 3 sessions: 25 % (green), a gap of only 1 reps"


def test_a_small_gap_is_green_even_when_the_side_swaps(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    for n, (left, right) in enumerate([(4, 3), (3, 4), (5, 3)], start=1):  # 16.7 %, 0.67 reps
        write_log(data, day(n), result("Nordic", "reps", target=8, left=side(left), right=side(right)))
    assert item(capsys, "Nordic")["band"] == "green"


def test_capped_gives_null(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 30)] * 3, target=30)
    found = item(capsys)
    assert found["capped"] is True
    assert (found["asymmetry_pct"], found["weaker"], found["band"]) == (None, None, None)
    assert found["verdict"].startswith("capped: both sides at the target in 3 of 3 sessions")


@pytest.mark.parametrize(
    ("left", "right", "band"),
    [
        (30.0, 27.0, "amber"),  # exactly 10 %, a gap of 3 s
        (29.0, 26.1, "green"),  # exactly 10 % in decimals (float: 9.999…), but a gap of 2.9 s
        (40.0, 36.0, "amber"),  # 10 %, 4 s
        (40.0, 36.1, "green"),  # 9.75 %
        (40.0, 32.0, "amber"),  # exactly 20 %
        (40.0, 31.9, "red"),  # 20.25 %
    ],
)
def test_boundaries(
    capsys: pytest.CaptureFixture[str], data: Path, left: float, right: float, band: str
) -> None:
    sessions(data, [(left, right)] * 3)
    assert item(capsys)["band"] == band


def test_ten_percent_exactly_with_a_swap_is_mixed(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    """ "Passes 10 %" is read as reaching the amber level (>= 10 %): mixed, not green."""
    sessions(data, [(33, 27), (24, 27), (33, 27)])  # means 30 / 27: 10 %, a gap of 3 s; left weaker once
    found = item(capsys)
    assert (found["asymmetry_pct"], found["band"]) == (10.0, "mixed")
    assert found["verdict"] == "mixed: left weaker once, right twice (10 % over 3 sessions)"


def test_soreness_means_latest_and_trend(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    levels = [(2, 5), None, (3, 4), (4, 3)]
    for n, level in enumerate(levels, start=1):
        sore = None if level is None else {"left": level[0], "right": level[1]}
        write_log(data, day(n), bridge(30, 26, target=60), soreness=sore)
    found = report(capsys)["soreness"]
    assert found["sessions"] == 3
    assert found["left"] == {"sessions": 3, "mean": 3.0, "trend": 1.0, "latest": 4}
    assert found["right"] == {"sessions": 3, "mean": 4.0, "trend": -1.0, "latest": 3}


def test_no_soreness_is_null(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 26)])
    assert report(capsys)["soreness"] is None


def test_marks_say_when_form_broke(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n, marks in enumerate([[("hip drop", 17.0)], [], [("hip drop", 18.0), ("hip drop", 20.0)]], start=1):
        left = side(30, flags=["hip drop"] if marks else [], marks=marks)
        write_log(data, day(n), result(BRIDGE, "hold", target=30, left=left, right=side(30)))
    found = item(capsys)
    assert found["left"]["marks"] == {"hip drop": {"at": 18.0, "sessions": 2, "of": 3}}  # (17 + 19) / 2
    assert found["form"] == ["hip drop at 18 s (left, 2 of 3 sessions)"]
    assert main(["history"]) == 0
    assert "hip drop at 18 s (left, 2 of 3 sessions)" in capsys.readouterr().out


def test_text_and_csv_say_it_in_words(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    sessions(data, [(30, 15), (20, 22), (30, 15)])
    assert main(["history"]) == 0
    assert "mixed: left weaker once, right twice" in capsys.readouterr().out
    assert main(["history", "--csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].endswith(",marks,verdict")
    assert all("mixed: left weaker once" in row for row in rows[1:])


# ----- history --plot


def test_plot_draws_left_and_right_per_exercise(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n, (left, right) in enumerate([(30, 26), (29, 26), (31, 27)], start=1):
        write_log(
            data, day(n), bridge(left, right, target=40),
            result("Nordic", "reps", left=side(5), right=side(6)), soreness={"left": n, "right": 2},
        )  # fmt: skip
    assert main(["history", "--plot"]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out  # no colour off a terminal
    assert out.count("LL left") == 3 and out.count("RR right") == 3  # two exercises and soreness
    assert "Single-leg bridge · 3 sessions · right weaker in 3 of 3 sessions: 12.2 % (amber)" in out
    assert "Nordic · 3 sessions" in out and "soreness (0-10) over 3 sessions" in out
    chart = out.split("Nordic · 3 sessions")[0]
    assert re.search(r"L{3,}", chart) and re.search(r"R{3,}", chart)  # both series are drawn
    assert "01/11" in chart and "03/11" in chart  # dates on the x axis


def test_plot_honours_exercise_and_last(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n in range(1, 5):
        write_log(
            data, day(n), bridge(30, 26, target=40), result("Nordic", "reps", left=side(5), right=side(6))
        )
    assert main(["history", "--plot", "--exercise", "nordic", "--last", "2"]) == 0
    out = capsys.readouterr().out
    assert "Nordic · 4 sessions · 2 of 3 sessions so far: too few to judge" in out
    assert BRIDGE not in out
    assert out.count("LL left") == 1 and out.count("RR right") == 1

"""Over weeks (DESIGN.md, "Over weeks"), as a runner sees it on the command line: `plan --json`
after breaks and across gate gaps, `history --json` weeks and streaks, `history --calendar`.

The logs are hand-written under tests/data/weeks/ (one folder each); today is pinned with
HAMTIMER_TODAY, the time zone with TZ.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hamtimer.cli import main
from tests.conftest import UserDirs
from tests.support.dirs import user_env

WEEKS = Path(__file__).parent / "data" / "weeks"
LADDER = str(WEEKS / "ladder.toml")
HAMTIMER = str(Path(sys.executable).with_name("hamtimer"))


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()


def logs(name: str, tmp_path: Path) -> Path:
    """A copy of one folder of hand-written logs, as a data dir."""
    data = tmp_path / name
    shutil.copytree(WEEKS / name, data)
    return data


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def double_leg(plan: dict[str, Any]) -> tuple[float, float]:
    step = next(s for s in plan["steps"] if s.get("exercise") == "Double-leg bridge")
    return step["target"], step["minimum"]


@pytest.mark.parametrize(
    ("today", "days", "target", "words"),
    [
        ("2026-11-15", 14, 40, "Double-leg bridge: 35-40 s (last time 35 s, earned)"),
        ("2026-11-16", 15, 30, "Double-leg bridge: 25-30 s (last time 35 s, 15 days ago: one step back)"),
        ("2026-11-29", 28, 25, "Double-leg bridge: 20-25 s (last time 35 s, 28 days ago: two steps back)"),
        ("2026-12-11", 40, 25, "Double-leg bridge: 20-25 s (last time 35 s, 40 days ago: two steps back)"),
        ("2026-12-13", 42, 20, "Double-leg bridge: 15-20 s (last time 35 s, 42 days ago: three steps back)"),
        (  # far below the file's target: never less than it
            "2027-03-01",
            120,
            20,
            "Double-leg bridge: 15-20 s (last time 35 s, 120 days ago: 8 steps back; at the file's target)",
        ),
    ],
)
def test_plan_after_a_break(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    tz: pytest.MonkeyPatch,
    today: str,
    days: int,
    target: float,
    words: str,
) -> None:
    """Last time 35 s held in full on 2026-11-01, `days` before today; the file's target is 15-20 s,
    progress 5 s."""
    data = logs("break", tmp_path)
    tz.setenv("HAMTIMER_TODAY", today)
    plan = run_json(capsys, "plan", LADDER, "--json", "--data-dir", str(data))
    assert double_leg(plan) == (target, target - 5)
    main(["plan", LADDER, "--data-dir", str(data)])
    assert f"  {words}\n" in capsys.readouterr().out


@pytest.mark.parametrize(("gap", "waiting"), [(20, []), (21, [1]), (22, [1])])
def test_plan_gate_streak_across_a_gap(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch, gap: int, waiting: list[int]
) -> None:
    """Two sessions at the goal (45 s for 2 sessions), `gap` days apart; today is the day after."""
    data = logs(f"gate-{gap}", tmp_path)
    tz.setenv("HAMTIMER_TODAY", f"2026-11-{1 + gap + 1:02d}")
    plan = run_json(capsys, "plan", LADDER, "--json", "--data-dir", str(data))
    assert [w["streak"] for w in plan["waiting"]] == waiting
    assert ("Single-leg bridge" in {s.get("exercise") for s in plan["steps"]}) == (not waiting)


@pytest.mark.parametrize(("today", "streak"), [("2026-12-10", 2), ("2026-12-11", 2), ("2026-12-12", 0)])
def test_plan_gate_streak_ends_21_days_after_its_newest_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch, today: str, streak: int
) -> None:
    """gate-20: the newest session is on 2026-11-21; 19, 20 and 21 days later."""
    data = logs("gate-20", tmp_path)
    tz.setenv("HAMTIMER_TODAY", today)
    plan = run_json(capsys, "plan", LADDER, "--json", "--data-dir", str(data))
    assert [w["streak"] for w in plan["waiting"]] == ([] if streak == 2 else [streak])


def test_plan_says_this_week(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch
) -> None:
    data = logs("streak", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2026-12-08")  # Monday 7 has one session
    plan = run_json(capsys, "plan", LADDER, "--json", "--data-dir", str(data))
    assert plan["week"] == {"sessions": 1, "target": 2}
    main(["plan", LADDER, "--data-dir", str(data)])
    assert "  this week: 1 of 2 sessions\n" in capsys.readouterr().out
    tz.setenv("HAMTIMER_TODAY", "2026-12-14")
    assert run_json(capsys, "plan", LADDER, "--json", "--data-dir", str(data))["week"]["sessions"] == 0
    fresh = run_json(capsys, "plan", LADDER, "--json", "--fresh", "--data-dir", str(data))
    assert "week" not in fresh


def test_plan_takes_the_configs_target_when_the_program_has_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch, user_dirs: UserDirs
) -> None:
    program = tmp_path / "plain.toml"
    program.write_text(
        '[program]\nname = "No ladder"\n[[block]]\n[[block.exercise]]\nname = "Curl"\nreps = 5\n'
    )
    data = logs("streak", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2026-12-08")
    assert "week" not in run_json(capsys, "plan", str(program), "--json", "--data-dir", str(data))
    (user_dirs.config / "config.toml").write_text("[training]\nper_week = 3\n")
    assert run_json(capsys, "plan", str(program), "--json", "--data-dir", str(data))["week"] == {
        "sessions": 1,
        "target": 3,
    }
    ladder = run_json(capsys, "plan", LADDER, "--json", "--data-dir", str(data))
    assert ladder["week"]["target"] == 2  # the program's own wins


def test_history_json_weeks_and_streak_with_a_week_missed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch, user_dirs: UserDirs
) -> None:
    """W45 2, W46 2, W47 none, W48 2, W49 2, W50 1 so far (today Tuesday 2026-12-08)."""
    (user_dirs.config / "config.toml").write_text("[training]\nper_week = 2\n")
    data = logs("streak", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2026-12-08")
    report = run_json(capsys, "history", "--json", "--data-dir", str(data))
    weeks = report["weeks"]
    assert len(weeks) == 26
    assert weeks[0] == {"week": "2026-W25", "sessions": 0, "target": 2}
    assert weeks[-6:] == [
        {"week": f"2026-W{n}", "sessions": count, "target": 2}
        for n, count in zip(range(45, 51), [2, 2, 0, 2, 2, 1], strict=True)
    ]
    assert report["streak_weeks"] == 2
    assert {e["exercise"]: e["days_since_last"] for e in report["exercises"]} == {
        "Double-leg bridge": 1,
        "Single-leg bridge": 1,
    }
    assert report["sessions"] == 9  # the report of old is all there


def test_history_json_without_a_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch
) -> None:
    data = logs("streak", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2026-12-08")
    report = run_json(capsys, "history", "--json", "--data-dir", str(data))
    assert {w["target"] for w in report["weeks"]} == {None}
    assert report["streak_weeks"] == 2  # weeks in a row with a session: W49, W48


def test_history_json_weeks_across_the_new_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch
) -> None:
    """2026-12-28 and 2027-01-03 23:30 are in 2026-W53; 2027-01-04 00:10 (Paris) starts 2027-W01."""
    data = logs("new-year", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2027-01-05")
    weeks = run_json(capsys, "history", "--json", "--data-dir", str(data))["weeks"]
    assert weeks[-3:] == [
        {"week": "2026-W52", "sessions": 0, "target": None},
        {"week": "2026-W53", "sessions": 2, "target": None},
        {"week": "2027-W01", "sessions": 1, "target": None},
    ]


def test_the_same_logs_in_another_time_zone_count_on_its_days(tmp_path: Path) -> None:
    """The real `hamtimer` with TZ=UTC: 00:10 in Paris is 23:10 on Sunday in London."""
    data = logs("new-year", tmp_path)
    found: dict[str, Any] = {}
    for zone in ("Europe/Paris", "UTC"):
        env = {**os.environ, **user_env(tmp_path, data), "TZ": zone, "HAMTIMER_TODAY": "2027-01-05"}
        out = subprocess.run(
            [HAMTIMER, "history", "--json"], env=env, capture_output=True, text=True, check=True, timeout=30
        ).stdout
        found[zone] = [w["sessions"] for w in json.loads(out)["weeks"][-2:]]
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    assert found == {"Europe/Paris": [2, 1], "UTC": [3, 0]}


def test_history_csv_is_unchanged_by_the_weeks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = logs("streak", tmp_path)
    assert main(["history", "--csv", "--data-dir", str(data)]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert "week" not in header and "days_since_last" not in header


def calendar(
    capsys: pytest.CaptureFixture[str], data: Path, columns: int, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["history", "--calendar", "--data-dir", str(data)]) == 0
    return capsys.readouterr().out.splitlines()


def test_history_calendar_draws_a_cell_a_day_monday_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch, user_dirs: UserDirs
) -> None:
    (user_dirs.config / "config.toml").write_text("[training]\nper_week = 2\n")
    data = logs("streak", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2026-12-08")
    tz.setenv("NO_COLOR", "1")
    lines = calendar(capsys, data, 80, tz)
    assert lines[0] == "Last 26 weeks · target 2 a week"
    days = lines[2:9]
    assert [line[:3] for line in days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    cells = [line[5::2] for line in days]  # a cell every other column after the label
    assert {len(row) for row in cells} == {26}  # a whole grid: days after today are blank cells
    assert [row[-1] for row in cells] == ["█", "·", " ", " ", " ", " ", " "]
    # each session holds 3 sides (both legs once, left and right): all equal, all the darkest shade
    assert [row[-6:] for row in cells[:2]] == ["█··███", "·█····"]  # Mondays of W45..W50, Tuesdays
    assert cells[6][-6:] == "·█·█· "  # Sundays of W45..W50: the 15th and the 29th; the 13th is to come
    assert lines[9] == "done " + " ".join(["0"] * 20 + ["2", "2", "0", "2", "2", "1"])
    assert lines[10] == "met  " + " ".join(["·"] * 20 + ["✓", "✓", "·", "✓", "✓", " "])
    assert lines[11:] == ["this week: 1 of 2 sessions", "2 weeks in a row met the target"]
    assert "\033[" not in "\n".join(lines)


@pytest.mark.parametrize(("columns", "weeks"), [(56, 26), (55, 25), (40, 18), (20, 8), (12, 4)])
def test_history_calendar_on_a_narrow_terminal_shows_fewer_weeks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tz: pytest.MonkeyPatch, columns: int, weeks: int
) -> None:
    data = logs("streak", tmp_path)
    tz.setenv("HAMTIMER_TODAY", "2026-12-08")
    lines = calendar(capsys, data, columns, tz)
    assert lines[0].startswith(f"Last {weeks} week")
    assert all(len(line) <= columns for line in lines)
    grid = lines[2:11]
    assert {len(line.rstrip()) for line in grid[:2] + grid[7:]} == {5 + 2 * weeks - 1}

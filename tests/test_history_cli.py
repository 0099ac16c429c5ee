"""`hamtimer history` (--json, --csv, text) on session logs written by hand in DESIGN.md's schema.

Every figure expected here is worked out from the values in the logs, as a user checking the
report with a calculator would: means over the window, (stronger - weaker) / stronger x 100 from
the exact means, rounded to one decimal only at the end.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import random
import sqlite3
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from hamtimer.cli import main
from hamtimer.core.history import index as index_version
from hamtimer.core.history.index import index_path, open_index
from hamtimer.core.history.indexing import refresh
from hamtimer.core.log import logfile
from hamtimer.core.paths import cache_dir, history_cache_dir
from tests.conftest import UserDirs
from tests.support.logs import BRIDGE, bridge, day, one_decimal, pct, result, side, write_log


def history(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["history", *args])
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = history(capsys, "--json", *args)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def exercise(data: dict[str, Any], name: str = BRIDGE) -> dict[str, Any]:
    found = [e for e in data["exercises"] if e["exercise"] == name]
    assert len(found) == 1, [e["exercise"] for e in data["exercises"]]
    return found[0]


def mean(*values: int) -> Fraction:
    return Fraction(sum(values), len(values))


@pytest.fixture
def data(user_dirs: UserDirs) -> Path:
    """The data folder `hamtimer history` reads (HAMTIMER_DATA_DIR, set by the autouse fixture)."""
    return user_dirs.data


@pytest.fixture
def design_example(data: Path) -> list[Path]:
    """DESIGN.md's bridge: left 30/30/25 and right 24/26/24 over the last three sessions.

    An older fourth session (left 22, right 27, a cramp, difficulty 3 and 3) is outside the window:
    it counts for `best` and `sessions` only.
    """
    return [
        write_log(data, day(1), bridge(22, 27, difficulty=(3, 3), flags=((), ("cramp",)))),
        write_log(data, day(2), bridge(30, 24, difficulty=(6, 8), flags=((), ("cramp",)))),
        write_log(data, day(3), bridge(30, 26, difficulty=(6, 8))),
        write_log(data, day(4), bridge(25, 24, difficulty=(7, 8), flags=(("hip drop",), ("cramp",)))),
    ]


# ----- the worked examples


def test_design_example_figures(capsys: pytest.CaptureFixture[str], design_example: list[Path]) -> None:
    left, right = mean(30, 30, 25), mean(24, 26, 24)
    left_difficulty, right_difficulty = mean(6, 6, 7), mean(8, 8, 8)
    data = report(capsys)
    assert data["sessions"] == 4
    assert data["skipped"] == []
    item = exercise(data)
    assert item["work"] == "hold"
    assert item["sessions"] == 4
    assert item["left"] == {
        "latest": 25.0,
        "best": 30.0,
        "mean": one_decimal(left),  # 28.3
        "difficulty": one_decimal(left_difficulty),  # 6.3
        "flags": {"hip drop": 1},
        "marks": {},
    }
    assert item["right"] == {
        "latest": 24.0,
        "best": 27.0,  # from the old session, outside the window
        "mean": one_decimal(right),  # 24.7
        "difficulty": 8.0,
        "flags": {"cramp": 2},  # the old session's cramp is outside the window
        "marks": {},
    }
    assert item["asymmetry_pct"] == one_decimal(pct(left, right)) == 12.9
    assert item["weaker"] == "right"
    assert item["band"] == "amber"  # 12.9 %, a gap of 3.7 s >= 3 s, the right weaker in each session
    assert item["weaker_in"] == {"left": 0, "right": 3, "even": 0}
    assert item["verdict"] == "right weaker in 3 of 3 sessions: 12.9 % (amber)"
    assert item["capped"] is False
    assert item["difficulty_gap"] == one_decimal(right_difficulty - left_difficulty) == 1.7
    assert item["goal"] is None


def test_text_report_names_the_weaker_side(
    capsys: pytest.CaptureFixture[str], design_example: list[Path]
) -> None:
    code, out, _ = history(capsys)
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith(BRIDGE))
    assert "right weaker in 3 of 3 sessions: 12.9 % (amber)" in line
    assert "25 s / 28.3 s" in line and "24 s / 24.7 s" in line  # latest / mean
    assert "+1.7" in line
    assert "\033[" not in out  # no colour codes when not on a terminal


def test_under_ten_percent_is_green(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n in range(1, 4):
        write_log(data, day(n), bridge(40, 37, target=45))
    item = exercise(report(capsys))
    assert (item["asymmetry_pct"], item["weaker"], item["band"]) == (7.5, "right", "green")


def test_over_twenty_percent_with_a_gap_under_two_reps_is_green(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    for n, (left, right) in enumerate([(5, 4), (5, 4), (5, 3)], start=1):
        write_log(data, day(n), result("Nordic curl", "reps", target=8, left=side(left), right=side(right)))
    item = exercise(report(capsys), "Nordic curl")
    expected = one_decimal(pct(mean(5, 5, 5), mean(4, 4, 3)))  # 26.7 %, a gap of 1.3 reps
    assert item["asymmetry_pct"] == expected == 26.7
    assert (item["weaker"], item["band"]) == ("right", "green")
    assert item["left"]["mean"] == 5.0 and item["right"]["mean"] == one_decimal(mean(4, 4, 3))


def test_over_twenty_percent_with_a_real_gap_is_red(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n in range(1, 4):
        write_log(data, day(n), result("Nordic curl", "reps", target=15, left=side(9), right=side(12)))
    item = exercise(report(capsys), "Nordic curl")
    assert (item["asymmetry_pct"], item["weaker"], item["band"]) == (25.0, "left", "red")


def test_exactly_ten_percent_with_three_seconds_is_amber(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    for n in range(1, 4):
        write_log(data, day(n), bridge(30, 27, target=40))
    item = exercise(report(capsys))
    assert (item["asymmetry_pct"], item["weaker"], item["band"]) == (10.0, "right", "amber")


def test_exactly_twenty_percent_from_fractional_means_is_amber(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    for n, (left, right) in enumerate([(20, 17), (20, 17), (25, 18)], start=1):
        write_log(data, day(n), bridge(left, right))
    left_mean, right_mean = mean(20, 20, 25), mean(17, 17, 18)
    assert pct(left_mean, right_mean) == 20  # exactly: 13/3 out of 65/3
    item = exercise(report(capsys))
    assert item["asymmetry_pct"] == 20.0
    assert item["band"] == "amber"  # DESIGN: amber 10-20 %, red > 20 %


def test_capped_when_both_sides_reach_the_target_in_every_set(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    def capped_session(left: tuple[int, int], right: tuple[int, int]) -> list[str]:
        return [
            bridge(30, 30, set=1, difficulty=left, target=30),
            bridge(30, 30, set=2, difficulty=right, target=30),
        ]

    write_log(data, day(1), bridge(30, 20, set=1), bridge(30, 20, set=2))  # outside a window of 3
    write_log(data, day(2), *capped_session((6, 8), (6, 8)))
    write_log(data, day(3), *capped_session((5, 7), (5, 7)))
    write_log(data, day(4), *capped_session((7, 9), (7, 9)))
    item = exercise(report(capsys))
    assert item["capped"] is True
    assert (item["asymmetry_pct"], item["weaker"], item["band"]) == (None, None, None)
    assert item["left"]["mean"] == item["right"]["mean"] == 30.0
    assert item["difficulty_gap"] == one_decimal(mean(8, 7, 9) - mean(6, 5, 7)) == 2.0
    _, out, _ = history(capsys)
    assert "capped" in out and "weaker" not in out

    wider = exercise(report(capsys, "--last", "4"))  # the old session's short right side comes in
    assert wider["capped"] is False
    assert wider["asymmetry_pct"] == one_decimal(pct(Fraction(30), mean(20, 30, 30, 30))) == 8.3
    assert (wider["weaker"], wider["band"]) == ("right", "green")


def test_not_capped_when_one_set_falls_short(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    write_log(data, day(1), bridge(30, 30, set=1), bridge(30, 30, set=2))
    write_log(data, day(2), bridge(30, 30, set=1), bridge(30, 26, set=2))
    item = exercise(report(capsys))
    assert item["capped"] is False
    assert item["right"]["mean"] == one_decimal(mean(30, 28))
    assert item["asymmetry_pct"] == one_decimal(pct(Fraction(30), mean(30, 28))) == 3.3
    assert item["band"] is None  # two sessions: too few to judge


def test_difficulty_gap_is_right_minus_left(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n, (ld, rd) in enumerate([(9, 6), (8, 6), (10, 6)], start=1):
        write_log(data, day(n), bridge(25, 25, difficulty=(ld, rd)))
    item = exercise(report(capsys))
    assert item["left"]["difficulty"] == 9.0 and item["right"]["difficulty"] == 6.0
    assert item["difficulty_gap"] == -3.0
    assert (item["asymmetry_pct"], item["weaker"], item["band"]) == (0.0, None, "green")


def test_unrated_sides_give_no_difficulty(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    write_log(data, day(1), bridge(25, 24, difficulty=(None, 7)))
    item = exercise(report(capsys))
    assert item["left"]["difficulty"] is None and item["right"]["difficulty"] == 7.0
    assert item["difficulty_gap"] is None


def test_last_two_narrows_the_window(capsys: pytest.CaptureFixture[str], design_example: list[Path]) -> None:
    item = exercise(report(capsys, "--last", "2"))
    left, right = mean(30, 25), mean(26, 24)
    assert item["left"]["mean"] == one_decimal(left) == 27.5
    assert item["right"]["mean"] == 25.0
    assert item["asymmetry_pct"] == one_decimal(pct(left, right)) == 9.1
    assert (item["weaker"], item["band"]) == ("right", None)  # a window of 2: too few for a band
    assert item["verdict"] == "2 of 3 sessions so far: too few to judge"
    assert item["right"]["flags"] == {"cramp": 1}
    assert item["left"]["difficulty"] == 6.5 and item["right"]["difficulty"] == 8.0
    assert item["right"]["best"] == 27.0  # best is still over all sessions


def test_last_must_be_a_positive_number(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["history", "--json", "--last", "0"])
    assert exit_.value.code == 2
    assert "--last" in capsys.readouterr().err


def test_sessions_are_ordered_by_started_not_by_file_name(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    sessions_dir = data / "sessions"
    # The newest by its start is the one whose file name sorts first, and time zones count:
    # 08:00+01:00 is 07:00 UTC, before 07:30+00:00.
    write_log(
        data, "2026-11-01T07:30:00+01:00", bridge(10, 10), path=sessions_dir / "2026-11-30" / "235900-x.toml"
    )
    write_log(
        data, "2026-11-10T08:00:00+01:00", bridge(20, 20), path=sessions_dir / "2026-11-10" / "080000-b.toml"
    )
    write_log(
        data, "2026-11-10T07:30:00+00:00", bridge(26, 22), path=sessions_dir / "2026-11-10" / "073000-a.toml"
    )
    item = exercise(report(capsys, "--last", "2"))
    assert item["left"]["latest"] == 26.0 and item["right"]["latest"] == 22.0
    assert item["left"]["mean"] == 23.0 and item["right"]["mean"] == 21.0  # the two newest: not the 10 s one


def test_a_session_with_one_side_only_stays_out_of_the_window(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    left_only = result(BRIDGE, "hold", target=30, left=side(12.5, 9, ["cramp"], completed=False))
    write_log(data, day(5), left_only, status="stopped")
    item = exercise(report(capsys))
    assert item["sessions"] == 5
    assert item["left"]["mean"] == 28.3 and item["right"]["mean"] == 24.7
    assert item["left"]["flags"] == {"hip drop": 1}  # the stopped session's cramp is not in the window
    assert item["asymmetry_pct"] == 12.9
    assert item["left"]["latest"] == 12.5  # the newest session holding the left side


def test_no_session_with_both_sides_gives_no_asymmetry(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    write_log(data, day(1), result(BRIDGE, "hold", target=30, left=side(30.0)), status="stopped")
    item = exercise(report(capsys))
    assert item["left"]["latest"] == 30.0 and item["left"]["mean"] is None
    assert item["right"]["latest"] is None
    assert (item["asymmetry_pct"], item["weaker"], item["band"], item["capped"]) == (None, None, None, False)


def test_two_leg_exercises_report_both_and_no_asymmetry(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    for n, reps in enumerate([10, 12, 11], start=1):
        write_log(data, day(n), result("Hamstring curl", "reps", target=15, both=side(reps, 6)))
    item = exercise(report(capsys), "Hamstring curl")
    assert "left" not in item and "right" not in item
    assert item["both"] == {
        "latest": 11.0, "best": 12.0, "mean": 11.0, "difficulty": 6.0, "flags": {}, "marks": {}
    }  # fmt: skip
    assert (item["asymmetry_pct"], item["weaker"], item["band"], item["capped"]) == (None, None, None, False)
    assert item["difficulty_gap"] is None


def test_distance_has_no_value_only_difficulty_and_flags(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    for n, (ld, rd) in enumerate([(5, 7), (6, 8)], start=1):
        lunge = result(
            "Walking lunge",
            "distance",
            distance="20 m",
            left=side(None, ld),
            right=side(None, rd, ["knee"] if n == 2 else []),
        )
        write_log(data, day(n), lunge)
    item = exercise(report(capsys), "Walking lunge")
    for key in ("latest", "best", "mean"):
        assert item["left"][key] is None and item["right"][key] is None
    assert item["left"]["difficulty"] == 5.5 and item["right"]["difficulty"] == 7.5
    assert item["right"]["flags"] == {"knee": 1}
    assert item["difficulty_gap"] == 2.0
    assert (item["asymmetry_pct"], item["weaker"], item["band"], item["capped"]) == (None, None, None, False)


def test_time_work_compares_seconds(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for n in range(1, 4):
        write_log(data, day(n), result("Hop", "time", left=side(40.0), right=side(30.0)))
    item = exercise(report(capsys), "Hop")
    assert (item["asymmetry_pct"], item["weaker"], item["band"]) == (25.0, "right", "red")


def test_best_is_the_best_session_value(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    write_log(data, day(1), bridge(30, 24, set=1), bridge(20, 24, set=2))
    write_log(data, day(2), bridge(24, 24, set=1), bridge(24, 24, set=2))
    item = exercise(report(capsys))
    assert item["left"]["latest"] == 24.0
    assert item["left"]["best"] == 25.0  # session 1: (30 + 20) / 2


# ----- goal streaks (the goal is carried in each [[result]], our extension of the schema)

GOAL = {"hold": 30, "sessions": 2}


def goal_session(left: float, right: float, left_flags: tuple[str, ...] = ()) -> str:
    return bridge(left, right, goal=GOAL, flags=(left_flags, ()))


@pytest.mark.parametrize(
    ("sessions", "streak", "met"),
    [
        ([(30, 30), (30, 30, ("hip drop",)), (30, 30), (30, 30)], 2, True),
        ([(30, 30), (30, 30), (30, 30, ("hip drop",))], 0, False),  # a flag breaks it
        ([(30, 30), (30, 30), (30, 28)], 0, False),  # the right side short of 30
        ([(30, 30), (30, 30, ("hip drop",)), (30, 30)], 1, False),
        ([(30, 30), (30, 30), (30, 30)], 3, True),
    ],
    ids=["two-in-a-row", "flag-newest", "short-newest", "one-so-far", "three"],
)
def test_goal_streak(
    capsys: pytest.CaptureFixture[str], data: Path, sessions: list[tuple[Any, ...]], streak: int, met: bool
) -> None:
    for n, spec in enumerate(sessions, start=1):
        write_log(data, day(n), goal_session(*spec))
    item = exercise(report(capsys))
    assert item["goal"] == {"met": met, "streak": streak, "needed": 2}
    _, out, _ = history(capsys)
    line = next(line for line in out.splitlines() if line.startswith(BRIDGE))
    assert line.rstrip().endswith("met" if met else f"{streak}/2")


# ----- files that cannot be used


CORRUPT = b'schema = 1\nprogram = "Bridge progression"\nstarted = 2026-11-20T07:15:00+01:00\n[[result]\n'


def corrupt_file(data: Path) -> Path:
    """A session file cut short in the middle of a table header."""
    bad = data / "sessions" / "2026-11-20" / "071500-x.toml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(CORRUPT)
    return bad


def test_a_corrupt_file_is_skipped_with_a_reason_and_left_untouched(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    bad = corrupt_file(data)
    os.utime(bad, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = (bad.read_bytes(), bad.stat().st_mtime_ns, bad.stat().st_mode)
    for _ in range(2):  # the second run answers from the cache
        data_json = report(capsys)
        assert data_json["skipped"] == [
            {"file": "sessions/2026-11-20/071500-x.toml", "reason": data_json["skipped"][0]["reason"]}
        ]
        assert data_json["skipped"][0]["reason"].startswith("not valid TOML")
        assert data_json["sessions"] == 4
        assert exercise(data_json)["asymmetry_pct"] == 12.9
    code, out, _ = history(capsys)
    assert code == 0
    assert "skipped" in out and "sessions/2026-11-20/071500-x.toml: not valid TOML" in out
    assert (bad.read_bytes(), bad.stat().st_mtime_ns, bad.stat().st_mode) == before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('schema = 2\nprogram = "x"\nstarted = 2026-11-20T07:15:00+01:00\n', "unknown schema 2"),
        ('program = "x"\nstarted = 2026-11-20T07:15:00+01:00\n', "unknown schema None"),
        ('schema = 1\nprogram = "x"\n', "no start time"),
        ("schema = 1\nstarted = 2026-11-20T07:15:00+01:00\nresult = 3\n", "result is not a list"),
    ],
    ids=["schema-2", "no-schema", "no-started", "result-not-a-list"],
)
def test_unusable_logs_are_skipped_with_a_reason(
    capsys: pytest.CaptureFixture[str], data: Path, text: str, reason: str
) -> None:
    write_log(data, day(1), bridge(30, 27))
    bad = data / "sessions" / "2026-11-20" / "071500-x.toml"
    bad.parent.mkdir(parents=True)
    bad.write_text(text)
    found = report(capsys)
    assert [s["file"] for s in found["skipped"]] == ["sessions/2026-11-20/071500-x.toml"]
    assert reason in found["skipped"][0]["reason"]
    assert found["sessions"] == 1
    assert bad.read_text() == text


def test_not_utf8_is_skipped(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    bad = data / "sessions" / "2026-11-20" / "071500-x.toml"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b'schema = 1\nprogram = "\xff\xfe"\n')
    found = report(capsys)
    assert found["skipped"] == [{"file": "sessions/2026-11-20/071500-x.toml", "reason": "not UTF-8 text"}]


def test_no_sessions_yet(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    found = report(capsys)
    weeks = found.pop("weeks")  # issue 20: the last 26 weeks, empty ones included
    assert found == {"sessions": 0, "skipped": [], "exercises": [], "soreness": None, "streak_weeks": 0}
    assert len(weeks) == 26 and {w["sessions"] for w in weeks} == {0}
    code, out, _ = history(capsys)
    assert code == 0 and "no sessions yet" in out


# ----- --exercise


def test_exercise_filter(capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path) -> None:
    write_log(data, day(5), result("Hamstring curl", "reps", both=side(10)))
    found = report(capsys, "--exercise", "single-leg BRIDGE")
    assert [e["exercise"] for e in found["exercises"]] == [BRIDGE]
    assert exercise(found)["asymmetry_pct"] == 12.9


def test_unknown_exercise_exits_1_and_lists_the_names(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    write_log(data, day(5), result("Hamstring curl", "reps", both=side(10)))
    code, out, err = history(capsys, "--json", "--exercise", "Nordic curl")
    assert code == 1
    assert out == ""
    assert "Nordic curl" in err and "Hamstring curl" in err and BRIDGE in err
    assert "Traceback" not in err


# ----- --csv


def test_csv_reads_back_one_row_per_side_per_result(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    write_log(
        data,
        day(5),
        bridge(30, 28.5, set=1, difficulty=(6, 9), flags=(("hip drop", "cramp"), ())),
        result("Hamstring curl", "reps", target=12, load="medium", both=side(10, 7, completed=False)),
    )
    code, out, err = history(capsys, "--csv")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 * 2 + 2 + 1
    newest = [r for r in rows if r["file"] == "sessions/2026-11-05/073000-bridge-progression.toml"]
    assert [(r["exercise"], r["side"]) for r in newest] == [
        (BRIDGE, "left"),
        (BRIDGE, "right"),
        ("Hamstring curl", "both"),
    ]
    left, right, both = newest
    assert left["started"] == "2026-11-05T07:30:00+01:00"
    assert left["program"] == "Bridge progression" and left["status"] == "completed"
    assert (left["block"], left["set"], left["round"], left["work"], left["target"]) == (
        "Bridges", "1", "1", "hold", "30",
    )  # fmt: skip
    assert (float(left["seconds"]), left["reps"], left["difficulty"], left["completed"]) == (
        30.0,
        "",
        "6",
        "true",
    )
    assert left["flags"].split(";") == ["hip drop", "cramp"]
    assert (float(right["seconds"]), right["difficulty"], right["flags"]) == (28.5, "9", "")
    assert (both["work"], both["reps"], both["seconds"], both["load"], both["target"]) == (
        "reps", "10", "", "medium", "12",
    )  # fmt: skip
    assert (both["difficulty"], both["completed"]) == ("7", "false")
    seconds = [(r["started"][:10], r["side"], float(r["seconds"])) for r in rows if r["exercise"] == BRIDGE]
    assert seconds[:8] == [
        ("2026-11-01", "left", 22.0), ("2026-11-01", "right", 27.0),
        ("2026-11-02", "left", 30.0), ("2026-11-02", "right", 24.0),
        ("2026-11-03", "left", 30.0), ("2026-11-03", "right", 26.0),
        ("2026-11-04", "left", 25.0), ("2026-11-04", "right", 24.0),
    ]  # fmt: skip


def test_csv_reports_a_corrupt_file_on_stderr_and_leaves_it(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    bad = corrupt_file(data)
    code, out, err = history(capsys, "--csv")
    assert code == 0
    assert len(list(csv.DictReader(io.StringIO(out)))) == 8
    assert "sessions/2026-11-20/071500-x.toml" in err
    assert bad.read_bytes() == CORRUPT


def test_csv_honours_the_exercise_filter(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    write_log(data, day(5), result("Hamstring curl", "reps", both=side(10)))
    code, out, _ = history(capsys, "--csv", "--exercise", "Hamstring curl")
    assert code == 0
    assert [r["exercise"] for r in csv.DictReader(io.StringIO(out))] == ["Hamstring curl"]


# ----- the history index (core/history/index.py): one SQLite file per data folder, in the cache


def index_file(data: Path) -> Path:
    return index_path(data, history_cache_dir())


def to_read(data: Path) -> int:
    """How many files the next run would have to read (0: the index holds them all)."""
    connection = open_index(data, history_cache_dir())
    assert connection is not None
    try:
        return refresh(connection, data).parsed
    finally:
        connection.close()


def cache_files() -> list[Path]:
    return sorted(p for p in cache_dir().rglob("*") if p.is_file())


def fingerprint(paths: list[Path]) -> list[tuple[Path, int, int, bytes]]:
    return [(p, p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes()) for p in paths]


def test_the_second_run_uses_the_index(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    first = report(capsys)
    assert index_file(data).is_file()
    assert to_read(data) == 0
    assert report(capsys) == first


def test_the_index_is_private(capsys: pytest.CaptureFixture[str], design_example: list[Path]) -> None:
    report(capsys)
    history(capsys)
    assert cache_files()
    for path in cache_files():
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert history_cache_dir().stat().st_mode & 0o777 == 0o700


def test_results_are_the_same_with_and_without_the_index(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    corrupt_file(data)
    cold = report(capsys), history(capsys), history(capsys, "--csv")
    warm = report(capsys), history(capsys), history(capsys, "--csv")
    for path in cache_files():
        path.unlink()
    rebuilt = report(capsys), history(capsys), history(capsys, "--csv")
    assert cold == warm == rebuilt
    assert len(cold[0]["skipped"]) == 1


def test_a_changed_file_is_read_again(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    report(capsys)
    newest = design_example[-1]
    text = newest.read_text()
    newest.write_text(text.replace("seconds = 25.0", "seconds = 29.0"))  # same size, new mtime
    stat = newest.stat()
    os.utime(newest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert to_read(data) == 1
    item = exercise(report(capsys))
    assert item["left"]["latest"] == 29.0
    assert item["left"]["mean"] == one_decimal(mean(30, 30, 29))
    newest.write_text(text.replace("seconds = 25.0", "seconds = 25.5"))  # a different size
    stat = newest.stat()
    os.utime(newest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000))
    assert exercise(report(capsys))["left"]["latest"] == 25.5
    assert to_read(data) == 0


def test_a_new_and_a_deleted_file_change_the_report(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    report(capsys)
    write_log(data, day(5), bridge(10, 30))
    assert exercise(report(capsys))["left"]["latest"] == 10.0
    design_example[-1].unlink()
    (data / "sessions" / "2026-11-05" / "073000-bridge-progression.toml").unlink()
    found = report(capsys)
    assert found["sessions"] == 3
    assert exercise(found)["left"]["latest"] == 30.0


def test_a_renamed_file_is_keyed_by_its_new_path(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    report(capsys)
    moved = design_example[0].with_name("073000-renamed.toml")
    design_example[0].rename(moved)  # same size and mtime, another path
    assert to_read(data) == 1
    found = history(capsys, "--csv")[1]
    files = {row["file"] for row in csv.DictReader(io.StringIO(found))}
    assert "sessions/2026-11-01/073000-renamed.toml" in files
    assert "sessions/2026-11-01/073000-bridge-progression.toml" not in files


def test_each_data_folder_has_its_own_index_and_alternating_rebuilds_nothing(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path, tmp_path: Path
) -> None:
    first = report(capsys)
    other = tmp_path / "other-data"
    write_log(other, day(1), bridge(10, 20))
    found = report(capsys, "--data-dir", str(other))
    assert found["sessions"] == 1 and exercise(found)["weaker"] == "left"
    indexes = sorted(history_cache_dir().glob("*.sqlite3"))
    assert indexes == sorted([index_file(data), index_file(other)]) and len(indexes) == 2
    before = fingerprint(indexes)
    for _ in range(2):
        assert report(capsys) == first
        assert report(capsys, "--data-dir", str(other)) == found
    assert fingerprint(indexes) == before
    assert index_file(data).name == hashlib.sha256(str(data.resolve()).encode()).hexdigest()[:16] + ".sqlite3"


def spoil_random(path: Path) -> None:
    path.write_bytes(random.Random(3).randbytes(8192))


def spoil_truncated(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def spoil_empty(path: Path) -> None:
    path.write_bytes(b"")


def spoil_foreign(path: Path) -> None:
    path.unlink()
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.executescript(
            "CREATE TABLE notes (day TEXT, words TEXT); INSERT INTO notes VALUES ('mon', 'hi');"
        )


def spoil_tables(path: Path) -> None:
    """hamtimer's own file, version and all, with a table gone."""
    with contextlib.closing(sqlite3.connect(path)) as index:
        index.execute("DROP TABLE tallies")


@pytest.mark.parametrize(
    "spoil",
    [spoil_random, spoil_truncated, spoil_empty, spoil_foreign, spoil_tables],
    ids=["random-bytes", "truncated", "zero-length", "another-schema", "a-table-gone"],
)
def test_an_unusable_index_is_moved_aside_and_rebuilt_with_one_line(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path, spoil: Any
) -> None:
    corrupt_file(data)
    expected = report(capsys), history(capsys, "--csv")[1]
    logs = fingerprint(sorted(data.rglob("*.toml")))
    path = index_file(data)
    spoil(path)
    spoiled = path.read_bytes()
    code, out, err = history(capsys, "--json")
    assert code == 0
    assert json.loads(out) == expected[0]
    assert len(err.splitlines()) == 1, err
    assert str(path) in err and "moved it to" in err and "rebuilt" in err
    assert Path(f"{path}.broken").read_bytes() == spoiled
    assert to_read(data) == 0
    assert history(capsys, "--json") == (0, out, "")
    assert history(capsys, "--csv")[1] == expected[1]
    assert fingerprint(sorted(data.rglob("*.toml"))) == logs  # the logs are only read


def test_an_index_of_another_version_is_rebuilt_without_a_word(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    expected = history(capsys, "--json")
    with contextlib.closing(sqlite3.connect(index_file(data))) as index:
        index.execute(f"PRAGMA user_version = {index_version.VERSION + 1}")
    assert history(capsys, "--json") == expected
    assert not Path(f"{index_file(data)}.broken").exists()
    with contextlib.closing(sqlite3.connect(index_file(data))) as index:
        assert index.execute("PRAGMA user_version").fetchone()[0] == index_version.VERSION


def test_a_cache_folder_that_cannot_be_written_means_no_index(
    capsys: pytest.CaptureFixture[str],
    design_example: list[Path],
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corrupt_file(data)
    expected = history(capsys, "--json"), history(capsys), history(capsys, "--csv")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("HAMTIMER_CACHE_DIR", str(blocker))
    logs = fingerprint(sorted(data.rglob("*.toml")))
    assert (history(capsys, "--json"), history(capsys), history(capsys, "--csv")) == expected
    assert blocker.read_text() == "a file where the cache folder should be"
    assert fingerprint(sorted(data.rglob("*.toml"))) == logs


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_means_no_index(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], data: Path
) -> None:
    expected = history(capsys, "--json")
    for path in cache_files():
        path.unlink()
    history_cache_dir().chmod(0o500)
    try:
        assert history(capsys, "--json") == expected
        assert cache_files() == []
    finally:
        history_cache_dir().chmod(0o700)


def test_the_old_json_month_files_are_removed(
    capsys: pytest.CaptureFixture[str], design_example: list[Path]
) -> None:
    folder = history_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("2026-10.json", "2026-11.json", "other.json"):
        (folder / name).write_text('{"version": 5, "files": {}}')
    (folder / "notes.json").write_text("not hamtimer's")
    expected = report(capsys)
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".json") == ["notes.json"]
    assert report(capsys) == expected


def test_a_new_version_does_not_print_an_old_cached_report(
    capsys: pytest.CaptureFixture[str], design_example: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hamtimer
    import hamtimer.cli
    from hamtimer.core.history import symmetry

    assert exercise(report(capsys))["band"] == "amber"
    # An upgrade whose bands start at 15 %: the same logs now give green.
    monkeypatch.setattr(symmetry, "BAND_AMBER_PCT", 15.0)
    monkeypatch.setattr(hamtimer, "__version__", hamtimer.__version__ + ".post1")
    monkeypatch.setattr(hamtimer.cli, "__version__", hamtimer.__version__, raising=False)
    assert exercise(report(capsys))["band"] == "green"


def test_without_rtoml_the_report_is_the_same(
    capsys: pytest.CaptureFixture[str],
    design_example: list[Path],
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corrupt_file(data)
    fast = report(capsys), history(capsys, "--csv")
    for path in cache_files():
        path.unlink()
    monkeypatch.setattr(logfile, "loads_toml", tomllib.loads)
    assert (report(capsys), history(capsys, "--csv")) == fast

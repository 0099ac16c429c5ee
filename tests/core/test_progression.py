"""Progression (DESIGN.md, Progression): today's targets, gates and side order, derived from
hand-written logs through `hamtimer plan --json --data-dir D`, as a runner would see them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hamtimer.cli import main
from tests.support.logs import day, result, side, write_log

pytestmark = pytest.mark.usefixtures("pinned_today")  # November logs: see tests/conftest.py

LADDER = """
[program]
name = "Ladder"
side_order = "alternate"
prepare = 0

[rest]
between_sides = 10
between_sets = 30
between_exercises = 20

[[block]]
name = "Bridges"

[[block.exercise]]
name = "Double-leg bridge"
hold = "10-20s"
progress = 5
goal = { hold = 30, sessions = 2 }

[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = 20
after = "Double-leg bridge"
goal = { hold = 30, sessions = 2 }

[[block]]
name = "Pulls"

[[block.exercise]]
name = "Double-leg pull"
reps = "6-8"
sets = 2
progress = 1
goal = { reps = 12, sessions = 2 }

[[block.exercise]]
name = "Single-leg pull"
sides = "each"
sets = 3
reps = "1-2"
progress = 1
after = "Double-leg pull"
goal = { reps = 12, sessions = 2 }

[[block.exercise]]
name = "Single-leg pull, slow"
sides = "each"
reps = 3
after = "Single-leg pull"
side_order = "weaker-first"
"""

DB, SB, DP, SP, SLOW = (
    "Double-leg bridge",
    "Single-leg bridge",
    "Double-leg pull",
    "Single-leg pull",
    "Single-leg pull, slow",
)


@pytest.fixture
def ladder(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.toml"
    path.write_text(LADDER, encoding="utf-8")
    return path


def plan_json(capsys: pytest.CaptureFixture[str], program: Path, data: Path, *extra: str) -> dict[str, Any]:
    assert main(["plan", str(program), "--json", "--data-dir", str(data), *extra]) == 0
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


def works(plan: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [s for s in plan["steps"] if s["kind"] == "work" and s["exercise"] == name]


def today(plan: dict[str, Any], name: str) -> tuple[Any, Any]:
    steps = works(plan, name)
    assert steps, f"{name} is not in the plan"
    return steps[0]["target"], steps[0]["minimum"]


def pull(n: int, *values: float, target: float = 8, flags: tuple[str, ...] = (), short: bool = False) -> str:
    """Double-leg pull, set n... : one result per value, both legs."""
    return "\n".join(
        result(DP, "reps", set=k, target=target, block="Pulls",
               both=side(v, flags=flags if k == 1 else (), completed=not short))
        for k, v in enumerate(values, 1)
    )  # fmt: skip


def log(data: Path, n: int, *results: str) -> None:
    write_log(data, day(n), *results, program="Ladder")


def test_no_history_gives_the_files_targets_and_gates_wait(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    plan = plan_json(capsys, ladder, tmp_path / "none")
    assert today(plan, DB) == (20, 10)
    assert today(plan, DP) == (8, 6)
    assert not works(plan, SB) and not works(plan, SP) and not works(plan, SLOW)
    assert plan["waiting"] == [
        {"exercise": SB, "after": DB, "streak": 0, "needed": 2},
        {"exercise": SP, "after": DP, "streak": 0, "needed": 2},
        {"exercise": SLOW, "after": SP, "streak": 0, "needed": 2},
    ]
    rests = [s["reason"] for s in plan["steps"] if s["kind"] == "rest"]
    assert rests == ["between-exercises", "between-sets"]


def test_earned_raises_by_progress(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 8, 9))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (9, 7)


def test_a_flag_holds(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 8, 8, flags=("cramp",)))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (8, 6)


def test_one_result_short_of_the_target_holds(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 10, target=10), pull(1, 9, 8, target=9))
    # the newest session logged 9 and 8 against a target of 9: held at 9
    log(tmp_path, 2, pull(1, 9, 8, target=9))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (9, 7)


def test_one_side_short_holds(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    one_leg = LADDER.replace('reps = "6-8"\nsets = 2', 'reps = "6-8"\nsides = "each"')
    program = tmp_path / "one-leg.toml"
    program.write_text(one_leg, encoding="utf-8")
    log(tmp_path, 1, result(DP, "reps", target=9, block="Pulls", left=side(9), right=side(8)))
    assert today(plan_json(capsys, program, tmp_path), DP) == (9, 7)
    log(tmp_path, 2, result(DP, "reps", target=9, block="Pulls", left=side(9), right=side(9)))
    assert today(plan_json(capsys, program, tmp_path), DP) == (10, 8)


def test_two_sessions_short_step_back(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 5, 5, target=10, short=True))
    log(tmp_path, 2, pull(1, 5, 6, target=10, short=True))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (9, 7)
    # one short session alone holds
    log(tmp_path, 3, pull(1, 9, 9, target=9), pull(1, 9, 9, target=9))
    log(tmp_path, 4, pull(1, 5, 5, target=9, short=True))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (9, 7)


def test_kept_within_the_files_target_and_the_goal(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 4, 4, target=8, short=True))
    log(tmp_path, 2, pull(1, 4, 4, target=8, short=True))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (8, 6)
    log(tmp_path, 3, pull(1, 12, 12, target=12))
    assert today(plan_json(capsys, ladder, tmp_path), DP) == (12, 10)


def test_a_range_keeps_its_width_on_holds(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, result(DB, "hold", target=20, both=side(21.5)))
    assert today(plan_json(capsys, ladder, tmp_path), DB) == (25, 15)


def test_fresh_ignores_history(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 12, 12, target=12))
    log(tmp_path, 2, pull(1, 12, 12, target=12))
    plan = plan_json(capsys, ladder, tmp_path, "--fresh")
    assert today(plan, DP) == (8, 6)
    assert today(plan, SP) == (2, 1)  # the file's own plan: no gate, no history
    assert [s["side"] for s in works(plan, SP)][::2] == ["left", "right", "left"]
    assert plan["waiting"] == []


def test_a_gate_opens_after_its_goals_sessions(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 12, 12, target=12))
    plan = plan_json(capsys, ladder, tmp_path)
    assert {"exercise": SP, "after": DP, "streak": 1, "needed": 2} in plan["waiting"]
    log(tmp_path, 2, pull(1, 12, 11, target=12))  # best of the session reaches the goal
    plan = plan_json(capsys, ladder, tmp_path)
    assert [w["exercise"] for w in plan["waiting"]] == [SB, SLOW]
    assert today(plan, SP) == (2, 1)
    assert [s["side"] for s in works(plan, SP)] == ["left", "right", "right", "left", "left", "right"]


def test_a_flag_breaks_the_gates_streak(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 12, 12, target=12))
    log(tmp_path, 2, pull(1, 12, 12, target=12, flags=("cramp",)))
    plan = plan_json(capsys, ladder, tmp_path)
    assert {"exercise": SP, "after": DP, "streak": 0, "needed": 2} in plan["waiting"]


def test_a_chain_waits_together_and_all_includes_it(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    plan = plan_json(capsys, ladder, tmp_path)
    assert [w["exercise"] for w in plan["waiting"]] == [SB, SP, SLOW]
    log(tmp_path, 1, pull(1, 12, 12, target=12))
    log(tmp_path, 2, pull(1, 12, 12, target=12))
    log(tmp_path, 3, result(SP, "reps", target=12, block="Pulls", left=side(12), right=side(12)))
    plan = plan_json(capsys, ladder, tmp_path)
    assert {"exercise": SLOW, "after": SP, "streak": 1, "needed": 2} in plan["waiting"]


def test_alternate_follows_the_last_sessions_starter(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    one = ladder.read_text().replace('after = "Double-leg pull"\n', "")
    program = tmp_path / "open.toml"
    program.write_text(one, encoding="utf-8")
    assert [s["side"] for s in works(plan_json(capsys, program, tmp_path), SP)][::2] == [
        "left",
        "right",
        "left",
    ]
    log(tmp_path, 1, result(SP, "reps", target=2, block="Pulls",
                            left=side(2, step=9), right=side(2, step=7)))  # fmt: skip
    sides = [s["side"] for s in works(plan_json(capsys, program, tmp_path), SP)]
    assert sides == ["left", "right", "right", "left", "left", "right"]
    log(tmp_path, 2, result(SP, "reps", target=3, block="Pulls",
                            left=side(3, step=4), right=side(3, step=6)))  # fmt: skip
    sides = [s["side"] for s in works(plan_json(capsys, program, tmp_path), SP)]
    assert sides == ["right", "left", "left", "right", "right", "left"]


def test_weaker_first(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    program = tmp_path / "open.toml"
    program.write_text(LADDER.replace('after = "Single-leg pull"\n', ""), encoding="utf-8")
    assert [s["side"] for s in works(plan_json(capsys, program, tmp_path), SLOW)] == ["left", "right"]
    for n in (1, 2, 3):
        log(
            tmp_path,
            n,
            result(SLOW, "reps", target=3, block="Pulls", left=side(3), right=side(2, completed=False)),
        )
    assert [s["side"] for s in works(plan_json(capsys, program, tmp_path), SLOW)] == ["right", "left"]


def test_plan_text_says_why(capsys: Any, ladder: Path, tmp_path: Path) -> None:
    log(tmp_path, 1, pull(1, 8, 8))
    log(tmp_path, 2, pull(1, 12, 12, target=12))
    assert main(["plan", str(ladder), "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Double-leg pull: 10-12 reps (last time 12 + 12, earned; at the goal)" in out
    assert "Single-leg pull: opens when Double-leg pull reaches 12 reps for 2 sessions (1/2)" in out
    assert "Double-leg bridge: 10-20 s (first time" in out


def test_the_newest_sessions_alone_give_what_every_session_gives(ladder: Path, tmp_path: Path) -> None:
    """plan_today reads only the newest sessions holding each exercise (for speed over years)."""
    from hamtimer.core.history.sessions import collect
    from hamtimer.core.program.loader import load_program
    from hamtimer.core.training.progression import names_needed, progress_for, sessions_needed

    for n in range(1, 25):
        reps = 12 if n % 3 else 9
        log(tmp_path, n, pull(1, reps, reps, target=min(12, 6 + n)),
            result(SP, "reps", target=2, block="Pulls", left=side(n % 4, step=9 + n % 2),
                   right=side(3, step=10 - n % 2)))  # fmt: skip
    program = load_program(ladder)
    names = frozenset(names_needed(program))
    newest = collect(tmp_path, names, sessions_needed(program)).sessions
    assert len(newest) < 24
    assert progress_for(program, newest) == progress_for(program, collect(tmp_path).sessions)


def test_plain_mode_asks_soreness_before_the_start(tmp_path: Path) -> None:
    from hamtimer.plain.lines import soreness_level

    assert [soreness_level(k) for k in ("0", "7", "x", "enter", "12")] == [0, 7, 10, None, None]

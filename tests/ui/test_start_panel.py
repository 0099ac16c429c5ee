"""The start panel with history: today's targets and why, what the waiting exercises need, who
starts; `a` includes the waiting exercises; the soreness check-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.core.kinds import Side
from hamtimer.core.program.loader import parse_program
from hamtimer.core.program.model import Program
from hamtimer.core.session.plan import Plan
from hamtimer.core.training.progression import plan_today
from hamtimer.ui.screens.soreness import SorenessCheckIn
from tests.support.logs import day, result, side, write_log
from tests.support.pilot import RunSession

pytestmark = pytest.mark.usefixtures("pinned_today")  # November logs: see tests/conftest.py

LADDER = """
[program]
name = "Ladder"
prepare = 3
side_order = "alternate"
EXTRA
[[block]]
[[block.exercise]]
name = "Pull"
reps = "6-8"
progress = 1
goal = { reps = 10, sessions = 2 }
[[block.exercise]]
name = "One-leg pull"
sides = "each"
reps = 2
after = "Pull"
"""


def ladder_plan(data: Path, extra: str = "") -> tuple[Program, Plan]:
    program = parse_program(LADDER.replace("EXTRA", extra), "ladder.toml")
    write_log(data, day(1), result("Pull", "reps", target=8, both=side(8)), program="Ladder")
    return program, plan_today(program, data)


async def test_start_panel_says_today_and_a_includes_waiting(run_session: RunSession, tmp_path: Path) -> None:
    _, plan = ladder_plan(tmp_path)
    async with run_session(plan, start=False) as s:
        today = s.text("#today")
        assert "Pull: 7-9 reps (last time 8, earned)" in today
        assert "One-leg pull: opens when Pull reaches 10 reps for 2 sessions (0/2)" in today
        assert "a includes the waiting exercises" in today
        assert [w.name for w in s.engine.plan.work_steps] == ["Pull"]
        await s.press("a")
        names = [w.name for w in s.engine.plan.work_steps]
        assert names == ["Pull", "One-leg pull", "One-leg pull"]
        assert "One-leg pull: left starts" in s.text("#today")


async def test_soreness_check_in_is_logged(run_session: RunSession, tmp_path: Path) -> None:
    _, plan = ladder_plan(tmp_path, "soreness = true")
    async with run_session(plan, start=False) as s:
        await s.wait_for_screen(SorenessCheckIn)  # type: ignore[arg-type]
        await s.press("3", "x")
        assert not isinstance(s.app.screen, SorenessCheckIn)
        await s.press("a")  # planned again with the waiting rung: the answer is kept
        assert len(s.engine.plan.work_steps) == 3
        assert s.screen.runner.soreness == {Side.LEFT: 3, Side.RIGHT: 10}
        await s.press("space")
        await s.advance(4)
        journal = s.screen.runner.journal
        assert journal is not None and journal.log.soreness == {Side.LEFT: 3, Side.RIGHT: 10}

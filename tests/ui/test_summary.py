"""The summary at the end of a session: left against right for every exercise.

Most sessions here are started from the picker (as choosing a program does); the `hamtimer run`
path is covered by test_finishing_a_run_session_shows_the_summary.
"""

from __future__ import annotations

from hamtimer.core.session.engine import Status
from hamtimer.ui.screens.history import HistoryScreen
from hamtimer.ui.screens.picker import PickerScreen
from hamtimer.ui.screens.summary import SummaryScreen
from tests.support.pilot import EXERCISE_REST, HOLD, PREPARE, SIDE_REST, RunSession, Session, screen_lines
from tests.support.programs import TINY, plan_of

WIDE = (120, 30)  # wide enough that no cell of the table folds


def table(s: Session) -> dict[str, dict[str, str]]:
    """The summary table as shown: exercise -> {column header: cell}."""
    lines = screen_lines(s.app.screen)
    header = next(line for line in lines if "┃" in line)
    names = [name.strip() for name in header.split("┃")]
    rows = {}
    for line in lines:
        if "│" in line:
            cells = [cell.strip() for cell in line.split("│")]
            rows[cells[0]] = dict(zip(names, cells, strict=True))
    return rows


def effort(row: dict[str, str]) -> str:
    """The difficulty column: left / right, or one figure for both legs."""
    return row["Effort"]


def summary_text(s: Session) -> str:
    return "\n".join(screen_lines(s.app.screen))


async def finish_curls(s: Session) -> None:
    await s.press("space", "space", "space", "space", "space")
    await s.wait_for_screen(SummaryScreen)


async def test_a_finished_session_shows_left_against_right(run_session: RunSession) -> None:
    async with run_session(size=WIDE, from_picker=True) as s:
        await s.advance(PREPARE)
        await s.advance(HOLD)  # left: the full 30 s
        await s.press("6", "h")
        await s.advance(SIDE_REST)
        await s.advance(24)
        await s.press("enter")  # right: ended at 24 s
        await s.press("0", "c")
        await s.press("p")
        await s.advance(60)  # a paused minute does not count
        await s.press("p")
        await s.advance(EXERCISE_REST)
        await finish_curls(s)

        assert s.engine.status is Status.FINISHED
        assert "Session complete · Bridge test" in summary_text(s)
        assert "3 sides or sets done in 1:49" in summary_text(s)
        rows = table(s)
        assert list(rows) == ["Single-leg bridge", "Hamstring curl"]
        bridge = rows["Single-leg bridge"]
        assert bridge["Left"] == "30 s"
        assert bridge["Right"] == "24 s (0/1)"  # 24 s, and 0 of 1 sets reached the target
        assert bridge["L vs R"] == "right 20 % lower today"  # one session: words, never a band
        assert "left" not in bridge["L vs R"]
        assert effort(bridge) == "6 / 10"
        assert "L: hip drop" in bridge["Flags"] and "R: cramp" in bridge["Flags"]
        curl = rows["Hamstring curl"]
        assert "5 reps" in curl["Both"] and curl["Left"] == "" and curl["Right"] == ""
        assert effort(curl) == "-" and curl["Flags"] == ""


async def test_a_weaker_left_is_named(run_session: RunSession) -> None:
    async with run_session(size=WIDE, from_picker=True) as s:
        await s.advance(PREPARE)
        await s.advance(15)
        await s.press("enter")  # left ended at 15 s
        await s.advance(SIDE_REST)
        await s.advance(HOLD)
        await s.advance(EXERCISE_REST)
        await finish_curls(s)
        row = table(s)["Single-leg bridge"]
        assert row["Left"] == "15 s (0/1)" and row["Right"] == "30 s"
        assert row["L vs R"] == "left 50 % lower today"
        assert effort(row) == "- / -"


async def test_equal_sides_read_even(run_session: RunSession) -> None:
    async with run_session(size=WIDE, from_picker=True) as s:
        await s.advance(PREPARE)
        await s.advance(HOLD)
        await s.advance(SIDE_REST)
        await s.advance(HOLD)
        await s.advance(EXERCISE_REST)
        await finish_curls(s)
        assert table(s)["Single-leg bridge"]["L vs R"] == "even today"


async def test_a_skipped_side_leaves_no_comparison(run_session: RunSession) -> None:
    async with run_session(size=WIDE, from_picker=True) as s:
        await s.advance(PREPARE)
        await s.advance(HOLD)
        await s.advance(SIDE_REST)
        await s.press("s")  # right side skipped: nothing recorded
        await s.advance(EXERCISE_REST)
        await finish_curls(s)
        row = table(s)["Single-leg bridge"]
        assert row["Left"] == "30 s" and row["Right"] == ""
        assert row["L vs R"] == "-"
        assert "2 sides or sets done" in summary_text(s)


async def test_q_on_the_summary_goes_back_to_the_picker_it_came_from(run_session: RunSession) -> None:
    async with run_session(from_picker=True) as s:
        await s.advance(PREPARE)
        await s.press("s", "s", "s", "s")
        await finish_curls(s)
        assert "Session complete" in summary_text(s)
        await s.press("q")
        await s.pilot.pause(0.05)
        assert s.app.is_running
        assert isinstance(s.app.screen, PickerScreen)


async def test_q_on_the_summary_of_a_run_closes_the_app(run_session: RunSession) -> None:
    async with run_session() as s:
        await s.advance(PREPARE)
        await s.press("s", "s", "s", "s")
        await finish_curls(s)
        assert "Session complete" in summary_text(s)
        await s.press("q")
        await s.pilot.pause(0.05)
        assert not s.app.is_running


async def test_finishing_a_run_session_shows_the_summary(run_session: RunSession) -> None:
    """`hamtimer run`: the session is the app's first screen (a switch_screen from it crashed)."""
    async with run_session() as s:
        await s.advance(PREPARE)
        await s.press("s", "s", "s", "s")
        await s.press("space", "space", "space", "space", "space")
        assert s.engine.status is Status.FINISHED
        await s.wait_for_screen(SummaryScreen)
        assert "Session complete" in summary_text(s)


async def test_h_is_a_check_while_the_prompt_is_open_and_slash_opens_history(
    run_session: RunSession,
) -> None:
    async with run_session(plan_of(TINY), from_picker=True) as s:
        await s.advance(2 + 2 + 1 + 2)  # prepare, left, rest, right: the summary asks about the right
        await s.wait_for_screen(SummaryScreen)
        await s.press("h")
        assert "hip drop: YES" in summary_text(s)
        assert "/ History" in summary_text(s)
        await s.press("slash")
        await s.wait_for_screen(HistoryScreen)

"""Over weeks in the app (issue 20): the start panel says this week's count, the summary the count
with this session in it, and the history screen draws the calendar (characters with NO_COLOR)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hamtimer.core.program.loader import parse_program
from hamtimer.core.training.progression import plan_today
from hamtimer.ui.screens.summary import SummaryScreen
from hamtimer.ui.widgets.weeks import WeeksCalendar
from tests.support.logs import result, side, write_log
from tests.support.pilot import RunSession, UiDirs, screen_lines
from tests.support.programs import DATA, TINY
from tests.ui.test_history_screen import history_screen

TINY_WEEKLY = TINY.read_text().replace("prepare = 2", "prepare = 2\nper_week = 2")


def earlier_today(data: Path) -> None:
    """One session of this week logged already: today at 00:00:30 local (never in the future)."""
    now = datetime.now().astimezone()
    started = now.replace(hour=0, minute=0, second=30, microsecond=0)
    write_log(
        data, started.isoformat(), result("Single-leg bridge", "hold", target=2, left=side(2), right=side(2))
    )


async def test_start_panel_and_summary_say_this_weeks_count(
    run_session: RunSession, ui_dirs: UiDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HAMTIMER_TODAY", raising=False)  # the session below is logged at the real now
    earlier_today(ui_dirs.data)
    plan = plan_today(parse_program(TINY_WEEKLY, "tiny.toml"), ui_dirs.data)
    async with run_session(plan, start=False, size=(100, 30)) as s:
        assert "this week: 1 of 2 sessions" in s.text("#today")
        await s.press("space")
        for _ in range(8):
            await s.advance(1)
        await s.wait_for_screen(SummaryScreen)
        await s.app.workers.wait_for_complete()
        await s.pilot.pause()
        assert "2 of 2 this week" in "\n".join(screen_lines(s.app.screen))


async def test_summary_says_nothing_of_the_week_without_a_target(
    run_session: RunSession, ui_dirs: UiDirs
) -> None:
    plan = plan_today(parse_program(TINY.read_text(), "tiny.toml"), ui_dirs.data)
    async with run_session(plan, start=False, size=(100, 30)) as s:
        assert "this week" not in "\n".join(screen_lines(s.app.screen))
        await s.press("space")
        for _ in range(8):
            await s.advance(1)
        await s.wait_for_screen(SummaryScreen)
        await s.app.workers.wait_for_complete()
        await s.pilot.pause()
        assert "this week" not in "\n".join(screen_lines(s.app.screen))


@pytest.mark.parametrize(("no_color", "cells"), [(True, {"▒", "█", "·"}), (False, {"■", "·"})])
async def test_history_screen_draws_the_weeks(
    ui_dirs: UiDirs, monkeypatch: pytest.MonkeyPatch, no_color: bool, cells: set[str]
) -> None:
    """Three sides a session, the darkest shade; a day of one side, a light one (1/3: shade 2)."""
    shutil.copytree(DATA / "weeks" / "streak" / "sessions", ui_dirs.data / "sessions")
    light = datetime(2026, 12, 1, 7, 30).astimezone()  # a lighter day: one side, in W49
    write_log(ui_dirs.data, light.isoformat(), result("Curl", "reps", target=5, both=side(5)))
    monkeypatch.setenv("HAMTIMER_TODAY", "2026-12-08")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    async with history_screen((80, 24)) as (app, _):
        calendar = app.screen.query_one(WeeksCalendar)
        lines = [line.rstrip() for line in screen_lines(app.screen)]
        top = next(n for n, line in enumerate(lines) if "Last 26 weeks" in line)
        grid = lines[top + 2 : top + 9]
        assert [line.split()[0] for line in grid] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        cells_shown = [line.strip()[5 : 5 + 51] for line in grid]  # 26 cells after the label
        assert {c for line in cells_shown for c in line} - {" "} == cells
        assert calendar.calendar.weeks[-2].sides[1] == 1  # Tuesday 1 December: the one side
        assert "this week: 0 of" not in "\n".join(lines) and "2 weeks in a row" in "\n".join(lines)


def test_history_calendar_shades_are_relative_to_the_busiest_day() -> None:
    from hamtimer.core.training.calendar import SessionFact, build_calendar

    base = datetime(2026, 12, 7, 8, 0)
    facts = [SessionFact(base - timedelta(days=n), sides) for n, sides in enumerate((8, 6, 4, 2, 1))]
    calendar = build_calendar(facts, base.date(), None)
    assert [calendar.shade(s) for s in (8, 6, 4, 2, 1, 0)] == [4, 3, 2, 1, 1, 0]

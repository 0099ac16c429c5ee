"""The program picker: bundled and user programs, the preview, starting a session."""

from __future__ import annotations

import re
import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from hamtimer.core.program.catalog import bundled_dir
from hamtimer.core.session.engine import Status
from hamtimer.core.session.plan import Plan
from hamtimer.ui.app import HamtimerApp
from hamtimer.ui.screens.picker import PickerScreen
from hamtimer.ui.screens.session import SessionScreen
from tests.support.pilot import UiDirs, plain, screen_lines, wait_for_screen

PROGRAMS = bundled_dir()


def bundled() -> list[tuple[str, str, str]]:
    """(name, first exercise, about) of each bundled program file, in file order."""
    found = []
    for path in sorted(PROGRAMS.glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        program = doc["program"]
        found.append((program["name"], doc["block"][0]["exercise"][0]["name"], program.get("about", "")))
    return found


@asynccontextmanager
async def picker(size: tuple[int, int] = (80, 24)) -> AsyncIterator[tuple[HamtimerApp, Pilot[None]]]:
    app = HamtimerApp()
    async with app.run_test(size=size, notifications=True) as pilot:
        await wait_for_screen(app, pilot, PickerScreen)
        yield app, pilot


def preview(app: HamtimerApp) -> str:
    return plain(app.screen.query_one("#preview", Static))


def list_rows(app: HamtimerApp) -> list[str]:
    """The rows of the program list as shown (its region of the screen)."""
    region = app.screen.query_one(OptionList).content_region
    lines = screen_lines(app.screen)
    return [line[region.x : region.right].strip() for line in lines[region.y : region.bottom]]


def test_six_programs_are_bundled() -> None:
    assert len(bundled()) == 6


async def test_lists_the_six_bundled_programs_with_estimated_durations() -> None:
    async with picker() as (app, _):
        rows = list_rows(app)
        for name, _first, _about in bundled():
            matching = [row for row in rows if row.startswith(name)]
            assert matching, f"{name!r} not in {rows}"
            assert re.search(rf"^{re.escape(name)}\s+\d+:\d\d\b", matching[0]), matching[0]
        shown = app.screen.query_one(OptionList)
        assert shown.option_count == 6
        assert shown.highlighted == 0


async def test_the_estimate_shown_is_the_plan_estimate() -> None:
    async with picker() as (app, _):
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        rows = list_rows(app)
        for entry, plan in screen.entries:
            assert isinstance(plan, Plan), entry.name
            minutes, seconds = divmod(plan.estimated_seconds, 60)
            expected = f"{minutes}:{seconds:02d}"
            assert any(row.startswith(plan.program.name) and expected in row for row in rows), expected


async def test_moving_the_highlight_changes_the_preview() -> None:
    programs = bundled()
    async with picker() as (app, pilot):
        await app.workers.wait_for_complete()  # the goal lines join the preview once history is read
        await pilot.pause()
        first = preview(app)
        assert programs[0][0] in first and programs[0][1] in first
        assert programs[1][1] not in first
        await pilot.press("down")
        second = preview(app)
        assert second != first
        assert programs[1][0] in second and programs[1][1] in second
        assert programs[1][2][:40] in second.replace("\n", " ")  # the start of its about text
        await pilot.press("up")
        assert preview(app) == first


async def test_enter_starts_a_session_for_the_highlighted_program() -> None:
    programs = bundled()
    async with picker() as (app, pilot):
        await pilot.press("down", "down")
        await pilot.press("enter")
        screen = await wait_for_screen(app, pilot, SessionScreen)
        assert app.engine is not None
        assert app.engine.plan.program.name == programs[2][0]
        assert app.engine.status is Status.READY
        assert programs[2][0] in plain(screen.query_one("#exercise", Static))


async def test_an_invalid_user_program_is_listed_as_invalid_and_does_not_start(ui_dirs: UiDirs) -> None:
    (ui_dirs.programs / "broken.toml").write_text('[program]\nname = "Broken"\n', encoding="utf-8")
    async with picker() as (app, pilot):
        rows = list_rows(app)
        assert app.screen.query_one(OptionList).option_count == len(bundled()) + 1
        broken = [row for row in rows if row.startswith("broken")]
        assert broken and "invalid" in broken[0] and "(yours)" in broken[0]
        await pilot.press("end")
        assert "broken.toml" in preview(app) and "block" in preview(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PickerScreen)
        assert app.engine is None
        assert "This program has errors" in "\n".join(screen_lines(app.screen))


async def test_a_valid_user_program_is_listed_as_yours_and_starts(ui_dirs: UiDirs) -> None:
    (ui_dirs.programs / "mine.toml").write_text(
        '[program]\nname = "My curls"\n[[block]]\n[[block.exercise]]\nname = "Curl"\nreps = 5\n',
        encoding="utf-8",
    )
    async with picker() as (app, pilot):
        mine = [row for row in list_rows(app) if row.startswith("My curls")]
        assert mine and "(yours)" in mine[0]
        await pilot.press("end", "enter")
        await wait_for_screen(app, pilot, SessionScreen)
        assert app.engine is not None and app.engine.plan.program.name == "My curls"


async def test_ctrl_q_in_the_picker_exits() -> None:
    async with picker() as (app, pilot):
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
        assert app.engine is None


async def test_a_user_program_name_with_brackets_shows_as_written(ui_dirs: UiDirs) -> None:
    (ui_dirs.programs / "legs.toml").write_text(
        '[program]\nname = "Legs [v2]"\n[[block]]\n[[block.exercise]]\nname = "Curl"\nreps = 5\n',
        encoding="utf-8",
    )
    async with picker() as (app, pilot):
        assert any(row.startswith("Legs [v2]") for row in list_rows(app))
        await pilot.press("end")
        assert "Legs [v2]" in preview(app)


@pytest.mark.usefixtures("pinned_today")  # November logs: see tests/conftest.py
async def test_a_program_chosen_in_the_picker_follows_the_logs(ui_dirs: UiDirs) -> None:
    """The picker builds the plan as `hamtimer run` does: today's targets from the data dir's logs."""
    from tests.support.logs import day, result, side, write_log

    write_log(ui_dirs.data, day(1), result("Double-leg bridge", "hold", target=20, both=side(20.0)))
    async with picker() as (app, pilot):
        names = [name for name, _, _ in bundled()]
        await pilot.press(*["down"] * names.index("Bridge progression"))
        await pilot.press("enter")
        screen = await wait_for_screen(app, pilot, SessionScreen)
        assert app.engine is not None
        work = app.engine.plan.work_steps
        assert [(s.name, s.exercise.work.bounds.target) for s in work] == [("Double-leg bridge", 25)]
        assert "Double-leg bridge: 25 s (last time 20 s, earned)" in plain(screen.query_one("#today", Static))


async def test_the_preview_shows_todays_plan_as_plan_does(ui_dirs: UiDirs, pinned_today: str) -> None:
    """Targets, waiting exercises and the estimate in the preview are today's, from the logs."""
    from hamtimer.core.formatting import clock
    from hamtimer.core.program.catalog import resolve
    from hamtimer.core.training.progression import plan_today
    from tests.support.logs import day, result, side, write_log

    write_log(ui_dirs.data, day(1), result("Double-leg bridge", "hold", target=20, both=side(20.0)))
    today = plan_today(resolve("bridge-progression").load(), ui_dirs.data)
    assert today.progress is not None and today.progress.waiting
    async with picker() as (app, pilot):
        await app.workers.wait_for_complete()
        await pilot.pause()
        names = [name for name, _, _ in bundled()]
        await pilot.press(*["down"] * names.index("Bridge progression"))
        shown = preview(app)
        assert f"about {clock(today.estimated_seconds)}" in shown
        assert "Double-leg bridge: 25 s (last time 20 s, earned)" in shown
        waiting = today.progress.waiting[0]
        assert f"{waiting.exercise}: opens when {waiting.after}" in shown
        row = next(r for r in list_rows(app) if r.startswith("Bridge progression"))
        assert clock(today.estimated_seconds) in row

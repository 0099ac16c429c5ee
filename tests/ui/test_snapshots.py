"""Every screen as an image (pytest-textual-snapshot), on a fixed fake clock: the session screen in
every phase at 60x18, 80x24, 120x40 and 200x55 in the dark and high-contrast themes; the other
screens at 80x24 and 60x18.

The logs go to a fixed folder under a fixed file name, so the summary's "Saved to" line is stable.
Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`, and
look at the images (tests/ui/__snapshots__/) before committing them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hamtimer.core.log import journal
from hamtimer.core.session.clock import FakeClock
from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.screens.dialogs import ConfirmQuit, FullText, HelpScreen
from hamtimer.ui.screens.history import HistoryScreen
from hamtimer.ui.screens.picker import PickerScreen
from hamtimer.ui.screens.session import SessionScreen
from hamtimer.ui.screens.summary import SummaryScreen
from tests.support.pilot import (
    EXERCISE_REST,
    HOLD,
    PREPARE,
    SIDE_REST,
    RecordingPlayer,
    press,
    settle,
    wait_for_screen,
)
from tests.support.programs import BRIDGE, DATA, TINY, plan_of
from tests.ui.test_history_screen import write_design_example

pytestmark = pytest.mark.usefixtures("pinned_today")  # November logs: see tests/conftest.py

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 18), id="60x18")]
SESSION_SIZES = [
    pytest.param(size, id=f"{size[0]}x{size[1]}") for size in ((60, 18), (80, 24), (120, 40), (200, 55))
]
BOTH_HOLD = DATA / "both-hold.toml"
STARTED = datetime(2026, 11, 22, 7, 30).astimezone()
SnapCompare = Callable[..., bool]
Drive = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of this test's own, under a home of its own: the summary shows the log's
    path from "~", the same in every run and every checkout."""
    home = tmp_path / "home"
    folder = home / "hamtimer-data"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(folder))
    named = journal.new_session_path
    monkeypatch.setattr(
        journal, "new_session_path", lambda where, _started, name: named(where, STARTED, name)
    )
    return folder


@pytest.fixture
def own_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own, for screens that do not show its path."""
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(tmp_path))
    return tmp_path


class Driver:
    """The app on a fake clock, and what a test does before the picture is taken."""

    def __init__(self, program: Path | None = BRIDGE, theme: str = "dark") -> None:
        self.clock = FakeClock(1000.0)
        plan = plan_of(program) if program is not None else None
        options = RunOptions(theme=theme)
        self.app = HamtimerApp(plan, options, clock=self.clock, player=RecordingPlayer())

    def session(self) -> SessionScreen:
        screen = next(s for s in reversed(self.app.screen_stack) if isinstance(s, SessionScreen))
        return screen

    async def keys(self, pilot: Pilot[None], *keys: str) -> None:
        await press(self.app, pilot, *keys)

    async def advance(self, pilot: Pilot[None], seconds: float) -> None:
        self.clock.advance(seconds)
        self.session().sync()
        await pilot.pause()

    def take(self, snap_compare: SnapCompare, size: tuple[int, int], steps: Drive) -> bool:
        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            await steps(pilot)
            await pilot.pause()
            await self.app.workers.wait_for_complete()
            await settle(self.app, pilot)
            await pilot.pause()

        return snap_compare(self.app, terminal_size=size, run_before=run_before)


async def nothing(pilot: Pilot[None]) -> None:
    return None


async def to_hold(driver: Driver, pilot: Pilot[None], seconds: float) -> None:
    await driver.keys(pilot, "space")
    await driver.advance(pilot, PREPARE + seconds)


PhaseDrive = Callable[[Driver, Pilot[None]], Awaitable[None]]
PHASE_STEPS: dict[str, tuple[Path, PhaseDrive]] = {}


def phase(name: str, program: Path = BRIDGE) -> Callable[[PhaseDrive], PhaseDrive]:
    def register(steps: PhaseDrive) -> PhaseDrive:
        PHASE_STEPS[name] = (program, steps)
        return steps

    return register


@phase("start")
async def _start(driver: Driver, pilot: Pilot[None]) -> None:
    return None


@phase("get-ready")
async def _get_ready(driver: Driver, pilot: Pilot[None]) -> None:
    await driver.keys(pilot, "space")
    await driver.advance(pilot, 2)


@phase("left-hold")
async def _left_hold(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, 12)


@phase("rest-rating")
async def _rest(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, HOLD + 4)
    await driver.keys(pilot, "8", "h")


@phase("right-hold")
async def _right_hold(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, HOLD + 4)
    await driver.keys(pilot, "8")
    await driver.advance(pilot, SIDE_REST + 6)


@phase("both-hold", BOTH_HOLD)
async def _both_hold(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, 10)


@phase("reps")
async def _reps(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, HOLD + SIDE_REST + HOLD + EXERCISE_REST)
    await driver.keys(pilot, "space", "space")


@phase("paused")
async def _paused(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, 7)
    await driver.keys(pilot, "p")


@phase("last-3-seconds")
async def _last_seconds(driver: Driver, pilot: Pilot[None]) -> None:
    await to_hold(driver, pilot, HOLD - 2.5)


@pytest.mark.parametrize("size", SESSION_SIZES)
@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
@pytest.mark.parametrize("name", list(PHASE_STEPS))
def test_session(
    snap_compare: SnapCompare, own_data: Path, name: str, theme: str, size: tuple[int, int]
) -> None:
    """The session screen in every phase, at every size, in the dark and the high-contrast theme."""
    program, steps = PHASE_STEPS[name]
    driver = Driver(program, theme=theme)

    async def drive(pilot: Pilot[None]) -> None:
        await steps(driver, pilot)

    assert driver.take(snap_compare, size, drive)


@pytest.mark.parametrize("size", SIZES)
def test_full_text(snap_compare: SnapCompare, own_data: Path, size: tuple[int, int]) -> None:
    driver = Driver(BOTH_HOLD)

    async def steps(pilot: Pilot[None]) -> None:
        await to_hold(driver, pilot, 10)
        await driver.keys(pilot, "i")
        await wait_for_screen(driver.app, pilot, FullText)

    assert driver.take(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: SnapCompare, own_data: Path, size: tuple[int, int]) -> None:
    driver = Driver()

    async def steps(pilot: Pilot[None]) -> None:
        await driver.keys(pilot, "space", "question_mark")
        await wait_for_screen(driver.app, pilot, HelpScreen)

    assert driver.take(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_quit_confirmation(snap_compare: SnapCompare, own_data: Path, size: tuple[int, int]) -> None:
    driver = Driver()

    async def steps(pilot: Pilot[None]) -> None:
        await driver.keys(pilot, "space")
        await driver.advance(pilot, PREPARE + 3)
        await driver.keys(pilot, "ctrl+q")
        await wait_for_screen(driver.app, pilot, ConfirmQuit)

    assert driver.take(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: SnapCompare, data: Path, size: tuple[int, int]) -> None:
    driver = Driver(TINY)

    async def steps(pilot: Pilot[None]) -> None:
        await driver.keys(pilot, "space")
        await driver.advance(pilot, 2 + 2)
        await driver.keys(pilot, "7", "h")
        await driver.advance(pilot, 1 + 2)
        await wait_for_screen(driver.app, pilot, SummaryScreen)

    assert driver.take(snap_compare, size, steps)


async def to_history(driver: Driver, pilot: Pilot[None]) -> None:
    """From the picker to the history screen (h), each once its history is read."""
    await wait_for_screen(driver.app, pilot, PickerScreen)
    await driver.app.workers.wait_for_complete()
    await driver.keys(pilot, "h")
    await wait_for_screen(driver.app, pilot, HistoryScreen)
    await driver.app.workers.wait_for_complete()


@pytest.mark.parametrize("size", SIZES)
def test_picker(snap_compare: SnapCompare, own_data: Path, size: tuple[int, int]) -> None:
    driver = Driver(None)

    async def steps(pilot: Pilot[None]) -> None:
        await wait_for_screen(driver.app, pilot, PickerScreen)

    assert driver.take(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: SnapCompare, own_data: Path, size: tuple[int, int]) -> None:
    write_design_example(own_data)
    driver = Driver(None)
    steps = partial(to_history, driver)
    assert driver.take(snap_compare, size, steps)


def test_history_charts(snap_compare: SnapCompare, data: Path) -> None:
    """Issue 12: a chart per exercise (left and right over dates, framed in the band's colour),
    when form broke, and soreness, on fixed data."""
    from tests.support.logs import BRIDGE, day, result, side, write_log

    write_design_example(data)
    for n in range(5, 8):
        left = side(22 + n, flags=["hip drop"], marks=[("hip drop", 12.0 + n)])
        bridge = result(BRIDGE, "hold", target=30, left=left, right=side(20, 8))
        write_log(data, day(n), bridge, soreness={"left": n - 3, "right": 1})
    driver = Driver(None)
    steps = partial(to_history, driver)
    assert driver.take(snap_compare, (100, 40), steps)


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((200, 55), id="200x55")])
def test_history_calendar(
    snap_compare: SnapCompare, own_data: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20: the last 26 weeks as a heat map above the exercises, each week's count against a
    target of 2, and the streak (tests/data/weeks/streak: W47 missed, today Tuesday of W50)."""
    shutil.copytree(DATA / "weeks" / "streak" / "sessions", own_data / "sessions")
    config = Path(os.environ["HAMTIMER_CONFIG_DIR"]) / "config.toml"
    config.write_text("[training]\nper_week = 2\n", encoding="utf-8")
    monkeypatch.setenv("HAMTIMER_TODAY", "2026-12-08")
    driver = Driver(None)
    steps = partial(to_history, driver)
    assert driver.take(snap_compare, size, steps)

"""UI test setup: private user folders, and a session driven by a fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.plan import Plan
from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.messages import ProgramChosen
from hamtimer.ui.screens.picker import PickerScreen
from hamtimer.ui.screens.session import SessionScreen
from tests.support.pilot import BRIDGE, RecordingPlayer, RunSession, Session, UiDirs, make_plan, settle


@pytest.fixture(autouse=True)
def ui_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> UiDirs:
    """No UI test touches the real user folders: config, data and cache live in tmp_path."""
    dirs = UiDirs(config=tmp_path / "ui-config", data=tmp_path / "ui-data", cache=tmp_path / "ui-cache")
    for path in (dirs.config, dirs.data, dirs.cache, dirs.programs):
        path.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HAMTIMER_CONFIG_DIR", str(dirs.config))
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(dirs.data))
    monkeypatch.setenv("HAMTIMER_CACHE_DIR", str(dirs.cache))
    return dirs


@pytest.fixture
def run_session() -> RunSession:
    """`async with run_session(TOML_OR_PLAN, size=..., start=True) as s:` a session app on a fake clock.

    With start=True the session has been started (as by space): the prepare countdown runs.
    By default the app gets the plan as `hamtimer run` gives it; from_picker=True opens the picker
    first and starts the plan from there, as choosing a program does.
    """

    @asynccontextmanager
    async def run(
        program: str | Plan = BRIDGE,
        *,
        size: tuple[int, int] = (80, 24),
        start: bool = True,
        mute: bool = False,
        from_picker: bool = False,
        message_hook: Callable[[object], None] | None = None,
    ) -> AsyncIterator[Session]:
        plan = make_plan(program) if isinstance(program, str) else program
        clock = FakeClock(1000.0)
        player = RecordingPlayer()
        app = HamtimerApp(None if from_picker else plan, RunOptions(mute=mute), clock=clock, player=player)
        async with app.run_test(size=size, notifications=True, message_hook=message_hook) as pilot:
            session = Session(app, pilot, clock, player)
            if from_picker:  # what enter on a program in the picker does
                await session.wait_for_screen(PickerScreen)
                app.post_message(ProgramChosen(plan))
            await session.wait_for_screen(SessionScreen)
            if start:  # what space does (the start-screen tests press the real key)
                session.screen.action_main()
                await settle(app, pilot)
            yield session

    return run

"""Start-up: the CLI turns Python's cycle collector off for the first frame; the app turns it back on."""

from __future__ import annotations

import gc

from hamtimer.ui.app import HamtimerApp, RunOptions
from tests.support.pilot import UiDirs
from tests.support.programs import data_plan


async def test_the_collector_is_back_on_once_the_first_frame_is_drawn(ui_dirs: UiDirs) -> None:
    gc.disable()
    try:
        app = HamtimerApp(data_plan("bridge.toml"), RunOptions(mute=True, data_dir=ui_dirs.data))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()

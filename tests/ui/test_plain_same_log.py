"""Plain mode and the UI, the same session: the same log (times aside)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from hamtimer.core.session.engine import Status
from hamtimer.ui.screens.summary import SummaryScreen
from tests.support.pilot import RunSession, UiDirs
from tests.support.programs import TINY, plan_of

TIMES = ("started", "ended")


def the_log(data: Path) -> dict[str, Any]:
    (path,) = sorted((data / "sessions").glob("*/*.toml"))
    with path.open("rb") as handle:
        doc = tomllib.load(handle)
    for result in doc.get("result", []):
        for side in ("left", "right", "both"):
            result.get(side, {}).pop("started_at", None)  # a time too (issue 19)
    return {key: value for key, value in doc.items() if key not in TIMES}


async def test_plain_mode_writes_the_log_the_ui_writes(
    run_session: RunSession, ui_dirs: UiDirs, tmp_path: Path
) -> None:
    async with run_session(plan_of(TINY)) as s:
        await s.advance(2 + 2)  # prepare, left hold
        await s.press("7", "h")
        await s.advance(1 + 2)  # rest, right hold: the end
        await s.wait_for_screen(SummaryScreen)
        await s.press("9")
        await s.app.workers.wait_for_complete()
        assert s.engine.status is Status.FINISHED
    from_ui = the_log(ui_dirs.data)

    plain_data = tmp_path / "plain-data"
    env = {**os.environ, "HAMTIMER_DATA_DIR": str(plain_data)}
    argv = [sys.executable, "-m", "hamtimer", "run", str(TINY), "--plain", "--mute"]
    commands = "space\nwait\nwait\n7\nh\nwait\nwait\n9\n"
    done = subprocess.run(
        argv, input=commands, text=True, capture_output=True, env=env, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr
    from_plain = the_log(plain_data)

    assert from_plain == from_ui
    assert from_ui["status"] == "completed"
    assert (
        from_ui["result"][0]["left"]["difficulty"] == 7 and from_ui["result"][0]["right"]["difficulty"] == 9
    )

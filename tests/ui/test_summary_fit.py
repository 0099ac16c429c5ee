"""`[export] fit = true` in the app: the summary names the FIT file; a failure is also a notice."""

from __future__ import annotations

from pathlib import Path

from textual.notifications import Notify
from textual.widgets import Static

from hamtimer.core.session.clock import FakeClock
from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.screens.session import SessionScreen
from hamtimer.ui.screens.summary import SummaryScreen
from tests.support.pilot import RecordingPlayer, Session, UiDirs, plain, settle
from tests.support.programs import TINY, plan_of


async def finish_tiny(data: Path) -> tuple[str, list[str]]:
    """TINY run to its end with the export on; the summary's FIT line and the notices shown."""
    clock = FakeClock(1000.0)
    app = HamtimerApp(
        plan_of(TINY), RunOptions(data_dir=data, fit=True), clock=clock, player=RecordingPlayer()
    )
    seen: list[object] = []
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        s = Session(app, pilot, clock, RecordingPlayer())
        await s.wait_for_screen(SessionScreen)
        s.screen.action_main()
        await settle(app, pilot)
        for seconds in (2, 2, 1, 2):  # prepare, left, rest, right
            await s.advance(seconds)
        summary = await s.wait_for_screen(SummaryScreen)
        line = plain(summary.query_one("#fit", Static))
    return line, [m.notification.message for m in seen if isinstance(m, Notify)]


async def test_the_summary_names_the_file(ui_dirs: UiDirs) -> None:
    line, notices = await finish_tiny(ui_dirs.data)
    (path,) = (ui_dirs.data / "exports" / "fit").glob("*-tiny.fit")
    assert line == f"FIT file: {path}"
    assert not any("FIT" in n for n in notices)


async def test_a_failure_is_a_notice_and_on_the_summary(ui_dirs: UiDirs) -> None:
    (ui_dirs.data / "exports").write_text("a file where the folder should be")
    line, notices = await finish_tiny(ui_dirs.data)
    assert line.startswith("FIT file not written: ") and "cannot write FIT files there" in line
    assert line in notices
    assert len(list((ui_dirs.data / "sessions").glob("*/*-tiny.toml"))) == 1  # the log is there

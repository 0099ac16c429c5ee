"""The session log from the app: resuming an unfinished session, and a data folder that cannot be written."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.notifications import Notify
from textual.widgets import Input, Static

from hamtimer.core.session.engine import Status
from hamtimer.ui.app import RESUME_WITHIN
from hamtimer.ui.screens.dialogs import ConfirmQuit, FolderPrompt
from hamtimer.ui.screens.summary import SummaryScreen
from tests.support.pilot import EXERCISE_REST, HOLD, PREPARE, SIDE_REST, RunSession, Session, UiDirs, plain

LEFT, RIGHT, CURL = 1, 3, 5
"""Step indexes in tests/data/bridge.toml: left hold, right hold, the reps step (both legs)."""


def files(data: Path) -> list[Path]:
    return sorted(p for p in (data / "sessions").glob("*/*.toml") if not p.name.startswith("."))


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def sides(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for table in doc.get("result", []):
        for name in ("left", "right", "both"):
            if name in table:
                found[(table["exercise"], name)] = {
                    k: v for k, v in table[name].items() if k not in ("step", "started_at")
                }
    return found


async def settle(s: Session, rounds: int = 5) -> None:
    for _ in range(rounds):
        await s.pilot.pause(0)


async def stopped_after_the_left_side(run_session: RunSession) -> None:
    """A first session: the left side done and rated 7 with a hip drop, then ctrl+q, y."""
    async with run_session() as s:
        await s.advance(PREPARE + HOLD)
        await s.press("7", "h")
        await s.press("ctrl+q", "y")
        for _ in range(100):
            if not s.app.is_running:
                break
            await s.pilot.pause(0.01)
        assert s.engine.status is Status.STOPPED


async def finish(s: Session) -> None:
    """From the rest between sides to the end: right hold, rest, five reps."""
    await s.advance(SIDE_REST)
    await s.advance(HOLD)
    await s.press("9")
    await s.advance(EXERCISE_REST)
    await s.press(*[" "] * 5)
    await s.wait_for_screen(SummaryScreen)
    await s.app.workers.wait_for_complete()  # the summary compares with last time, off the loop


def offer(s: Session) -> str:
    return s.text("#next")


async def test_the_start_screen_offers_the_unfinished_session_and_r_goes_on(
    run_session: RunSession, ui_dirs: UiDirs
) -> None:
    await stopped_after_the_left_side(run_session)
    (path,) = files(ui_dirs.data)
    before = load(path)
    assert before["status"] == "stopped"
    async with run_session(start=False) as s:
        await settle(s)
        shown = offer(s)
        assert "Unfinished session from" in shown and "1 sides done" in shown
        assert "r goes on from rest" in shown and "space starts afresh" in shown
        await s.press("r")
        assert s.engine.status is Status.RUNNING
        assert s.engine.index == LEFT + 1  # the rest between sides
        assert s.engine.results[LEFT].difficulty == 7 and s.engine.results[LEFT].flags == ["hip drop"]
        assert load(path)["status"] == "running"  # the same file, written on
        await finish(s)
    assert files(ui_dirs.data) == [path]
    doc = load(path)
    assert doc["status"] == "completed" and doc["started"] == before["started"]
    assert sides(doc) == {
        ("Single-leg bridge", "left"): {
            "seconds": 30.0,
            "difficulty": 7,
            "flags": ["hip drop"],
            "completed": True,
        },
        ("Single-leg bridge", "right"): {"seconds": 30.0, "difficulty": 9, "flags": [], "completed": True},
        ("Hamstring curl", "both"): {"reps": 5, "completed": True},
    }


async def test_space_starts_afresh_and_leaves_the_old_log(run_session: RunSession, ui_dirs: UiDirs) -> None:
    await stopped_after_the_left_side(run_session)
    (old,) = files(ui_dirs.data)
    before = old.read_bytes()
    async with run_session(start=False) as s:
        await settle(s)
        assert "Unfinished session" in offer(s)
        await s.press("space")
        assert s.engine.index == 0 and s.engine.results == {}
        await s.advance(PREPARE + HOLD)
    assert old.read_bytes() == before
    new = [p for p in files(ui_dirs.data) if p != old]
    assert len(new) == 1 and set(sides(load(new[0]))) == {("Single-leg bridge", "left")}


async def test_r_does_nothing_without_an_unfinished_session(run_session: RunSession) -> None:
    async with run_session(start=False) as s:
        await settle(s)
        assert "Unfinished" not in offer(s) and offer(s).startswith("First:")
        await s.press("r")
        assert s.engine.status is Status.READY


async def test_no_offer_for_a_completed_session(run_session: RunSession, ui_dirs: UiDirs) -> None:
    async with run_session() as s:
        await s.advance(PREPARE + HOLD + SIDE_REST + HOLD + EXERCISE_REST)
        await s.press(*[" "] * 5)
        await s.wait_for_screen(SummaryScreen)
        await s.app.workers.wait_for_complete()
    (path,) = files(ui_dirs.data)
    assert load(path)["status"] == "completed"
    async with run_session(start=False) as s:
        await settle(s)
        assert "Unfinished" not in offer(s)


async def test_no_offer_for_an_old_unfinished_session(run_session: RunSession, ui_dirs: UiDirs) -> None:
    await stopped_after_the_left_side(run_session)
    (path,) = files(ui_dirs.data)
    old = path.stat().st_mtime - RESUME_WITHIN - 60
    os.utime(path, (old, old))
    async with run_session(start=False) as s:
        await settle(s)
        assert "Unfinished" not in offer(s)
        await s.press("r")
        assert s.engine.status is Status.READY


# ----- a data folder that cannot be written


@pytest.fixture
def failing_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HAMTIMER_DATA_DIR under a regular file: every save fails (also as root)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(blocker / "data"))
    return blocker / "data"


def warnings(seen: list[object]) -> list[Any]:
    return [m.notification for m in seen if isinstance(m, Notify)]


async def test_a_failing_data_folder_warns_once_and_the_session_goes_on(
    run_session: RunSession, failing_data_dir: Path
) -> None:
    seen: list[object] = []
    async with run_session(message_hook=seen.append) as s:
        await settle(s)
        await s.advance(PREPARE + HOLD)
        await s.press("7")
        await s.advance(SIDE_REST + HOLD)
        assert s.engine.status is Status.RUNNING and s.engine.index == RIGHT + 1
        journal = s.app.runner.journal  # type: ignore[attr-defined]
        assert journal.error is not None and "Not a directory" in journal.error
        assert [r.difficulty for r in journal.log.results] == [7, None]  # kept in memory
        assert set(s.engine.results) == {LEFT, RIGHT}
    notes = [n for n in warnings(seen) if n.title == "Log not saved"]
    assert len(notes) == 1, warnings(seen)
    assert notes[0].severity == "warning"
    assert "cannot be saved" in notes[0].message and "goes on" in notes[0].message
    assert not failing_data_dir.exists()


async def test_ctrl_q_shows_the_log_problem_and_w_writes_the_log_elsewhere(
    run_session: RunSession, failing_data_dir: Path, tmp_path: Path
) -> None:
    seen: list[object] = []
    elsewhere = tmp_path / "elsewhere"
    async with run_session(message_hook=seen.append) as s:
        await s.advance(PREPARE + HOLD)
        await s.press("7")
        await s.press("ctrl+q")
        assert isinstance(s.app.screen, ConfirmQuit)
        text = "\n".join(plain(w) for w in s.app.screen.query(Static))
        assert "The session log could not be saved" in text and "Not a directory" in text
        assert "w writes it to another folder" in text
        await s.press("w")
        assert isinstance(s.app.screen, FolderPrompt)
        field = s.app.screen.query_one(Input)
        assert field.value  # a suggestion is offered
        field.value = str(elsewhere)
        await s.press("enter")
        assert isinstance(s.app.screen, ConfirmQuit)
        journal = s.app.runner.journal  # type: ignore[attr-defined]
        assert journal.error is None
        (path,) = files(elsewhere)
        assert journal.path == path
        assert sides(load(path)) == {
            ("Single-leg bridge", "left"): {"seconds": 30.0, "difficulty": 7, "flags": [], "completed": True}
        }
        await s.press("n")  # keep going: later sides go to the new folder too
        await s.advance(SIDE_REST + HOLD)
        await s.press("8")
        assert set(sides(load(path))) == {("Single-leg bridge", "left"), ("Single-leg bridge", "right")}
        assert load(path)["status"] == "running"
        await s.press("ctrl+q", "y")
    assert load(path)["status"] == "stopped"
    assert path.stat().st_mode & 0o777 == 0o600
    saved = [n for n in warnings(seen) if n.title == "Log saved"]
    assert len(saved) == 1 and str(path) in saved[0].message


async def test_a_folder_that_fails_too_says_so_and_keeps_the_prompt_reachable(
    run_session: RunSession, failing_data_dir: Path, tmp_path: Path
) -> None:
    seen: list[object] = []
    async with run_session(message_hook=seen.append) as s:
        await s.advance(PREPARE + HOLD)
        await s.press("ctrl+q", "w")
        assert isinstance(s.app.screen, FolderPrompt)
        s.app.screen.query_one(Input).value = str(tmp_path / "blocker" / "other")
        await s.press("enter")
        errors = [n for n in warnings(seen) if n.severity == "error"]
        assert len(errors) == 1 and "Still cannot write there" in errors[0].message
        await s.press("w")
        assert isinstance(s.app.screen, FolderPrompt)
        await s.press("escape")
        assert isinstance(s.app.screen, ConfirmQuit)
        await s.press("n")
        assert s.engine.status is Status.RUNNING
        assert s.app.runner.journal.error is not None  # type: ignore[attr-defined]


async def test_w_does_nothing_when_the_log_is_saved(run_session: RunSession, ui_dirs: UiDirs) -> None:
    async with run_session() as s:
        await s.advance(PREPARE + HOLD)
        await s.press("ctrl+q")
        text = "\n".join(plain(w) for w in s.app.screen.query(Static))
        assert "could not be saved" not in text
        await s.press("w")
        assert isinstance(s.app.screen, ConfirmQuit)
        await s.press("n")
    assert len(files(ui_dirs.data)) == 1


async def test_the_summary_says_when_the_log_could_not_be_saved(
    run_session: RunSession, failing_data_dir: Path
) -> None:
    async with run_session() as s:
        await s.advance(PREPARE + HOLD + SIDE_REST + HOLD + EXERCISE_REST)
        await s.press(*[" "] * 5)
        screen = await s.wait_for_screen(SummaryScreen)
        await s.app.workers.wait_for_complete()
        await settle(s)
        assert "The log could not be saved" in plain(screen.query_one("#saved", Static))

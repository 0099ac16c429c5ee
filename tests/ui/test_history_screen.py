"""The history screen: each exercise with a chart (or, where none fits, a sparkline per side) and
the comparison in words.

The logs are written by hand in DESIGN.md's schema into the test's data folder; the screen is
opened as a user does, with h on the picker.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Sparkline, Static

from hamtimer.ui.app import HamtimerApp
from hamtimer.ui.screens.history import ExerciseHistory, HistoryScreen
from hamtimer.ui.screens.picker import PickerScreen
from hamtimer.ui.widgets.chart import ExerciseChart, SorenessChart
from tests.core.test_history import BRIDGE, bridge, day, result, side, write_log
from tests.support.pilot import UiDirs, plain, press, screen_text, wait_for_screen


@asynccontextmanager
async def history_screen(size: tuple[int, int] = (120, 40)) -> AsyncIterator[tuple[HamtimerApp, Pilot[None]]]:
    """The app on its picker, h pressed, the logs read."""
    app = HamtimerApp()
    async with app.run_test(size=size, notifications=True) as pilot:
        await wait_for_screen(app, pilot, PickerScreen)
        await app.workers.wait_for_complete()  # the picker reads the report too, for its goals
        await press(app, pilot, "h")
        screen = await wait_for_screen(app, pilot, HistoryScreen)
        box = screen.query_one("#history")
        for _ in range(
            300
        ):  # the logs are read off the event loop, then shown (the last line, below the calendar)
            if box.children and "A training aid, not a diagnosis." in plain(box.children[-1]):
                break
            await pilot.pause(0.01)
        await pilot.pause()
        yield app, pilot
        await app.workers.wait_for_complete()


def write_design_example(data: Path) -> None:
    write_log(data, day(1), bridge(22, 27, difficulty=(3, 3)))
    write_log(data, day(2), bridge(30, 24, difficulty=(6, 8), flags=((), ("cramp",))))
    write_log(data, day(3), bridge(30, 26, difficulty=(6, 8)))
    write_log(data, day(4), bridge(25, 24, difficulty=(7, 8), flags=(("hip drop",), ("cramp",))))
    for n, reps in enumerate([10, 12, 11], start=2):
        path = data / "sessions" / f"2026-11-{n:02d}" / "180000-curls.toml"
        write_log(
            data, day(n, hour=18), result("Hamstring curl", "reps", target=15, both=side(reps, 6)), path=path
        )


def block_of(app: HamtimerApp, name: str) -> ExerciseHistory:
    found = [w for w in app.screen.query(ExerciseHistory) if w.item.exercise == name]
    assert len(found) == 1
    return found[0]


def texts(widget: ExerciseHistory) -> list[str]:
    return [plain(s) for s in widget.query(Static)]


AMBER = "right weaker in 3 of 3 sessions: 12.9 % (amber)"


async def test_each_exercise_with_a_chart_and_the_weaker_side(ui_dirs: UiDirs) -> None:
    write_design_example(ui_dirs.data)
    async with history_screen() as (app, _):
        shown = screen_text(app.screen)
        assert AMBER in shown  # on the terminal, not only in a widget
        one_leg = block_of(app, BRIDGE)
        assert one_leg.has_class("-band-amber")
        (chart,) = one_leg.query(ExerciseChart)
        assert chart.item.sides["left"].values == [22.0, 30.0, 30.0, 25.0]
        assert "LL left" in shown and "RR right" in shown and "01/11" in shown  # both series, dates
        assert not list(one_leg.query(Sparkline))  # a chart fits: no sparklines


async def test_each_exercise_with_sparklines_where_no_chart_fits(ui_dirs: UiDirs) -> None:
    write_design_example(ui_dirs.data)
    async with history_screen(size=(58, 18)) as (app, pilot):
        assert not list(app.screen.query(ExerciseChart))
        one_leg = block_of(app, BRIDGE)
        head = texts(one_leg)[0]
        assert head.startswith(f"{BRIDGE} · 4 sessions · {AMBER}")
        assert "effort R-L +1.7" in head
        lines = {
            side: line
            for line in one_leg.query(Sparkline)
            for side in ("-left", "-right")
            if line.has_class(side)
        }
        assert set(lines) == {"-left", "-right"}
        assert list(lines["-left"].data or []) == [22.0, 30.0, 30.0, 25.0]  # oldest first
        assert list(lines["-right"].data or []) == [27.0, 24.0, 26.0, 24.0]
        figures = [t for t in texts(one_leg) if t.startswith("latest")]
        assert figures == ["latest 25 s · mean 28.3 s · best 30 s", "latest 24 s · mean 24.7 s · best 27 s"]
        labels = [t.strip() for t in texts(one_leg) if t.strip() in ("left", "right", "both")]
        assert labels == ["left", "right"]

        two_legs = block_of(app, "Hamstring curl")
        assert "both legs together" in texts(two_legs)[0] and "weaker" not in texts(two_legs)[0]
        app.screen.query_one("#history").scroll_end(animate=False)  # below the calendar (issue 20)
        await pilot.pause()
        shown = screen_text(app.screen)
        (line,) = two_legs.query(Sparkline)
        assert list(line.data or []) == [10.0, 12.0, 11.0]
        assert "latest 11 reps · mean 11 reps · best 12 reps" in texts(two_legs)
        assert "A training aid, not a diagnosis." in shown


async def test_skipped_files_are_listed_and_left_untouched(ui_dirs: UiDirs) -> None:
    write_log(ui_dirs.data, day(1), bridge(30, 24))
    bad = ui_dirs.data / "sessions" / "2026-11-20" / "071500-x.toml"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"schema = 1\n[[result]\n")
    async with history_screen() as (app, _):
        text = "\n".join(plain(s) for s in app.screen.query(Static))
        assert "Skipped files (left untouched)" in text
        assert "sessions/2026-11-20/071500-x.toml: not valid TOML" in text
        assert "1 of 3 sessions so far: too few to judge" in text
    assert bad.read_bytes() == b"schema = 1\n[[result]\n"


async def test_capped_goal_and_too_few_sessions(ui_dirs: UiDirs) -> None:
    goal = {"hold": 30, "sessions": 2}
    for n in range(1, 3):
        write_log(ui_dirs.data, day(n), bridge(30, 30, goal=goal, difficulty=(5, 7)))
    write_log(ui_dirs.data, day(3), result("Nordic curl", "reps", left=side(4)), status="stopped")
    async with history_screen() as (app, _):
        head = texts(block_of(app, BRIDGE))[0]
        assert "both sides at the target" in head and "effort R-L +2.0" in head
        assert "goal met: 30 s, 2 sessions in a row" in head
        assert "no session with both sides yet" in texts(block_of(app, "Nordic curl"))[0]


async def test_never_a_band_from_one_session(ui_dirs: UiDirs) -> None:
    write_log(ui_dirs.data, day(1), bridge(4.7, 1.0))  # the new user
    async with history_screen() as (app, _):
        shown = screen_text(app.screen)
        assert "1 of 3 sessions so far: too few to judge" in shown
        assert "(red)" not in shown and "78.7" not in shown
        assert not any(block_of(app, BRIDGE).has_class(f"-band-{b}") for b in ("green", "amber", "red"))


async def test_soreness_and_form_breaks_are_shown(ui_dirs: UiDirs) -> None:
    for n in range(1, 4):
        left = side(30, flags=["hip drop"], marks=[("hip drop", 16.0 + n)])
        write_log(ui_dirs.data, day(n), result(BRIDGE, "hold", target=30, left=left, right=side(30)),
                  soreness={"left": n, "right": 2})  # fmt: skip
    async with history_screen() as (app, _):
        shown = screen_text(app.screen)
        assert "form broke: hip drop at 18 s (left, 3 of 3 sessions)" in shown
        assert "soreness (0-10) over 3 sessions: left 2.0 (latest 3, rising 1.0 a session)" in shown
        assert len(app.screen.query(SorenessChart)) == 1


async def test_no_sessions_yet(ui_dirs: UiDirs) -> None:
    async with history_screen() as (app, _):
        assert "No sessions yet" in screen_text(app.screen)
        assert not list(app.screen.query(ExerciseHistory))


async def test_escape_goes_back_to_the_picker(ui_dirs: UiDirs) -> None:
    write_design_example(ui_dirs.data)
    async with history_screen() as (app, pilot):
        await press(app, pilot, "escape")
        await wait_for_screen(app, pilot, PickerScreen)

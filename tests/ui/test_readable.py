"""Issue 10 on the session screen: the last seconds, the footer's keys, nothing cut without a sign."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.plan import WorkStep
from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.screens.dialogs import FullText
from hamtimer.ui.themes import theme_name
from hamtimer.ui.widgets.figures import BigFigures
from hamtimer.ui.widgets.wrapped import ELLIPSIS, clamp
from tests.support.figures import shown_digit_rows
from tests.support.pilot import HOLD, PREPARE, SIDE_REST, RunSession, Session, screen_lines
from tests.support.programs import DATA, plan_of

LONG = DATA / "both-hold.toml"


def clock_colours(s: Session) -> tuple[object, object]:
    figures = s.screen.query_one(BigFigures)
    style = next(iter(figures.render_line(figures.size.height // 2))).style
    assert style is not None
    return style.color, style.bgcolor


def footer(s: Session) -> str:
    return screen_lines(s.screen)[-1]


async def test_each_of_the_last_three_seconds_changes_the_screen(run_session: RunSession) -> None:
    async with run_session() as s:
        await s.advance(PREPARE + HOLD - 3.5)
        seen = []
        for _ in range(4):  # 4, 3, 2, 1
            seen.append((s.shown, clock_colours(s)))
            await s.advance(1)
        assert [text for text, _ in seen] == ["4", "3", "2", "1"]
        colours = [colours for _, colours in seen]
        assert colours[0] == colours[2] != colours[1] == colours[3]  # 3 and 1 inverted
        assert colours[1] == colours[0][::-1]


async def test_the_footer_shows_the_keys_of_the_phase(run_session: RunSession) -> None:
    async with run_session(size=(100, 24)) as s:
        await s.advance(PREPARE + 3)
        await s.pilot.pause()
        hold = footer(s)
        assert "space" in hold and "End" in hold and "Pause" not in hold and "Rate" not in hold
        await s.press("enter")  # the rest, with the rating prompt
        rest = footer(s)
        for words in ("space", "End", "0-9", "Rate", "Pause", "+", "-"):
            assert words in rest, rest
        await s.press("escape")
        assert "Rate" not in footer(s) and "Pause" in footer(s)
        await s.press("p")  # still pauses, whichever phase
        assert s.engine.paused


async def test_p_pauses_a_hold_though_the_footer_does_not_list_it(run_session: RunSession) -> None:
    async with run_session() as s:
        await s.advance(PREPARE + 3)
        await s.press("p")
        assert s.engine.paused
        assert "PAUSED" in "\n".join(screen_lines(s.screen))


def test_long_text_wraps_and_ends_with_an_ellipsis_when_cut() -> None:
    lines, cut = clamp("one two three four five six seven", 10, 2)
    assert lines == ["one two", "three fou…"] or lines[-1].endswith(ELLIPSIS)
    assert cut and all(len(line) <= 10 for line in lines)
    assert clamp("short", 10, 2) == (["short"], False)


async def test_a_cut_note_is_whole_in_the_i_dialog(run_session: RunSession) -> None:
    async with run_session(plan_of(LONG), size=(60, 18)) as s:
        await s.advance(PREPARE + 3)
        assert isinstance(s.engine.step, WorkStep) and s.engine.step.side is None
        shown = "\n".join(screen_lines(s.screen))
        assert "BOTH LEGS" in shown and ELLIPSIS in shown
        await s.press("i")
        dialog = await s.wait_for_screen(FullText)
        text = "\n".join(screen_lines(dialog))
        assert "try again" in text and "next set rather than" in text
        assert "Push the floor away" in text
        await s.press("i")
        assert not isinstance(s.app.screen, FullText)


async def test_the_app_starts_in_the_configured_theme_and_ctrl_p_opens_the_palette() -> None:
    app = HamtimerApp(plan_of(DATA / "bridge.toml"), RunOptions(theme="high-contrast"), clock=FakeClock(0.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme_name("high-contrast")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_footer_fits_60_columns_in_every_phase(run_session: RunSession) -> None:
    """Nothing cut: at 60 columns each phase's footer ends with ^q Quit."""
    async with run_session(size=(60, 18)) as s:
        await s.pilot.pause()
        shown = {"start": footer(s)}
        await s.advance(PREPARE + 3)
        await s.pilot.pause()
        shown["hold"] = footer(s)
        await s.press("enter")  # the rest, with the rating prompt
        shown["rest with the prompt"] = footer(s)
        for phase, line in shown.items():
            assert line.rstrip().endswith("Quit"), (phase, line)
        for words in ("space", "End", "0-9", "Rate", "Pause", "+/-", "rest", "Text"):
            assert words in shown["rest with the prompt"], shown["rest with the prompt"]


@pytest.mark.parametrize(("size", "least"), [((60, 18), 5), ((80, 24), 7)])
async def test_an_unrated_prompt_leaves_the_next_hold_its_big_clock(
    run_session: RunSession, size: tuple[int, int], least: int
) -> None:
    """The runner did not rate during the rest: the prompt stays up into the right-leg hold, short
    on a small terminal, and the clock keeps the size a hold is promised."""
    async with run_session(size=size) as s:
        await s.advance(PREPARE + HOLD)
        await s.advance(SIDE_REST + 0.5)
        step = s.engine.step
        assert isinstance(step, WorkStep) and step.side is not None and step.side.value == "right"
        prompt = "\n".join(screen_lines(s.screen))
        assert "LEFT" in prompt and "1-9" in prompt and "[h]" in prompt
        assert shown_digit_rows(s.screen.query_one(BigFigures)) >= least
        await s.press("8")
        assert s.engine.results[1].difficulty == 8

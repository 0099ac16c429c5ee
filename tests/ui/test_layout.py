"""The big digits and the side banner stay on screen at the usual and at a small terminal size."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from hamtimer.ui.bigfont import digit_rows
from tests.support.pilot import (
    HOLD,
    PREPARE,
    SIDE_REST,
    RunSession,
    Session,
    is_visible,
    screen_lines,
    settle,
)

SIZES = [(80, 24), (60, 18)]


async def go_to(s: Session, phase: str) -> None:
    """Move to `phase` and wait until the screen is drawn as it then is (a step change restyles
    the screen, which a busy machine may not have done by the first pause)."""
    if phase == "ready":
        return
    await s.advance(PREPARE)
    if phase == "left hold":
        await s.advance(7)
    else:
        await s.advance(HOLD)
        if phase != "rest, rating open":
            await s.advance(SIDE_REST + 3)  # right hold, the left side's rating prompt still open
        assert s.rating.display
    await settle(s.app, s.pilot)
    await s.pilot.pause()


def assert_big_things_visible(s: Session, clock_text: str, banner_words: str) -> None:
    screen = s.screen
    lines = screen_lines(screen)
    clock, banner = screen.query_one("#clock"), s.banner
    assert is_visible(screen, clock), f"clock at {clock.region} is not shown on {screen.region}"
    assert is_visible(screen, banner), f"banner at {banner.region} is not shown on {screen.region}"
    assert s.shown == clock_text
    digits = [
        line[clock.region.x : clock.region.right] for line in lines[clock.region.y : clock.region.bottom]
    ]
    tall = digit_rows(tuple(digits))
    least = 5 if screen.size.height < 24 else 7
    if not s.rating.display:  # the prompt takes rows from the clock during a rest
        assert tall >= least, digits
    shown_banner = "".join(lines[banner.region.y : banner.region.bottom])
    assert banner_words in shown_banner


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    ("phase", "clock_text", "banner_words"),
    [
        ("ready", "2:10", "READY"),
        ("left hold", "23", "LEFT"),
        ("rest, rating open", "20", "REST"),
        ("right hold, rating open", "27", "RIGHT"),
    ],
)
async def test_digits_and_banner_are_visible(
    run_session: RunSession, size: tuple[int, int], phase: str, clock_text: str, banner_words: str
) -> None:
    async with run_session(size=size, start=phase != "ready") as s:
        await go_to(s, phase)
        assert_big_things_visible(s, clock_text, banner_words)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_rating_prompt_and_its_check_letters_are_visible(
    run_session: RunSession, size: tuple[int, int]
) -> None:
    async with run_session(size=size) as s:
        await go_to(s, "rest, rating open")
        assert is_visible(s.screen, s.rating), "\n".join(screen_lines(s.screen))
        text = "\n".join(screen_lines(s.screen))
        assert "[h] hip drop" in text and "[c] cramp" in text
        assert "0 = 10" in text


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_pause_overlay_is_visible_and_the_banner_too(
    run_session: RunSession, size: tuple[int, int]
) -> None:
    async with run_session(size=size) as s:
        await go_to(s, "left hold")
        await s.press("p")
        overlay = s.screen.query_one("#paused", Static)
        assert is_visible(s.screen, overlay)
        assert "PAUSED" in "\n".join(screen_lines(s.screen))
        assert is_visible(s.screen, s.banner)

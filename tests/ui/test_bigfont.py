"""The big figures: as large as the box allows, never clipped, and built once per size."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamtimer.ui import bigfont
from hamtimer.ui.bigfont import digit_rows, render

from ..support.figures import clock_box

texts = st.sampled_from(["0:30", "12:30", "30", "1:02:30", "0", "59", "7/10", "-15", "9:59"])
widths = st.integers(min_value=0, max_value=260)
heights = st.integers(min_value=0, max_value=80)


@given(texts, widths, heights)
def test_the_figures_stay_inside_the_box_in_equal_rows(text: str, width: int, height: int) -> None:
    rows = render(text, width, height)
    assert len(rows) <= height
    assert all(len(row) <= width for row in rows)
    assert len({len(row) for row in rows}) <= 1


@given(texts, widths, heights, st.integers(0, 60), st.integers(0, 30))
def test_a_larger_box_never_gives_smaller_figures(
    text: str, width: int, height: int, more_width: int, more_height: int
) -> None:
    small = render(text, width, height)
    large = render(text, width + more_width, height + more_height)
    assert digit_rows(small) <= digit_rows(large)
    if digit_rows(small) == digit_rows(large) and small and large:
        assert len(small[0]) <= len(large[0])


@pytest.mark.parametrize("text", ["0:30", "12:30", "30"])
@pytest.mark.parametrize(("terminal", "least"), [((60, 18), 5), ((80, 24), 7), ((200, 55), 19)])
def test_the_clock_meets_the_issue_minimums(text: str, terminal: tuple[int, int], least: int) -> None:
    width, height = clock_box(*terminal)
    rows = render(text, width, height)
    assert digit_rows(rows) >= least, "\n".join(rows)


def test_on_a_large_terminal_the_figures_take_about_40_percent_of_the_rows() -> None:
    for terminal in [(120, 40), (200, 55), (250, 70)]:
        rows = render("12:30", *clock_box(*terminal))
        assert digit_rows(rows) >= 0.4 * terminal[1]


def test_m_ss_fits_at_least_four_glyphs_across_60_columns() -> None:
    rows = render("12:30", *clock_box(60, 18))
    assert digit_rows(rows) >= 5 and len(rows[0]) <= 56


def test_too_narrow_for_the_big_font_first_the_3_row_font_then_plain_text() -> None:
    assert digit_rows(render("12:30", 20, 3)) == 3
    assert render("12:30", 10, 3) == ("12:30",)
    assert render("12:30", 3, 10) == ("12:",)
    assert render("12:30", 0, 10) == () and render("12:30", 10, 0) == ()


def test_a_character_the_font_lacks_means_plain_text() -> None:
    assert render("×3", 80, 20) == ("×3",)


def test_fit_keeps_the_size_when_a_countdown_drops_under_a_minute() -> None:
    box = clock_box(80, 24)
    at_a_minute = render("1:00", *box, fit="0:00")
    under = render("59", *box, fit="0:00")
    assert len(under) == len(at_a_minute)
    assert len(under[0]) < len(at_a_minute[0])  # same glyphs, fewer of them
    assert len(render("59", *box)[0]) > len(under[0])  # unfitted, it would grow


def test_every_digit_looks_different_at_every_size() -> None:
    for font, sy in bigfont.HEIGHTS[:8]:
        scale = bigfont.Scale(font, 1, sy)
        shapes = {bigfont.glyph(digit, scale) for digit in "0123456789"}
        assert len(shapes) == 10, scale


def test_a_countdown_reuses_the_cached_glyphs() -> None:
    box = clock_box(80, 24)
    render("0:00", *box)
    for digit in "123456789":
        render(f"0:{digit}0", *box)
    render.cache_clear()
    built = bigfont.glyph.cache_info().misses
    for second in range(300, -1, -1):
        render(f"{second // 60}:{second % 60:02d}", *box)
    assert bigfont.glyph.cache_info().misses == built

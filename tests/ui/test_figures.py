"""BigFigures on a session-like screen: large, centred, following resizes, inverting on demand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamtimer.ui.bigfont import digit_rows, render
from hamtimer.ui.widgets.figures import BigFigures, changed_columns

from ..support.figures import FiguresApp, shown_digit_rows, shown_rows


@pytest.mark.parametrize("text", ["0:30", "12:30", "30"])
@pytest.mark.parametrize(("size", "least"), [((60, 18), 5), ((80, 24), 7), ((200, 55), 19)])
async def test_the_figures_fill_the_free_rows(text: str, size: tuple[int, int], least: int) -> None:
    app = FiguresApp(text)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        assert shown_digit_rows(figures) >= least
        assert all(len(row) <= figures.size.width for row in shown_rows(figures))


async def test_the_figures_are_centred_both_ways() -> None:
    app = FiguresApp("0:30")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        rows = shown_rows(figures)
        inked = [index for index, row in enumerate(rows) if row.strip()]
        above, below = inked[0], len(rows) - 1 - inked[-1]
        assert abs(above - below) <= 1
        lefts = [len(row) - len(row.lstrip()) for row in rows if row.strip()]
        rights = [len(row) - len(row.rstrip()) for row in rows if row.strip()]
        assert abs(min(lefts) - min(rights)) <= 1


async def test_the_size_follows_a_resize_at_once() -> None:
    app = FiguresApp("12:30")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        before = shown_digit_rows(figures)
        await pilot.resize_terminal(200, 55)
        await pilot.pause()
        grown = shown_digit_rows(figures)
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        shrunk = shown_digit_rows(figures)
        assert shrunk < before < grown
        assert shrunk >= 5 and grown >= 19


async def test_a_new_text_is_shown_at_the_same_size() -> None:
    app = FiguresApp("0:30", fit="0:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        before = shown_rows(figures)
        figures.text = "0:29"
        await pilot.pause()
        after = shown_rows(figures)
        assert after != before
        assert shown_digit_rows(figures) == digit_rows(before)
        expected = render("0:29", figures.size.width, figures.size.height, "0:00")
        assert [row.strip() for row in after if row.strip()] == [row.strip() for row in expected]


async def test_inverted_figures_swap_foreground_and_background() -> None:
    app = FiguresApp("3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        middle = figures.size.height // 2
        plain = next(iter(figures.render_line(middle))).style
        figures.set_inverted(True)
        await pilot.pause()
        inverted = next(iter(figures.render_line(middle))).style
        assert plain is not None and inverted is not None
        assert plain.color is not None and plain.bgcolor is not None
        assert (inverted.color, inverted.bgcolor) == (plain.bgcolor, plain.color)
        figures.set_inverted(False)
        await pilot.pause()
        back = next(iter(figures.render_line(middle))).style
        assert back is not None and (back.color, back.bgcolor) == (plain.color, plain.bgcolor)


async def test_a_tiny_region_shows_plain_text_rather_than_nothing() -> None:
    app = FiguresApp("12:30")
    async with app.run_test(size=(12, 12)) as pilot:
        await pilot.pause()
        figures = app.query_one(BigFigures)
        assert any(row.strip() for row in shown_rows(figures))
        assert all(len(row) <= figures.size.width for row in shown_rows(figures))


def naive_changed_columns(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int] | None:
    differ = [x for x in range(len(new[0])) if any(a[x] != b[x] for a, b in zip(old, new, strict=True))]
    return (differ[0], differ[-1] + 1) if differ else None


@given(
    st.integers(1, 40).flatmap(
        lambda width: st.lists(
            st.tuples(
                st.text("█▀▄ ", min_size=width, max_size=width),
                st.text("█▀▄ ", min_size=width, max_size=width),
            ),
            min_size=1,
            max_size=8,
        )
    )
)
def test_the_repainted_columns_are_exactly_the_ones_that_changed(pairs: list[tuple[str, str]]) -> None:
    old, new = tuple(a for a, _ in pairs), tuple(b for _, b in pairs)
    assert changed_columns(old, new) == naive_changed_columns(old, new)


def test_a_change_of_shape_repaints_everything() -> None:
    assert changed_columns(("██",), ("███",)) is None
    assert changed_columns(("██",), ("██", "██")) is None
    assert changed_columns((), ("█",)) is None

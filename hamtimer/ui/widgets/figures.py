"""Big figures that fill their region: the countdown, count-up or rep count of the session screen.

The rows come from `bigfont.render` (cached per text and size) and are centred into the region's
lines once per text or size change. A tick that changes the text costs one join of cached glyph
rows and a repaint of the columns that changed (one figure of a countdown, most seconds), drawn
by `render_lines` as a slice of each line; nothing is laid out again.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from hamtimer.ui.bigfont import render

STRIPS_KEPT = 2000
"""Strips kept by their text before the cache starts again (a few hundred per size and fit)."""
INVERTED = "-inverted"
"""The class that swaps the figures' colours (the last seconds of a hold or rest)."""


def swapped(style: Style) -> Style:
    """`style` with its foreground and background exchanged, in real colours where they are known
    (so a capture of the screen shows the swap), else by reverse video."""
    if style.color is None or style.bgcolor is None:
        return style + Style(reverse=True)
    return style + Style(color=style.bgcolor, bgcolor=style.color, reverse=False)


def common_prefix(a: str, b: str) -> int:
    """How many leading characters two strings share, by halving slices (compared in C): a
    42-row countdown at 200x55 compares in microseconds, not the milliseconds of a per-cell loop."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def changed_columns(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int] | None:
    """The span of columns that differ between two renderings of the same shape (a countdown going
    from 25 to 24 changes one figure), or None when the shape changed and all must be drawn."""
    if not old or len(old) != len(new) or len(old[0]) != len(new[0]):
        return None
    width = len(new[0])
    start, end = width, 0
    for a, b in {(a, b) for a, b in zip(old, new, strict=True) if a != b}:  # rows repeat: once each
        start = min(start, common_prefix(a, b))
        end = max(end, width - common_prefix(a[::-1], b[::-1]))
    return (start, end) if start < end else None


class BigFigures(Widget):
    """Shows `text` in the big font, as large as its region allows, centred both ways."""

    DEFAULT_CSS = f"""
    BigFigures {{
        width: 1fr;
        height: 1fr;
        min-height: 1;
    }}
    BigFigures.{INVERTED} {{
        text-style: reverse;
    }}
    """

    text: reactive[str] = reactive("", layout=False, repaint=False)
    fit: reactive[str] = reactive("", layout=False, repaint=False)
    """A text the size must leave room for, e.g. "0:00" for a countdown from under ten minutes."""

    def __init__(
        self,
        text: str = "",
        *,
        fit: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: tuple[str, ...] = ()
        self._lines: tuple[str, ...] | None = None
        self._style: Style | None = None
        self._strips: dict[str, Strip] = {}
        """The strips drawn, by their text: a figure's rows repeat (each pixel is several rows
        tall), so do its columns from one second to the next, and a strip keeps what Textual
        cached on it (how the compositor cut it, its escape codes)."""
        self.set_reactive(BigFigures.text, text)
        self.set_reactive(BigFigures.fit, fit)

    @property
    def rows(self) -> tuple[str, ...]:
        """The figures' own rows, without the centring around them."""
        return self._rows

    def set_inverted(self, inverted: bool) -> None:
        self.set_class(inverted, INVERTED)

    def watch_text(self) -> None:
        self._update()

    def watch_fit(self) -> None:
        self._update()

    def on_resize(self, event: events.Resize) -> None:
        self._update(resized=True)

    def _update(self, resized: bool = False) -> None:
        width, height = self.size
        rows = render(self.text, width, height, self.fit)
        if not resized and rows == self._rows:
            return
        changed = None if resized else changed_columns(self._rows, rows)
        self._rows, self._lines = rows, None
        if changed is None:
            self.refresh()
        else:
            start, end = changed
            left = max(0, (width - len(rows[0])) // 2)
            top = max(0, (height - len(rows)) // 2)
            self.refresh(Region(left + start, top, end - start, len(rows)))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style = None
        self._strips.clear()
        self.refresh()

    def _drawn(self) -> tuple[tuple[str, ...], Style]:
        """Every line of the region as text (the rows centred in blanks), and the one style."""
        if self._lines is None:
            width, height = self.size
            blank = " " * width
            lines = [blank] * height
            top = max(0, (height - len(self._rows)) // 2)
            for index, row in enumerate(self._rows[:height]):
                left = max(0, (width - len(row)) // 2)
                lines[top + index] = (" " * left + row + blank)[:width]
            self._lines = tuple(lines)
            if len(self._strips) > STRIPS_KEPT:
                self._strips.clear()
        if self._style is None:
            style = self.rich_style
            self._style = swapped(style + Style(reverse=False)) if style.reverse else style
        return self._lines, self._style

    def _strip(self, text: str, style: Style) -> Strip:
        strip = self._strips.get(text)
        if strip is None:
            strip = self._strips[text] = Strip([Segment(text, style)], len(text))
        return strip

    def render_line(self, y: int) -> Strip:
        lines, style = self._drawn()
        return self._strip(lines[y], style) if 0 <= y < len(lines) else Strip.blank(self.size.width)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of `crop` straight from the drawn text, past Textual's styles cache.

        Why: the cache styles each repainted line again (about 20 us a line) and then cuts it to
        the crop; the figures have no border, padding, tint or opacity to style, so each line is
        one segment of text cut to the crop. At 200x55 a tick repaints about 40 lines of one
        figure (docs/benchmarks.md, issue 21). The app's line filters (NO_COLOR) still apply."""
        lines, style = self._drawn()
        start, end = crop.column_span
        strips = [
            self._strip(lines[y][start:end], style) if 0 <= y < len(lines) else Strip.blank(end - start)
            for y in crop.line_range
        ]
        filters = self.get_line_filters()
        if filters:
            background = self.background_colors[1]
            for line_filter in filters:
                strips = [strip.apply_filter(line_filter, background) for strip in strips]
        return strips

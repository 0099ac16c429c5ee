"""The big number: a countdown, a count-up or a rep count, in three-row digits.

It draws its three rows from cached strips rather than through Rich each frame, and asks for a
layout only when its width changes: it is the one thing that repaints every second.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.reactive import reactive
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.strip import Strip
from textual.widget import Widget

from hamtimer.core.formatting import clock


def glyph_rows(text: str) -> tuple[str, str, str]:
    """The three rows of `text` in the bold 3x3 digit font (":" and digits; others as is)."""
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for character in text:
        position = DIGITS.find(character)
        if position < 0:
            rows[0].append(" ")
            rows[1].append(" ")
            rows[2].append(character)
            continue
        for row in range(3):
            rows[row].append(DIGITS3X3_BOLD[position * 3 + row].ljust(3))
    return ("".join(rows[0]), "".join(rows[1]), "".join(rows[2]))


class BigClock(Widget):
    """Big digits bound to a reactive string, so a 10 Hz caller repaints once a second."""

    DEFAULT_CSS = "BigClock { width: auto; height: 3; }"
    shown: reactive[str] = reactive("", repaint=False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows = glyph_rows("")
        self._strips: list[Strip] | None = None

    def watch_shown(self, old: str, new: str) -> None:
        rows = glyph_rows(new)
        resized = len(rows[0]) != len(self._rows[0])
        self._rows, self._strips = rows, None
        self.refresh(layout=resized)

    def get_content_width(self, container: object, viewport: object) -> int:
        return len(self._rows[0])

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 3

    def render_line(self, y: int) -> Strip:
        if self._strips is None:
            style = self.rich_style
            self._strips = [Strip([Segment(row, style)], len(row)) for row in self._rows]
        return self._strips[y] if 0 <= y < 3 else Strip.blank(self.size.width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None


def clock_text(seconds: int) -> str:
    """Whole seconds as m:ss (or h:mm:ss); under a minute, just the seconds."""
    if seconds < 60:
        return str(seconds)
    return clock(seconds)

"""One-line widgets that repaint only when what they show changes, without a layout pass."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static


class Line(Static):
    """A Static of fixed height whose text is set often: unchanged text costs nothing."""

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self._shown = text

    def show(self, text: str) -> None:
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)


class ProgressLine(Widget):
    """The session's progress as a one-line bar, and the time left at its right end; repaints
    only when a cell fills or the words change.

    Drawn in the text colour (thick done, thin to go), so it reads on every phase's background.
    One widget for the row rather than a bar and a line beside it: a widget less to mount before
    the first frame (bench_session.py --only first-frame)."""

    DEFAULT_CSS = "ProgressLine { height: 1; }"
    LEFT_WIDTH = 14
    """The cells of the time left, after a space."""
    cells: reactive[int] = reactive(0)
    left: reactive[str] = reactive("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.fraction = 0.0

    @property
    def bar_width(self) -> int:
        return max(0, self.size.width - self.LEFT_WIDTH - 1)

    def show(self, fraction: float, left: str | None = None) -> None:
        self.fraction = min(1.0, max(0.0, fraction))
        self.cells = int(self.fraction * self.bar_width)
        if left is not None:
            self.left = left

    def on_resize(self) -> None:
        self.show(self.fraction)

    def render(self) -> Text:
        width = self.bar_width
        done = min(self.cells, width)
        words = self.left[: self.LEFT_WIDTH].rjust(self.LEFT_WIDTH)
        return Text.assemble(("━" * done, "bold"), ("─" * (width - done), ""), " ", words)

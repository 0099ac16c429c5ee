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
    """The session's progress as a one-line bar; repaints only when a cell fills.

    Drawn in the text colour (thick done, thin to go), so it reads on every phase's background."""

    DEFAULT_CSS = "ProgressLine { height: 1; }"
    cells: reactive[int] = reactive(0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.fraction = 0.0

    def show(self, fraction: float) -> None:
        self.fraction = min(1.0, max(0.0, fraction))
        self.cells = int(self.fraction * self.size.width)

    def on_resize(self) -> None:
        self.show(self.fraction)

    def render(self) -> Text:
        width = self.size.width
        done = min(self.cells, width)
        return Text.assemble(("━" * done, "bold"), ("─" * (width - done), ""))

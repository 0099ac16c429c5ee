"""The soreness check-in before a session: how each hamstring feels, one key a side."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

SORENESS_KEYS = {str(n): n for n in range(10)} | {"x": 10}
"""0 (none) to 9, and x for 10 (worst)."""


class SorenessCheckIn(ModalScreen[tuple[int, int] | None]):
    """How does each hamstring feel? Two keys, left then right; enter or esc skips."""

    BINDINGS = [Binding("enter,escape,space", "skip", "Skip")]

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="soreness", classes="dialog"):
            yield Static("[b]How do your hamstrings feel?[/b]", classes="title")
            yield Static(self._prompt(), id="soreness-prompt")
            yield Static("0 none … 9, x for 10 (worst) · enter or esc skips", classes="hint")

    def _prompt(self) -> str:
        side = "LEFT" if not self.levels else "RIGHT"
        done = f"left {self.levels[0]} · " if self.levels else ""
        return f"{done}[b]{side}[/b]: press 0-9 or x"

    def on_key(self, event: events.Key) -> None:
        level = SORENESS_KEYS.get(event.character or "")
        if level is None:
            return
        event.stop()
        self.levels.append(level)
        if len(self.levels) == 2:
            self.dismiss((self.levels[0], self.levels[1]))
            return
        self.query_one("#soreness-prompt", Static).update(self._prompt())

    def action_skip(self) -> None:
        self.dismiss(None)

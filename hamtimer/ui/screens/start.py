"""The start panel's own parts: what history made of today (targets, waiting exercises, first
sides) and the soreness check-in. Kept small: the session screen shows it in its first frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from hamtimer.core.session.plan import Plan
from hamtimer.core.session.runner import SessionRunner
from hamtimer.core.training.progression import progress_lines


def today_text(plan: Plan) -> str:
    """Today's targets and why, the exercises that wait and what they need, who starts."""
    if plan.progress is None:
        return ""
    lines = [escape(line) for line in progress_lines(plan.program, plan.progress)]
    if plan.has_waiting:
        lines.append("[b]a[/b] includes the waiting exercises, this session only")
    return "\n".join(lines)


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


def ask_soreness(app: App[Any], runner: Callable[[], SessionRunner]) -> None:
    """The check-in, before the start; the answer goes to the session's runner of the moment."""

    def answered(levels: tuple[int, int] | None) -> None:
        if levels is not None:
            runner().record_soreness(*levels)
            app.notify(f"Soreness: left {levels[0]}, right {levels[1]}", timeout=3)

    app.push_screen(SorenessCheckIn(), answered)

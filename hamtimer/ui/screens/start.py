"""The start panel's own parts: what history made of today (targets, waiting exercises, first
sides), and asking for the soreness check-in. Kept small: the session screen shows it in its first
frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.markup import escape

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


def ask_soreness(app: App[Any], runner: Callable[[], SessionRunner]) -> None:
    """The check-in, before the start; the answer goes to the session's runner of the moment."""

    def answered(levels: tuple[int, int] | None) -> None:
        if levels is not None:
            runner().record_soreness(*levels)
            app.notify(f"Soreness: left {levels[0]}, right {levels[1]}", timeout=3)

    from hamtimer.ui.screens.soreness import SorenessCheckIn  # a dialog: after the first frame

    app.push_screen(SorenessCheckIn(), answered)

"""The big number: a countdown, a count-up or a rep count, repainted only when it changes."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Digits


class BigClock(Digits):
    """Big digits bound to a reactive string, so a 10 Hz caller repaints once a second."""

    shown: reactive[str] = reactive("")

    def watch_shown(self, value: str) -> None:
        self.update(value)


def clock_text(seconds: int) -> str:
    """Whole seconds as m:ss (or h:mm:ss); under a minute, just the seconds."""
    if seconds < 60:
        return str(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

"""The reference for a hold's CPU: the simplest Textual countdown there is.

A `Digits` widget on a coloured screen, updated by `set_interval(1.0)`, with Textual's stock
driver. It counts down from FROM seconds (default 30) to 1 and then from FROM again, as a series
of holds does, shown as the session screen's clock shows them (seconds, or m:ss from a minute).
bench/bench_session.py measures its CPU beside a hamtimer hold's, in the same run.

Run: python bench/ref_countdown.py [FROM]
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Digits


def shown(seconds: int) -> str:
    return str(seconds) if seconds < 60 else f"{seconds // 60}:{seconds % 60:02d}"


class Countdown(App[None]):
    CSS = """
    Screen { background: darkgreen; align: center middle; }
    Digits { width: auto; color: white; }
    """

    def __init__(self, start: int) -> None:
        super().__init__()
        self.start = start
        self.left = start

    def compose(self) -> ComposeResult:
        yield Digits(shown(self.left))

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.left = self.left - 1 if self.left > 1 else self.start
        self.query_one(Digits).update(shown(self.left))


if __name__ == "__main__":
    Countdown(int(sys.argv[1]) if len(sys.argv) > 1 else 30).run()

"""The LEFT / RIGHT banner: the side, big and in its own colour, readable from the mat."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from hamtimer.core.kinds import Side

LABELS = {"left": "◀  LEFT LEG", "right": "RIGHT LEG  ▶", "both": "BOTH LEGS", "rest": "REST"}


class SideBanner(Static):
    """Shows which side works now; its CSS class carries the side's colour."""

    side: reactive[str] = reactive("both")

    def watch_side(self, old: str, new: str) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")

    def show(self, side: Side | None, resting: bool = False, label: str | None = None) -> None:
        self.side = "rest" if resting else (side.value if side else "both")
        self.update(label or LABELS[self.side])

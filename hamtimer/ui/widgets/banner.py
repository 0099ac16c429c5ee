"""The side banner: LEFT or RIGHT, three rows tall, with an arrow toward that side.

It is drawn in reverse of the phase's colours (the phase text colour as its background), so it
stands out on a screen already in the phase's colour, and in reverse video with NO_COLOR.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from hamtimer.core.kinds import Side

LABELS = {
    "left": "◀◀◀   LEFT LEG   ◀◀◀",
    "right": "▶▶▶   RIGHT LEG   ▶▶▶",
    "both": "BOTH LEGS",
    "rest": "REST",
}


class SideBanner(Static):
    """Shows which side works now; its CSS class (-left, -right, -both, -rest) places and colours it."""

    side: reactive[str] = reactive("both")

    def watch_side(self, old: str, new: str) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")

    def show(self, side: Side | None, resting: bool = False, label: str | None = None) -> None:
        self.side = "rest" if resting else (side.value if side else "both")
        self.update(label or LABELS[self.side])

"""The calendar of the work done over the last weeks (issue 20), drawn to the width it is given."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from hamtimer.core.training.calendar import Calendar
from hamtimer.heatmap import ROWS, heatmap


class WeeksCalendar(Widget):
    """The heat map of `hamtimer history --calendar`: as many weeks as the width holds."""

    def __init__(self, calendar: Calendar, colour: bool = True, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.calendar = calendar
        self.colour = colour
        """False with NO_COLOR: the shades are characters."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return ROWS

    def render(self) -> Text:
        return heatmap(self.calendar, self.content_size.width, self.colour)

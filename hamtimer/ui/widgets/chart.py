"""Issue 12: an exercise's left and right over time as a chart (textual-plotext's widget).

Imported only when the history screen has its report, so plotext never slows the app's start.
The drawing itself is `hamtimer.charts`'s, shared with `hamtimer history --plot`.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from hamtimer.charts import draw_exercise, draw_soreness
from hamtimer.core.history.report import ExerciseReport
from hamtimer.core.history.soreness import SorenessReport


class ExerciseChart(PlotextPlot):
    """Left (L) and right (R) per session, dates along the bottom, the goal as a flat line."""

    def __init__(self, item: ExerciseReport, classes: str = "") -> None:
        super().__init__(classes=f"chart {classes}".strip())
        self.item = item
        draw_exercise(self.plt, item)


class SorenessChart(PlotextPlot):
    """Soreness per side, 0 to 10, over the sessions that asked for it."""

    def __init__(self, soreness: SorenessReport) -> None:
        super().__init__(classes="chart soreness-chart")
        self.soreness = soreness
        draw_soreness(self.plt, soreness)

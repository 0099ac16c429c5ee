"""Issue 12: left and right over time, one chart per exercise, drawn with plotext.

The same drawing serves `hamtimer history --plot` (plotext's own figure, printed) and the history
screen (textual-plotext's widget, whose `plt` has plotext's API). plotext is imported only when a
chart is drawn, so neither the app's start nor `history --json` pays for it.

Each chart: the left side as L, the right as R (readable without colour), dates on the x axis,
the goal's value as a horizontal line, the verdict (with its band) as the title.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from hamtimer.core.formatting import unit
from hamtimer.core.history.report import ExerciseReport, Report
from hamtimer.core.history.soreness import SorenessReport
from hamtimer.core.kinds import Side

DATE_IN = "Y-m-d H:M:S"
DATE_OUT = "d/m"
SIDE_STYLE = {Side.LEFT: ("L", "blue"), Side.RIGHT: ("R", "orange"), Side.BOTH: ("B", "green")}
BAND_ANSI = {"green": "32", "amber": "33", "red": "31", "mixed": "35"}
GOAL_COLOUR = "gray"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plot_date(started: str) -> str:
    """A session's `started` (ISO 8601) as plotext reads dates (DATE_IN), in the session's own time."""
    try:
        return datetime.fromisoformat(started).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return started[:10] + " 00:00:00"


MAX_TICKS = 6


def date_ticks(plt: Any, dates: list[str]) -> None:
    """Ticks at sessions' own dates, up to MAX_TICKS spread evenly in time, never a label twice:
    day/month within a year, month/year over longer spans."""
    moments = sorted({datetime.strptime(d, "%Y-%m-%d %H:%M:%S") for d in dates})
    if not moments:
        return
    first, last = moments[0], moments[-1]
    label = "%d/%m" if (last - first).days < 330 else "%m/%y"
    chosen: dict[str, datetime] = {}
    for k in range(MAX_TICKS):
        aim = first + (last - first) * k / (MAX_TICKS - 1)
        nearest = min(moments, key=lambda m: abs(m - aim))
        chosen.setdefault(nearest.strftime(label), nearest)
    plt.xticks([m.strftime("%Y-%m-%d %H:%M:%S") for m in chosen.values()], list(chosen))


def draw_exercise(plt: Any, item: ExerciseReport) -> None:
    """One exercise on `plt` (plotext, or a PlotextPlot's `plt`): a series per side, the goal."""
    plt.clear_data()
    plt.date_form(DATE_IN, DATE_OUT)
    every: list[str] = []
    for side, report in item.sides.items():
        if report.values:
            marker, colour = SIDE_STYLE[side]
            dates = [plot_date(d) for d in report.dates]
            every += dates
            plt.plot(dates, report.values, label=side.value, marker=marker, color=colour)
    date_ticks(plt, every)
    title = item.exercise
    if item.goal is not None:
        plt.hline(item.goal.value, GOAL_COLOUR)
        title += f" · goal {item.goal.value:g} {unit(item.goal.kind)}: the flat line"
    plt.title(title)
    plt.ylabel(unit(item.work))


def draw_soreness(plt: Any, soreness: SorenessReport) -> None:
    """Soreness per side, 0 to 10, over the sessions that hold it."""
    plt.clear_data()
    plt.date_form(DATE_IN, DATE_OUT)
    for name, found in soreness.sides.items():
        if found.values:
            marker, colour = SIDE_STYLE[Side(name)]
            plt.plot(
                [plot_date(d) for d in found.dates], found.values, label=name, marker=marker, color=colour
            )
    plt.ylim(0, 10)
    plt.title("Soreness, 0 (none) to 10")
    plt.ylabel("0-10")


def _figure(draw: Any, subject: Any, width: int, height: int, colour: bool) -> str:
    import plotext as plt

    plt.clear_figure()
    plt.theme("clear")
    plt.plotsize(width, height)
    draw(plt, subject)
    text = str(plt.build())
    return text if colour else _ANSI.sub("", text)


def plot_report(report: Report, colour: bool, width: int = 80, height: int = 16) -> str:
    """`history --plot`: a chart per exercise (and one of soreness), one under the other."""
    width = max(40, min(width, 120))
    charts: list[str] = []
    for item in report.exercises:
        heading = f"{item.exercise} · {item.sessions} sessions · {item.verdict}"
        if colour and item.band is not None:
            heading = f"\033[{BAND_ANSI[item.band]}m{heading}\033[0m"
        charts += [heading, _figure(draw_exercise, item, width, height, colour)]
        charts += [f"  form broke: {found.words}" for found in item.form_breaks]
        charts.append("")
    if report.soreness is not None:
        charts += [
            report.soreness.words(),
            _figure(draw_soreness, report.soreness, width, height - 4, colour),
            "",
        ]
    if not charts:
        return "no sessions yet"
    return "\n".join([*charts, "A training aid, not a diagnosis."])

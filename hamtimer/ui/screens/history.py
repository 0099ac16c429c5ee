"""The history screen: the calendar of the last weeks (issue 20), then per exercise, left and
right over the sessions, and which side lags.

Each exercise has a chart (left and right over time, the goal as a line, framed in the band's
colour) where one fits, else a sparkline per side; the comparison is said in words
(`core/history/verdict.py`), never as a band from fewer than 3 sessions.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Sparkline, Static

from hamtimer.core.formatting import measure, unit
from hamtimer.core.history.reader import report_and_work
from hamtimer.core.history.report import ExerciseReport, Report
from hamtimer.history_weeks import Weeks, weeks_of, weeks_since

BAND_STYLE = {"green": "green", "amber": "yellow", "red": "red", "mixed": "magenta"}
CHART_MIN_WIDTH = 60
CHART_MIN_HEIGHT = 20
"""A chart needs at least this terminal; smaller ones get a sparkline per side."""


@dataclass(frozen=True)
class Loaded:
    report: Report
    weeks: Weeks


def load_history(data_dir: Path, today: date | None = None) -> Loaded:
    """The report (with each side's series, for the charts) and the calendar of the weeks."""
    from hamtimer.core.settings import load_settings

    report, done = report_and_work(data_dir, series=True, since=weeks_since(today))
    return Loaded(report, weeks_of(done, load_settings().per_week, today))


def verdict(item: ExerciseReport) -> str:
    """The comparison in words, with the band in its colour (markup)."""
    words = escape(item.verdict)
    if item.band is None:
        return words
    colour = BAND_STYLE[item.band]
    return f"[{colour}]{words}[/{colour}]"


def goal_text(item: ExerciseReport) -> str:
    goal = item.goal
    if goal is None:
        return ""
    if goal.met:
        return (
            f"[b green]goal met[/b green]: {goal.value:g} {unit(goal.kind)}, {goal.streak} sessions in a row"
        )
    return f"goal {goal.value:g} {unit(goal.kind)}: {goal.streak}/{goal.needed} sessions in a row"


class ExerciseHistory(Vertical):
    """One exercise: its verdict line, a chart (or a sparkline per side), and when form broke."""

    def __init__(self, item: ExerciseReport, charts: bool = False) -> None:
        band = f" -band-{item.band}" if item.band else ""
        super().__init__(classes=f"exercise-history{band}")
        self.item = item
        self.charts = charts

    def compose(self) -> ComposeResult:
        item = self.item
        gap = "" if item.difficulty_gap is None else f" · effort R-L {item.difficulty_gap:+.1f}"
        yield Static(
            f"[b]{escape(item.exercise)}[/b] · {item.sessions} sessions · {verdict(item)}{gap}"
            + (f" · {goal_text(item)}" if item.goal else "")
        )
        if self.charts:
            from hamtimer.ui.widgets.chart import ExerciseChart

            yield ExerciseChart(item)
        for side, report in item.sides.items():
            with Horizontal(classes="side-history"):
                yield Static(f"{side:>5}", classes=f"side-label -{side}")
                if not self.charts:
                    yield Sparkline(report.values or [0.0], classes=f"-{side}")
                yield Static(
                    f"latest {measure(report.latest, item.work)} · mean {measure(report.mean, item.work)} · "
                    f"best {measure(report.best, item.work)}",
                    classes="side-figures",
                )
        for found in item.form_breaks:
            yield Static(f"form broke: {escape(found.words)}", classes="form-break")


class HistoryScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,h", "close", "Back")]

    def __init__(self, data_dir: Path, today: date | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static("[b]History[/b] · left against right, session after session", classes="title")
        yield VerticalScroll(Static("Reading the session logs…"), id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Parse the logs off the event loop (2,000 cold files take seconds), then show them."""
        loaded = await asyncio.to_thread(load_history, self.data_dir, self.today)
        await self.show(loaded.report, loaded.weeks)

    async def show(self, report: Report, weeks: Weeks | None = None) -> None:
        box = self.query_one("#history", VerticalScroll)
        await box.remove_children()
        charts = self.size.width >= CHART_MIN_WIDTH and self.size.height >= CHART_MIN_HEIGHT
        if weeks is not None and report.exercises:
            from hamtimer.core.settings import no_color
            from hamtimer.ui.widgets.weeks import WeeksCalendar

            await box.mount(WeeksCalendar(weeks.calendar, colour=not no_color(os.environ)))
        if not report.exercises:
            await box.mount(Static(f"No sessions yet in {escape(str(self.data_dir))}."))
        else:
            await box.mount_all([ExerciseHistory(item, charts) for item in report.exercises])
        if report.soreness is not None:
            widgets: list[Widget] = [Static(escape(report.soreness.words()), classes="soreness")]
            if charts:
                from hamtimer.ui.widgets.chart import SorenessChart

                widgets.append(SorenessChart(report.soreness))
            await box.mount_all(widgets)
        if report.skipped:
            lines = "\n".join(f"  {escape(f)}: {escape(r)}" for f, r in report.skipped)
            await box.mount(Static(f"[b]Skipped files[/b] (left untouched):\n{lines}", classes="hint"))
        await box.mount(Static("A training aid, not a diagnosis.", classes="hint"))

    def action_close(self) -> None:
        self.dismiss()

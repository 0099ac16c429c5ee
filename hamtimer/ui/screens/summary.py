"""The end of a session: left against right for every exercise done, and a last rating."""

from __future__ import annotations

import asyncio
import contextlib

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamtimer.core.formatting import clock, decimal, home_path, unit
from hamtimer.core.history.reader import last_times
from hamtimer.core.history.report import LastTime
from hamtimer.core.history.summary import active_seconds, engine_results, summarize
from hamtimer.core.history.tally import ExerciseTally
from hamtimer.core.session.engine import Status
from hamtimer.core.session.events import Event
from hamtimer.core.session.runner import SessionRunner
from hamtimer.core.training.progression import next_time_lines, this_week
from hamtimer.summary_table import summary_table
from hamtimer.ui.messages import OpenHistory, SummaryClosed
from hamtimer.ui.widgets.rating import RatingPanel


def compare_text(today: list[ExerciseTally], found: dict[str, LastTime]) -> str:
    """Today against last time, a line per exercise done before."""
    lines = []
    for item in today:
        before = found.get(item.name)
        if before is None:
            continue
        parts = []
        for side, now in item.sides.items():
            old, new = before.values.get(side), now.mean
            if old is not None and new is not None:
                parts.append(f"{side} {decimal(old)} → {decimal(new)} {unit(item.work)} ({new - old:+.1f})")
        if parts:
            lines.append(f"  {escape(item.name)}: " + ", ".join(parts))
    return "[b]Compared with last time[/b]\n" + "\n".join(lines) if lines else ""


class SummaryScreen(Screen[None]):
    """Shows the session's results; the last side, which had no rest after it, can be rated here."""

    BINDINGS = [
        Binding("enter,q", "close", "Close"),
        Binding("escape", "close_rating", "Skip rating", show=False),
        Binding("slash", "history", "History", key_display="/"),
        Binding("h", "history", show=False),
    ]

    def __init__(self, runner: SessionRunner, fit_note: str | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.engine = runner.engine
        self.fit_note = fit_note
        """What the FIT export at the end did (with [export] fit), shown under where the log is."""

    def compose(self) -> ComposeResult:
        engine = self.engine
        title = "Session complete" if engine.status is Status.FINISHED else "Session stopped"
        sides = len(engine.results)
        with VerticalScroll(id="summary"):
            yield Static(f"[b]{title}[/b] · {escape(engine.plan.program.name)}", classes="title")
            yield Static(f"{sides} sides or sets done in {clock(active_seconds(engine))}.")
            yield Static(id="week")  # issue 20: "2 of 2 this week", once the logs are read
            yield Static(id="saved", classes="hint")
            if self.fit_note is not None:
                yield Static(escape(self.fit_note), id="fit", classes="hint")
            yield Static(id="summary-table")
            yield Static(id="last-time")
            yield Static(id="next-time")  # issue 11: which targets rise next time
        yield RatingPanel(id="rating")
        yield Footer()

    def on_mount(self) -> None:
        panel = self.query_one(RatingPanel)
        last = self.engine.last_done
        if last is not None and last.difficulty is None:
            panel.ask(last)
        else:
            panel.close()
        self.runner.subscribe(self.on_runner_events)
        self.redraw()
        self.compare_with_last_time()
        self.count_the_week()

    def on_unmount(self) -> None:
        self.runner.unsubscribe(self.on_runner_events)

    def on_runner_events(self, events: list[Event]) -> None:
        self.redraw()

    @work(exclusive=True)
    async def compare_with_last_time(self) -> None:
        """Today against the newest earlier session holding the same exercises (read off-loop)."""
        log_path, data_dir = self.runner.log_path, self.runner.data_dir
        exclude = None
        if log_path is not None:
            try:
                exclude = log_path.relative_to(data_dir).as_posix()
            except ValueError:
                exclude = None
        today = summarize(engine_results(self.engine))
        names = {item.name for item in today}
        found = await asyncio.to_thread(last_times, data_dir, names, exclude)
        with contextlib.suppress(NoMatches):  # the summary closed while history was read
            self.query_one("#last-time", Static).update(compare_text(today, found))

    @work(exclusive=True, group="week")
    async def count_the_week(self) -> None:
        """Issue 20: this week's sessions, this one included, against the weekly target (off-loop)."""
        progress = self.engine.plan.progress
        week = self.query_one("#week", Static)
        week.display = False
        if progress is None or progress.week is None:
            return
        found = await asyncio.to_thread(this_week, self.runner.data_dir, progress.week.target)
        week.display = True
        week.update(escape(found.done_words))

    def redraw(self) -> None:
        problem, log_path = self.runner.log_problem, self.runner.log_path
        saved = self.query_one("#saved", Static)
        if problem:
            saved.update(f"[b red]The log could not be saved[/b red] ({escape(problem)}): "
                         "[b]w[/b] writes it to another folder.")  # fmt: skip
        elif log_path is not None:
            saved.update(f"Saved to {escape(home_path(log_path))}")
        table = self.query_one("#summary-table", Static)
        table.update(summary_table(self.engine) if self.engine.results else "Nothing was recorded.")
        self.query_one(RatingPanel).redraw()
        rising = next_time_lines(self.engine.plan, summarize(engine_results(self.engine)))
        next_time = self.query_one("#next-time", Static)
        next_time.display = bool(rising)
        next_time.update(escape("\n".join(rising)))

    def on_key(self, event: events.Key) -> None:
        """The rating prompt reads its keys first (h may be a check); "/" always opens History."""
        command = self.query_one(RatingPanel).command(event.character)
        if command is not None:
            event.stop()
            self.post_message(command)

    def action_close_rating(self) -> None:
        self.query_one(RatingPanel).close()

    def action_history(self) -> None:
        self.post_message(OpenHistory())

    def action_close(self) -> None:
        self.post_message(SummaryClosed())

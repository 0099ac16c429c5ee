"""The end of a session: left against right for every exercise done, and a last rating."""

from __future__ import annotations

import asyncio

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamtimer.core.engine import Engine, Status
from hamtimer.core.events import Event
from hamtimer.core.history import LastTime, last_times
from hamtimer.core.paths import cache_dir
from hamtimer.core.program import WorkKind
from hamtimer.core.session import SessionRunner
from hamtimer.core.sessions import collect
from hamtimer.core.summary import ExerciseSummary, SideSummary, summarize
from hamtimer.render import clock
from hamtimer.ui.messages import OpenHistory, SummaryClosed
from hamtimer.ui.widgets.rating import RatingPanel


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _value(work: WorkKind, side: SideSummary | None) -> str:
    if side is None:
        return ""
    sets = f" ({side.completed}/{side.done})" if side.done > 1 or side.completed < side.done else ""
    mean = side.mean
    if mean is None:
        return f"done{sets}"
    unit = "reps" if work is WorkKind.REPS else "s"
    return f"{_num(mean)} {unit}{sets}"


def _difficulty(side: SideSummary | None) -> str:
    return "-" if side is None or side.difficulty is None else _num(side.difficulty)


def _flags(summary: ExerciseSummary) -> Text:
    parts = []
    for name, side in summary.sides.items():
        prefix = "" if name == "both" else f"{name[0].upper()}: "
        for flag, count in side.flags.items():
            parts.append(f"{prefix}{flag}{f' ×{count}' if count > 1 else ''}")
    return Text(", ".join(parts))


def active_seconds(engine: Engine) -> float:
    """Time from start to end, pauses excluded."""
    if engine.started_at is None or engine.ended_at is None:
        return 0.0
    return max(0.0, engine.ended_at - engine.started_at - engine.paused_total)


def summary_table(engine: Engine) -> Table:
    results = [engine.results[i] for i in sorted(engine.results)]
    table = Table(header_style="bold", show_edge=False, pad_edge=False)
    table.add_column("Exercise", no_wrap=True, min_width=17)
    for column in ("Left", "Right", "L vs R", "Effort L/R"):
        table.add_column(column, no_wrap=True)
    table.add_column("Flags", overflow="fold")
    for summary in summarize(results):
        if summary.one_leg:
            left, right = summary.sides.get("left"), summary.sides.get("right")
            found = summary.asymmetry()
            if found is None:
                gap = "-"
            elif found.weaker is None:
                gap = "even"
            else:
                gap = f"{found.weaker} -{found.pct:.0f}%"
            table.add_row(
                Text(summary.name), _value(summary.work, left), _value(summary.work, right), gap,
                f"{_difficulty(left)} / {_difficulty(right)}", _flags(summary),
            )  # fmt: skip
        else:
            both = summary.sides["both"]
            table.add_row(
                Text(summary.name), _value(summary.work, both), "", "both legs", _difficulty(both),
                _flags(summary),
            )  # fmt: skip
    return table


def compare_text(today: list[ExerciseSummary], found: dict[str, LastTime]) -> str:
    """Today against last time, a line per exercise done before."""
    lines = []
    for item in today:
        before = found.get(item.name)
        if before is None:
            continue
        unit = "reps" if item.work is WorkKind.REPS else "s"
        parts = []
        for side, now in item.sides.items():
            old, new = before.values.get(side), now.mean
            if old is not None and new is not None:
                parts.append(f"{side} {_num(old)} → {_num(new)} {unit} ({new - old:+.1f})")
        if parts:
            lines.append(f"  {escape(item.name)}: " + ", ".join(parts))
    return "[b]Compared with last time[/b]\n" + "\n".join(lines) if lines else ""


class SummaryScreen(Screen[None]):
    """Shows the session's results; the last side, which had no rest after it, can be rated here."""

    BINDINGS = [
        Binding("enter,q", "close", "Close"),
        Binding("escape", "close_rating", "Skip rating", show=False),
        Binding("h", "history", "History"),
    ]

    def __init__(self, runner: SessionRunner) -> None:
        super().__init__()
        self.runner = runner
        self.engine = runner.engine

    def compose(self) -> ComposeResult:
        engine = self.engine
        title = "Session complete" if engine.status is Status.FINISHED else "Session stopped"
        sides = len(engine.results)
        with VerticalScroll(id="summary"):
            yield Static(f"[b]{title}[/b] · {escape(engine.plan.program.name)}", classes="title")
            yield Static(f"{sides} sides or sets done in {clock(active_seconds(engine))}.")
            yield Static(id="saved", classes="hint")
            yield Static(id="summary-table")
            yield Static(id="last-time")
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

    def on_unmount(self) -> None:
        self.runner.unsubscribe(self.on_runner_events)

    def on_runner_events(self, events: list[Event]) -> None:
        self.redraw()

    @work(exclusive=True)
    async def compare_with_last_time(self) -> None:
        """Today against the newest earlier session holding the same exercises (read off-loop)."""
        journal, data_dir = self.runner.journal, self.runner.data_dir
        exclude = None
        if journal is not None and journal.path is not None:
            try:
                exclude = journal.path.relative_to(data_dir).as_posix()
            except ValueError:
                exclude = None
        today = summarize(self.engine.results[i] for i in sorted(self.engine.results))
        names = {item.name for item in today}
        collection = await asyncio.to_thread(collect, data_dir, cache_dir() / "history-v1.json")
        found = last_times(collection, names, exclude)
        self.query_one("#last-time", Static).update(compare_text(today, found))

    def redraw(self) -> None:
        journal = self.runner.journal
        saved = self.query_one("#saved", Static)
        if journal is not None and journal.error:
            saved.update(f"[b red]The log could not be saved[/b red] ({escape(journal.error)}): "
                         "[b]w[/b] writes it to another folder.")  # fmt: skip
        elif journal is not None and journal.path is not None:
            saved.update(f"Saved to {escape(str(journal.path))}")
        table = self.query_one("#summary-table", Static)
        table.update(summary_table(self.engine) if self.engine.results else "Nothing was recorded.")
        self.query_one(RatingPanel).redraw()

    def on_key(self, event: events.Key) -> None:
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

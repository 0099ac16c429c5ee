"""The end of a session: left against right for every exercise done."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamtimer.core.engine import Engine, Status
from hamtimer.core.program import WorkKind
from hamtimer.core.summary import ExerciseSummary, SideSummary, summarize
from hamtimer.render import clock


def _value(work: WorkKind, side: SideSummary | None) -> str:
    if side is None:
        return ""
    sets = f" ({side.completed}/{side.done})" if side.done > 1 or side.completed < side.done else ""
    mean = side.mean
    if mean is None:
        return f"done{sets}"
    unit = "reps" if work is WorkKind.REPS else "s"
    return f"{mean:.1f}".removesuffix(".0") + f" {unit}{sets}"


def _difficulty(side: SideSummary | None) -> str:
    return "-" if side is None or side.difficulty is None else f"{side.difficulty:.1f}".removesuffix(".0")


def _flags(summary: ExerciseSummary) -> str:
    parts = []
    for name, side in summary.sides.items():
        for flag, count in side.flags.items():
            times = f" ×{count}" if count > 1 else ""
            parts.append(
                f"{name[0].upper() if name != 'both' else ''}{': ' if name != 'both' else ''}{flag}{times}"
            )
    return ", ".join(parts)


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
                summary.name, _value(summary.work, left), _value(summary.work, right), gap,
                f"{_difficulty(left)} / {_difficulty(right)}", _flags(summary),
            )  # fmt: skip
        else:
            both = summary.sides["both"]
            table.add_row(
                summary.name,
                _value(summary.work, both),
                "",
                "both legs",
                _difficulty(both),
                _flags(summary),
            )
    return table


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("enter,escape,q", "close", "Close")]

    def __init__(self, engine: Engine, saved: str = "") -> None:
        super().__init__()
        self.engine = engine
        self.saved = saved

    def compose(self) -> ComposeResult:
        engine = self.engine
        finished = engine.status is Status.FINISHED
        title = "Session complete" if finished else "Session stopped"
        sides = len(engine.results)
        with VerticalScroll(id="summary"):
            yield Static(f"[b]{title}[/b] · {engine.plan.program.name}", classes="title")
            yield Static(f"{sides} sides or sets done in {clock(active_seconds(engine))}. {self.saved}")
            if engine.results:
                yield Static(summary_table(engine), id="summary-table")
            else:
                yield Static("Nothing was recorded.")
        yield Footer()

    def action_close(self) -> None:
        self.app.exit()

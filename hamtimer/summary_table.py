"""A session's results as a Rich table, left against right: for the summary screen and `run`."""

from __future__ import annotations

from statistics import fmean

from rich.table import Table
from rich.text import Text

from hamtimer.core.engine import Engine
from hamtimer.core.formatting import decimal, unit
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.summary import engine_results, summarize
from hamtimer.core.tally import ExerciseTally, SideTally
from hamtimer.core.verdict import session_words


def _side_value(work: WorkKind, side: SideTally | None) -> str:
    if side is None:
        return ""
    sets = f" ({side.completed}/{side.sets})" if side.sets > 1 or side.completed < side.sets else ""
    mean = side.mean
    return f"done{sets}" if mean is None else f"{decimal(mean)} {unit(work)}{sets}"


def _difficulty(side: SideTally | None) -> str:
    return "-" if side is None or side.difficulty is None else decimal(side.difficulty)


def _flags(summary: ExerciseTally) -> Text:
    parts = []
    for side, tally in summary.sides.items():
        prefix = "" if side is Side.BOTH else f"{side.value[0].upper()}: "
        for flag, count in tally.flags.items():
            parts.append(f"{prefix}{flag}{f' ×{count}' if count > 1 else ''}")
        for check, times in tally.marks.items():  # issue 12: when form broke
            where = "" if side is Side.BOTH else f", {side.value}"
            parts.append(f"{check} at {fmean(times):.0f} s{where}")
    return Text(", ".join(parts))


def summary_table(engine: Engine) -> Table:
    """Left against right for every exercise of a session: the summary screen's and `run`'s table."""
    table = Table(header_style="bold", show_edge=False, pad_edge=False)
    table.add_column("Exercise", no_wrap=True, min_width=17)
    for column in ("Left", "Right", "L vs R", "Effort L/R"):
        table.add_column(column, no_wrap=True)
    table.add_column("Flags", overflow="fold")
    for summary in summarize(engine_results(engine)):
        if summary.one_leg:
            left, right = summary.sides.get(Side.LEFT), summary.sides.get(Side.RIGHT)
            gap = session_words(summary.asymmetry())  # one session: never a band (issue 12)
            table.add_row(
                Text(summary.name), _side_value(summary.work, left), _side_value(summary.work, right), gap,
                f"{_difficulty(left)} / {_difficulty(right)}", _flags(summary),
            )  # fmt: skip
        else:
            both = summary.sides[Side.BOTH]
            table.add_row(
                Text(summary.name), _side_value(summary.work, both), "", "both legs", _difficulty(both),
                _flags(summary),
            )  # fmt: skip
    return table

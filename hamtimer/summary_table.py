"""A session's results as a Rich table, left against right: for the summary screen and `run`."""

from __future__ import annotations

from statistics import fmean

from rich.table import Table
from rich.text import Text

from hamtimer.core.formatting import decimal, unit
from hamtimer.core.history.summary import engine_results, summarize
from hamtimer.core.history.tally import ExerciseTally, SideTally
from hamtimer.core.history.verdict import session_words
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.session.engine import Engine


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
    """Left against right for every exercise of a session: the summary screen's and `run`'s table.

    A both-legs exercise has its result in a "Both" column of its own, never under "Left"; the
    Both column is left out when the session had no both-legs work."""
    summaries = summarize(engine_results(engine))
    with_both = any(not summary.one_leg for summary in summaries)
    table = Table(header_style="bold", show_edge=False, pad_edge=False)
    table.add_column("Exercise", no_wrap=True, min_width=17)
    columns = ["Left", "Right", "L vs R"] + (["Both"] if with_both else []) + ["Effort"]
    for column in columns:
        table.add_column(column, no_wrap=True)
    table.add_column("Flags", overflow="fold")
    for summary in summaries:
        if summary.one_leg:
            left, right = summary.sides.get(Side.LEFT), summary.sides.get(Side.RIGHT)
            gap = session_words(summary.asymmetry())  # one session: never a band (issue 12)
            cells = [_side_value(summary.work, left), _side_value(summary.work, right), gap]
            effort = f"{_difficulty(left)} / {_difficulty(right)}"
        else:
            both = summary.sides[Side.BOTH]
            cells = ["", "", ""]
            effort = _difficulty(both)
            cells.append(_side_value(summary.work, both))
        if with_both and summary.one_leg:
            cells.append("")
        table.add_row(Text(summary.name), *cells, effort, _flags(summary))
    return table

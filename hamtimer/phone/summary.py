"""The end of the session on the phone: left against right, per exercise (as plain mode tallies it)."""

from __future__ import annotations

from hamtimer.core.history.summary import engine_results, summarize
from hamtimer.core.history.verdict import session_words
from hamtimer.core.kinds import WorkKind
from hamtimer.core.session.engine import Engine
from hamtimer.core.session.state import SummaryRow, SummarySide


def summary_rows(engine: Engine) -> tuple[SummaryRow, ...]:
    rows = []
    for item in summarize(engine_results(engine)):
        unit = "reps" if item.work is WorkKind.REPS else "s"
        sides = {}
        for side, tally in item.sides.items():
            value = "done" if tally.mean is None else f"{tally.mean:.1f}".removesuffix(".0") + f" {unit}"
            sides[side.value] = SummarySide(value, tally.difficulty, tuple(tally.flags))
        found = item.asymmetry()
        verdict = session_words(found) if found is not None and found.weaker is not None else ""
        rows.append(SummaryRow(item.name, sides, verdict))
    return tuple(rows)

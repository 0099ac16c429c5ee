"""Issue 12: the left/right comparison in words, the same in every report (text, JSON, CSV, screens).

It never claims more than the band does: too few sessions say so, a side that swapped says so,
and it is a training aid, never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from hamtimer.core.formatting import decimal, unit
from hamtimer.core.history.symmetry import MIN_SESSIONS, Asymmetry
from hamtimer.core.kinds import Side, WorkKind


class _Averaged(Protocol):
    @property
    def mean(self) -> float | None: ...


class Compared(Protocol):
    """What a verdict reads of one exercise's report (`report.ExerciseReport` has it), so that
    this module needs nothing from the report that uses it."""

    @property
    def work(self) -> WorkKind: ...
    @property
    def one_leg(self) -> bool: ...
    @property
    def holding(self) -> int: ...
    @property
    def capped(self) -> bool: ...
    @property
    def window(self) -> int: ...
    @property
    def asymmetry_pct(self) -> float | None: ...
    @property
    def weaker_in(self) -> dict[str, int] | None: ...
    @property
    def band(self) -> str | None: ...
    @property
    def weaker(self) -> Side | None: ...
    @property
    def sides(self) -> Mapping[Side, _Averaged]: ...


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def pct_text(pct: float) -> str:
    """A percentage for display: one decimal, without a trailing ".0"."""
    return f"{decimal(pct)} %"


def verdict(item: Compared) -> str:
    """E.g. "right weaker in 3 of 3 sessions: 14 % (amber)", "2 of 3 sessions so far: too few to
    judge", "mixed: left weaker twice, right once (12.5 % over 3 sessions)"."""
    if not item.one_leg:
        return "both legs together: no left/right"
    if item.holding == 0:
        return "no session with both sides yet"
    if item.capped:
        n = item.window
        return f"capped: both sides at the target in {n} of {n} sessions; the effort gap tells them apart"
    if item.asymmetry_pct is None:
        return "no values to compare"
    n, pct = item.window, pct_text(item.asymmetry_pct)
    counts = item.weaker_in or {}
    if item.band is None:
        return f"{n} of {MIN_SESSIONS} sessions so far: too few to judge"
    if item.band == "mixed":
        parts = [f"{side} {times(counts[side])}" for side in ("left", "right") if counts.get(side)]
        if parts:
            parts[0] = parts[0].replace(" ", " weaker ", 1)  # "left weaker twice, right once"
        if counts.get("even"):
            parts.append(f"even {times(counts['even'])}")
        return f"mixed: {', '.join(parts)} ({pct} over {n} sessions)"
    if item.weaker is None:
        return f"even over {n} sessions (green)"
    found = counts.get(item.weaker, 0)
    said = f"{item.weaker} weaker in {found} of {n} sessions: {pct} ({item.band})"
    left, right = item.sides[Side.LEFT].mean, item.sides[Side.RIGHT].mean
    if item.band == "green" and round(item.asymmetry_pct, 9) >= 10 and left is not None and right is not None:
        said += f", a gap of only {decimal(abs(left - right))} {unit(item.work)}"
    return said


def session_words(found: Asymmetry | None) -> str:
    """One session's left against right (the summary): never a band, one session is noise."""
    if found is None:
        return "-"
    if found.weaker is None:
        return "even today"
    return f"{found.weaker} {pct_text(found.pct)} lower today"

"""Left-against-right maths: the asymmetry percentage and its band (see DESIGN.md, Symmetry)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hamtimer.core.kinds import Side, WorkKind


@dataclass(frozen=True)
class Asymmetry:
    pct: float
    """(stronger - weaker) / stronger x 100."""
    weaker: Side | None
    """LEFT or RIGHT; None when both are equal."""
    gap: float
    """stronger - weaker, in the work's unit (seconds or reps)."""


def asymmetry(left: float, right: float) -> Asymmetry | None:
    """The percentage difference with the stronger side as reference; None if both are 0."""
    stronger, weaker = max(left, right), min(left, right)
    if stronger <= 0:
        return None
    side = None if left == right else (Side.LEFT if left < right else Side.RIGHT)
    return Asymmetry((stronger - weaker) / stronger * 100, side, stronger - weaker)


BAND_AMBER_PCT = 10.0
BAND_RED_PCT = 20.0
MIN_SESSIONS = 3
"""A band needs at least this many sessions holding both sides in the window (one is noise)."""
MIN_GAP = {WorkKind.REPS: 2.0, WorkKind.HOLD: 3.0, WorkKind.TIME: 3.0}
"""Amber and red also need at least this absolute gap (reps, or seconds), else green."""


def band(found: Asymmetry, work: WorkKind, weaker_by_session: Sequence[Side | None] | None = None) -> str:
    """The band, in DESIGN.md's order (the decision is written out in docs/DESIGN.md):

    1. green under 10 %, or with an absolute gap under 2 reps or 3 s;
    2. "mixed" when the weaker side was not the same, strictly, in every session of the window
       (`weaker_by_session`; None skips the test, for a single comparison);
    3. amber up to 20 % included, red above.

    Percentages are compared after rounding to 9 decimals, so 20.000000000000004 from float
    means is 20 and 9.999999999999995 is 10.
    """
    pct = round(found.pct, 9)
    if pct < BAND_AMBER_PCT or found.gap < MIN_GAP.get(work, 0.0) - 1e-9:
        return "green"
    if weaker_by_session is not None and (
        found.weaker is None or any(side is not found.weaker for side in weaker_by_session)
    ):
        return "mixed"
    return "amber" if pct <= BAND_RED_PCT else "red"

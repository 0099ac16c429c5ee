"""Left-against-right maths: the asymmetry percentage and its band (see DESIGN.md, Symmetry)."""

from __future__ import annotations

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
MIN_GAP = {WorkKind.REPS: 2.0, WorkKind.HOLD: 3.0, WorkKind.TIME: 3.0}
"""Amber and red also need at least this absolute gap (reps, or seconds), else green."""


def band(found: Asymmetry, work: WorkKind) -> str:
    """green < 10 %, amber 10-20 %, red > 20 %; amber and red only with a real absolute gap."""
    pct = round(found.pct, 9)  # 20.000000000000004 from float means is 20
    if pct < BAND_AMBER_PCT or found.gap < MIN_GAP.get(work, 0.0) - 1e-9:
        return "green"
    return "amber" if pct <= BAND_RED_PCT else "red"

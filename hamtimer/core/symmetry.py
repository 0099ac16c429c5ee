"""Left-against-right maths: the asymmetry percentage and its band (see DESIGN.md, Symmetry)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Asymmetry:
    pct: float
    """(stronger - weaker) / stronger x 100."""
    weaker: str | None
    """"left" or "right"; None when both are equal."""
    gap: float
    """stronger - weaker, in the work's unit (seconds or reps)."""


def asymmetry(left: float, right: float) -> Asymmetry | None:
    """The percentage difference with the stronger side as reference; None if both are 0."""
    stronger, weaker = max(left, right), min(left, right)
    if stronger <= 0:
        return None
    side = None if left == right else ("left" if left < right else "right")
    return Asymmetry((stronger - weaker) / stronger * 100, side, stronger - weaker)

"""Issue 12: how sore each hamstring was, session after session (`[soreness]` in the logs).

Soreness is asked on the start screen (0 none to 10 worst) when the program or config.toml asks
for it; history gives, per side, the mean, the latest value and a trend over every session that
holds it. The trend is the least-squares slope per session: points per session, positive when
soreness grows (see docs/DESIGN.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

SORENESS_SIDES = ("left", "right")


class HasSoreness(Protocol):
    @property
    def soreness(self) -> dict[str, int] | None: ...

    @property
    def started_text(self) -> str: ...


@dataclass
class SideSoreness:
    values: list[int] = field(default_factory=list)
    """Oldest first."""
    dates: list[str] = field(default_factory=list)

    @property
    def mean(self) -> float | None:
        return math.fsum(self.values) / len(self.values) if self.values else None  # statistics.fmean

    @property
    def latest(self) -> int | None:
        return self.values[-1] if self.values else None

    @property
    def trend(self) -> float | None:
        return slope(self.values)

    def as_json(self) -> dict[str, Any]:
        mean, trend = self.mean, self.trend
        return {
            "sessions": len(self.values),
            "mean": None if mean is None else round(mean, 1),
            "trend": None if trend is None else round(trend, 2),
            "latest": self.latest,
        }


def slope(values: list[int]) -> float | None:
    """Least-squares slope of the values against their position (0, 1, 2…); None under 2 values."""
    n = len(values)
    if n < 2:
        return None
    mid = (n - 1) / 2
    mean = math.fsum(values) / n  # statistics.fmean, without importing statistics
    spread = sum((i - mid) ** 2 for i in range(n))
    return sum((i - mid) * (v - mean) for i, v in enumerate(values)) / spread


@dataclass
class SorenessReport:
    sessions: int
    sides: dict[str, SideSoreness]

    def as_json(self) -> dict[str, Any]:
        return {"sessions": self.sessions} | {side: found.as_json() for side, found in self.sides.items()}

    def words(self) -> str:
        """ "soreness over 4 sessions: left 2.5 (latest 3, rising 0.4 a session) · right …"."""
        parts = []
        for side, found in self.sides.items():
            mean = found.mean
            if mean is None:
                parts.append(f"{side} -")
                continue
            parts.append(f"{side} {mean:.1f} (latest {found.latest}, {trend_words(found.trend)})")
        return f"soreness (0-10) over {self.sessions} sessions: " + " · ".join(parts)


def trend_words(trend: float | None) -> str:
    if trend is None:
        return "no trend yet"
    if abs(trend) < 0.05:
        return "steady"
    return f"{'rising' if trend > 0 else 'falling'} {abs(trend):.1f} a session"


def soreness_report(sessions: Iterable[HasSoreness]) -> SorenessReport | None:
    """Every session holding `[soreness]`, oldest first; None when none does."""
    sides = {side: SideSoreness() for side in SORENESS_SIDES}
    count = 0
    for session in sessions:
        found = session.soreness
        if not found:
            continue
        count += 1
        for side in SORENESS_SIDES:
            level = found.get(side)
            if isinstance(level, int) and not isinstance(level, bool):
                sides[side].values.append(level)
                sides[side].dates.append(session.started_text)
    return SorenessReport(count, sides) if count else None

"""The text of the big clock: whole seconds as the session screen shows them."""

from __future__ import annotations

from hamtimer.core.formatting import clock


def clock_text(seconds: int) -> str:
    """Whole seconds as m:ss (or h:mm:ss); under a minute, just the seconds."""
    if seconds < 60:
        return str(seconds)
    return clock(seconds)

"""A check marked during the work: the moment form broke, as the engine, results and log hold it.

Its own module so the engine and the results do not import the log format (core/log/logfile.py,
which writes and reads it) before the first frame."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mark:
    """A check marked during the work, at this many seconds into the side."""

    check: str
    at: float

"""Numbers and durations as people read them, the same on every screen and in every report."""

from __future__ import annotations

from pathlib import Path

from hamtimer.core.kinds import WorkKind


def clock(seconds: float) -> str:
    """Rounded to whole seconds: 90 → "1:30", 3600 → "1:00:00"."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_seconds(seconds: float) -> str:
    """A duration from a program: 30 → "30 s", 7.5 → "7.5 s", 90 → "1:30"."""
    return f"{seconds:g} s" if seconds < 60 else clock(seconds)


def decimal(value: float) -> str:
    """One decimal, without a trailing ".0": 28.33 → "28.3", 30.0 → "30"."""
    return f"{value:.1f}".removesuffix(".0")


def unit(work: str) -> str:
    """The unit a side's value is counted in: reps for reps work, seconds for the rest."""
    return "reps" if work == WorkKind.REPS else "s"


def measure(value: float | None, work: str) -> str:
    """A side's value with its unit ("28.3 s", "12 reps"), or "-" when there is none."""
    return "-" if value is None else f"{decimal(value)} {unit(work)}"


def counted(count: int, noun: str) -> str:
    """A count and its noun, plural when it is not one: "1 work step", "3 work steps"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def home_path(path: Path | str) -> str:
    """A path as shown on screen: under the home folder it starts with "~" (shorter, and the same
    wherever home is)."""
    shown = Path(path)
    try:
        return "~/" + shown.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(shown)

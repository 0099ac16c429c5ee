"""The program format's small values: durations, ranges, distances and tempos.

Each parser takes the raw TOML value and returns a typed value or raises `ValueProblem`
with a sentence saying what was expected; the loader adds the file and the place.
"""

from __future__ import annotations

import math
import re

from hamtimer.core.record import Record, record

MAX_SECONDS = 4 * 3600
MAX_REPS = 1000
TOLERANCE = 1e-6
"""How far apart two logged or planned amounts may be and still count as equal."""

_UNIT_SECONDS = {
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
}  # fmt: skip
_NUMBER = r"\d+(?:\.\d+)?"
_PART = re.compile(rf"\s*({_NUMBER})\s*([a-z]+)\s*")
_BARE = re.compile(rf"^\s*({_NUMBER})\s*$")
_DASHES = re.compile(r"\s*[-–—]\s*")
_DISTANCE = re.compile(rf"^\s*({_NUMBER})\s*([a-z]+)\s*$")
_DISTANCE_UNITS = {
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "km": "km", "yd": "yd", "yds": "yd", "yard": "yd", "yards": "yd",
    "mi": "mi", "mile": "mi", "miles": "mi",
}  # fmt: skip

DURATION_HINT = 'a number of seconds (30) or a string with a unit ("30s", "1m30s", "5 min")'


class ValueProblem(ValueError):
    """A value that does not fit; the message says what was expected."""


@record
class Bounds(Record):
    """What a piece of work asks: a minimum and a target, both None for "max"."""

    minimum: float | None
    target: float | None

    @property
    def is_max(self) -> bool:
        return self.target is None


@record
class Tempo(Record):
    """Seconds per phase of one rep: down, pause, up and an optional pause at the top."""

    phases: tuple[int, ...]

    @property
    def seconds_per_rep(self) -> int:
        return sum(self.phases)

    def __str__(self) -> str:
        return "-".join(str(p) for p in self.phases)


HUGE = 10**15
"""Integers at or beyond this are never a sensible value; they are refused before any float()."""


def is_number(value: object) -> bool:
    """True for TOML integers and floats of a sane size; TOML booleans are not numbers here."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) < HUGE
    return isinstance(value, float)


def _digits(text: str) -> bool:
    """Plain ASCII digits only ("²" passes str.isdigit but int() refuses it)."""
    return text.isascii() and text.isdigit()


def _check_seconds(seconds: float, allow_zero: bool) -> float:
    if not math.isfinite(seconds):
        raise ValueProblem(f"expected {DURATION_HINT}")
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise ValueProblem("must be more than 0 seconds" if not allow_zero else "must not be negative")
    if seconds > MAX_SECONDS:
        raise ValueProblem("is longer than the limit of 4 hours")
    return float(seconds)


def _units_of(text: str) -> list[tuple[float, str]] | None:
    """Split "1m30s" into [(1, "m"), (30, "s")], or None when it is not of that shape."""
    pos = 0
    parts: list[tuple[float, str]] = []
    while pos < len(text):
        match = _PART.match(text, pos)
        if match is None or match.end() == pos:
            return None
        unit = match.group(2)
        if unit not in _UNIT_SECONDS:
            return None
        parts.append((float(match.group(1)), unit))
        pos = match.end()
    return parts or None


def _seconds_of_text(text: str) -> float | None:
    text = text.strip().lower()
    bare = _BARE.match(text)
    if bare:
        return float(bare.group(1))
    parts = _units_of(text)
    if parts is None:
        return None
    return sum(n * _UNIT_SECONDS[unit] for n, unit in parts)


def parse_duration(value: object, *, allow_zero: bool = False) -> float:
    """A duration in seconds from `30`, `7.5`, `"30s"`, `"1m30s"` or `"5 min"`."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= HUGE:
        raise ValueProblem("is longer than the limit of 4 hours")
    if is_number(value):
        assert isinstance(value, int | float)
        return _check_seconds(float(value), allow_zero)
    if isinstance(value, str):
        seconds = _seconds_of_text(value)
        if seconds is not None:
            return _check_seconds(seconds, allow_zero)
    raise ValueProblem(f"expected {DURATION_HINT}")


def _split_range(text: str) -> tuple[str, str] | None:
    pieces = _DASHES.split(text.strip())
    if len(pieces) != 2 or not pieces[0] or not pieces[1]:
        return None
    return pieces[0], pieces[1]


def parse_timed(value: object) -> Bounds:
    """A hold or time: a duration, a range such as `"20-30s"` or `"5-10 min"`, or `"max"`."""
    if isinstance(value, str) and value.strip().lower() == "max":
        return Bounds(None, None)
    hint = f'expected {DURATION_HINT}, a range ("20-30s", "5-10 min") or "max"'
    if isinstance(value, str) and (pair := _split_range(value)) is not None:
        low_text, high_text = pair
        high = _seconds_of_text(high_text)
        low_bare = _BARE.match(low_text)
        high_parts = _units_of(high_text.strip().lower())
        if low_bare and high_parts is not None and len(high_parts) == 1:
            low: float | None = float(low_bare.group(1)) * _UNIT_SECONDS[high_parts[0][1]]
        else:
            low = _seconds_of_text(low_text)
        if low is None or high is None:
            raise ValueProblem(hint)
        low = _check_seconds(low, allow_zero=False)
        high = _check_seconds(high, allow_zero=False)
        if low > high:
            raise ValueProblem("the range runs backwards; write the smaller number first")
        return Bounds(low, high)
    try:
        seconds = parse_duration(value)
    except ValueProblem as problem:
        raise ValueProblem(hint if "expected" in str(problem) else str(problem)) from None
    return Bounds(seconds, seconds)


def _whole_reps(text: str) -> int | None:
    text = text.strip()
    return int(text) if _digits(text) and len(text) <= 7 else None


def _check_reps(reps: int) -> int:
    if reps < 1:
        raise ValueProblem("must be at least 1 rep")
    if reps > MAX_REPS:
        raise ValueProblem(f"is more than the limit of {MAX_REPS} reps")
    return reps


def parse_reps(value: object) -> Bounds:
    """Reps: a whole number, a range such as `"8-10"`, or `"max"`."""
    hint = 'expected a whole number of reps (12), a range ("8-10") or "max"'
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= HUGE:
            raise ValueProblem(f"is more than the limit of {MAX_REPS} reps")
        reps = _check_reps(value)
        return Bounds(reps, reps)
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "max":
            return Bounds(None, None)
        single = _whole_reps(text)
        if single is not None:
            reps = _check_reps(single)
            return Bounds(reps, reps)
        pair = _split_range(text)
        if pair is not None:
            low, high = _whole_reps(pair[0]), _whole_reps(pair[1])
            if low is not None and high is not None:
                low, high = _check_reps(low), _check_reps(high)
                if low > high:
                    raise ValueProblem("the range runs backwards; write the smaller number first")
                return Bounds(low, high)
    raise ValueProblem(hint)


def parse_distance(value: object) -> str:
    """A distance: a number and a unit (`"5 yd"`, `"20 m"`), returned in a tidy form."""
    hint = 'expected a number and a unit: "5 yd", "20 m", "1 km" or "0.5 mi" (no range)'
    if not isinstance(value, str):
        raise ValueProblem(hint)
    match = _DISTANCE.match(value.lower())
    if match is None or match.group(2) not in _DISTANCE_UNITS:
        raise ValueProblem(hint)
    amount = float(match.group(1))
    if amount <= 0:
        raise ValueProblem("must be more than 0")
    if amount > 100_000:
        raise ValueProblem("is longer than any sensible distance")
    return f"{amount:g} {_DISTANCE_UNITS[match.group(2)]}"


def parse_tempo(value: object) -> Tempo:
    """A tempo: three or four whole seconds, down-pause-up(-pause), e.g. `"3-1-1"`."""
    hint = 'expected three or four whole numbers of seconds, such as "3-1-1" or "3-1-1-0"'
    if not isinstance(value, str):
        raise ValueProblem(hint)
    pieces = _DASHES.split(value.strip())
    if len(pieces) not in (3, 4) or not all(_digits(p) and len(p) <= 3 for p in pieces):
        raise ValueProblem(hint)
    phases = tuple(int(p) for p in pieces)
    if any(p > 60 for p in phases):
        raise ValueProblem("a phase longer than 60 seconds is not a tempo")
    if sum(phases) == 0:
        raise ValueProblem("a rep needs at least one second")
    return Tempo(phases)

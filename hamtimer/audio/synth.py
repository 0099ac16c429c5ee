"""Tones synthesized in memory: 44.1 kHz mono 16-bit, pure Python (no numpy at run time).

Every note starts and ends at zero through a raised-cosine attack and release, so nothing
clicks, and its peak stays at or below PEAK of full scale, so nothing clips.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

RATE = 44100
"""Samples per second."""
FULL_SCALE = 32767
PEAK = 0.8
"""The loudest sample at volume 1, as a fraction of full scale."""
ATTACK = 0.005
RELEASE = 0.012
HARMONICS = ((1, 1.0), (2, 0.12), (3, 0.04))
"""Partials and their weights: a little warmer than a bare sine; the fundamental dominates."""
TABLE = 4096
PHASE_BITS = 16


@dataclass(frozen=True)
class Note:
    """One tone: `freq` Hz for `seconds`, then `gap` seconds of silence."""

    freq: float
    seconds: float
    gap: float = 0.0
    level: float = 1.0
    """Loudness relative to the others, 0-1."""
    decay: float = 0.0
    """Exponential fade per second after the attack (0: a steady tone)."""


@functools.lru_cache(maxsize=8)
def _sine() -> tuple[float, ...]:
    step = 2 * math.pi / TABLE
    return tuple(math.sin(step * i) for i in range(TABLE))


@functools.lru_cache(maxsize=8)
def _wave(partials: tuple[tuple[int, float], ...]) -> tuple[float, ...]:
    """One period of the partials summed (peak about 1), TABLE points long."""
    sine, mask = _sine(), TABLE - 1
    total = sum(w for _, w in partials)
    return tuple(sum(w * sine[(k * i) & mask] for k, w in partials) / total for i in range(TABLE))


def _period(freq: float) -> tuple[float, ...]:
    """The wave for a note at `freq`: the partials below half the sampling rate."""
    return _wave(tuple((k, w) for k, w in HARMONICS if k * freq < RATE / 2))


def tone(note: Note, volume: float = 1.0) -> array[int]:
    """The samples of one note (its gap excluded).

    The wave is read from a one-period table with a fixed-point phase (error below -60 dB),
    which keeps a whole cue set to a few tens of milliseconds in pure Python.
    """
    count = max(2, round(note.seconds * RATE))
    volume = min(1.0, max(0.0, volume))
    scale = PEAK * FULL_SCALE * volume * min(1.0, max(0.0, note.level))
    increment = round(note.freq * TABLE * (1 << PHASE_BITS) / RATE)
    levels = [round(scale * x) for x in _period(note.freq)]
    mask = TABLE - 1
    out = array("h", [levels[(p >> PHASE_BITS) & mask] for p in range(0, count * increment, increment)])
    if note.decay > 0:
        fade = itertools.accumulate(
            itertools.repeat(math.exp(-note.decay / RATE), count - 1), operator.mul, initial=1.0
        )
        out = array("h", map(round, map(operator.mul, out, fade)))
    attack = max(1, min(round(ATTACK * RATE), count // 2))
    release = max(1, min(round(RELEASE * RATE), count - attack))
    for i in range(attack):
        out[i] = round(out[i] * (0.5 - 0.5 * math.cos(math.pi * i / attack)))
    last = count - 1
    for i in range(release):
        out[last - i] = round(out[last - i] * (0.5 - 0.5 * math.cos(math.pi * i / release)))
    return out


def silence(seconds: float) -> array[int]:
    return array("h", bytes(2 * max(0, round(seconds * RATE))))


def render(notes: Iterable[Note], volume: float = 1.0) -> array[int]:
    """Notes one after the other, each followed by its gap (the last gap dropped)."""
    out = array("h")
    pending_gap = 0.0
    for note in notes:
        out.extend(silence(pending_gap))
        out.extend(tone(note, volume))
        pending_gap = note.gap
    return out

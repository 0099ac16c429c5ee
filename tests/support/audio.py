"""Sound for tests with no sound card: ALSA configs that capture or fail, and a small analysis
of what was captured (split on silence, dominant pitch by a Goertzel DFT at candidate pitches).

alsa-lib reads ALSA_CONFIG_PATH at each opening of a device and it *replaces* the whole
configuration: a capture config defines the default PCM as the `file` plugin over `null`, which
writes every opening's samples to a new numbered file (`truncate false`), bit-exact.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

RATE = 44100

CAPTURE = """\
pcm.!default {{
    type file
    slave.pcm "hamtimer_null"
    file "{folder}/cap-%r-%c-%f.raw"
    format "raw"
    truncate false
}}
pcm.hamtimer_null {{ type null }}
"""

NO_DEVICE = """\
# no default PCM at all: every opening fails, as on a machine with no sound card
pcm.hamtimer_nothing { type null }
"""


def capture_config(folder: Path) -> Path:
    """An ALSA config that writes what is played into `folder`; returns the config's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "asound-capture.conf"
    path.write_text(CAPTURE.format(folder=folder))
    return path


def no_device_config(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "asound-none.conf"
    path.write_text(NO_DEVICE)
    return path


@dataclass(frozen=True)
class Capture:
    path: Path
    rate: int
    channels: int
    samples: array[int]


def _order(path: Path) -> int:
    match = re.search(r"\.(\d{4,})$", path.name)
    return int(match.group(1)) if match else 0


def captures(folder: Path) -> list[Capture]:
    """Every captured file in the order of the openings (cap-RATE-CHANNELS-S16_LE.raw[.NNNN])."""
    found = []
    for path in sorted(folder.glob("cap-*.raw*"), key=_order):
        match = re.match(r"cap-(\d+)-(\d+)-S16_LE\.raw", path.name)
        assert match, f"unexpected capture {path.name}"
        samples = array("h", path.read_bytes())
        if sys.byteorder == "big":
            samples.byteswap()
        found.append(Capture(path, int(match.group(1)), int(match.group(2)), samples))
    return found


def runs(
    samples: array[int], min_gap: float, threshold: int = 200, rate: int = RATE
) -> list[tuple[int, int]]:
    """(start, end) of the stretches that sound, split where it is quiet for `min_gap` seconds."""
    gap = max(1, round(min_gap * rate))
    found: list[tuple[int, int]] = []
    start: int | None = None
    quiet = 0
    for i, x in enumerate(samples):
        if -threshold < x < threshold:
            quiet += 1
            if start is not None and quiet >= gap:
                found.append((start, i - quiet + 1))
                start = None
        else:
            if start is None:
                start = i
            quiet = 0
    if start is not None:
        found.append((start, len(samples) - quiet))
    return found


def power(samples: array[int] | list[int], freq: float, rate: int = RATE) -> float:
    """Goertzel: the Hann-windowed signal's power at `freq` (one DFT bin, any frequency)."""
    n = len(samples)
    coeff = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    window = 2 * math.pi / max(1, n - 1)
    for i, x in enumerate(samples):
        s0 = x * (0.5 - 0.5 * math.cos(window * i)) + coeff * s1 - s2
        s2, s1 = s1, s0
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


def dominant(samples: array[int] | list[int], candidates: list[float], rate: int = RATE) -> float:
    """The candidate pitch with the most power (the middle 8192 samples at most are looked at)."""
    if len(samples) > 8192:
        middle = (len(samples) - 8192) // 2
        samples = samples[middle : middle + 8192]
    return max(candidates, key=lambda f: power(samples, f, rate))


def peak(samples: array[int]) -> int:
    return max((abs(x) for x in samples), default=0)

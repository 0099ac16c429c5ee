"""`hamtimer sound`: every cue played with its name, or the whole set written to one WAV file."""

from __future__ import annotations

import sys
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from hamtimer.audio import synth
from hamtimer.audio.cues import SHOWCASE, SOUNDS, Bank
from hamtimer.audio.sound import Hooks, SoundPlayer
from hamtimer.audio.wav import write_wav

RENDER_GAP = 0.5
"""Seconds of silence between two cues in a rendered file."""
PLAY_GAP = 0.6
"""Seconds between the end of one cue and the next when they are played."""


def describe(keys: tuple[str, ...]) -> str:
    """The first sound described, then the others in short: "...; then left leg, a falling pair"."""
    first, *rest = keys
    short = [f"{SOUNDS[key].label}, {SOUNDS[key].description.split(',')[0]}" for key in rest]
    return "; then ".join([SOUNDS[first].description, *short])


def render_showcase(bank: Bank) -> bytes:
    """Every cue of SHOWCASE in order, RENDER_GAP seconds of silence between two."""
    out = array("h")
    for n, (_, keys) in enumerate(SHOWCASE):
        if n:
            out.extend(synth.silence(RENDER_GAP))
        out.frombytes(bank.clip(keys).pcm)
    return out.tobytes()


def render_file(path: Path, volume: float) -> tuple[int, float]:
    """Write the set to `path`; returns how many cues and the file's length in seconds."""
    pcm = render_showcase(Bank(volume))
    write_wav(path, pcm)
    return len(SHOWCASE), len(pcm) / 2 / synth.RATE


def _bell(stream: TextIO) -> Callable[[], None] | None:
    if not stream.isatty():
        return None

    def ring() -> None:
        stream.write("\a")
        stream.flush()

    return ring


def play_showcase(
    player: SoundPlayer,
    out: TextIO = sys.stdout,
    muted: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Choose the backend, say which, and play every cue with its name; returns the backend."""
    player.hooks = Hooks(notice=lambda text: print(f"sound: {text}", file=sys.stderr), ring=_bell(out))
    chain = player.setup()
    print(f"sound backend: {chain.name}", file=out)
    for name, reason in chain.tried:
        print(f"  not {name}: {reason}", file=out)
    if any(name == "simpleaudio" and "not installed" in reason for name, reason in chain.tried):
        print(
            "  for in-process sound: pip install 'hamtimer[audio]' (on Debian/Ubuntu it needs "
            "libasound2-dev to build)",
            file=out,
        )
    if muted:
        print("muted (--mute or mute = true in config.toml): nothing is played", file=out)
    width = max(len(label) for label, _ in SHOWCASE)
    for label, keys in SHOWCASE:
        clip = player.bank.clip(keys)
        print(f"  {label:<{width}}  {clip.seconds:4.2f} s  {describe(keys)}", file=out, flush=True)
        if not muted:
            player.play_clip(clip)
            sleep(clip.seconds + PLAY_GAP)
    chain.close()
    return chain.name

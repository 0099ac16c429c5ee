"""What each cue sounds like, and which sounds a batch of engine events makes.

Each sound is a short figure of notes, recognisable by pitch and rhythm. The side is heard
without looking: left is a falling pair, right the same pair rising, and one of them follows
every "go" of a one-leg side and every "switch sides". Cues of one moment (say "done" and
"switch sides, right next") play one after the other in one clip, never on top of each other.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hamtimer.audio import synth
from hamtimer.audio.synth import Note
from hamtimer.core.kinds import ONE_LEG, Side
from hamtimer.core.session.events import Cue, Event, EventKind

GAP = 0.12
"""Silence between two sounds of one clip; the notes inside a sound are at most 0.05 s apart."""


@dataclass(frozen=True)
class Sound:
    key: str
    label: str
    description: str
    notes: tuple[Note, ...]


def _sound(key: str, label: str, description: str, *notes: Note) -> Sound:
    return Sound(key, label, description, notes)


SOUNDS: dict[str, Sound] = {
    s.key: s
    for s in (
        _sound("get-ready", "get ready", "two calm low tones, G4 392 Hz",
               Note(392, 0.16, gap=0.05), Note(392, 0.16)),
        _sound("pip", "3, 2, 1", "a short pip each second, A5 880 Hz", Note(880, 0.09)),
        _sound("go", "go", "a long bright tone, E6 1319 Hz", Note(1319, 0.35, decay=3)),
        _sound("left", "left leg", "a falling pair, B5 988 Hz then E5 659 Hz",
               Note(988, 0.12, gap=0.04), Note(659, 0.16)),
        _sound("right", "right leg", "a rising pair, E5 659 Hz then B5 988 Hz",
               Note(659, 0.12, gap=0.04), Note(988, 0.16)),
        _sound("halfway", "halfway", "one soft bell, D5 587 Hz", Note(587, 0.30, decay=4)),
        _sound("minimum", "minimum reached", "two quick high tones, D6 1175 Hz",
               Note(1175, 0.07, gap=0.05), Note(1175, 0.07)),
        _sound("done", "done (stop)", "a long low tone, E4 330 Hz", Note(330, 0.55, decay=1.5)),
        _sound("rest-over", "rest over", "a quick rising A major arpeggio, 440-554-659 Hz",
               Note(440, 0.09, gap=0.02), Note(554, 0.09, gap=0.02), Note(659, 0.09)),
        _sound("side-switch", "switch sides", "high-low-high, G5 784 Hz and D5 587 Hz",
               Note(784, 0.08, gap=0.03), Note(587, 0.08, gap=0.03), Note(784, 0.08)),
        _sound("tempo-down", "tempo: down", "a low tick, D4 294 Hz", Note(294, 0.12)),
        _sound("tempo-pause", "tempo: pause", "a soft short tick, A4 440 Hz", Note(440, 0.05, level=0.6)),
        _sound("tempo-up", "tempo: up", "a high tick, F#5 740 Hz", Note(740, 0.12)),
        _sound("tempo-top", "tempo: pause at the top", "a soft short tick, C5 523 Hz",
               Note(523, 0.05, level=0.6)),
        _sound("metronome", "metronome", "a click, C7 2093 Hz", Note(2093, 0.025, decay=60, level=0.8)),
        _sound("rep", "rep counted", "a blip, G6 1568 Hz", Note(1568, 0.05, level=0.7)),
        _sound("finished", "session complete", "a rising C major fanfare, 523-659-784-1047 Hz",
               Note(523, 0.14, gap=0.03), Note(659, 0.14, gap=0.03), Note(784, 0.14, gap=0.03),
               Note(1047, 0.45, decay=2)),
    )
}  # fmt: skip

SHOWCASE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("get ready", ("get-ready",)),
    ("3, 2, 1 (one pip a second)", ("pip",)),
    ("go (both legs)", ("go",)),
    ("go, left leg", ("go", "left")),
    ("go, right leg", ("go", "right")),
    ("halfway", ("halfway",)),
    ("minimum reached", ("minimum",)),
    ("done (stop)", ("done",)),
    ("rest over", ("rest-over",)),
    ("switch sides, left next", ("side-switch", "left")),
    ("switch sides, right next", ("side-switch", "right")),
    ("tempo: down", ("tempo-down",)),
    ("tempo: pause", ("tempo-pause",)),
    ("tempo: up", ("tempo-up",)),
    ("tempo: pause at the top", ("tempo-top",)),
    ("metronome", ("metronome",)),
    ("rep counted", ("rep",)),
    ("session complete", ("finished",)),
)
"""Every cue as the session plays it, with its name: what `hamtimer sound` plays and renders."""

MAJOR = frozenset({"get-ready", "pip", "go", "halfway", "minimum", "done", "rest-over", "side-switch",
                   "finished"})  # fmt: skip
"""Sounds worth a bell or a flash; beats and rep blips would only be noise there."""

_SIDES = {Side.LEFT: "left", Side.RIGHT: "right"}


def keys_for(event: Event) -> tuple[str, ...]:
    """The sounds of one event (none for events that are not cues)."""
    if event.kind is not EventKind.CUE or event.cue is None:
        return ()
    cue = event.cue
    side = (_SIDES[event.side],) if event.side in _SIDES else ()
    if cue is Cue.GO:
        return ("go", *side)
    if cue is Cue.SIDE_SWITCH:
        return ("side-switch", *side)
    if cue is Cue.TEMPO:
        key = f"tempo-{event.value}"
        return (key,) if key in SOUNDS else ()
    return _SIMPLE.get(cue, ())


_SIMPLE: dict[Cue, tuple[str, ...]] = {
    Cue.GET_READY: ("get-ready",),
    Cue.COUNTDOWN: ("pip",),
    Cue.HALFWAY: ("halfway",),
    Cue.MINIMUM: ("minimum",),
    Cue.DONE: ("done",),
    Cue.REST: (),  # "done" already says it; the rest's end is what matters
    Cue.REST_OVER: ("rest-over",),
    Cue.REP: ("rep",),
    Cue.METRONOME: ("metronome",),
    Cue.FINISHED: ("finished",),
}


def merge(keys: Iterable[str]) -> tuple[str, ...]:
    """The sounds of one moment, in order; a rep blip only when nothing else sounds then."""
    found = list(keys)
    if len(found) > 1 and "rep" in found:
        found = [key for key in found if key != "rep"] or ["rep"]
    return tuple(found)


@dataclass(frozen=True)
class Clip:
    """Sounds joined into one buffer, ready for any backend."""

    keys: tuple[str, ...]
    pcm: bytes
    """Mono signed 16-bit little-endian samples at synth.RATE."""

    @property
    def name(self) -> str:
        return "+".join(self.keys)

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / synth.RATE

    @property
    def major(self) -> bool:
        return any(key in MAJOR for key in self.keys)

    @property
    def side(self) -> Side | None:
        for key in reversed(self.keys):
            if key in ONE_LEG:
                return Side(key)
        return None


class Bank:
    """Every sound rendered once (at `volume`) and the clips made of them, cached."""

    def __init__(self, volume: float = 0.8) -> None:
        self.volume = min(1.0, max(0.0, volume))
        self._sounds: dict[str, array[int]] = {}
        self._clips: dict[tuple[str, ...], Clip] = {}
        self._lock = threading.Lock()

    def sound(self, key: str) -> array[int]:
        found = self._sounds.get(key)
        if found is None:
            found = synth.render(SOUNDS[key].notes, self.volume)
            self._sounds[key] = found
        return found

    def warm(self) -> None:
        """Render every sound now (a few tens of milliseconds), so playing only copies bytes."""
        for key in SOUNDS:
            self.sound(key)

    def samples(self, keys: Sequence[str]) -> array[int]:
        out = array("h")
        for n, key in enumerate(keys):
            if n:
                out.extend(synth.silence(GAP))
            out.extend(self.sound(key))
        return out

    def clip(self, keys: Sequence[str]) -> Clip:
        wanted = tuple(keys)
        found = self._clips.get(wanted)
        if found is None:
            with self._lock:
                found = self._clips.get(wanted)
                if found is None:
                    samples = self.samples(wanted)
                    if sys.byteorder == "big":
                        samples.byteswap()  # WAV and ALSA's S16_LE are little-endian
                    found = Clip(wanted, samples.tobytes())
                    self._clips[wanted] = found
        return found

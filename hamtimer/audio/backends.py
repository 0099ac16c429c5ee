"""Playback backends behind one small interface, and the chain that picks and degrades them.

In order: simpleaudio (in-process, non-blocking); the system's player (paplay, pw-play, aplay,
afplay) fed a WAV file in a child process; the terminal bell; a visual flash; silence. `open`
proves a backend works (it plays a few milliseconds of silence); `play` starts a clip and returns
at once, raising when the backend has stopped working, and the chain then moves on to the next
one, once, with one notice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from hamtimer.audio import alsa, synth
from hamtimer.audio.cues import Clip
from hamtimer.audio.wav import write_wav
from hamtimer.core.kinds import Side
from hamtimer.core.settings import BACKENDS

SYSTEM_PLAYERS = ("paplay", "pw-play", "aplay", "afplay")
PROBE_SECONDS = 0.01
PROBE_TIMEOUT = 2.0
MAX_CHILDREN = 8
"""System player processes alive at once; a cue beyond that is dropped, not queued."""

CHOICES = BACKENDS
"""Values of HAMTIMER_AUDIO and of `backend` in config.toml: where the chain starts."""


class Unavailable(Exception):
    """A backend that cannot play here; the message says why."""


class Backend(Protocol):
    name: str

    def open(self) -> None:
        """Make sure this backend can play; raise Unavailable if not."""

    def play(self, clip: Clip) -> None:
        """Start the clip and return at once; raise if the backend has stopped working."""

    def close(self) -> None: ...


def _silence(seconds: float = PROBE_SECONDS) -> bytes:
    return bytes(2 * round(seconds * synth.RATE))


class SimpleaudioBackend:
    """simpleaudio's play_buffer: opens the ALSA device and plays from its own thread."""

    name = "simpleaudio"

    def __init__(self, module: Any = None) -> None:
        self._module = module
        self._playing: list[Any] = []

    def open(self) -> None:
        alsa.silence_alsa_errors()
        if self._module is None:
            try:
                import simpleaudio  # type: ignore[import-untyped, unused-ignore]
            except ImportError as error:
                raise Unavailable(f"simpleaudio is not installed ({error})") from error
            self._module = simpleaudio
        try:
            self._module.play_buffer(_silence(), 1, 2, synth.RATE).wait_done()
        except Exception as error:
            raise Unavailable(f"no sound device ({error})") from error

    def play(self, clip: Clip) -> None:
        assert self._module is not None
        # keep the last few play objects referenced, so none is collected while it plays
        self._playing = [p for p in self._playing[-4:] if p.is_playing()]
        self._playing.append(self._module.play_buffer(clip.pcm, 1, 2, synth.RATE))

    def close(self) -> None:
        self._playing.clear()


class SystemPlayerBackend:
    """The system's player (`paplay`, `pw-play`, `aplay` or `afplay`) on a WAV file per clip.

    Each clip's file is written once to a private temporary folder; the player runs in its own
    session with no terminal output. Finished players are reaped at the next play without
    waiting; one that failed means the device went away, and the next play raises.
    """

    def __init__(self, program: str, which: Callable[[str], str | None] = shutil.which) -> None:
        self.name = program
        self._which = which
        self._path: str | None = None
        self._folder: Path | None = None
        self._files: dict[tuple[str, ...], Path] = {}
        self._children: list[subprocess.Popen[bytes]] = []

    def _argv(self, file: Path) -> list[str]:
        assert self._path is not None
        if self.name == "aplay":
            return [self._path, "-q", str(file)]
        return [self._path, str(file)]

    def _spawn(self, file: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self._argv(file),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )  # fmt: skip

    def open(self) -> None:
        path = self._which(self.name)
        if path is None:
            raise Unavailable(f"{self.name} is not installed")
        self._path = path
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="hamtimer-sound-"))
        probe = write_wav(self._folder / "probe.wav", _silence())
        try:
            child = self._spawn(probe)
        except OSError as error:
            raise Unavailable(f"{self.name} does not start ({error})") from error
        try:
            status = child.wait(PROBE_TIMEOUT)
        except subprocess.TimeoutExpired as error:
            child.kill()
            child.wait()
            raise Unavailable(f"{self.name} did not finish {PROBE_SECONDS * 1000:g} ms of silence") from error
        if status != 0:
            raise Unavailable(f"{self.name} cannot open the sound device (exit status {status})")

    def _reap(self) -> None:
        alive: list[subprocess.Popen[bytes]] = []
        failed: int | None = None
        for child in self._children:
            status = child.poll()
            if status is None:
                alive.append(child)
            elif status != 0:
                failed = status
        self._children = alive
        if failed is not None:
            raise OSError(f"{self.name} failed (exit status {failed})")

    def file_for(self, clip: Clip) -> Path:
        found = self._files.get(clip.keys)
        if found is None:
            assert self._folder is not None
            found = write_wav(self._folder / f"{clip.name}.wav", clip.pcm)
            self._files[clip.keys] = found
        return found

    def play(self, clip: Clip) -> None:
        self._reap()
        if len(self._children) >= MAX_CHILDREN:
            return
        self._children.append(self._spawn(self.file_for(clip)))

    def close(self) -> None:
        for child in self._children:
            if child.poll() is None:
                child.terminate()
        self._children.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
            self._files.clear()


class BellBackend:
    """The terminal bell, for the cues that matter (not beats, ticks or rep blips)."""

    name = "bell"

    def __init__(self, ring: Callable[[], None] | None, terminal: Callable[[], bool] | None = None) -> None:
        self._ring = ring
        self._terminal = terminal or _has_terminal

    def open(self) -> None:
        if self._ring is None:
            raise Unavailable("nothing to ring")
        if not self._terminal():
            raise Unavailable("not in a terminal")

    def play(self, clip: Clip) -> None:
        if clip.major and self._ring is not None:
            self._ring()

    def close(self) -> None:
        return None


class FlashBackend:
    """No sound at all: the screen flashes (in the side's colour when a side starts)."""

    name = "flash"

    def __init__(self, flash: Callable[[Side | None], None] | None) -> None:
        self._flash = flash

    def open(self) -> None:
        if self._flash is None:
            raise Unavailable("no screen to flash")

    def play(self, clip: Clip) -> None:
        if clip.major and self._flash is not None:
            self._flash(clip.side)

    def close(self) -> None:
        return None


class SilentBackend:
    name = "silent"

    def open(self) -> None:
        return None

    def play(self, clip: Clip) -> None:
        return None

    def close(self) -> None:
        return None


def _has_terminal() -> bool:
    for fd in (1, 2):
        try:
            if os.isatty(fd):
                return True
        except OSError:
            continue
    return False


def candidates(
    start: str = "auto",
    ring: Callable[[], None] | None = None,
    flash: Callable[[Side | None], None] | None = None,
) -> list[Backend]:
    """The backends to try, in order, from `start` (one of CHOICES) on; silence always last."""
    every: list[Backend] = [
        SimpleaudioBackend(),
        *(SystemPlayerBackend(name) for name in SYSTEM_PLAYERS),
        BellBackend(ring),
        FlashBackend(flash),
        SilentBackend(),
    ]
    start = start if start in CHOICES else "auto"
    if start == "auto":
        return every
    first = SYSTEM_PLAYERS[0] if start == "system" else start
    return every[[b.name for b in every].index(first) :]


class Chain:
    """The first backend that opens plays; when it fails, the next one that opens takes over.

    `notice` is called once per change after the start (not for the first choice) with a
    sentence for the user; `tried` keeps why each skipped backend could not play.
    """

    def __init__(self, backends: Sequence[Backend], notice: Callable[[str], None] = lambda _: None) -> None:
        self._backends = list(backends) or [SilentBackend()]
        if not isinstance(self._backends[-1], SilentBackend):
            self._backends.append(SilentBackend())
        self._notice = notice
        self._at = -1
        self.tried: list[tuple[str, str]] = []

    @property
    def current(self) -> Backend | None:
        return self._backends[self._at] if self._at >= 0 else None

    @property
    def name(self) -> str:
        current = self.current
        return current.name if current is not None else "starting"

    def choose(self) -> Backend:
        """Open the first backend that works (from where the chain stands)."""
        while True:
            self._at += 1
            backend = self._backends[self._at]
            try:
                backend.open()
            except Exception as error:  # any failure to open is a reason to try the next one
                self.tried.append((backend.name, str(error) or type(error).__name__))
                backend.close()
                continue
            return backend

    def play(self, clip: Clip) -> None:
        """Play on the current backend; on failure degrade to the next one and play there."""
        if self._at < 0:
            self.choose()
        while True:
            backend = self._backends[self._at]
            try:
                backend.play(clip)
                return
            except Exception as error:
                self.tried.append((backend.name, str(error) or type(error).__name__))
                backend.close()
                now = self.choose()
                self._notice(f"Sound from {backend.name} failed ({error}); now using {now.name}.")

    def close(self) -> None:
        for backend in self._backends:
            try:
                backend.close()
            except Exception:
                continue

"""The cue player the app uses: events in on the UI thread, sound out from a worker thread.

`play(event)` only notes the event's sounds (a few microseconds); the events of one engine
batch are handed over together once the batch is done, so a moment's cues become one clip.
Everything slow happens on the worker: silencing alsa-lib, rendering the cue set, choosing
the backend (which may wait up to two seconds for a system player to prove the device), and
starting each clip. The timer never waits for sound and never stops because of it.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hamtimer.audio.cues import Bank, Clip, keys_for, merge
from hamtimer.core.kinds import Side
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.plan import Step, WorkStep

if TYPE_CHECKING:  # the rest is imported by the worker, off the start-up path (ctypes, tempfile...)
    from hamtimer.audio.backends import Backend, Chain
    from hamtimer.audio.voice import Voice

STALE = 1.0
"""A batch still waiting this many seconds after its moment (the backend was being chosen) is
dropped: a late "go" is worse than none."""


def _now_or_later(callback: Callable[[], None]) -> None:
    callback()


def _ignore(*_: object) -> None:
    return None


@dataclass
class Hooks:
    """What the player may ask of its host. Each callable is run through `post`, which the app
    makes thread-safe (the loop's call_soon_threadsafe); without an app they run at once."""

    post: Callable[[Callable[[], None]], None] = _now_or_later
    notice: Callable[[str], None] = _ignore
    """A sentence for the user: the backend changed after a failure, or voice is unavailable."""
    changed: Callable[[], None] = lambda: None
    """The backend in use changed (chosen at start, or degraded)."""
    ring: Callable[[], None] | None = None
    """The terminal bell; None where there is none."""
    flash: Callable[[Side | None], None] | None = None
    """A visual flash of the screen; None where there is no screen."""
    step: Callable[[int], Step | None] = lambda _: None
    """The plan's step at an index, for the voice."""


@dataclass
class _Batch:
    keys: tuple[str, ...]
    speech: str | None = None
    at: float = field(default_factory=time.monotonic)


class SoundPlayer:
    """A CuePlayer with real sound: see the module's docstring."""

    def __init__(
        self,
        volume: float = 0.8,
        backend: str = "auto",
        voice: bool = False,
        backends: Sequence[Backend] | None = None,
    ) -> None:
        self.bank = Bank(volume)
        self.start_at = backend
        self.backends = backends
        """Backends to try instead of the usual ones from `backend` on (tests, benchmarks)."""
        self.voice_wanted = voice
        self.voice: Voice | None = None
        self.hooks = Hooks()
        self.chain: Chain | None = None
        self.ready = threading.Event()
        self._queue: queue.SimpleQueue[_Batch | None] = queue.SimpleQueue()
        self._pending: list[str] = []
        self._speech: str | None = None
        self._thread: threading.Thread | None = None
        self.handoff: list[float] = []
        """Seconds from the hand-over of each batch to its clip starting (for the benchmark)."""
        self.keep_handoff = False

    # ----- the host's side (UI thread)

    @property
    def name(self) -> str:
        return self.chain.name if self.chain is not None else "starting"

    def start(self, hooks: Hooks | None = None) -> None:
        """Start the worker: it sets sound up, then plays what it is given. Call once."""
        if hooks is not None:
            self.hooks = hooks
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hamtimer-sound", daemon=True)
            self._thread.start()

    def play(self, event: Event) -> None:
        """Note the event's sounds; the batch goes to the worker once the loop is free again."""
        try:
            keys = keys_for(event)
            if self.voice_wanted and event.cue is Cue.GO and event.kind is EventKind.CUE:
                step = self.hooks.step(event.step)
                if isinstance(step, WorkStep):
                    from hamtimer.audio.voice import announcement

                    self._speech = announcement(step)
            if not keys:
                return
            first = not self._pending
            self._pending.extend(keys)
            if not first:
                return
            try:
                asyncio.get_running_loop().call_soon(self.flush)
            except RuntimeError:  # no loop (the `sound` command, tests): hand over right away
                self.flush()
        except Exception:  # play never raises
            return

    def flush(self) -> None:
        """Hand the sounds noted so far to the worker as one clip."""
        keys, self._pending = self._pending, []
        speech, self._speech = self._speech, None
        merged = merge(keys)
        if merged:
            self._queue.put(_Batch(merged, speech))

    def stop(self, wait: float = 1.0) -> None:
        """End the worker and release the backend (temporary files, child players)."""
        thread = self._thread
        if thread is None:
            return
        self._queue.put(None)
        thread.join(wait)

    # ----- the worker

    def _post(self, callback: Callable[..., None], *args: object) -> None:
        try:
            self.hooks.post(lambda: callback(*args))
        except Exception:  # the app is gone (shutting down): nothing to tell
            return

    def _ring(self) -> None:
        if self.hooks.ring is not None:
            self._post(self.hooks.ring)

    def _flash(self, side: Side | None) -> None:
        if self.hooks.flash is not None:
            self._post(self.hooks.flash, side)

    def setup(self) -> Chain:
        """Silence alsa-lib, render the cue set and choose the backend (on the worker)."""
        from hamtimer.audio import alsa
        from hamtimer.audio.backends import Chain, candidates
        from hamtimer.audio.voice import Voice

        alsa.silence_alsa_errors()
        self.bank.warm()
        backends = self.backends or candidates(
            self.start_at,
            ring=self._ring if self.hooks.ring is not None else None,
            flash=self._flash if self.hooks.flash is not None else None,
        )
        chain = Chain(backends, notice=lambda text: self._post(self.hooks.notice, text))
        chain.choose()
        self.chain = chain
        if self.voice_wanted:
            self.voice = Voice(self.bank.volume)
            if not self.voice.available:
                self._post(self.hooks.notice, "Voice needs espeak-ng, espeak or (macOS) say: none found.")
        self.ready.set()
        self._post(self.hooks.changed)
        return chain

    def _run(self) -> None:
        try:
            chain = self.setup()
        except Exception as error:  # sound must never take the timer down
            from hamtimer.audio.backends import Chain

            self.chain = Chain([], notice=_ignore)
            self.chain.choose()
            self.ready.set()
            self._post(self.hooks.notice, f"Sound is off: it could not be set up ({error}).")
            self._post(self.hooks.changed)
            return
        while True:
            batch = self._queue.get()
            if batch is None:
                break
            if time.monotonic() - batch.at > STALE:
                continue
            try:
                clip = self.bank.clip(batch.keys)
            except Exception:  # an unknown sound: skip it, keep the worker
                continue
            self.play_clip(clip, chain, batch)
        chain.close()
        if self.voice is not None:
            self.voice.close()

    def play_clip(self, clip: Clip, chain: Chain | None = None, batch: _Batch | None = None) -> None:
        chain = chain or self.chain
        if chain is None:
            return
        before = chain.name
        try:
            chain.play(clip)
        except Exception:
            return
        if self.keep_handoff and batch is not None:
            self.handoff.append(time.monotonic() - batch.at)
        if chain.name != before:
            self._post(self.hooks.changed)
        if batch is not None and batch.speech and self.voice is not None and self.voice.available:
            try:
                audible = chain.name not in ("bell", "flash", "silent")
                self.voice.speak(batch.speech, after=clip.seconds if audible else 0.0)
            except OSError as error:
                self.voice = None
                self._post(self.hooks.notice, f"Voice stopped: {error}.")

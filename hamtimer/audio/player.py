"""The interface between cue events and sound."""

from __future__ import annotations

from typing import Any, Protocol

from hamtimer.core.session.events import Event


class CuePlayer(Protocol):
    @property
    def name(self) -> str:
        """What plays the cues ("simpleaudio", "aplay", "bell", ...), for the status line."""

    def play(self, event: Event) -> None:
        """Start the event's sound and return at once; never raise."""


class SilentPlayer:
    """Plays nothing: used when muted at start or when no backend works."""

    name = "silent"

    def play(self, event: Event) -> None:
        return None


class DeferredPlayer:
    """The real player (hamtimer.audio.sound.SoundPlayer), built only when the app starts sound,
    after its first frame: importing and building it then costs the start-up nothing.

    Cues given before that are kept and handed over at the start.
    """

    def __init__(self, volume: float = 0.8, backend: str = "auto", voice: bool = False) -> None:
        self.volume, self.backend, self.voice = volume, backend, voice
        self.player: Any = None
        self._early: list[Event] = []

    @property
    def name(self) -> str:
        return str(self.player.name) if self.player is not None else "starting"

    def start(self, hooks: Any = None) -> None:
        if self.player is not None:
            return
        from hamtimer.audio.sound import SoundPlayer

        self.player = SoundPlayer(self.volume, backend=self.backend, voice=self.voice)
        self.player.start(hooks)
        early, self._early = self._early, []
        for event in early:
            self.player.play(event)

    def play(self, event: Event) -> None:
        if self.player is not None:
            self.player.play(event)
        elif len(self._early) < 16:
            self._early.append(event)

    def stop(self, wait: float = 1.0) -> None:
        if self.player is not None:
            self.player.stop(wait)

"""The interface between cue events and sound."""

from __future__ import annotations

from typing import Protocol

from hamtimer.core.events import Event


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

"""Sound in the app: the backend in use on the session screen, m and --mute, the flash when
there is no sound at all, one notice when a backend fails, config.toml's problems shown."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from textual.content import Content
from textual.notifications import Notify
from textual.pilot import Pilot

from hamtimer.audio.backends import Unavailable
from hamtimer.audio.cues import Clip
from hamtimer.audio.sound import SoundPlayer
from hamtimer.core.session.clock import FakeClock
from hamtimer.ui.app import HamtimerApp, RunOptions
from hamtimer.ui.widgets.line import Line
from tests.support.pilot import BRIDGE, make_plan, press, settle


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.clips: list[Clip] = []
        self.played = threading.Event()

    def open(self) -> None:
        return None

    def play(self, clip: Clip) -> None:
        self.clips.append(clip)
        self.played.set()

    def close(self) -> None:
        return None


class Breaks(Recorder):
    name = "breaks"

    def play(self, clip: Clip) -> None:
        raise OSError("device unplugged")


class Closed(Recorder):
    name = "closed"

    def open(self) -> None:
        raise Unavailable("no device")


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(round(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


@dataclass
class Running:
    app: HamtimerApp
    pilot: Pilot[None]
    seen: list[object] = field(default_factory=list)

    async def press(self, *keys: str) -> None:
        await press(self.app, self.pilot, *keys)

    @property
    def sound_label(self) -> str:
        return str(self.app.screen.query_one("#sound", Line).render())

    @property
    def notices(self) -> list[str]:
        """The notifications as they read on screen (markup resolved)."""
        return [Content.from_markup(m.notification.message).plain for m in self.seen if isinstance(m, Notify)]


@asynccontextmanager
async def app_with(player: SoundPlayer, options: RunOptions | None = None) -> AsyncIterator[Running]:
    app = HamtimerApp(make_plan(BRIDGE), options or RunOptions(), clock=FakeClock(), player=player)
    seen: list[object] = []
    async with app.run_test(size=(80, 24), notifications=True, message_hook=seen.append) as pilot:
        await until(player.ready.is_set)
        await settle(app, pilot)
        yield Running(app, pilot, seen)


async def test_the_backend_in_use_and_mute_are_shown() -> None:
    async with app_with(SoundPlayer(backends=[Closed(), Recorder()])) as s:
        await until(lambda: s.sound_label == "♪ recorder")
        await s.press("m")
        assert s.sound_label == "muted"
        await s.press("m")
        assert s.sound_label == "♪ recorder"


async def test_mute_at_start_shows_muted_and_plays_nothing() -> None:
    recorder = Recorder()
    async with app_with(SoundPlayer(backends=[recorder]), RunOptions(mute=True)) as s:
        assert s.sound_label == "muted"
        await s.press("space")
        await asyncio.sleep(0.1)
        assert recorder.clips == []


async def test_cues_reach_the_backend() -> None:
    recorder = Recorder()
    async with app_with(SoundPlayer(backends=[recorder])) as s:
        await s.press("space")
        await until(lambda: bool(recorder.clips))
        assert recorder.clips[0].keys == ("get-ready",)


async def test_with_no_sound_the_screen_flashes() -> None:
    async with app_with(SoundPlayer(backend="flash")) as s:
        await until(lambda: s.sound_label == "♪ flash")
        await s.press("space")
        await until(lambda: "-flash" in s.app.screen.classes)
        await until(lambda: "-flash" not in s.app.screen.classes, timeout=2)


async def test_a_failing_backend_degrades_with_one_notice() -> None:
    async with app_with(SoundPlayer(backends=[Breaks(), Recorder()])) as s:
        assert s.sound_label == "♪ breaks"
        await s.press("space")
        await until(lambda: s.sound_label == "♪ recorder")
        assert s.notices == ["Sound from breaks failed (device unplugged); now using recorder."]


async def test_config_problems_are_shown_as_written() -> None:  # "[sound]" is not markup
    problem = (
        "config.toml: [sound] › volume: 3: expected a number from 0 to 1 (0.8 is the default); using 0.8"
    )
    async with app_with(SoundPlayer(backends=[Recorder()]), RunOptions(notices=(problem,))) as s:
        assert s.notices == [problem]

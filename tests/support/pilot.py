"""UI test helpers: a session driver on a fake clock, keys as a terminal sends them, the screen read."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.engine import Engine
from hamtimer.core.session.events import Cue, Event
from hamtimer.core.session.plan import Plan, build_plan
from hamtimer.ui.screens.session import SessionScreen
from hamtimer.ui.widgets.banner import SideBanner
from hamtimer.ui.widgets.figures import BigFigures
from hamtimer.ui.widgets.rating import RatingPanel
from hamtimer.ui.widgets.wrapped import WrappedText
from tests.support.programs import BRIDGE as BRIDGE_FILE
from tests.support.screenshot import screen_lines as screenshot_lines

BRIDGE = BRIDGE_FILE.read_text()
"""Timeline from space (fake time): prepare 0-5, LEFT hold 5-35, rest between sides 35-55,
RIGHT hold 55-85, rest between exercises 85-115, then a counted reps step (5 reps, both legs)."""

PREPARE, HOLD, SIDE_REST, EXERCISE_REST = 5, 30, 20, 30


@dataclass(frozen=True)
class UiDirs:
    """The private user folders of one test (set by the autouse fixture ui_dirs)."""

    config: Path
    data: Path
    cache: Path

    @property
    def programs(self) -> Path:
        """Where the picker looks for the user's own programs."""
        return self.config / "programs"


def make_plan(toml: str) -> Plan:
    return build_plan(parse_program(textwrap.dedent(toml), "t.toml"))


@dataclass
class RecordingPlayer:
    """A cue player that keeps what it was asked to play."""

    name: str = "recording"
    played: list[Event] = field(default_factory=list)

    def play(self, event: Event) -> None:
        self.played.append(event)

    def cues(self) -> list[Cue | None]:
        return [event.cue for event in self.played]


def plain(widget: Widget) -> str:
    """The text a Static shows, markup resolved."""
    return str(widget.render())


def screen_lines(screen: Screen[object]) -> list[str]:
    """What the terminal shows, one string per row (the screen's app's active screen)."""
    return screenshot_lines(screen.app)


def screen_text(screen: Screen[object]) -> str:
    return "\n".join(screen_lines(screen))


def is_visible(screen: Screen[object], widget: Widget) -> bool:
    """The widget has a non-empty region inside the screen and is what shows at its own centre."""
    region = widget.region
    if region.area == 0 or not screen.region.contains_region(region):
        return False
    x, y = region.x + region.width // 2, region.y + region.height // 2
    found, _ = screen.get_widget_at(x, y)
    return found is widget


_KEYS = {
    " ": ("space", " "), "space": ("space", " "),
    "+": ("plus", "+"), "plus": ("plus", "+"),
    "-": ("minus", "-"), "minus": ("minus", "-"),
    "?": ("question_mark", "?"), "question_mark": ("question_mark", "?"),
    "enter": ("enter", "\r"), "escape": ("escape", "\x1b"), "ctrl+q": ("ctrl+q", "\x11"),
}  # fmt: skip


async def settle(app: App[None], pilot: Pilot[None]) -> None:
    """Wait until the app and every screen and widget have emptied their message queues.

    Pilot.press waits for the process to look idle (about 0.1 s a key on a busy machine); this
    waits for exactly the messages a key starts, so the suite stays fast.
    """
    quiet = 0
    for _ in range(200):
        await pilot.pause(0)
        pumps = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
        if all(pump.message_queue_size == 0 for pump in pumps):
            quiet += 1
            if quiet == 2 or not app.is_running:
                return
        else:
            quiet = 0


async def press(app: App[None], pilot: Pilot[None], *keys: str) -> None:
    """Press keys as a terminal sends them, each fully handled before the next."""
    for key in keys:
        name, char = _KEYS.get(key, (key, key if len(key) == 1 else None))
        event = events.Key(name, char)
        event.set_sender(app)
        app.post_message(event)
        await settle(app, pilot)


async def wait_for_screen(
    app: App[None], pilot: Pilot[None], kind: type[Screen[object]], timeout: float = 2.0
) -> Screen[object]:
    """Wait until the active screen is a `kind` (or the app has exited: then fail)."""
    for _ in range(round(timeout / 0.01)):
        if isinstance(app.screen, kind):
            await pilot.pause(0)
            return app.screen
        if not app.is_running:
            break
        await pilot.pause(0.01)
    raise AssertionError(f"expected a {kind.__name__}, the app shows {type(app.screen).__name__}")


class Session:
    """Drives a running HamtimerApp: keys through the pilot, time through the fake clock."""

    def __init__(self, app: App[None], pilot: Pilot[None], clock: FakeClock, player: RecordingPlayer) -> None:
        self.app = app
        self.pilot = pilot
        self.clock = clock
        self.player = player

    @property
    def engine(self) -> Engine:
        engine = self.app.engine  # type: ignore[attr-defined]
        assert engine is not None
        return engine

    @property
    def screen(self) -> SessionScreen:
        """The session screen, even under a modal (app.screen is then the modal)."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, SessionScreen):
                return screen
        raise AssertionError(f"no SessionScreen in {self.app.screen_stack}")

    async def press(self, *keys: str) -> None:
        """Press keys, each handled (bindings, actions, screens pushed) before the next."""
        await press(self.app, self.pilot, *keys)

    async def advance(self, seconds: float) -> None:
        """Move fake time on and let the screen catch up, as its own timer would."""
        self.clock.advance(seconds)
        self.screen.sync()
        await self.pilot.pause(0)

    async def wait_for_screen(self, kind: type[Screen[object]], timeout: float = 2.0) -> Screen[object]:
        """Wait (screen switches take a few tens of ms) until the active screen is a `kind`."""
        return await wait_for_screen(self.app, self.pilot, kind, timeout)

    @property
    def banner(self) -> SideBanner:
        return self.screen.query_one(SideBanner)

    @property
    def banner_text(self) -> str:
        return plain(self.banner)

    @property
    def shown(self) -> str:
        return self.screen.query_one(BigFigures).text

    @property
    def rating(self) -> RatingPanel:
        """The screen's rating prompt (mounted just after the first frame)."""
        return self.screen.rating

    def text(self, selector: str) -> str:
        widget = self.screen.query_one(selector)
        return widget.text if isinstance(widget, WrappedText) else plain(widget)

    @property
    def remaining(self) -> float:
        remaining = self.engine.remaining()
        assert remaining is not None
        return remaining


RunSession = Callable[..., AbstractAsyncContextManager[Session]]
"""The type of the run_session fixture (see conftest.py)."""

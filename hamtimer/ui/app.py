"""The Textual app: which screen is shown, and where engine events go."""

from __future__ import annotations

import asyncio
import contextvars
import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from hamtimer.audio.player import CuePlayer, SilentPlayer
from hamtimer.core import paths
from hamtimer.core.clock import Clock, monotonic
from hamtimer.core.engine import Engine, Status
from hamtimer.core.events import Event, EventKind
from hamtimer.core.journal import Journal, SessionLog, Unfinished, follow, restore
from hamtimer.core.plan import Plan, Step
from hamtimer.core.program import Side
from hamtimer.core.sessions import file_age_seconds, latest_for
from hamtimer.core.trace import TraceWriter
from hamtimer.ui.screens.dialogs import ConfirmQuit, FolderPrompt
from hamtimer.ui.screens.session import SessionScreen

FLASH_SECONDS = 0.15
SOUND_AFTER = 0.3
"""Seconds after the first frame that sound is set up (rendering, probing devices): never in
the way of the first paint; the start screen waits for space anyway."""
RESUME_WITHIN = 12 * 3600
"""A running or stopped session younger than this (seconds since its last save) is offered back."""


@dataclass(frozen=True)
class RunOptions:
    data_dir: Path | None = None
    mute: bool = False
    trace: Path | None = None
    notices: tuple[str, ...] = ()
    """Problems found in config.toml, shown once the app is up."""


class HamtimerApp(App[None]):
    CSS_PATH = Path(__file__).with_name("hamtimer.tcss")
    TITLE = "hamtimer"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("w", "save_elsewhere", "Save log elsewhere", show=False),
    ]

    def __init__(
        self,
        plan: Plan | None = None,
        options: RunOptions | None = None,
        clock: Clock = monotonic,
        player: CuePlayer | None = None,
    ) -> None:
        super().__init__()
        self.initial_plan = plan
        self.options = options or RunOptions()
        self.clock = clock
        self.player: CuePlayer = player or SilentPlayer()
        self.muted = self.options.mute
        self.engine: Engine | None = None
        self.journal: Journal | None = None
        self.unfinished: Unfinished | None = None
        self.trace = TraceWriter(self.options.trace) if self.options.trace else None

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the default one, so the first frame needs no screen switch."""
        if self.initial_plan is not None:
            return self._session_screen(self.initial_plan)
        from hamtimer.ui.screens.picker import PickerScreen  # only needed without a program

        return PickerScreen()

    def _session_screen(self, plan: Plan) -> SessionScreen:
        self.engine = Engine(plan, self.clock)
        self.journal = None
        self.unfinished = None
        return SessionScreen(self.engine, self.on_events, self.on_session_done)

    @property
    def data_dir(self) -> Path:
        return paths.data_dir(self.options.data_dir)

    def find_unfinished(self) -> Unfinished | None:
        """A recent running or stopped log of this program that can be gone on with."""
        if self.engine is None:
            return None
        plan = self.engine.plan
        try:
            found = latest_for(self.data_dir, plan.program.name)
        except OSError:
            return None
        if found is None or file_age_seconds(found[0]) > RESUME_WITHIN:
            return None
        self.unfinished = restore(plan, *found)
        return self.unfinished

    def resume(self) -> list[Event]:
        """Go on with the unfinished session: its sides back in, its log file written on."""
        engine, unfinished = self.engine, self.unfinished
        if engine is None or unfinished is None:
            return []
        engine.restore(unfinished.results)
        log = SessionLog(engine.plan, engine.plan.program.source, started=unfinished.started)
        self.journal = Journal(log, self.data_dir)
        self.journal.path = unfinished.path
        return engine.start(from_index=unfinished.resume_at)

    def on_ready(self) -> None:
        """After the first frame: move start-up objects out of the garbage collector's scans."""
        gc.freeze()
        self.set_timer(SOUND_AFTER, self._start_sound)
        for notice in self.options.notices:
            self.notify(escape(notice), title="config.toml", severity="warning", timeout=10)

    # ----- sound: the player's worker starts after the first frame; it reports back here

    def _start_sound(self) -> None:
        start = getattr(self.player, "start", None)
        if start is None:
            return
        from hamtimer.audio.sound import Hooks

        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # Textual's own (the active app): timers need it

        def post(callback: Callable[[], None]) -> None:  # from the sound worker to this thread
            loop.call_soon_threadsafe(callback, context=context)

        start(
            Hooks(
                post=post,
                notice=lambda text: self.notify(escape(text), title="Sound", severity="warning", timeout=8),
                changed=self.show_sound,
                ring=self.bell,
                flash=self.flash,
                step=self._step_at,
            )
        )

    def _step_at(self, index: int) -> Step | None:
        steps = self.engine.plan.steps if self.engine is not None else ()
        return steps[index] if 0 <= index < len(steps) else None

    @property
    def sound_label(self) -> str:
        return "muted" if self.muted else f"♪ {self.player.name}"

    def show_sound(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.show_sound()

    def flash(self, side: Side | None = None) -> None:
        """The silent backend's cue: the screen flashes for a moment (in the side's colour)."""
        screen = self.screen
        name = f"-flash-{side.value}" if side is not None else "-flash"
        screen.add_class(name)
        self.set_timer(FLASH_SECONDS, lambda: screen.remove_class(name))

    def start_session(self, plan: Plan) -> None:
        self.push_screen(self._session_screen(plan))

    def on_events(self, events: list[Event]) -> None:
        """Engine events, in order of urgency: the trace, the sound, then the log on disk."""
        if self.trace is not None:
            self.trace.write(events)
        if not self.muted:
            for event in events:
                if event.kind is EventKind.CUE:
                    self.player.play(event)
        engine = self.engine
        if engine is None:
            return
        if self.journal is None and any(e.kind is EventKind.STARTED for e in events):
            self.journal = Journal(SessionLog(engine.plan, engine.plan.program.source), self.data_dir)
        if self.journal is not None:
            before = self.journal.error
            if follow(self.journal, engine, events) and self.journal.error and self.journal.error != before:
                self.notify(
                    f"The session log cannot be saved ({self.journal.error}). The session goes on and "
                    "every save tries again; on quitting, w writes it to another folder.",
                    title="Log not saved",
                    severity="warning",
                    timeout=10,
                )

    def action_save_elsewhere(self) -> None:
        """w: write a log that cannot be saved where it should go to a folder the user names."""
        journal = self.journal
        if journal is None or journal.error is None:
            return

        def chosen(folder: str | None) -> None:
            if folder and journal.move_to(Path(folder).expanduser()):
                self.notify(f"Session log written to {journal.path}", title="Log saved")
            elif folder:
                self.notify(f"Still cannot write there: {journal.error}", severity="error")

        self.push_screen(FolderPrompt(journal.error, str(Path.home() / "hamtimer-sessions")), chosen)

    def on_session_done(self, engine: Engine) -> None:
        """A finished session shows its summary; a stopped one quits (the CLI prints it)."""
        if engine.status is Status.FINISHED:
            from hamtimer.ui.screens.summary import SummaryScreen  # kept off the start-up path

            self.push_screen(SummaryScreen(engine, self.on_events, self.close_summary))
        else:
            self.exit()

    def close_summary(self) -> None:
        """Back to the picker when the session was chosen there; else the app is done."""
        if self.initial_plan is not None:
            self.exit()
            return
        while not isinstance(self.screen, SessionScreen):
            self.pop_screen()
        self.pop_screen()

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        self.show_sound()
        return self.muted

    async def action_quit(self) -> None:
        """ctrl+q: a session under way asks first (even from its help); anything else quits."""
        screen = self.screen
        if isinstance(screen, ConfirmQuit):
            screen.dismiss(True)
            return
        session = next((s for s in reversed(self.screen_stack) if isinstance(s, SessionScreen)), None)
        if session is None or session.engine.status not in (Status.READY, Status.RUNNING):
            self.exit()
            return
        while self.screen is not session:
            self.pop_screen()
        session.confirm_quit()

    def on_unmount(self) -> None:
        if self.trace is not None:
            self.trace.close()
        stop = getattr(self.player, "stop", None)
        if stop is not None:
            stop(0.5)

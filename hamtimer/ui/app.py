"""The Textual app: a frontend of the session runner. It shows screens and does what they ask.

Screens post messages (hamtimer.ui.messages); the app turns them into runner commands or screen
changes. The runner's notices (the log cannot be saved, the session is done) come back here.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import gc
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.markup import escape
from textual.screen import Screen

from hamtimer.audio.player import CuePlayer, SilentPlayer
from hamtimer.core import paths
from hamtimer.core.formatting import home_path
from hamtimer.core.kinds import Side
from hamtimer.core.record import Record, record
from hamtimer.core.session.clock import Clock, monotonic
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.plan import Plan, Step
from hamtimer.core.session.runner import RESUME_WITHIN, Notice, NoticeKind, SessionRunner
from hamtimer.ui import css_cache
from hamtimer.ui.messages import (
    IncludeWaiting,
    OpenHistory,
    PhoneCommand,
    ProgramChosen,
    RunnerCommand,
    SummaryClosed,
    ToggleMute,
)
from hamtimer.ui.screens.session import SessionScreen
from hamtimer.ui.themes import PHASE_DEFAULTS, install_themes, remember_theme_changes

if TYPE_CHECKING:
    from hamtimer.phone_setup import PhoneSetup
    from hamtimer.ui.phone import PhoneInApp

__all__ = ["RESUME_WITHIN", "HamtimerApp", "RunOptions"]

FLASH_SECONDS = 0.15
SOUND_AFTER = 0.3
"""Seconds after the first frame that sound is set up (rendering, probing devices)."""
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""End a session as a confirmed quit does, then exit with 128 + the signal's number. SIGINT only
comes from outside (kill -INT): in the app's raw terminal mode ctrl+c is a key."""
EXIT_GRACE = 3.0
"""Seconds a signalled app has to exit before it is ended outright (the log is saved by then): a
terminal closed as the app starts could leave Textual's shutdown waiting for ever."""


@record
class RunOptions(Record):
    data_dir: Path | None = None
    mute: bool = False
    trace: Path | None = None
    notices: tuple[str, ...] = ()
    """Problems found in config.toml, shown once the app is up."""
    soreness: bool = False
    """config.toml's [session] soreness: the check-in before every session."""
    theme: str = "dark"
    """The screen theme from config.toml (`[screen] theme`); one picked in the palette is saved."""
    no_color: bool = False
    """NO_COLOR is set: the phase is shown by reverse video and words."""
    fit: bool = False
    """config.toml's [export] fit: write the session's FIT file when it ends (issue 19)."""
    phone: PhoneSetup | None = None
    """--phone: the phone server, started after the first frame (hamtimer/ui/phone.py)."""


class HamtimerApp(App[None]):
    CSS_PATH = Path(__file__).with_name("hamtimer.tcss")
    TITLE = "hamtimer"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    """The palette (themes, keys) is on ctrl+p: no session key uses ctrl."""
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
        self._variables_wanted = False
        super().__init__()
        self._variables_wanted = True
        self.initial_plan = plan
        self.options = options or RunOptions()
        self.clock = clock
        self.player: CuePlayer = player or SilentPlayer()
        self.muted = self.options.mute
        self.runner: SessionRunner | None = None
        self.phone: PhoneInApp | None = None
        self.signalled: int | None = None
        self.fit_note: str | None = None
        """What the FIT export at the session's end did, in a line (with [export] fit)."""
        css_cache.install(self)
        install_themes(self, self.options.theme)  # before the stylesheet is first read

    # ----- what the CLI and tests read

    @property
    def engine(self) -> Engine | None:
        return self.runner.engine if self.runner is not None else None

    @property
    def data_dir(self) -> Path:
        return paths.data_dir(self.options.data_dir)

    def get_driver_class(self) -> type[Driver]:
        """Textual's Linux driver gives way to QuietDriver, whose input thread sleeps until a key."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver":
            from hamtimer.ui.driver import QuietDriver

            return QuietDriver
        return driver

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return PHASE_DEFAULTS

    def get_css_variables(self) -> dict[str, str]:
        """None for Textual's default theme, asked for in App.__init__: ours replace it (1 ms)."""
        return super().get_css_variables() if self._variables_wanted else {}

    # ----- screens

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the default one, so the first frame needs no screen switch."""
        if self.initial_plan is not None:
            return self._session_screen(self.initial_plan)
        from hamtimer.ui.screens.picker import PickerScreen  # only needed without a program

        return PickerScreen(self.data_dir)

    def _session_screen(self, plan: Plan) -> SessionScreen:
        runner = self._new_runner(plan)
        return SessionScreen(
            runner, self.sound_label, soreness=self.options.soreness, no_color=self.options.no_color
        )

    def _new_runner(self, plan: Plan) -> SessionRunner:
        from hamtimer.core.training.progression import replanner

        old = self.runner
        if self.runner is not None:
            self.runner.close()
        self.runner = SessionRunner(
            plan,
            self.data_dir,
            clock=self.clock,
            sound=self.player,
            muted=self.muted,
            trace=self.options.trace,
            replan=replanner(plan, self.data_dir),
        )
        self.runner.subscribe(notices=self._on_notice)
        if self.phone is not None:
            self.phone.follow(old, self.runner)
        return self.runner

    @on(ProgramChosen)
    def start_session(self, message: ProgramChosen) -> None:
        screen = self._session_screen(message.plan)
        self.push_screen(screen)
        if self.phone is not None:
            self.call_after_refresh(self.run_worker, self.phone.adopt(screen))

    @on(IncludeWaiting)
    def include_waiting(self) -> None:
        """a on the start screen: the same session with the waiting exercises, not yet started."""
        runner = self.runner
        screen = next((s for s in reversed(self.screen_stack) if isinstance(s, SessionScreen)), None)
        if runner is None or screen is None or runner.status is not Status.READY:
            return
        soreness = runner.soreness
        fresh = self._new_runner(runner.plan.including_waiting())
        if soreness is not None:
            fresh.record_soreness(soreness[Side.LEFT], soreness[Side.RIGHT])
        screen.use_runner(fresh)

    @on(OpenHistory)
    def open_history(self) -> None:
        from hamtimer.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.data_dir))

    @on(SummaryClosed)
    def close_summary(self) -> None:
        """Back to the picker when the session was chosen there; else the app is done."""
        if self.initial_plan is not None:
            self.exit()
            return
        while not isinstance(self.screen, SessionScreen):
            self.pop_screen()
        self.pop_screen()

    # ----- the runner

    @on(RunnerCommand)
    def run_command(self, message: RunnerCommand) -> None:
        if self.runner is not None:
            self.runner.do(message.command, message.argument)

    @on(PhoneCommand)
    def phone_command(self, message: PhoneCommand) -> None:
        """A tap on the phone: done as the same key would be, answered with the state after it."""
        if self.runner is None:
            message.answer.cancel()
            return
        self.run_command(RunnerCommand(message.command, message.argument))
        from hamtimer.phone.service import state_of

        if not message.answer.done():
            message.answer.set_result(state_of(self.runner))

    def _on_notice(self, notice: Notice) -> None:
        if notice.kind is NoticeKind.LOG_NOT_SAVED:
            self.notify(
                f"The session log cannot be saved ({escape(notice.text)}). The session goes on and "
                "every save tries again; on quitting, w writes it to another folder.",
                title="Log not saved",
                severity="warning",
                timeout=10,
            )
        elif notice.kind is NoticeKind.HINT:
            self.notify(escape(notice.text), timeout=3)
        elif notice.kind is NoticeKind.DONE:
            self.session_done()

    def session_done(self) -> None:
        """A finished session shows its summary; a stopped one quits (the CLI prints it)."""
        runner = self.runner
        self.fit_note = None
        if runner is not None and self.options.fit and runner.log_path is not None:
            from hamtimer.core.history.fit_export import FAILED, export_session

            self.fit_note = export_session(runner.log_path, runner.data_dir)
            if self.fit_note.startswith(FAILED):
                self.notify(escape(self.fit_note), title="FIT export", severity="warning", timeout=10)
        if runner is not None and runner.status is Status.FINISHED:
            from hamtimer.ui.screens.summary import SummaryScreen  # kept off the start-up path

            self.push_screen(SummaryScreen(runner, self.fit_note))
        else:
            self.exit(return_code=128 + self.signalled if self.signalled else 0)

    def action_save_elsewhere(self) -> None:
        """w: write a log that cannot be saved where it should go to a folder the user names."""
        runner = self.runner
        problem = runner.log_problem if runner is not None else None
        if runner is None or problem is None:
            return

        def chosen(folder: str | None) -> None:
            if folder and runner.save_elsewhere(Path(folder).expanduser()):
                path = runner.log_path or folder
                self.notify(f"Session log written to {escape(home_path(path))}", title="Log saved")
            elif folder:
                self.notify(f"Still cannot write there: {escape(runner.log_problem or '')}", severity="error")

        from hamtimer.ui.screens.dialogs import FolderPrompt

        self.push_screen(FolderPrompt(problem, str(Path.home() / "hamtimer-sessions")), chosen)

    async def action_quit(self) -> None:
        """ctrl+q: a session under way asks first (even from its help); anything else quits."""
        from hamtimer.ui.screens.dialogs import ConfirmQuit

        screen = self.screen
        if isinstance(screen, ConfirmQuit):
            screen.dismiss(True)
            return
        session = next((s for s in reversed(self.screen_stack) if isinstance(s, SessionScreen)), None)
        if session is None or self.runner is None or not self.runner.under_way:
            self.exit()
            return
        while self.screen is not session:
            self.pop_screen()
        session.confirm_quit()

    # ----- signals: SIGTERM and SIGHUP end the session as a confirmed quit does

    def _on_signal(self, number: int) -> None:
        self.signalled = number
        if self.runner is not None and self.runner.under_way:
            self.runner.stop()  # its DONE notice exits with the signal's code
        else:
            self.exit(return_code=128 + number)
        last_resort = threading.Timer(EXIT_GRACE, os._exit, (128 + number,))
        last_resort.daemon = True
        last_resort.start()

    # ----- sound: the player's worker starts after the first frame; it reports back here

    def on_mount(self) -> None:
        remember_theme_changes(self, self.options.theme)
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):  # not the main thread
            for number in EXIT_SIGNALS:
                loop.add_signal_handler(number, self._on_signal, number)

    def on_ready(self) -> None:
        """After the first frame: start-up objects out of the collector's scans, collection on."""
        gc.freeze()
        gc.enable()
        css_cache.save(self)
        self.set_timer(SOUND_AFTER, self._start_sound)
        for notice in self.options.notices:
            self.notify(escape(notice), title="config.toml", severity="warning", timeout=10)
        if self.options.phone is not None:
            from hamtimer.ui.phone import PhoneInApp

            self.phone = PhoneInApp(self, self.options.phone)
            if self.runner is not None:
                self.phone.follow(None, self.runner)

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
        steps = self.runner.plan.steps if self.runner is not None else ()
        return steps[index] if 0 <= index < len(steps) else None

    @property
    def sound_label(self) -> str:
        return "muted" if self.muted else f"♪ {self.player.name}"

    def show_sound(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.sound = self.sound_label

    @on(ToggleMute)
    def toggle_mute(self) -> None:
        self.muted = not self.muted
        if self.runner is not None:
            self.runner.muted = self.muted
        self.show_sound()
        self.notify("sound off" if self.muted else "sound on", timeout=2)

    def flash(self, side: Side | None = None) -> None:
        """The silent backend's cue: the screen flashes for a moment (in the side's colour)."""
        screen = self.screen
        name = f"-flash-{side.value}" if side is not None else "-flash"
        screen.add_class(name)
        self.set_timer(FLASH_SECONDS, lambda: screen.remove_class(name))

    async def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
            for number in EXIT_SIGNALS:
                loop.remove_signal_handler(number)
        if self.phone is not None:  # the phone's streams end before the runner closes
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.phone.stop(), 1.0)
        if self.runner is not None:
            self.runner.close()
        css_cache.save(self)
        stop = getattr(self.player, "stop", None)
        if stop is not None:
            stop(0.5)

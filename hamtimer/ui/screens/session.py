"""The session screen: the start panel, the live step, the rating prompt and the pause overlay.

It holds no timing truth: it asks the runner what is due next and sleeps until then (or until the
shown whole seconds change) with a PreciseWake, so it wakes about once a second and repaints only
what changed. Keys become RunnerCommand messages to the app; what the runner publishes comes back
to `on_runner_events`. The dialogs and the footer are imported when first shown, after the first
frame (bench_session.py's first frame). The engine is always the runner's own: a resumed session
runs on a new engine, on the plan it started with."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from hamtimer.core.formatting import counted
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Event, EventKind
from hamtimer.core.session.plan import PrepareStep, WorkStep
from hamtimer.core.session.rating import check_keys
from hamtimer.core.session.runner import Command, SessionRunner
from hamtimer.core.session.state import step_facts
from hamtimer.ui.messages import IncludeWaiting, RunnerCommand, ToggleMute
from hamtimer.ui.screens.start import ask_soreness, today_text
from hamtimer.ui.screens.step_text import (
    clock_face,
    clock_fit,
    counting_reps,
    describe,
    full_text,
    minutes_left,
    next_text,
    phase_of,
)
from hamtimer.ui.themes import NO_COLOR_CLASS, PHASES, phase_class
from hamtimer.ui.wake import PreciseWake
from hamtimer.ui.widgets.banner import SideBanner
from hamtimer.ui.widgets.figures import BigFigures
from hamtimer.ui.widgets.line import Line, ProgressLine
from hamtimer.ui.widgets.rating import RatingPanel
from hamtimer.ui.widgets.wrapped import WrappedText

RATING_KEYS = "0-9"


class SessionScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "main", "Go/rep"),
        Binding("enter", "end_step", "End"),
        Binding("rating", "rate", "Rate", key_display=RATING_KEYS),
        Binding("escape", "close_rating", "Close", show=False),
        Binding("p", "pause", "Pause"),
        Binding("plus,equals_sign", "more_rest", "rest", key_display="+/-"),
        Binding("minus", "less", "undo", key_display="-"),
        Binding("i", "full_text", "Text"),
        Binding("question_mark", "help", "Keys", show=False),
        Binding("p", "pause_anytime", show=False),
        Binding("plus,equals_sign", "more_rest_anytime", show=False),
        Binding("minus", "less_anytime", show=False),
        Binding("s", "skip", "Skip", show=False),
        Binding("b", "back", "Back", show=False),
        Binding("m", "mute", "Mute", show=False),
        Binding("r", "resume", "Resume", show=False),
        Binding("a", "include_waiting", "Include waiting", show=False),
    ]
    """The footer shows what matters now (check_action): space, enter, i always; p and +/- in a
    rest; - on a reps step; the rating keys (read by the prompt, see on_key) while the prompt is
    up (the prompt itself says esc closes it). It fits 60 columns. The keys hidden from the footer
    still work: a binding check_action refuses passes the key to its twin."""

    sound: reactive[str] = reactive("", init=False)
    """The sound backend in use, or "muted" (the app sets it)."""
    paused: reactive[bool] = reactive(False, init=False)

    phase: reactive[str | None] = reactive(None, init=False)
    """left, right, both, rest, ready, paused (hamtimer.ui.themes.PHASES), or None."""

    def __init__(
        self, runner: SessionRunner, sound: str = "", *, soreness: bool = False, no_color: bool = False
    ) -> None:
        super().__init__()
        self.runner = runner
        self.ask_soreness = soreness or runner.plan.program.soreness
        self.no_color = no_color
        self._wake = PreciseWake(self.engine.clock, self.sync, self._failed)
        self.rating = RatingPanel(id="rating")  # mounted after the first frame: hidden till wanted
        self.set_reactive(SessionScreen.sound, sound)

    @property
    def engine(self) -> Engine:
        return self.runner.engine

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            with Horizontal(id="where-row"):
                yield Line(id="where")
                yield Line(id="sound")  # the sound backend in use, or "muted"
            yield SideBanner(id="banner")
            yield Line(id="exercise")
            yield BigFigures(id="clock", fit="0:00")
            yield Line(id="detail")
            yield WrappedText(id="cue")
            yield Static(id="today")  # the start panel: today's targets, gates, first sides
            yield Line(id="next")
            yield ProgressLine(id="progress")

    def on_resize(self, event: events.Resize) -> None:
        self._compact(event.size.height)

    def _compact(self, height: int) -> None:
        compact = height < 22
        self.set_class(compact, "-compact")
        self.query_one("#cue", WrappedText).max_lines = 1 if compact else 3
        self.rating.compact = compact

    def on_mount(self) -> None:
        self.clock = self.query_one(BigFigures)
        self.set_class(self.no_color or self.app.no_color, NO_COLOR_CLASS)
        self.detail = self.query_one("#detail", Line)
        self.progress = self.query_one(ProgressLine)
        self._compact(self.size.height)
        self.rating.close()
        self.runner.subscribe(self.on_runner_events)
        self.show_step()
        self.show_time()
        self.watch_sound(self.sound)
        self.call_after_refresh(self._add_hidden_parts)
        self.call_after_refresh(self._offer_resume)
        if self.ask_soreness:
            self.call_after_refresh(ask_soreness, self.app, lambda: self.runner)

    def use_runner(self, runner: SessionRunner) -> None:
        """Before the start only: the same session planned again (a includes waiting exercises)."""
        self.runner.unsubscribe(self.on_runner_events)
        self.runner = runner
        runner.subscribe(self.on_runner_events)
        self.show_step()
        self.show_time()

    def action_include_waiting(self) -> None:
        if self.engine.status is Status.READY and self.engine.plan.has_waiting:
            self.post_message(IncludeWaiting())

    async def _add_hidden_parts(self) -> None:
        """The rating prompt, the pause note and the key hints, after the first frame."""
        from textual.widgets import Footer

        paused = Static("PAUSED\n\np or space resumes", id="paused")
        await self.mount(self.rating, paused, Footer(compact=True, show_command_palette=False))
        self.refresh_bindings()

    def _offer_resume(self) -> None:
        found = self.runner.find_unfinished()
        if found is None:
            return
        step = found.plan.steps[found.resume_at]
        when = found.started.strftime("%a %H:%M")
        self.query_one("#next", Line).show(
            f"Unfinished session from {when}, {found.sides_done} sides done: "
            f"[b]r[/b] goes on from {describe(step_facts(step))}; [b]space[/b] starts afresh"
        )

    def action_resume(self) -> None:
        if self.runner.unfinished is not None:
            self.post_message(RunnerCommand(Command.RESUME))

    # ----- the loop: the runner's events in, screen out

    def on_runner_events(self, batch: list[Event]) -> None:
        """Update what the events change, and sleep until the next thing is due."""
        step_changed = False
        for event in batch:
            if event.kind is EventKind.STEP_STARTED:
                step_changed = True
                panel = self.rating
                rated = panel.result is not None and panel.result.difficulty is not None
                if rated and isinstance(self.engine.plan.steps[event.step], WorkStep):
                    panel.close()
            elif event.kind is EventKind.SIDE_DONE:
                self.rating.ask(event.value)
                step_changed = True
            elif event.kind is EventKind.RATED:
                self.rating.redraw()
            elif event.kind in (EventKind.PAUSED, EventKind.RESUMED):
                self.paused = self.engine.paused
            elif event.kind is EventKind.MARKED:
                self.confirm_mark(event)
        if step_changed:
            self.show_step()
        self._after()

    def _after(self) -> None:
        self.show_time()
        if self.engine.status in (Status.FINISHED, Status.STOPPED):
            self._finish()
            return
        self._schedule()

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
        self.phase = phase_of(self.runner.state())

    def watch_phase(self, phase: str | None) -> None:
        for name in PHASES:
            self.set_class(name == phase, phase_class(name))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which keys the footer shows now; the others still work (but for the rating keys)."""
        rating = self.rating.open
        if action in ("rate", "close_rating"):
            return rating
        if action == "less":
            return counting_reps(self.engine)
        if action in ("pause", "more_rest"):
            return self.phase in ("rest", "ready", "paused")
        return True

    def sync(self) -> None:
        """Catch up with the clock (the scheduled wake, or a test that moved a fake clock)."""
        if not self.runner.tick():
            self._after()

    def _schedule(self) -> None:
        """Sleep until the next due moment or change of the shown seconds."""
        self._wake.at(self.runner.next_wake())

    def _failed(self, error: Exception) -> None:
        """An error in a wake is handed to Textual, which reports it and exits cleanly."""
        self.app.call_next(self._reraise, error)

    @staticmethod
    def _reraise(error: Exception) -> None:
        raise error

    def on_unmount(self) -> None:
        self.runner.unsubscribe(self.on_runner_events)
        self._finish()

    def _finish(self) -> None:
        self._wake.cancel()

    def watch_sound(self, sound: str) -> None:
        self.query_one("#sound", Line).show(escape(sound))

    def show_step(self) -> None:
        engine = self.engine
        step = engine.step
        state = self.runner.state()
        where = self.query_one("#where", Line)
        exercise = self.query_one("#exercise", Line)
        banner = self.query_one(SideBanner)
        cue = self.query_one("#cue", WrappedText)
        upcoming = self.query_one("#next", Line)
        program = escape(engine.plan.program.name)
        today = self.query_one("#today", Static)
        lines = today_text(engine.plan) if engine.status is Status.READY else ""
        today.display = bool(lines)
        if engine.status is Status.READY:
            today.update(lines)
            self.phase = None
            self.clock.fit = ""
            banner.show(None, label="READY")
            first = state.first
            where.show(f"{program} · {counted(len(engine.plan.work_steps), 'work step')}")
            exercise.show(f"[b]{program}[/b]")
            cue.text = engine.plan.program.about
            upcoming.show(f"First: {describe(first)}" if first else "")
            return
        total = len(engine.plan.steps)
        if isinstance(step, WorkStep):
            parts = [
                program,
                escape(step.block or ""),
                f"set {step.set}/{step.sets}" if step.sets > 1 else "",
            ]
            parts += [f"round {step.round}/{step.rounds}" if step.rounds > 1 else ""]
            parts += [f"load: {escape(step.load)}" if step.load else "", f"step {step.index + 1}/{total}"]
            where.show(" · ".join(p for p in parts if p))
            banner.show(step.side)
            exercise.show(f"[b]{escape(step.exercise.name)}[/b]")
            notes = list(step.exercise.cues)
            if step.exercise.note and step.set == 1 and step.round == 1 and step.first_side:
                notes.append(step.exercise.note)
            cue.text = " · ".join(notes)
        else:
            where.show(f"{program} · step {step.index + 1}/{total}")
            banner.show(None, resting=True, label="GET READY" if isinstance(step, PrepareStep) else None)
            coming = engine.next_work()
            exercise.show(f"[b]{'Get ready' if isinstance(step, PrepareStep) else 'Rest'}[/b]")
            cue.text = (coming.exercise.note or " · ".join(coming.exercise.cues)) if coming else ""
        upcoming.show(next_text(state))
        self.phase = phase_of(state)
        self.clock.fit = clock_fit(engine)
        self.set_class(self.rating.open, "-rating")
        self.refresh_bindings()

    def show_time(self) -> None:
        engine = self.engine
        now = engine.clock()
        self.progress.show(engine.progress(now), minutes_left(engine.seconds_left(now)))
        face = clock_face(engine, now)
        self.clock.text = face.text
        self.detail.show(face.detail)
        self.clock.set_inverted(face.inverted)

    # ----- keys

    def action_main(self) -> None:
        self.post_message(RunnerCommand(Command.MAIN))

    def action_end_step(self) -> None:
        self.post_message(RunnerCommand(Command.END_STEP))

    def action_pause(self) -> None:
        self.post_message(RunnerCommand(Command.PAUSE))

    action_pause_anytime = action_pause

    def action_skip(self) -> None:
        self.post_message(RunnerCommand(Command.SKIP))

    def action_back(self) -> None:
        self.rating.close()
        self.post_message(RunnerCommand(Command.BACK))

    def action_more_rest(self) -> None:
        self.post_message(RunnerCommand(Command.MORE_REST))

    def action_less(self) -> None:
        self.post_message(RunnerCommand(Command.LESS))

    action_more_rest_anytime = action_more_rest
    action_less_anytime = action_less

    def action_rate(self) -> None:
        """Only a footer entry: the prompt reads the digits itself (on_key)."""

    def action_full_text(self) -> None:
        from hamtimer.ui.screens.dialogs import FullText

        self.app.push_screen(FullText(*full_text(self.engine)))

    def action_mute(self) -> None:
        self.post_message(ToggleMute())

    def action_help(self) -> None:
        from hamtimer.ui.screens.dialogs import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_close_rating(self) -> None:
        self.rating.close()
        self.remove_class("-rating")
        self.refresh_bindings()

    def confirm_quit(self) -> None:
        """Ask before stopping a session under way (the app's ctrl+q)."""

        def decided(stop: bool | None) -> None:
            if stop:
                self.post_message(RunnerCommand(Command.STOP))

        from hamtimer.ui.screens.dialogs import ConfirmQuit

        self.app.push_screen(ConfirmQuit(self.runner.log_problem), decided)

    def on_key(self, event: events.Key) -> None:
        if (mark := self.mark_command(event.character)) is not None:
            event.stop()
            self.post_message(mark)
            return
        command = self.rating.command(event.character)
        if command is not None:
            event.stop()
            self.post_message(command)

    # ----- issue 12: marks during the work (a check's letter during one-leg work)

    def mark_command(self, character: str | None) -> RunnerCommand | None:
        """During a one-leg hold or reps step, a check's letter (as in the rating prompt) marks
        that check on the side under way, now; elsewhere the letters go to the rating prompt."""
        step = self.engine.step
        if character is None or not self.engine.can_mark or not isinstance(step, WorkStep):
            return None
        check = check_keys(step.exercise.checks).get(character)
        return None if check is None else RunnerCommand(Command.MARK, check)

    def confirm_mark(self, event: Event) -> None:
        side = f" ({event.side.value})" if event.side is not None else ""
        self.notify(f"{escape(event.value.check)} marked at {event.value.at:.0f} s{side}", timeout=2)

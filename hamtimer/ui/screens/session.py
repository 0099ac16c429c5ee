"""The session screen: the start panel, the live step, the rating prompt and the pause overlay.

It holds no timing truth: it asks the runner what is due next and sleeps until then (or until the
shown whole seconds change) with a PreciseWake, so it wakes about once a second and repaints only
what changed. Keys become RunnerCommand messages to the app; what the runner publishes comes back
to `on_runner_events`.
"""

from __future__ import annotations

import math

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamtimer.core.engine import Engine, Status
from hamtimer.core.events import Event, EventKind
from hamtimer.core.formatting import format_seconds
from hamtimer.core.kinds import WorkKind
from hamtimer.core.plan import PrepareStep, RestStep, Step, WorkStep
from hamtimer.core.rating import check_keys
from hamtimer.core.session import Command, SessionRunner
from hamtimer.ui.messages import IncludeWaiting, RunnerCommand, ToggleMute
from hamtimer.ui.screens.dialogs import ConfirmQuit, HelpScreen
from hamtimer.ui.screens.start import ask_soreness, today_text
from hamtimer.ui.wake import PreciseWake
from hamtimer.ui.widgets.banner import SideBanner
from hamtimer.ui.widgets.clock import BigClock, clock_text
from hamtimer.ui.widgets.line import Line, ProgressLine
from hamtimer.ui.widgets.rating import RatingPanel


def _describe(step: Step) -> str:
    if isinstance(step, WorkStep):
        side = f"{step.side.value.upper()} · " if step.side else ""
        return f"{side}{escape(step.exercise.name)} · {step.exercise.work.describe()}"
    if isinstance(step, RestStep):
        return f"rest {format_seconds(step.seconds)} ({step.reason.label})"
    return f"get ready {format_seconds(step.seconds)}"


def minutes_left(seconds: float) -> str:
    """The session's time left in whole minutes: an estimate, so it need not tick every second."""
    if seconds <= 0:
        return "done"
    if seconds < 60:
        return "< 1 min left"
    return f"~{math.ceil(seconds / 60)} min left"


class SessionScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "main", "Go/Rep"),
        Binding("enter", "end_step", "End step"),
        Binding("p", "pause", "Pause"),
        Binding("s", "skip", "Skip"),
        Binding("b", "back", "Back"),
        Binding("plus,equals_sign", "more_rest", "+15s"),
        Binding("minus", "less", "-15s/-rep"),
        Binding("m", "mute", "Mute"),
        Binding("question_mark", "help", "Help"),
        Binding("escape", "close_rating", "Close rating", show=False),
        Binding("r", "resume", "Resume", show=False),
        Binding("a", "include_waiting", "Include waiting", show=False),
    ]

    sound: reactive[str] = reactive("", init=False)
    """The sound backend in use, or "muted" (the app sets it)."""
    paused: reactive[bool] = reactive(False, init=False)

    def __init__(self, runner: SessionRunner, sound: str = "", *, soreness: bool = False) -> None:
        super().__init__()
        self.runner = runner
        self.ask_soreness = soreness or runner.plan.program.soreness
        self.engine: Engine = runner.engine
        self._wake = PreciseWake(self.engine.clock, self.sync, self._failed)
        self.set_reactive(SessionScreen.sound, sound)

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            with Horizontal(id="where-row"):
                yield Line(id="where")
                yield Line(id="sound")  # the sound backend in use, or "muted"
            yield SideBanner(id="banner")
            yield Line(id="exercise")
            with Center(id="clock-row"):
                yield BigClock(id="clock")
            yield Line(id="detail")
            yield Static(id="cue")
            yield Static(id="today")  # the start panel: today's targets, gates, first sides
            yield Line(id="next")
            with Horizontal(id="progress-row"):
                yield ProgressLine(id="progress")
                yield Line(id="left")
        yield RatingPanel(id="rating")
        yield Static("PAUSED\n\np or space resumes", id="paused")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < 22, "-compact")

    def on_mount(self) -> None:
        self.clock = self.query_one(BigClock)
        self.detail = self.query_one("#detail", Line)
        self.progress = self.query_one(ProgressLine)
        self.left = self.query_one("#left", Line)
        self.set_class(self.size.height < 22, "-compact")
        self.query_one(RatingPanel).close()
        self.runner.subscribe(self.on_runner_events)
        self.show_step()
        self.show_time()
        self.watch_sound(self.sound)
        self.call_after_refresh(self._add_footer)
        self.call_after_refresh(self._offer_resume)
        if self.ask_soreness:
            self.call_after_refresh(ask_soreness, self.app, lambda: self.runner)

    def use_runner(self, runner: SessionRunner) -> None:
        """Before the start only: the same session planned again (a includes waiting exercises)."""
        self.runner.unsubscribe(self.on_runner_events)
        self.runner, self.engine = runner, runner.engine
        runner.subscribe(self.on_runner_events)
        self.show_step()
        self.show_time()

    def action_include_waiting(self) -> None:
        if self.engine.status is Status.READY and self.engine.plan.has_waiting:
            self.post_message(IncludeWaiting())

    async def _add_footer(self) -> None:
        """Key hints just after the first frame. A Footer shows keys once told the bindings changed,
        and the screen told that before this one was there."""
        await self.mount(Footer())
        self.refresh_bindings()

    def _offer_resume(self) -> None:
        found = self.runner.find_unfinished()
        if found is None:
            return
        step = self.engine.plan.steps[found.resume_at]
        when = found.started.strftime("%a %H:%M")
        self.query_one("#next", Line).show(
            f"Unfinished session from {when}, {found.sides_done} sides done: "
            f"[b]r[/b] goes on from {_describe(step)}; [b]space[/b] starts afresh"
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
                panel = self.query_one(RatingPanel)
                rated = panel.result is not None and panel.result.difficulty is not None
                if rated and isinstance(self.engine.plan.steps[event.step], WorkStep):
                    panel.close()
            elif event.kind is EventKind.SIDE_DONE:
                self.query_one(RatingPanel).ask(event.value)
            elif event.kind is EventKind.RATED:
                self.query_one(RatingPanel).redraw()
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

    # ----- drawing

    def watch_sound(self, sound: str) -> None:
        self.query_one("#sound", Line).show(escape(sound))

    def show_step(self) -> None:
        engine = self.engine
        step = engine.step
        where = self.query_one("#where", Line)
        exercise = self.query_one("#exercise", Line)
        banner = self.query_one(SideBanner)
        cue = self.query_one("#cue", Static)
        upcoming = self.query_one("#next", Line)
        program = escape(engine.plan.program.name)
        today = self.query_one("#today", Static)
        lines = today_text(engine.plan) if engine.status is Status.READY else ""
        today.display = bool(lines)
        if engine.status is Status.READY:
            today.update(lines)
            banner.show(None, label="READY")
            first = engine.plan.work_steps[0] if engine.plan.work_steps else None
            where.show(f"{program} · {len(engine.plan.work_steps)} work steps")
            exercise.show(f"[b]{program}[/b]")
            cue.update(escape(engine.plan.program.about))
            upcoming.show(f"First: {_describe(first)}" if first else "")
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
            cue.update(escape(" · ".join(notes)))
        else:
            where.show(f"{program} · step {step.index + 1}/{total}")
            banner.show(None, resting=True, label="GET READY" if isinstance(step, PrepareStep) else None)
            coming = engine.next_work()
            exercise.show(f"[b]{'Get ready' if isinstance(step, PrepareStep) else 'Rest'}[/b]")
            cue.update(escape(coming.exercise.note or " · ".join(coming.exercise.cues)) if coming else "")
        upcoming.show(self._next_text())

    def _next_text(self) -> str:
        engine = self.engine
        steps = engine.plan.steps
        following = steps[engine.index + 1] if engine.index + 1 < len(steps) else None
        if following is None:
            return "Next: the end"
        text = f"Next: {_describe(following)}"
        if not isinstance(following, WorkStep) and (coming := engine.next_work()) is not None:
            text += f", then {_describe(coming)}"
        return text

    def show_time(self) -> None:
        engine = self.engine
        clock, detail = self.clock, self.detail
        now = engine.clock()
        self.progress.show(engine.progress(now))
        self.left.show(minutes_left(engine.seconds_left(now)))
        if engine.status is Status.READY:
            clock.shown = clock_text(engine.plan.estimated_seconds)
            detail.show("estimated time · [b]space[/b] starts")
            return
        if engine.status is not Status.RUNNING:
            clock.shown = "0"
            detail.show("session over")
            return
        step = engine.step
        remaining = engine.remaining(now)
        if isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.REPS:
            clock.shown = str(engine.reps)
            detail.show(self._reps_detail(step))
        elif remaining is not None:
            clock.shown = clock_text(math.ceil(remaining - 1e-9))
            detail.show(self._timed_detail(step))
        else:
            clock.shown = clock_text(math.floor(engine.elapsed(now)))
            detail.show(self._open_detail(step))

    def _reps_detail(self, step: WorkStep) -> str:
        exercise = step.exercise
        bounds = exercise.work.bounds
        goal = "max reps" if bounds.target is None else exercise.work.describe()
        reached = " · [b]minimum reached[/b]" if self.engine.minimum_reached else ""
        if exercise.tempo is not None:
            return f"reps of {goal} at tempo {exercise.tempo}{reached} · enter ends"
        return f"reps of {goal}{reached} · [b]space[/b] counts a rep, enter ends"

    def _timed_detail(self, step: Step) -> str:
        if isinstance(step, WorkStep):
            reached = " · [b]minimum reached[/b]" if self.engine.minimum_reached else ""
            metronome = f" · metronome {step.exercise.cadence} bpm" if step.exercise.cadence else ""
            return f"{step.exercise.work.kind} {step.exercise.work.describe()}{reached}{metronome}"
        if isinstance(step, RestStep):
            return f"rest ({step.reason.label}) · + adds 15 s, enter ends it"
        return "get ready"

    def _open_detail(self, step: Step) -> str:
        if isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.DISTANCE:
            return f"{step.exercise.work.distance} · enter when done"
        return "max: go until you cannot · enter stops the clock"

    # ----- keys

    def action_main(self) -> None:
        self.post_message(RunnerCommand(Command.MAIN))

    def action_end_step(self) -> None:
        self.post_message(RunnerCommand(Command.END_STEP))

    def action_pause(self) -> None:
        self.post_message(RunnerCommand(Command.PAUSE))

    def action_skip(self) -> None:
        self.post_message(RunnerCommand(Command.SKIP))

    def action_back(self) -> None:
        self.query_one(RatingPanel).close()
        self.post_message(RunnerCommand(Command.BACK))

    def action_more_rest(self) -> None:
        self.post_message(RunnerCommand(Command.MORE_REST))

    def action_less(self) -> None:
        self.post_message(RunnerCommand(Command.LESS))

    def action_mute(self) -> None:
        self.post_message(ToggleMute())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_close_rating(self) -> None:
        self.query_one(RatingPanel).close()

    def confirm_quit(self) -> None:
        """Ask before stopping a session under way (the app's ctrl+q)."""

        def decided(stop: bool | None) -> None:
            if stop:
                self.post_message(RunnerCommand(Command.STOP))

        self.app.push_screen(ConfirmQuit(self.runner.log_problem), decided)

    def on_key(self, event: events.Key) -> None:
        if (mark := self.mark_command(event.character)) is not None:
            event.stop()
            self.post_message(mark)
            return
        command = self.query_one(RatingPanel).command(event.character)
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

"""Plain mode's loop: commands in, one line per event out, on the same runner as the UI.

It sleeps in `select` until input arrives, the runner's next due moment, or a signal (through
signal.set_wakeup_fd): no polling. When input ends (a pipe or file of commands ran out), the
session goes on by itself while its steps run out; a step that waits for the user then stops
the session (status "stopped"), since nobody is left to end it.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TextIO

from hamtimer.core.session.engine import Status
from hamtimer.core.session.events import Event, EventKind
from hamtimer.core.session.plan import WorkStep
from hamtimer.core.session.rating import check_keys
from hamtimer.core.session.runner import Notice, NoticeKind, SessionRunner
from hamtimer.core.session.state import step_facts
from hamtimer.core.session.today import WeekCount
from hamtimer.core.training.progression import this_week
from hamtimer.plain import lines
from hamtimer.plain.source import Source

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class PlainSession:
    def __init__(self, runner: SessionRunner, source: Source, out: TextIO, *, soreness: bool = False) -> None:
        self.runner = runner
        self.soreness: list[int] | None = [] if soreness else None
        """The soreness check-in while it is asked: the levels given so far (left, then right)."""
        self.source = source
        self.out = out
        self.pending: deque[str] = deque()
        self.ended_input = False
        self.waiting = False
        self.confirming = False
        self.signalled: int | None = None
        self._lock = threading.Lock()
        self._posted: deque[Callable[[], None]] = deque()
        self._wake_lock = threading.Lock()
        self._wake_w: int | None = None
        self.before_close: list[Callable[[], None]] = []
        """Run when the session is over, before the runner closes (the phone server stops)."""
        runner.subscribe(self._on_events, self._on_notice)

    def say(self, text: str) -> None:
        """One line out (the sound worker may say things too, hence the lock)."""
        with self._lock:
            self.out.write(text + "\n")
            self.out.flush()

    def post(self, action: Callable[[], None]) -> None:
        """Run `action` on this loop's thread soon; any thread may call it (the phone's commands)."""
        self._posted.append(action)
        with self._wake_lock:
            if self._wake_w is not None:
                with contextlib.suppress(OSError):  # a full pipe is awake already
                    os.write(self._wake_w, b"!")

    def _run_posted(self) -> None:
        while self._posted:
            self._posted.popleft()()

    def run(self) -> int:
        """The whole session; the exit code (128 + the signal's number after a signal)."""
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)
        previous_fd = signal.set_wakeup_fd(wake_w)
        previous = {number: signal.signal(number, self._on_signal) for number in SIGNALS}
        with self._wake_lock:
            self._wake_w = wake_w
        try:
            self._session(wake_r)
            if self.signalled is not None:
                self.runner.stop()
            if self.runner.status is not Status.READY:
                for line in lines.summary(self.runner.engine, self._week()):
                    self.say(line)
            if self.signalled is None:
                self._save_elsewhere()
        finally:
            for hook in self.before_close:
                hook()
            with self._wake_lock:
                self._wake_w = None
            self.source.close()
            signal.set_wakeup_fd(previous_fd)
            for number, handler in previous.items():
                signal.signal(number, handler)
            os.close(wake_r)
            os.close(wake_w)
            self.runner.close()
        return 0 if self.signalled is None else 128 + self.signalled

    def _save_elsewhere(self) -> None:
        """The log could not be written: ask for another folder, as the app's `w` does, until one
        works; with none given, the log is printed so that nothing is lost."""
        while (problem := self.runner.log_problem) is not None and self.signalled is None:
            self.say(
                f"the session log could not be saved ({problem}): "
                "type a folder to save it to, or enter to leave it unsaved"
            )
            answer = self.pending.popleft() if self.pending else self.source.ask()
            if not answer or answer in ("enter", "escape"):
                text = self.runner.log_text()
                if text is not None:
                    self.say("the log was not saved; here it is, to keep:")
                    self.say(text.rstrip("\n"))
                return
            if self.runner.save_elsewhere(Path(answer).expanduser()):
                self.say(f"session log written to {self.runner.log_path}")
                return

    def _week(self) -> WeekCount | None:
        """Issue 20: this week's sessions, this one included, when the plan has a weekly target."""
        progress = self.runner.engine.plan.progress
        if progress is None or progress.week is None:
            return None
        return this_week(self.runner.data_dir, progress.week.target)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        self.signalled = number

    # ----- the loop

    def _session(self, wake: int) -> None:
        runner = self.runner
        for line in lines.intro(runner.plan, self.source.keyboard):
            self.say(line)
        if self.soreness is not None:
            self.say(lines.SORENESS)
        if (found := runner.find_unfinished()) is not None:
            step = found.plan.steps[found.resume_at]
            self.say(
                f"unfinished session from {found.started:%a %H:%M}, {found.sides_done} sides done: "
                f"r goes on from {lines.describe(step_facts(step))}; space starts afresh"
            )
        while self.signalled is None:
            self._run_posted()
            while self.pending and not self.waiting and not runner.done:
                self._command(self.pending.popleft())
            if runner.done or self.signalled is not None:
                break
            due = runner.next_wake(display=False)
            if self.ended_input and (due is None or runner.status is Status.READY):
                if runner.status is Status.RUNNING:
                    self.say("input ended and this step waits for a key: the session stops here")
                    runner.stop()
                return
            self._sleep(wake, due)
            runner.tick()
        if runner.status is Status.FINISHED and self.signalled is None:
            self._last_rating(wake)

    def _sleep(self, wake: int, due: float | None) -> None:
        timeout = None if due is None else max(0.0, due - self.runner.engine.clock())
        watched = [wake] if self.ended_input else [wake, self.source.fileno()]
        ready, _, _ = select.select(watched, [], [], timeout)
        if wake in ready:
            os.read(wake, 512)
        if self.source.fileno() in ready:
            commands = self.source.read()
            if commands is None:
                self.ended_input = True
            else:
                self.pending.extend(commands)

    def _last_rating(self, wake: int) -> None:
        """The last side had no rest after it: it can be rated now (enter skips)."""
        done = self.runner.engine.last_done
        if done is None or done.difficulty is not None or (self.ended_input and not self.pending):
            return
        self.say("rate the last side now, or enter to finish")
        keys = check_keys(done.step.exercise.checks)
        while self.signalled is None:
            self._run_posted()
            while self.pending:
                command = self.pending.popleft()
                if command.isdigit() and len(command) == 1:
                    self.runner.rate(int(command))
                elif command in keys:
                    self.runner.toggle_check(keys[command])
                elif command != "wait":
                    return
            if self.ended_input:
                return
            self._sleep(wake, None)

    # ----- commands

    def _command(self, command: str) -> None:
        runner = self.runner
        if self.confirming:
            self.confirming = False
            if command in ("y", "enter"):
                runner.stop()
            else:
                self.say("going on")
            return
        if runner.status is Status.READY:
            self._before_start(command)
            return
        action = self._actions().get(command)
        if action is not None:
            action()
            return
        if (check := self._markable(command)) is not None:
            runner.mark(check)
            return
        done = runner.engine.last_done
        if command.isdigit() and len(command) == 1:
            runner.rate(int(command))
        elif done is not None and command in (keys := check_keys(done.step.exercise.checks)):
            runner.toggle_check(keys[command])
        else:
            self.say(f"{command}: not a command here; ? lists them")

    def _markable(self, command: str) -> str | None:
        """Issue 12: during one-leg work, a check's letter marks it on that side, now."""
        engine = self.runner.engine
        step = engine.step
        if not engine.can_mark or not isinstance(step, WorkStep):
            return None
        return check_keys(step.exercise.checks).get(command)

    def _actions(self) -> dict[str, Callable[[], object]]:
        runner = self.runner
        return {
            "space": runner.main,
            "enter": runner.end_step,
            "p": runner.pause,
            "s": runner.skip,
            "b": runner.back,
            "+": runner.more_rest,
            "-": runner.less,
            "m": self._mute,
            "?": lambda: self.say(lines.KEYS if self.source.keyboard else lines.LINE_COMMANDS),
            "ctrl+q": self._ask_quit,
            "quit": runner.stop,
            "wait": self._wait,
            "escape": lambda: None,
        }

    def _before_start(self, command: str) -> None:
        runner = self.runner
        if self.soreness is not None and self._soreness(command):
            return
        if command in ("space", "enter"):
            runner.main()
        elif command == "r" and runner.unfinished is not None:
            runner.resume()
        elif command in ("quit", "ctrl+q"):
            self.ended_input = True
        elif command == "?":
            self.say(lines.KEYS if self.source.keyboard else lines.LINE_COMMANDS)
        elif command != "wait":
            self.say("space starts")

    def _soreness(self, command: str) -> bool:
        """The check-in before the start: 0-9 (x for 10) left then right; enter or escape skips."""
        assert self.soreness is not None
        level = lines.soreness_level(command)
        if level is not None:
            self.soreness.append(level)
            if len(self.soreness) == 2:
                self.runner.record_soreness(*self.soreness)
                self.say(f"soreness: left {self.soreness[0]}, right {self.soreness[1]}")
                self.soreness = None
            return True
        if command in ("enter", "escape"):
            self.say("soreness skipped")
            self.soreness = None
            return True
        return False

    def _ask_quit(self) -> None:
        problem = self.runner.log_problem
        if problem:
            self.say(f"the session log could not be saved ({problem})")
        self.say("stop the session? y stops, n goes on; what was done is kept")
        self.confirming = True

    def _mute(self) -> None:
        self.say("sound off" if self.runner.toggle_mute() else "sound on")

    def _wait(self) -> None:
        """Scripts: read no further command until the next step begins (or the session ends)."""
        self.waiting = True

    # ----- what the runner publishes

    def _on_events(self, events: list[Event]) -> None:
        engine = self.runner.engine
        for event in events:
            if event.kind in (EventKind.STEP_STARTED, EventKind.FINISHED, EventKind.STOPPED):
                self.waiting = False
            line = lines.event_line(event, engine)
            if line is not None:
                self.say(line)

    def _on_notice(self, notice: Notice) -> None:
        if notice.kind is NoticeKind.LOG_NOT_SAVED:
            self.say(
                f"the session log cannot be saved ({notice.text}); "
                "the session goes on and every save tries again"
            )
        elif notice.kind is NoticeKind.HINT:
            self.say(notice.text)

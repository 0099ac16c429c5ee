"""The session runner: one running session, shared by every frontend.

It owns the engine, the clock, the journal, the trace and the sound sink. A frontend sends it
commands (the methods below) and subscribes to what it publishes: each batch of engine events,
and notices (the log cannot be saved, the session is done, a hint for a key that did nothing).
Frontends hold no session logic: they draw, map keys to commands and wake the runner with
`tick()` at `next_wake()`.

The journal, the logs' index and the trace are imported when first needed (the session starts, a
resume is looked for, a trace is asked for): the first frame does not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.record import Record, record
from hamtimer.core.session.clock import Clock, monotonic
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Event, EventKind
from hamtimer.core.session.plan import Plan, WorkStep
from hamtimer.core.session.state import SessionState, SummaryRow, build_state

if TYPE_CHECKING:
    from hamtimer.core.log.journal import Journal, Unfinished
    from hamtimer.core.session.trace import TraceWriter

RESUME_WITHIN = 12 * 3600
"""A running or stopped session younger than this (seconds since its last save) is offered back."""
REST_STEP = 15.0
"""Seconds that + and - add to or take from a rest."""


class SoundSink(Protocol):
    """Where cue events go to be heard (hamtimer.audio's players)."""

    def play(self, event: Event) -> None: ...


class NoticeKind(StrEnum):
    LOG_NOT_SAVED = "log-not-saved"  # text: why; every later save tries again
    HINT = "hint"  # a key that does nothing here, and what does
    DONE = "done"  # the session finished or stopped (engine.status says which)


class Command(StrEnum):
    """What a frontend can ask of the runner (keys and lines map to these)."""

    START = "start"
    MAIN = "main"
    END_STEP = "end-step"
    PAUSE = "pause"
    SKIP = "skip"
    BACK = "back"
    MORE_REST = "more-rest"
    LESS = "less"
    RATE = "rate"  # argument: 1 to 10 (0 means 10)
    CHECK = "check"  # argument: the check's name
    MARK = "mark"  # argument: the check's name; during one-leg work, marked on that side now
    RESUME = "resume"
    STOP = "stop"


@record
class Notice(Record):
    kind: NoticeKind
    text: str = ""


EventListener = Callable[[list[Event]], None]
NoticeListener = Callable[[Notice], None]


class SessionRunner:
    def __init__(
        self,
        plan: Plan,
        data_dir: Path,
        *,
        clock: Clock = monotonic,
        sound: SoundSink | None = None,
        muted: bool = False,
        trace: Path | None = None,
        replan: Callable[[Path], Plan] | None = None,
    ) -> None:
        """`replan(log)` gives the plan an unfinished session (its log) started with, for resume."""
        self.engine = Engine(plan, clock)
        self._replan = replan
        self.data_dir = data_dir
        self.sound = sound
        self.muted = muted
        self.journal: Journal | None = None
        self.unfinished: Unfinished | None = None
        self._trace: TraceWriter | None = None
        if trace is not None:
            from hamtimer.core.session.trace import TraceWriter

            self._trace = TraceWriter(trace)
        self._event_listeners: list[EventListener] = []
        self._notice_listeners: list[NoticeListener] = []
        self._done = False
        self._soreness: dict[Side, int] | None = None
        self.seq = 0
        """Rises at every published batch (and mute): the state object's `seq`."""

    # ----- subscribing

    def subscribe(self, events: EventListener | None = None, notices: NoticeListener | None = None) -> None:
        if events is not None:
            self._event_listeners.append(events)
        if notices is not None:
            self._notice_listeners.append(notices)

    def unsubscribe(self, events: EventListener | None = None, notices: NoticeListener | None = None) -> None:
        if events in self._event_listeners:
            self._event_listeners.remove(events)
        if notices in self._notice_listeners:
            self._notice_listeners.remove(notices)

    # ----- what frontends read

    @property
    def plan(self) -> Plan:
        return self.engine.plan

    @property
    def status(self) -> Status:
        return self.engine.status

    @property
    def under_way(self) -> bool:
        """Running: a quit asks first (before the start there is nothing to lose)."""
        return self.engine.status is Status.RUNNING

    @property
    def done(self) -> bool:
        return self.engine.status in (Status.FINISHED, Status.STOPPED)

    @property
    def log_problem(self) -> str | None:
        return self.journal.error if self.journal is not None else None

    def log_text(self) -> str | None:
        """The session's log as it would be written (TOML), for when it cannot be."""
        return self.journal.log.dumps().decode("utf-8") if self.journal is not None else None

    @property
    def log_path(self) -> Path | None:
        """Where this session's log is (or was last) written; None before it starts or if never saved."""
        return self.journal.path if self.journal is not None else None

    def state(self, now: float | None = None, summary: tuple[SummaryRow, ...] = ()) -> SessionState:
        """What the session shows now (core/session/state.py)."""
        return build_state(self.engine, seq=self.seq, muted=self.muted, now=now, summary=summary)

    def next_wake(self, display: bool = True) -> float | None:
        """When the runner next has something to do (or, with display, the shown seconds change)."""
        engine = self.engine
        times = [engine.next_due()]
        if display:
            times.append(engine.next_display_change())
        due = [t for t in times if t is not None]
        return min(due) if due else None

    # ----- commands

    def do(self, command: Command, argument: int | str | None = None) -> list[Event]:
        """Run one command by name (frontends that pass commands around as data)."""
        if command is Command.RATE:
            return self.rate(int(argument or 0))
        if command is Command.CHECK:
            return self.toggle_check(str(argument))
        if command is Command.MARK:
            return self.mark(str(argument))
        action: Callable[[], list[Event]] = getattr(self, command.value.replace("-", "_"))
        return action()

    def tick(self) -> list[Event]:
        """Catch up with the clock; listeners hear of it only when something happened."""
        events = self.engine.tick()
        return self._publish(events) if events else events

    def start(self) -> list[Event]:
        return self._publish(self.engine.start())

    @property
    def soreness(self) -> dict[Side, int] | None:
        return self._soreness

    def record_soreness(self, left: int, right: int) -> None:
        """How each hamstring feels, 0 (none) to 10 (worst), asked before the start; logged as
        [soreness]. Values outside 0-10 are refused with ValueError."""
        if not (0 <= left <= 10 and 0 <= right <= 10):
            raise ValueError(f"soreness is 0 to 10, not {left} and {right}")
        self._soreness = {Side.LEFT: left, Side.RIGHT: right}
        if self.journal is not None:
            self.journal.log.soreness = self._soreness
            self.journal.save()

    def main(self) -> list[Event]:
        """Space: start, resume, count a rep, or end the step."""
        return self._publish(self.engine.press_main())

    def end_step(self) -> list[Event]:
        return self._publish(self.engine.end_step())

    def pause(self) -> list[Event]:
        return self._publish(self.engine.toggle_pause())

    def skip(self) -> list[Event]:
        return self._publish(self.engine.skip())

    def back(self) -> list[Event]:
        return self._publish(self.engine.back())

    def more_rest(self) -> list[Event]:
        return self._change_rest(REST_STEP)

    def less(self) -> list[Event]:
        """-: take back a rep on a counted reps step, else 15 s less rest."""
        step = self.engine.step
        if self.engine.running and isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.REPS:
            return self._publish(self.engine.uncount_rep())
        return self._change_rest(-REST_STEP)

    def _change_rest(self, seconds: float) -> list[Event]:
        if self.engine.running and isinstance(self.engine.step, WorkStep):
            self._notify(Notice(NoticeKind.HINT, "+ and - change a rest; enter ends this step now"))
            return self.tick()
        return self._publish(self.engine.change_rest(seconds))

    def rate(self, difficulty: int) -> list[Event]:
        """1 to 10 (0 on the keyboard means 10)."""
        return self._publish(self.engine.rate(difficulty or 10))

    def toggle_check(self, check: str) -> list[Event]:
        return self._publish(self.engine.toggle_check(check))

    def mark(self, check: str) -> list[Event]:
        """A check seen during the work: marked on the side under way, at the seconds reached."""
        return self._publish(self.engine.mark(check))

    def stop(self) -> list[Event]:
        """A confirmed quit (or a signal): status stopped and `ended` written; what was done is kept."""
        return self._publish(self.engine.stop())

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        self.seq += 1
        return self.muted

    # ----- resume

    def find_unfinished(self) -> Unfinished | None:
        """A recent running or stopped log of this program that can be gone on with."""
        if self.engine.status is not Status.READY:
            return None
        from hamtimer.core.log.folder import file_age_seconds, latest_for
        from hamtimer.core.log.journal import restore

        try:
            found = latest_for(self.data_dir, self.plan.program.name)
        except OSError:
            return None
        if found is None or file_age_seconds(found[0]) > RESUME_WITHIN:
            return None
        self.unfinished = restore(self._plan_of(found[0]), *found)
        return self.unfinished

    def _plan_of(self, log: Path) -> Plan:
        """The plan an unfinished session started with (`replan`), else today's."""
        if self._replan is None:
            return self.plan
        try:
            return self._replan(log)
        except (OSError, ValueError):  # an unreadable log or program: match it to today's plan
            return self.plan

    def resume(self) -> list[Event]:
        """Go on with the unfinished session: its sides back in, its log file written on, on the
        plan it started with (today's plan may count it as the session before)."""
        engine, unfinished = self.engine, self.unfinished
        if unfinished is None or engine.status is not Status.READY:
            return []
        if unfinished.plan is not engine.plan:
            engine = self.engine = Engine(unfinished.plan, engine.clock)
        engine.restore(unfinished.results)
        self.journal = self._new_journal(started=unfinished)
        self.journal.path = unfinished.path
        return self._publish(engine.start(from_index=unfinished.resume_at))

    # ----- the log's fault path

    def save_elsewhere(self, folder: Path) -> bool:
        """Write a log that cannot be saved where it should to another data folder, from now on."""
        journal = self.journal
        return journal is not None and journal.move_to(folder)

    def close(self) -> None:
        if self._trace is not None:
            self._trace.close()

    # ----- inside

    def _publish(self, events: list[Event]) -> list[Event]:
        """In order of urgency: the trace, the sound, the log on disk, then the frontends.

        After a command the frontends hear even of an empty batch: what it changed (a rep taken
        back) may still be worth drawing.
        """
        self.seq += 1
        if self._trace is not None:
            self._trace.write(events)
        if self.sound is not None and not self.muted:
            for event in events:
                if event.kind is EventKind.CUE:
                    self.sound.play(event)
        self._record(events)
        for listener in list(self._event_listeners):
            listener(events)
        if self.done and not self._done:
            self._done = True
            self._notify(Notice(NoticeKind.DONE, self.engine.status.value))
        return events

    def _record(self, events: list[Event]) -> None:
        if self.journal is None and any(e.kind is EventKind.STARTED for e in events):
            self.journal = self._new_journal()
        journal = self.journal
        if journal is None:
            return
        from hamtimer.core.log.journal import follow

        before = journal.error
        if follow(journal, self.engine, events) and journal.error and journal.error != before:
            self._notify(Notice(NoticeKind.LOG_NOT_SAVED, journal.error))

    def _new_journal(self, started: Unfinished | None = None) -> Journal:
        from hamtimer.core.log.journal import Journal, SessionLog

        if started is not None:
            log = SessionLog(
                self.plan,
                self.plan.program.source,
                started=started.started,
                side_starts=dict(started.side_starts),
            )
        else:
            log = SessionLog(self.plan, self.plan.program.source, soreness=self._soreness)
        return Journal(log, self.data_dir)

    def _notify(self, notice: Notice) -> None:
        for listener in list(self._notice_listeners):
            listener(notice)

"""The session engine: runs a plan against a clock and says what happens, when.

It keeps one deadline per step on a monotonic clock that it is given, never counts ticks, and
starts a step that follows a deadline at that deadline (not at the late tick that noticed it), so
lateness never accumulates. Every public method first catches up with the clock, then acts, and
returns the events that resulted, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.session import estimates
from hamtimer.core.session.clock import Clock, monotonic
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.marks import Mark
from hamtimer.core.session.plan import Plan, RestStep, Step, WorkStep, estimate_seconds
from hamtimer.core.session.results import SideResult, side_result
from hamtimer.core.session.timeline import Moment, moments, step_length

RESTART_AFTER = 3.0
"""Back restarts the current work step once it has run this long; before, it goes back one."""


class Status(StrEnum):
    READY = "ready"
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"


class Engine:
    def __init__(self, plan: Plan, clock: Clock = monotonic) -> None:
        self.plan = plan
        self.clock = clock
        self.status = Status.READY
        self.paused = False
        self.index = 0
        self.reps = 0
        self.results: dict[int, SideResult] = {}
        self.last_done: SideResult | None = None
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.paused_total = 0.0
        self._anchor = 0.0
        self._paused_at = 0.0
        self._frozen_elapsed = 0.0
        self._extra = 0.0
        self._moments: Iterator[Moment] = iter(())
        self._next: Moment | None = None
        self._out: list[Event] = []
        self._marks: list[Mark] = []
        self._before = estimates.cumulative(plan)

    # ----- what the UI reads

    @property
    def step(self) -> Step:
        return self.plan.steps[self.index]

    @property
    def running(self) -> bool:
        return self.status is Status.RUNNING

    @property
    def minimum_reached(self) -> bool:
        """The current work step is a range and its minimum is reached (reps counted or time held)."""
        step = self.step
        if not self.running or not isinstance(step, WorkStep):
            return False
        work = step.exercise.work
        low, high = work.bounds.minimum, work.bounds.target
        if low is None or high is None or low >= high:
            return False
        if work.kind is WorkKind.REPS:
            return self.reps >= low
        return work.is_timed and self.elapsed() >= low

    def elapsed(self, now: float | None = None) -> float:
        """Active seconds into the current step."""
        if self.status is not Status.RUNNING:
            return 0.0
        if self.paused:
            return self._frozen_elapsed
        return max(0.0, (self.clock() if now is None else now) - self._anchor)

    @property
    def length(self) -> float | None:
        """The current step's planned length (rest changes included), None when open-ended."""
        return step_length(self.step, self._extra)

    def remaining(self, now: float | None = None) -> float | None:
        length = self.length
        return None if length is None else max(0.0, length - self.elapsed(now))

    def next_due(self) -> float | None:
        """When the next moment of the current step is due (monotonic s), if it has one."""
        if not self.running or self.paused or self._next is None:
            return None
        return self._anchor + self._next.offset

    def next_display_change(self, now: float | None = None) -> float | None:
        """When the whole seconds shown for this step next change (monotonic s)."""
        if not self.running or self.paused:
            return None
        return estimates.next_display_change(self._anchor, self.elapsed(now), self.length)

    def next_work(self) -> WorkStep | None:
        """The next work step after the current one."""
        for step in self.plan.steps[self.index + 1 :]:
            if isinstance(step, WorkStep):
                return step
        return None

    def seconds_left(self, now: float | None = None) -> float:
        """Estimated seconds to the end of the session."""
        if self.status in (Status.FINISHED, Status.STOPPED):
            return 0.0
        if self.status is Status.READY:
            return self._before[-1]
        current = estimate_seconds(self.step) + self._extra
        return estimates.seconds_left(self._before, self.index, current, self.elapsed(now))

    def progress(self, now: float | None = None) -> float:
        """The share of the session done, 0 to 1, by estimated time (rest changes included)."""
        if self.status in (Status.FINISHED, Status.STOPPED):
            return 1.0
        if self.status is not Status.RUNNING:
            return 0.0
        current = estimate_seconds(self.step) + self._extra
        elapsed = self.elapsed(now)
        return estimates.share_done(self._before, self.index, current, elapsed, self.seconds_left(now))

    # ----- commands

    def tick(self) -> list[Event]:
        """Catch up with the clock: fire every moment that is due, in order."""
        self._catch_up(self.clock())
        return self._drain()

    def restore(self, results: dict[int, SideResult]) -> None:
        """Take back the sides a stopped session had done, before `start(from_index=...)`."""
        if self.status is Status.READY:
            self.results = dict(results)
            self.last_done = None

    def start(self, from_index: int = 0) -> list[Event]:
        if self.status is not Status.READY:
            return self.tick()
        now = self.clock()
        self.status = Status.RUNNING
        self.started_at = now
        self._emit(EventKind.STARTED, now, now)
        self._begin(min(max(0, from_index), len(self.plan.steps) - 1), now, now)
        self._catch_up(now)
        return self._drain()

    def press_main(self) -> list[Event]:
        """Space: start, resume, count a rep on a counted reps step, or end the step."""
        if self.status is Status.READY:
            return self.start()
        if self.paused:
            return self.toggle_pause()
        if self._counts_reps():
            return self.count_rep()
        return self.end_step()

    def count_rep(self) -> list[Event]:
        now = self._catch_up(self.clock())
        if self.running and not self.paused and self._counts_reps():
            self.reps += 1
            self._emit(EventKind.CUE, now, now, cue=Cue.REP, value=self.reps)
            bounds = self._work_step().exercise.work.bounds
            if bounds.minimum is not None and self.reps == bounds.minimum != bounds.target:
                self._emit(EventKind.CUE, now, now, cue=Cue.MINIMUM)
            if bounds.target is not None and self.reps >= bounds.target:
                self._finish(now, now, "done")
                self._catch_up(now)
        return self._drain()

    def uncount_rep(self) -> list[Event]:
        self._catch_up(self.clock())
        if self.running and self._counts_reps() and self.reps > 0:
            self.reps -= 1
        return self._drain()

    def end_step(self) -> list[Event]:
        """Enter: end the current step now, keeping what was reached."""
        if self.status is Status.READY:
            return self.start()
        return self._end_now("ended")

    def skip(self) -> list[Event]:
        """End the current step with nothing recorded for it."""
        return self._end_now("skipped")

    def _end_now(self, how: str) -> list[Event]:
        now = self._catch_up(self.clock())
        if self.running:
            self._unpause(now)
            self._finish(now, now, how)
            self._catch_up(now)
        return self._drain()

    def back(self) -> list[Event]:
        """Go back to the start of the previous work step (or restart this one if under way)."""
        now = self._catch_up(self.clock())
        if not self.running:
            return self._drain()
        target = self.index
        under_way = self.elapsed(now) >= RESTART_AFTER or self.reps > 0
        if not (isinstance(self.step, WorkStep) and under_way):
            earlier = [s.index for s in self.plan.steps[: self.index] if isinstance(s, WorkStep)]
            if earlier:
                target = earlier[-1]
            elif not isinstance(self.step, WorkStep):
                return self._drain()
        self._unpause(now)
        for index in [i for i in self.results if i >= target]:
            del self.results[index]
        if self.last_done is not None and self.last_done.step.index >= target:
            self.last_done = None
        self._emit(EventKind.STEP_ENDED, now, now, value="back")
        self._begin(target, now, now)
        self._catch_up(now)
        return self._drain()

    def toggle_pause(self) -> list[Event]:
        now = self._catch_up(self.clock())
        if not self.running:
            return self._drain()
        if self.paused:
            self._unpause(now)
        else:
            self._frozen_elapsed = max(0.0, now - self._anchor)
            self._paused_at = now
            self.paused = True
            self._emit(EventKind.PAUSED, now, now)
        return self._drain()

    def change_rest(self, seconds: float) -> list[Event]:
        """Lengthen (or shorten, when negative) the current rest or prepare countdown."""
        now = self._catch_up(self.clock())
        if not self.running or isinstance(self.step, WorkStep):
            return self._drain()
        elapsed = self.elapsed(now)
        length = self.length or 0.0
        if length + seconds <= elapsed:
            self._unpause(now)
            self._finish(now, now, "ended")
            self._catch_up(now)
            return self._drain()
        self._extra += seconds
        following = self.plan.steps[self.index + 1] if self.index + 1 < len(self.plan.steps) else None
        self._moments = (m for m in moments(self.step, following, self._extra) if m.offset > elapsed)
        self._next = next(self._moments, None)
        self._emit(EventKind.REST_CHANGED, now, now, value=seconds)
        return self._drain()

    def rate(self, difficulty: int) -> list[Event]:
        """Rate the side just done, 1 to 10."""
        now = self._catch_up(self.clock())
        if self.last_done is not None and 1 <= difficulty <= 10:
            self.last_done.difficulty = difficulty
            self._emit(EventKind.RATED, now, now, value=self.last_done)
        return self._drain()

    def toggle_check(self, check: str) -> list[Event]:
        """Flag (or unflag) one of the exercise's checks on the side just done."""
        now = self._catch_up(self.clock())
        done = self.last_done
        if done is not None and check in done.step.exercise.checks:
            done.toggle_flag(check)
            self._emit(EventKind.RATED, now, now, value=done)
        return self._drain()

    @property
    def can_mark(self) -> bool:
        """A one-leg hold or reps step is under way: its checks can be marked (issue 12)."""
        step = self.step
        kind = step.exercise.work.kind if isinstance(step, WorkStep) and step.side else None
        return self.running and kind in (WorkKind.HOLD, WorkKind.REPS)

    def mark(self, check: str) -> list[Event]:
        """Mark one of the exercise's checks on the side under way, at the seconds reached."""
        now = self._catch_up(self.clock())
        step = self.step
        if self.can_mark and isinstance(step, WorkStep) and check in step.exercise.checks:
            found = Mark(check, round(self.elapsed(now), 1))
            self._marks.append(found)
            self._emit(EventKind.MARKED, now, now, side=step.side, value=found)
        return self._drain()

    def stop(self) -> list[Event]:
        """Quit: what was done is kept; the step in progress is not recorded."""
        now = self._catch_up(self.clock())
        if self.status in (Status.READY, Status.RUNNING):
            self._unpause(now)
            self.status = Status.STOPPED
            self.ended_at = now
            self._emit(EventKind.STOPPED, now, now)
        return self._drain()

    # ----- inside

    def _counts_reps(self) -> bool:
        step = self.step
        return (
            isinstance(step, WorkStep)
            and step.exercise.work.kind is WorkKind.REPS
            and step.exercise.tempo is None
        )

    def _work_step(self) -> WorkStep:
        step = self.step
        assert isinstance(step, WorkStep)
        return step

    def _emit(
        self,
        kind: EventKind,
        scheduled: float,
        actual: float,
        *,
        cue: Cue | None = None,
        side: Side | None = None,
        value: object = None,
    ) -> None:
        self._out.append(Event(kind, self.index, scheduled, actual, cue, side, value))

    def _drain(self) -> list[Event]:
        out, self._out = self._out, []
        return out

    def _unpause(self, now: float) -> None:
        if self.paused:
            self.paused = False
            self.paused_total += now - self._paused_at
            self._anchor = now - self._frozen_elapsed
            self._emit(EventKind.RESUMED, now, now)

    def _begin(self, index: int, at: float, now: float) -> None:
        self.index = index
        self._anchor = at
        self._extra = 0.0
        self._frozen_elapsed = 0.0
        self.reps = 0
        self._marks = []
        following = self.plan.steps[index + 1] if index + 1 < len(self.plan.steps) else None
        self._moments = moments(self.step, following)
        self._next = next(self._moments, None)
        self._emit(EventKind.STEP_STARTED, at, now, value=self.step.kind.value)

    def _catch_up(self, now: float) -> float:
        while self.running and not self.paused and self._next is not None:
            moment = self._next
            due = self._anchor + moment.offset
            if due > now:
                break
            self._next = next(self._moments, None)
            self._fire(moment, due, now)
        return now

    def _fire(self, moment: Moment, due: float, now: float) -> None:
        if moment.ends:
            self._finish(due, now, "done")
            return
        assert moment.cue is not None
        if moment.cue is Cue.REP:
            assert isinstance(moment.value, int)
            self.reps = moment.value
        self._emit(EventKind.CUE, due, now, cue=moment.cue, side=moment.side, value=moment.value)

    def _record(self, step: WorkStep, at: float) -> SideResult:
        result = side_result(step, max(0.0, at - self._anchor), self.reps, self._marks)
        self.results[step.index] = result
        self.last_done = result
        return result

    def _finish(self, at: float, now: float, how: str) -> None:
        """End the current step at `at` (its deadline, or now) and begin the next one there."""
        step = self.step
        if isinstance(step, WorkStep) and how != "skipped":
            result = self._record(step, at)
            self._emit(EventKind.CUE, at, now, cue=Cue.DONE, side=step.side)
            self._emit(EventKind.SIDE_DONE, at, now, side=step.side, value=result)
        elif isinstance(step, RestStep) and how != "skipped":
            self._emit(EventKind.CUE, at, now, cue=Cue.REST_OVER)
        self._emit(EventKind.STEP_ENDED, at, now, value=how)
        if self.index + 1 < len(self.plan.steps):
            self._begin(self.index + 1, at, now)
            return
        self.status = Status.FINISHED
        self.ended_at = at
        self._next = None
        self._emit(EventKind.CUE, at, now, cue=Cue.FINISHED)
        self._emit(EventKind.FINISHED, at, now)

"""What the session shows now, said once: the state object every frontend reads.

The TUI's step text, plain mode's lines and the phone page all take their shared facts from here:
the phase and side, the exercise, what the step asks, what comes next and the open rating
prompt. Each frontend keeps only its own drawing. `SessionState.as_json()` is the phone's state
object (DESIGN.md, "The phone: a display and a remote").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hamtimer.core.formatting import format_seconds
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.record import Record, record
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.plan import RestStep, Step, WorkStep, number
from hamtimer.core.session.rating import check_keys

if TYPE_CHECKING:
    from hamtimer.core.session.results import SideResult


@record
class StepFacts(Record):
    """What one step asks, before any frontend words it."""

    index: int
    phase: str
    """prepare, work or rest."""
    side: Side | None = None
    exercise: str | None = None
    work: WorkKind | None = None
    asks: str = ""
    """The work as the program says it ("30 s", "8-10", "max"); empty for a rest or prepare."""
    seconds: float | None = None
    """A rest's or prepare's planned length."""
    reason: str | None = None
    """Why a rest is there ("between sides")."""
    set: int = 1
    sets: int = 1
    round: int = 1
    rounds: int = 1
    load: str | None = None
    block: str | None = None

    @property
    def side_label(self) -> str:
        """LEFT, RIGHT or "" (both legs)."""
        return self.side.value.upper() if self.side else ""


def step_facts(step: Step) -> StepFacts:
    if isinstance(step, WorkStep):
        work = step.exercise.work
        return StepFacts(
            step.index,
            "work",
            side=step.side,
            exercise=step.exercise.name,
            work=work.kind,
            asks=work.describe(),
            set=step.set,
            sets=step.sets,
            round=step.round,
            rounds=step.rounds,
            load=step.load,
            block=step.block,
        )
    if isinstance(step, RestStep):
        return StepFacts(step.index, "rest", seconds=step.seconds, reason=step.reason.label)
    return StepFacts(step.index, "prepare", seconds=step.seconds)


def brief(facts: StepFacts) -> str:
    """ "RIGHT · Single-leg bridge · hold 30 s", "rest 30 s", "get ready 5 s": the phone's words."""
    if facts.phase == "work":
        side = f"{facts.side_label} · " if facts.side_label else ""
        return f"{side}{facts.exercise} · {facts.work} {facts.asks}"
    what = "rest" if facts.phase == "rest" else "get ready"
    return f"{what} {format_seconds(facts.seconds or 0)}"


@record
class CheckKey(Record):
    name: str
    key: str


@record
class Prompt(Record):
    """The rating asked after a side: what was done, the difficulty given, each check and its key."""

    side: Side | None
    exercise: str
    seconds: float | None
    reps: int | None
    completed: bool
    difficulty: int | None
    checks: tuple[CheckKey, ...]
    flags: tuple[str, ...]


def prompt_of(result: SideResult) -> Prompt:
    exercise = result.step.exercise
    keys = tuple(CheckKey(name, key) for key, name in check_keys(exercise.checks).items())
    return Prompt(
        result.step.side,
        exercise.name,
        result.seconds,
        result.reps,
        result.completed,
        result.difficulty,
        keys,
        tuple(result.flags),
    )


@record
class SummarySide(Record):
    value: str
    """ "30 s", "8 reps", "done"."""
    difficulty: float | None = None
    flags: tuple[str, ...] = ()


@record
class SummaryRow(Record):
    """One exercise at the end: each side's result, and the difference in words when there is one."""

    exercise: str
    sides: dict[str, SummarySide]
    verdict: str = ""


@record
class SessionState(Record):
    seq: int
    status: str
    """ready, running, paused or done."""
    phase: str
    """ready, prepare, work, rest or done."""
    program: str
    step: int
    steps: int
    current: StepFacts | None
    """The step under way (None before the start and at the end)."""
    following: StepFacts | None
    """The step after it (before the start: the first step)."""
    coming: StepFacts | None
    """The next work step after `following` when that is a rest or prepare."""
    remaining: float | None
    elapsed: float | None
    target: float | None
    value: int | None
    prompt: Prompt | None
    muted: bool
    action: str
    """What the main action does now: start, rep, end, next, resume or none."""
    minimum_reached: bool = False
    markable: tuple[CheckKey, ...] = ()
    """The checks that can be marked now (one-leg work), each with its key."""
    ended: str | None = None
    """finished or stopped, at the end."""
    first: StepFacts | None = None
    """The session's first work step (the start screen names it)."""
    summary: tuple[SummaryRow, ...] = ()
    taken_at: float = 0.0
    """The engine clock's time when this was read: `at()` moves the clock from it."""

    @property
    def side(self) -> Side | None:
        return self.current.side if self.current is not None else None

    @property
    def exercise(self) -> str | None:
        """The exercise under way, or the one a rest or the start leads to."""
        for facts in (self.current, self.following, self.coming, self.first):
            if facts is not None and facts.phase == "work":
                return facts.exercise
        return None

    @property
    def next_text(self) -> str:
        """ "rest 30 s, then RIGHT · Single-leg bridge · hold 30 s", or "the end"."""
        if self.status == "done":
            return ""
        if self.following is None:
            return "the end"
        text = brief(self.following)
        if self.following.phase != "work" and self.coming is not None:
            text += f", then {brief(self.coming)}"
        return text

    def at(self, now: float) -> SessionState:
        """The same state with its clock moved on to `now` (nothing else changes between events)."""
        if self.status != "running" or now <= self.taken_at:
            return self
        gone = now - self.taken_at
        remaining = None if self.remaining is None else max(0.0, self.remaining - gone)
        elapsed = None if self.elapsed is None else self.elapsed + gone
        return replace(self, remaining=remaining, elapsed=elapsed, taken_at=now)

    def as_json(self) -> dict[str, Any]:
        current = self.current
        work = current.work.value if current is not None and current.work is not None else None
        return {
            "seq": self.seq,
            "status": self.status,
            "phase": self.phase,
            "side": self.side.value if self.side is not None else ("both" if work else None),
            "program": self.program,
            "exercise": self.exercise,
            "work": work,
            "asks": current.asks if current is not None else "",
            "remaining_ms": _ms(self.remaining),
            "elapsed_ms": _ms(self.elapsed),
            "target": None if self.target is None else number(self.target),
            "value": self.value,
            "step": self.step,
            "steps": self.steps,
            "set": [current.set, current.sets] if current is not None and current.sets > 1 else None,
            "next": self.next_text,
            "action": self.action,
            "minimum_reached": self.minimum_reached,
            "marks": [{"name": c.name, "key": c.key} for c in self.markable],
            "prompt": _prompt_json(self.prompt),
            "muted": self.muted,
            "ended": self.ended,
            "summary": [_row_json(row) for row in self.summary],
        }


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1000)


def _prompt_json(prompt: Prompt | None) -> dict[str, Any] | None:
    if prompt is None:
        return None
    return {
        "side": prompt.side.value if prompt.side is not None else "both",
        "exercise": prompt.exercise,
        "seconds": prompt.seconds,
        "reps": prompt.reps,
        "completed": prompt.completed,
        "difficulty": prompt.difficulty,
        "checks": [{"name": c.name, "key": c.key, "on": c.name in prompt.flags} for c in prompt.checks],
    }


def _row_json(row: SummaryRow) -> dict[str, Any]:
    sides = {
        name: {"value": side.value, "difficulty": side.difficulty, "flags": list(side.flags)}
        for name, side in row.sides.items()
    }
    return {"exercise": row.exercise, "sides": sides, "verdict": row.verdict}


def status_of(engine: Engine) -> str:
    if engine.status is Status.READY:
        return "ready"
    if engine.status is Status.RUNNING:
        return "paused" if engine.paused else "running"
    return "done"


def phase_of(engine: Engine) -> str:
    if engine.status is Status.READY:
        return "ready"
    if engine.status is not Status.RUNNING:
        return "done"
    return step_facts(engine.step).phase


def open_prompt(engine: Engine) -> Prompt | None:
    """The rating prompt while it is open: from a side's end until it is rated and the next work
    step is under way (a side not rated keeps it open)."""
    done = engine.last_done
    if done is None or engine.status is not Status.RUNNING:
        return None
    if done.difficulty is not None and isinstance(engine.step, WorkStep):
        return None
    return prompt_of(done)


def main_action(engine: Engine) -> str:
    if engine.status is Status.READY:
        return "start"
    if engine.status is not Status.RUNNING:
        return "none"
    if engine.paused:
        return "resume"
    step = engine.step
    if isinstance(step, WorkStep):
        counted = step.exercise.work.kind is WorkKind.REPS and step.exercise.tempo is None
        return "rep" if counted else "end"
    return "next"


def _target(engine: Engine) -> float | None:
    """The work's target (seconds or reps), or a rest's length with its changes."""
    step = engine.step
    if isinstance(step, WorkStep):
        return step.exercise.work.bounds.target
    return engine.length


def build_state(
    engine: Engine,
    *,
    seq: int = 0,
    muted: bool = False,
    now: float | None = None,
    summary: tuple[SummaryRow, ...] = (),
) -> SessionState:
    """What the session shows at `now` (the engine's clock by default)."""
    now = engine.clock() if now is None else now
    steps = engine.plan.steps
    running = engine.status is Status.RUNNING
    work_steps = engine.plan.work_steps
    first = step_facts(work_steps[0]) if work_steps else None
    if engine.status is Status.READY:
        following: Step | None = steps[0] if steps else None
    elif running and engine.index + 1 < len(steps):
        following = steps[engine.index + 1]
    else:
        following = None
    coming = None
    if following is not None and not isinstance(following, WorkStep):
        coming = next((s for s in steps[following.index + 1 :] if isinstance(s, WorkStep)), None)
    step = engine.step
    counted = running and isinstance(step, WorkStep) and step.exercise.work.kind is WorkKind.REPS
    markable: tuple[CheckKey, ...] = ()
    if engine.can_mark and isinstance(step, WorkStep):
        markable = tuple(CheckKey(name, key) for key, name in check_keys(step.exercise.checks).items())
    ended = engine.status.value if engine.status in (Status.FINISHED, Status.STOPPED) else None
    return SessionState(
        seq=seq,
        status=status_of(engine),
        phase=phase_of(engine),
        program=engine.plan.program.name,
        step=engine.index + 1 if running else (0 if engine.status is Status.READY else len(steps)),
        steps=len(steps),
        current=step_facts(step) if running else None,
        following=step_facts(following) if following is not None else None,
        coming=step_facts(coming) if coming is not None else None,
        remaining=engine.remaining(now) if running else None,
        elapsed=engine.elapsed(now) if running else None,
        target=_target(engine) if running else None,
        value=engine.reps if counted else None,
        prompt=open_prompt(engine),
        muted=muted,
        action=main_action(engine),
        minimum_reached=engine.minimum_reached,
        markable=markable,
        ended=ended,
        first=first,
        summary=summary if ended else (),
        taken_at=now,
    )

"""The timed moments inside one step: cues, beats, reps and its end, as offsets from its start.

Offsets are in active time (pauses excluded); the engine turns them into deadlines. Moments are
generated lazily and in order, so a four-hour metronome costs nothing up front.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.record import Record, record
from hamtimer.core.session.events import Cue
from hamtimer.core.session.plan import PrepareStep, RestReason, RestStep, Step, WorkStep

TEMPO_PHASES = ("down", "pause", "up", "top")
HALFWAY_FROM = 10.0
"""Holds shorter than this get no halfway cue."""


@record
class Moment(Record):
    offset: float
    cue: Cue | None = None
    value: object = None
    side: Side | None = None
    ends: bool = False
    """The step ends here (its deadline)."""


def step_length(step: Step, extra: float = 0.0) -> float | None:
    """The planned active length of a step, or None when the user ends it."""
    if not isinstance(step, WorkStep):
        return max(0.0, step.seconds + extra)
    exercise = step.exercise
    target = exercise.work.bounds.target
    if target is None:
        return None
    if exercise.work.is_timed:
        return target
    if exercise.work.kind is WorkKind.REPS and exercise.tempo is not None:
        return target * exercise.tempo.seconds_per_rep
    return None


def _countdown(length: float) -> Iterator[Moment]:
    for left in (3, 2, 1):
        if length - left >= 1:
            yield Moment(length - left, Cue.COUNTDOWN, left)


def _tempo(step: WorkStep) -> Iterator[Moment]:
    exercise = step.exercise
    assert exercise.tempo is not None
    phases = exercise.tempo.phases
    per_rep = exercise.tempo.seconds_per_rep
    bounds = exercise.work.bounds
    counter = range(int(bounds.target)) if bounds.target is not None else itertools.count()
    for done in counter:
        base = done * per_rep
        at = 0.0
        for name, length in zip(TEMPO_PHASES, phases, strict=False):
            if length > 0:
                yield Moment(base + at, Cue.TEMPO, name)
            at += length
        reps = done + 1
        yield Moment(base + per_rep, Cue.REP, reps)
        if bounds.minimum is not None and reps == bounds.minimum and bounds.minimum != bounds.target:
            yield Moment(base + per_rep, Cue.MINIMUM)


def _metronome(cadence: int, length: float | None) -> Iterator[Moment]:
    gap = 60.0 / cadence
    for beat in itertools.count(1):
        offset = beat * gap
        if length is not None and offset >= length:
            return
        yield Moment(offset, Cue.METRONOME, beat)


def _work(step: WorkStep, length: float | None) -> Iterator[Moment]:
    exercise = step.exercise
    work = exercise.work
    yield Moment(0.0, Cue.GO, side=step.side)
    streams: list[Iterable[Moment]] = []
    if work.is_timed and length is not None:
        marks: list[Moment] = []
        minimum = work.bounds.minimum
        if minimum is not None and minimum < length:
            marks.append(Moment(minimum, Cue.MINIMUM))
        if length >= HALFWAY_FROM and minimum != length / 2:
            marks.append(Moment(length / 2, Cue.HALFWAY))
        marks.extend(_countdown(length))
        streams.append(sorted(marks, key=lambda m: m.offset))
    if exercise.cadence and work.kind is WorkKind.TIME:
        streams.append(_metronome(exercise.cadence, length))
    if exercise.tempo is not None and work.kind is WorkKind.REPS:
        streams.append(_tempo(step))
    yield from heapq.merge(*streams, key=lambda m: m.offset)
    if length is not None:
        yield Moment(length, ends=True)


def moments(step: Step, following: Step | None, extra: float = 0.0) -> Iterator[Moment]:
    """Every moment of `step` in time order; `following` is the step after it, if any."""
    length = step_length(step, extra)
    if isinstance(step, WorkStep):
        yield from _work(step, length)
        return
    assert length is not None
    if isinstance(step, PrepareStep):
        yield Moment(0.0, Cue.GET_READY)
    elif isinstance(step, RestStep):
        yield Moment(0.0, Cue.REST, step.reason.value)
        if step.reason is RestReason.BETWEEN_SIDES and isinstance(following, WorkStep):
            yield Moment(0.0, Cue.SIDE_SWITCH, side=following.side)
    yield from _countdown(length)
    yield Moment(length, ends=True)

"""A session log as the sets of a FIT strength activity: when each side began and how long it took.

One active set per side of every result (a two-leg result is one set), in plan order, with a
rest set between each two. A side that holds `started_at` sits at that time. Sides without it
(older logs) are spread evenly, in plan order, over the span they fall in: from the session's
start (or the end of the set before) to its end (or the next side whose start is known).

A side lasts the seconds it logged (holds and times do). The journal does not time reps or
distances, so those get the plan's assumption (3 s a rep, 20 s a distance), cut short where the
next known start or the session's end comes sooner; spread sides that do not fit their span are
shrunk to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.log.logfile import ResultEntry, SessionRecord, SideEntry
from hamtimer.core.program.fit_exercise import FitExercise, fit_or_unknown
from hamtimer.core.session.plan import (
    ASSUMED_DISTANCE_SECONDS,
    ASSUMED_MAX_REPS,
    ASSUMED_MAX_SECONDS,
    SECONDS_PER_REP,
)

ASSUMED_REST = 30.0
"""Seconds between spread sides when the session has no end to spread them to (a crashed log)."""


class NothingToExport(ValueError):
    """A readable log that makes no activity (it has no results); the message is the reason."""


@dataclass(frozen=True)
class FitSet:
    """One set of the activity: a side's work (active) or the rest after it."""

    start: datetime
    duration: float
    """Seconds."""
    active: bool = True
    exercise: str | None = None
    side: Side | None = None
    repetitions: int | None = None
    """Reps done, for reps work only."""
    fit: FitExercise | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.duration)


@dataclass(frozen=True)
class Activity:
    program: str
    start: datetime
    end: datetime
    sets: tuple[FitSet, ...]
    """Active and rest sets, in time order."""

    @property
    def elapsed(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds())

    @property
    def active_sets(self) -> tuple[FitSet, ...]:
        return tuple(s for s in self.sets if s.active)


def aware(moment: datetime | date) -> datetime:
    """A log's time with its offset; one written without (or a bare date) is local time."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return moment if moment.tzinfo is not None else moment.astimezone()


@dataclass
class _Side:
    entry: ResultEntry
    side: Side
    found: SideEntry
    duration: float
    measured: bool
    """The duration is the log's own (seconds of a hold or time), not an assumption."""
    anchor: datetime | None
    start: datetime | None = None


def _duration(entry: ResultEntry, found: SideEntry) -> tuple[float, bool]:
    if found.seconds is not None and found.seconds >= 0:  # any work whose side has its seconds
        return float(found.seconds), True
    if entry.work.is_timed:
        return float(entry.target if entry.target is not None else ASSUMED_MAX_SECONDS), False
    if entry.work is WorkKind.REPS:
        reps = found.reps if found.reps is not None and found.reps >= 0 else entry.target
        return float(ASSUMED_MAX_REPS if reps is None else reps) * SECONDS_PER_REP, False
    return ASSUMED_DISTANCE_SECONDS, False


def _in_plan_order(record: SessionRecord) -> list[_Side]:
    """The sides as done: by `started_at` when every side has it, else by plan step (a side
    without a step keeps its place after the one before it), else as the file lists them."""
    found: list[_Side] = []
    for entry in record.results:
        sides = list(entry.sides.items())
        if record.side_order == "right-first":
            sides.sort(key=lambda pair: pair[0] is not Side.RIGHT)
        for side, table in sides:
            duration, measured = _duration(entry, table)
            anchor = None if table.started_at is None else aware(table.started_at)
            found.append(_Side(entry, side, table, duration, measured, anchor))
    keys: list[float] = []
    for item in found:
        keys.append(float(item.found.step) if item.found.step is not None else (keys[-1] if keys else -1.0))
    ordered = [item for _, item in sorted(zip(keys, found, strict=True), key=lambda pair: pair[0])]
    if all(item.anchor is not None for item in ordered):
        ordered.sort(key=lambda item: item.anchor or datetime.min)
    return ordered


def _spread(run: list[_Side], low: datetime, high: datetime | None, after: bool, before: bool) -> None:
    """Place sides with no start of their own between `low` and `high`, evenly apart."""
    gaps = len(run) - 1 + after + before
    if high is None:
        gap = ASSUMED_REST
    else:
        room = (high - low).total_seconds()
        free = room - sum(item.duration for item in run)
        assumed = sum(item.duration for item in run if not item.measured)
        if free < 0 < assumed:
            keep = max(0.0, (assumed + free) / assumed)
            for item in run:
                if not item.measured:
                    item.duration *= keep
            free = room - sum(item.duration for item in run)
        gap = max(0.0, free) / gaps if gaps else 0.0
    moment = low + timedelta(seconds=gap if after else 0.0)
    for item in run:
        item.start = moment
        moment += timedelta(seconds=item.duration + gap)


def _place(sides: list[_Side], start: datetime, end: datetime | None) -> None:
    cursor, index = start, 0
    while index < len(sides):
        item = sides[index]
        if item.anchor is None:
            last = index
            while last < len(sides) and sides[last].anchor is None:
                last += 1
            high = sides[last].anchor if last < len(sides) else end
            _spread(sides[index:last], cursor, high, after=index > 0, before=last < len(sides))
            index = last
        else:
            item.start = max(item.anchor, cursor)
            following = sides[index + 1].anchor if index + 1 < len(sides) else end
            if not item.measured and following is not None and following > item.start:
                item.duration = min(item.duration, (following - item.start).total_seconds())
            index += 1
        placed = sides[index - 1]
        assert placed.start is not None
        cursor = placed.start + timedelta(seconds=placed.duration)


def activity(record: SessionRecord, fit_of: Callable[[ResultEntry], FitExercise] | None = None) -> Activity:
    """The activity a log makes; `fit_of` names each result's FIT exercise (default: the log's
    own `fit`, else unknown). NothingToExport when the log has no results."""
    sides = _in_plan_order(record)
    if not sides:
        raise NothingToExport("no results to export")
    start = aware(record.started)
    end = None if record.ended is None else aware(record.ended)
    if end is not None and end <= start:
        end = None
    _place(sides, start, end)
    lookup = fit_of or (lambda entry: fit_or_unknown(entry.fit))
    fits = {id(entry): lookup(entry) for entry in record.results}
    sets: list[FitSet] = []
    for item in sides:
        assert item.start is not None
        if sets:
            rest_start = sets[-1].end
            sets.append(FitSet(rest_start, max(0.0, (item.start - rest_start).total_seconds()), active=False))
        reps = item.found.reps if item.entry.work is WorkKind.REPS else None
        sets.append(
            FitSet(
                item.start,
                item.duration,
                exercise=item.entry.exercise,
                side=item.side,
                repetitions=None if reps is None else max(0, round(reps)),
                fit=fits[id(item.entry)],
            )
        )
    finish = max(end or start, sets[-1].end)
    return Activity(record.program, start, finish, tuple(sets))

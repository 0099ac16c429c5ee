"""The session engine against a fake clock: deadlines, cues, commands and what gets recorded."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from hamtimer.core.kinds import Side
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.engine import Engine, Status
from hamtimer.core.session.events import Cue, Event, EventKind
from hamtimer.core.session.plan import build_plan
from hamtimer.core.session.timeline import step_length

T0 = 1000.0


def make(body: str, *, head: str = "prepare = 0") -> tuple[Engine, FakeClock]:
    """An engine over a program (`body` goes after the [program] table) and its fake clock at T0."""
    plan = build_plan(parse_program(f'[program]\nname = "T"\n{head}\n{body}', "t.toml"))
    clock = FakeClock(T0)
    return Engine(plan, clock), clock


def single(*lines: str, head: str = "prepare = 0") -> tuple[Engine, FakeClock]:
    """One exercise named X, its keys given line by line."""
    return make("\n".join(('[[block]]\n[[block.exercise]]\nname = "X"', *lines)), head=head)


def at(engine: Engine, clock: FakeClock, seconds: float) -> list[Event]:
    """Tick with the clock at T0 + seconds."""
    clock.now = T0 + seconds
    return engine.tick()


def do(clock: FakeClock, seconds: float, command: object) -> list[Event]:
    """Run an engine command (a bound method) with the clock at T0 + seconds."""
    clock.now = T0 + seconds
    assert callable(command)
    events: list[Event] = command()
    return events


def cues(events: Iterable[Event]) -> list[tuple[str, float, object]]:
    """Cue events in short: (cue, scheduled offset from T0, value)."""
    return [(e.cue.value, e.scheduled - T0, e.value) for e in events if e.kind is EventKind.CUE and e.cue]


def kinds(events: Iterable[Event]) -> list[str]:
    return [e.kind.value for e in events]


def of(events: Iterable[Event], kind: EventKind, cue: Cue | None = None) -> list[Event]:
    return [e for e in events if e.kind is kind and (cue is None or e.cue is cue)]


def run_ticks(engine: Engine, clock: FakeClock, times: Iterable[float]) -> list[Event]:
    events: list[Event] = []
    for t in times:
        events += at(engine, clock, t)
    return events


def grid(start: float, stop: float, step: float) -> list[float]:
    """start, start + step, … up to and including stop (step a power of two keeps it exact)."""
    count = round((stop - start) / step)
    return [start + k * step for k in range(count + 1)]


def schedule(events: Iterable[Event]) -> list[dict[str, object]]:
    """What happened and when it was due, without when it was noticed."""
    return [{k: v for k, v in e.trace().items() if k != "actual"} for e in events]


ONE_LEG = (
    "[rest]\nbetween_sides = 30\nbetween_sets = 60\n"
    '[[block]]\n[[block.exercise]]\nname = "Bridge"\nhold = 20\nsides = "each"\nsets = 2\n'
    'checks = ["hip drop", "cramp"]\n'
)
"""Side 1: 0-20, rest 20-50, side 2: 50-70, rest 70-130, side 1: 130-150, rest 150-180, side 2: 180-200."""

MIXED = (
    "[rest]\nbetween_sides = 4.5\nbetween_sets = 6.75\nbetween_exercises = 2.2\n"
    '[[block]]\n[[block.exercise]]\nname = "A"\nhold = 7.25\nsides = "each"\nsets = 2\n'
    '[[block.exercise]]\nname = "B"\ntime = 5.5\ncadence = 150\n'
    '[[block.exercise]]\nname = "C"\nreps = 3\ntempo = "1-1-1"\n'
    "[[block]]\nrounds = 2\nrest = { between_rounds = 3.3, between_exercises = 1.1 }\n"
    '[[block.exercise]]\nname = "D"\nhold = "12-13.7s"\n'
    '[[block.exercise]]\nname = "E"\nhold = 2.9\nsides = "each"\nrest = { between_sides = 0.7 }\n'
)
MIXED_HEAD = "prepare = 3.5"
MIXED_TOTAL = (
    3.5
    + (7.25 + 4.5 + 7.25) + 6.75 + (7.25 + 4.5 + 7.25)
    + 2.2 + 5.5 + 2.2 + 9.0
    + 1.1
    + 13.7 + 1.1 + (2.9 + 0.7 + 2.9)
    + 3.3
    + 13.7 + 1.1 + (2.9 + 0.7 + 2.9)
)  # fmt: skip


# ----- start, prepare and the flow from step to step


def test_nothing_runs_before_start() -> None:
    engine, clock = single("hold = 30", head="prepare = 5")
    assert at(engine, clock, 100) == []
    assert engine.status is Status.READY
    assert engine.next_due() is None
    events = engine.start()
    assert kinds(events) == ["session-started", "step-started", "cue"]
    assert cues(events) == [("get-ready", 100.0, None)]
    assert engine.started_at == T0 + 100


def test_prepare_counts_down_then_the_first_work_starts_at_its_end() -> None:
    engine, clock = single('hold = 30\nsides = "each"', head="prepare = 5")
    engine.start()
    events = run_ticks(engine, clock, grid(0.25, 5.0, 0.25))
    assert cues(events) == [
        ("countdown", 2.0, 3),
        ("countdown", 3.0, 2),
        ("countdown", 4.0, 1),
        ("go", 5.0, None),
    ]
    assert of(events, EventKind.CUE, Cue.GO)[0].side is Side.LEFT
    assert engine.index == 1 and engine.elapsed() == 0.0


def test_space_on_the_start_screen_starts_the_session() -> None:
    engine, _ = single("hold = 30")
    events = engine.press_main()
    assert engine.status is Status.RUNNING
    assert cues(events) == [("go", 0.0, None)]


def test_hold_runs_halfway_pips_and_ends_at_its_deadline() -> None:
    engine, clock = single("hold = 30")
    engine.start()
    events = run_ticks(engine, clock, grid(0.25, 31.0, 0.25))
    assert cues(events) == [
        ("halfway", 15.0, None),
        ("countdown", 27.0, 3),
        ("countdown", 28.0, 2),
        ("countdown", 29.0, 1),
        ("done", 30.0, None),
        ("finished", 30.0, None),
    ]
    result = engine.results[0]
    assert (result.seconds, result.completed) == (30.0, True)
    assert engine.status is Status.FINISHED and engine.ended_at == T0 + 30


def test_late_tick_ends_the_step_at_its_deadline_and_starts_the_next_there() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    events = at(engine, clock, 23.7)
    ended = of(events, EventKind.STEP_ENDED)
    started = of(events, EventKind.STEP_STARTED)
    assert [(e.step, e.scheduled, e.actual) for e in ended] == [(0, T0 + 20, T0 + 23.7)]
    assert [(e.step, e.scheduled, e.value) for e in started] == [(1, T0 + 20, "rest")]
    assert engine.results[0].seconds == 20.0
    assert engine.remaining() == pytest.approx(30 - 3.7, abs=1e-9)
    assert engine.next_due() == T0 + 20 + 27


def test_missed_ticks_still_fire_every_cue_once_in_order() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    events = at(engine, clock, 60.0)
    assert cues(events) == [
        ("halfway", 10.0, None),
        ("countdown", 17.0, 3),
        ("countdown", 18.0, 2),
        ("countdown", 19.0, 1),
        ("done", 20.0, None),
        ("rest", 20.0, "between-sides"),
        ("side-switch", 20.0, None),
        ("countdown", 47.0, 3),
        ("countdown", 48.0, 2),
        ("countdown", 49.0, 1),
        ("rest-over", 50.0, None),
        ("go", 50.0, None),
        ("halfway", 60.0, None),
    ]
    assert all(e.actual == T0 + 60 for e in events)
    assert at(engine, clock, 60.0) == []
    assert cues(at(engine, clock, 67.5)) == [("countdown", 67.0, 3)]


def test_lateness_of_fired_cues_is_the_lateness_of_the_tick() -> None:
    engine, clock = single("hold = 30", head="prepare = 5")
    engine.start()
    late = 0.125
    events = run_ticks(engine, clock, [t + late for t in (2, 3, 4, 5, 20, 32, 33, 34, 35)])
    assert len(of(events, EventKind.CUE)) == 10
    assert [e.lateness for e in events] == [late] * len(events)


def test_drift_free_over_many_steps_with_irregular_late_ticks() -> None:
    engine, clock = make(MIXED, head=MIXED_HEAD)
    assert sum(step_length(s) or 0.0 for s in engine.plan.steps) == pytest.approx(MIXED_TOTAL, abs=1e-9)
    events = engine.start()
    rng = random.Random(20261122)
    while engine.status is Status.RUNNING:
        clock.advance(rng.uniform(0.05, 2.5))
        events += engine.tick()
    finished = of(events, EventKind.FINISHED)
    assert len(finished) == 1
    assert finished[0].scheduled == pytest.approx(T0 + MIXED_TOTAL, abs=1e-9)
    assert finished[0].actual >= finished[0].scheduled
    assert all(e.scheduled <= e.actual for e in events)
    starts = [e.scheduled - T0 for e in of(events, EventKind.STEP_STARTED)]
    expected, total = [], 0.0
    for step in engine.plan.steps:
        expected.append(total)
        total += step_length(step) or 0.0
    assert starts == pytest.approx(expected, abs=1e-9)
    assert len(engine.results) == len(engine.plan.work_steps)


def test_the_schedule_does_not_depend_on_how_often_it_ticks() -> None:
    """Fine ticks, irregular ticks and one single tick at the end give the same cues at the same times."""
    runs = []
    for times in (
        grid(0.0, 120.0, 1 / 64),
        [t * 1.37 for t in range(1, 90)],
        [200.0],
    ):
        engine, clock = make(MIXED, head=MIXED_HEAD)
        events = engine.start() + run_ticks(engine, clock, times)
        assert engine.status is Status.FINISHED
        runs.append(schedule(events))
    assert runs[0] == runs[1] == runs[2]
    cue_lines = [(ln["step"], ln["cue"], ln["scheduled"], ln.get("value")) for ln in runs[0] if "cue" in ln]
    assert len(cue_lines) == len(set(cue_lines)), "a cue fired twice"
    assert sum(1 for line in runs[0] if line.get("cue") == "metronome") == 13


def test_no_rest_after_the_last_step() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    events = at(engine, clock, 500)
    assert engine.status is Status.FINISHED
    assert engine.ended_at == T0 + 200
    assert kinds(events[-5:]) == ["cue", "side-done", "step-ended", "cue", "session-finished"]
    assert cues(events)[-2:] == [("done", 200.0, None), ("finished", 200.0, None)]
    assert events[-1].kind is EventKind.FINISHED
    assert not [e for e in events if e.scheduled > T0 + 200]


def test_finished_comes_once_and_nothing_happens_after() -> None:
    engine, clock = single("hold = 10")
    engine.start()
    events = at(engine, clock, 10)
    assert len(of(events, EventKind.FINISHED)) == 1
    assert len(of(events, EventKind.CUE, Cue.FINISHED)) == 1
    for command in (engine.tick, engine.end_step, engine.skip, engine.back, engine.toggle_pause,
                    engine.press_main, engine.stop, engine.count_rep, engine.start):  # fmt: skip
        assert do(clock, 50, command) == []
    assert engine.status is Status.FINISHED
    assert engine.ended_at == T0 + 10
    assert engine.next_due() is None and engine.next_display_change() is None


# ----- rests


def test_rests_between_sides_and_sets_right_first() -> None:
    engine, clock = make(ONE_LEG, head='prepare = 0\nside_order = "right-first"')
    engine.start()
    events = run_ticks(engine, clock, grid(0.5, 200.0, 0.5))
    go = [(e.scheduled - T0, e.side) for e in of(events, EventKind.CUE, Cue.GO)]
    assert go == [(50.0, Side.LEFT), (130.0, Side.RIGHT), (180.0, Side.LEFT)]
    rests = [(e.scheduled - T0, e.value) for e in of(events, EventKind.CUE, Cue.REST)]
    assert rests == [(20.0, "between-sides"), (70.0, "between-sets"), (150.0, "between-sides")]
    switch = [(e.scheduled - T0, e.side) for e in of(events, EventKind.CUE, Cue.SIDE_SWITCH)]
    assert switch == [(20.0, Side.LEFT), (150.0, Side.LEFT)]
    over = [e.scheduled - T0 for e in of(events, EventKind.CUE, Cue.REST_OVER)]
    assert over == [50.0, 130.0, 180.0]
    sides = [(r.step.side, r.step.set) for r in engine.results.values()]
    assert sides == [(Side.RIGHT, 1), (Side.LEFT, 1), (Side.RIGHT, 2), (Side.LEFT, 2)]


def test_side_order_right_first_starts_on_the_right() -> None:
    engine, _ = make(ONE_LEG, head='prepare = 0\nside_order = "right-first"')
    events = engine.start()
    assert [e.side for e in of(events, EventKind.CUE, Cue.GO)] == [Side.RIGHT]


def test_rest_pips_3_2_1_before_its_end() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 20)
    events = run_ticks(engine, clock, grid(20.5, 50.0, 0.5))
    assert cues(events) == [
        ("countdown", 47.0, 3),
        ("countdown", 48.0, 2),
        ("countdown", 49.0, 1),
        ("rest-over", 50.0, None),
        ("go", 50.0, None),
    ]


def test_plus_15_moves_the_rest_deadline_and_its_pips() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 25)
    events = do(clock, 25, lambda: engine.change_rest(15))
    assert [(e.kind, e.value) for e in events] == [(EventKind.REST_CHANGED, 15)]
    assert engine.remaining() == 40.0
    assert engine.next_due() == T0 + 20 + 42
    events = run_ticks(engine, clock, grid(25.5, 65.0, 0.5))
    assert cues(events) == [
        ("countdown", 62.0, 3),
        ("countdown", 63.0, 2),
        ("countdown", 64.0, 1),
        ("rest-over", 65.0, None),
        ("go", 65.0, None),
    ]


def test_minus_15_shortens_the_rest_and_brings_the_pips_forward() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 30)
    do(clock, 30, lambda: engine.change_rest(-15))
    assert engine.remaining() == 5.0
    events = run_ticks(engine, clock, grid(30.5, 36.0, 0.5))
    assert cues(events)[:5] == [
        ("countdown", 32.0, 3),
        ("countdown", 33.0, 2),
        ("countdown", 34.0, 1),
        ("rest-over", 35.0, None),
        ("go", 35.0, None),
    ]


def test_minus_15_past_the_time_already_rested_ends_the_rest_now() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 38)
    events = do(clock, 38.25, lambda: engine.change_rest(-15))
    assert cues(events) == [("rest-over", 38.25, None), ("go", 38.25, None)]
    assert not of(events, EventKind.REST_CHANGED)
    assert engine.index == 2 and engine.elapsed() == 0.0
    assert of(events, EventKind.STEP_ENDED)[0].value == "ended"


def test_rest_changes_on_prepare_but_not_on_work() -> None:
    engine, clock = single("hold = 30", head="prepare = 5")
    engine.start()
    assert kinds(engine.change_rest(15)) == ["rest-changed"]
    assert engine.remaining() == 20.0
    at(engine, clock, 20)
    assert engine.index == 1
    assert do(clock, 21, lambda: engine.change_rest(15)) == []
    assert do(clock, 21, lambda: engine.change_rest(-15)) == []
    assert engine.remaining() == 29.0
    assert cues(at(engine, clock, 50))[-2:] == [("done", 50.0, None), ("finished", 50.0, None)]


def test_rest_change_while_paused_keeps_the_pause() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 30)
    do(clock, 30, engine.toggle_pause)
    do(clock, 100, lambda: engine.change_rest(15))
    assert engine.paused and engine.next_due() is None
    assert engine.remaining() == 35.0
    do(clock, 200, engine.toggle_pause)
    assert engine.next_due() == T0 + 200 + 32
    assert cues(at(engine, clock, 235))[-2:] == [("rest-over", 235.0, None), ("go", 235.0, None)]


# ----- pause


def test_pause_and_resume_mid_hold_to_the_millisecond() -> None:
    engine, clock = single("hold = 30")
    engine.start()
    at(engine, clock, 12.345)
    events = do(clock, 12.345, engine.toggle_pause)
    assert kinds(events) == ["paused"]
    assert engine.paused
    assert at(engine, clock, 600) == []
    events = do(clock, 612.345, engine.toggle_pause)
    assert kinds(events) == ["resumed"]
    assert engine.paused_total == pytest.approx(600.0, abs=1e-9)
    end = 612.345 + 30 - 12.345
    before_end = [c for c, _, _ in cues(at(engine, clock, end - 0.001))]
    assert before_end == ["halfway", "countdown", "countdown", "countdown"]
    assert engine.status is Status.RUNNING
    events = at(engine, clock, end + 0.001)
    assert [c for c, _, _ in cues(events)] == ["done", "finished"]
    assert events[0].scheduled == pytest.approx(T0 + end, abs=1e-9)
    assert engine.results[0].seconds == 30.0


def test_pause_freezes_remaining_and_silences_cues() -> None:
    engine, clock = single("hold = 30")
    engine.start()
    at(engine, clock, 14.5)
    before = engine.remaining()
    do(clock, 14.5, engine.toggle_pause)
    assert engine.next_due() is None
    assert engine.next_display_change() is None
    for t in (15, 30, 3600):
        assert at(engine, clock, t) == []
        assert engine.remaining() == before
        assert engine.elapsed() == 14.5
    do(clock, 3614.5, engine.toggle_pause)
    assert engine.remaining() == pytest.approx(before, abs=1e-9)
    assert engine.next_due() == pytest.approx(T0 + 3615, abs=1e-9)
    assert cues(at(engine, clock, 3615.25)) == [("halfway", pytest.approx(3615, abs=1e-9), None)]


def test_paused_total_adds_up_every_pause() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    do(clock, 5, engine.toggle_pause)
    do(clock, 15, engine.toggle_pause)
    do(clock, 25, engine.toggle_pause)
    assert engine.paused_total == 10.0
    do(clock, 50, engine.press_main)
    assert engine.paused_total == 35.0
    assert not engine.paused
    assert engine.elapsed() == 15.0 and engine.reps == 0
    assert [c for c, _, _ in cues(at(engine, clock, 54.75))] == ["countdown"] * 3
    events = at(engine, clock, 55)
    assert cues(events)[0] == ("done", 55.0, None)


def test_ending_a_paused_hold_keeps_the_time_reached() -> None:
    engine, clock = single('hold = "20-30s"')
    engine.start()
    do(clock, 25, engine.toggle_pause)
    events = do(clock, 125, engine.end_step)
    assert "resumed" in kinds(events)
    result = engine.results[0]
    assert (result.seconds, result.completed) == (25.0, True)


# ----- timed work: ranges, "max", ended early


@pytest.mark.parametrize(
    ("end", "seconds", "completed"),
    [(15.0, 15.0, False), (19.5, 19.5, False), (20.0, 20.0, True), (25.0, 25.0, True), (None, 30.0, True)],
)
def test_range_hold(end: float | None, seconds: float, completed: bool) -> None:
    engine, clock = single('hold = "20-30s"')
    engine.start()
    if end is None:
        events = at(engine, clock, 40)
    else:
        events = at(engine, clock, end) + do(clock, end, engine.end_step)
    minimum = [e.scheduled - T0 for e in of(events, EventKind.CUE, Cue.MINIMUM)]
    assert minimum == ([20.0] if end is None or end >= 20 else [])
    result = engine.results[0]
    assert (result.seconds, result.completed) == (seconds, completed)
    assert engine.ended_at == T0 + (30.0 if end is None else end)


def test_minimum_reached_is_shown_during_a_range_hold() -> None:
    engine, clock = single('hold = "20-30s"', "sets = 2")
    engine.start()
    at(engine, clock, 19.75)
    assert not engine.minimum_reached
    at(engine, clock, 20)
    assert engine.minimum_reached


def test_fixed_hold_ended_early_keeps_the_time_and_is_not_completed() -> None:
    engine, clock = single("hold = 30")
    engine.start()
    events = do(clock, 22.4, engine.press_main)
    assert of(events, EventKind.STEP_ENDED)[0].value == "ended"
    assert of(events, EventKind.CUE, Cue.DONE)[0].scheduled == T0 + 22.4
    result = engine.results[0]
    assert (result.seconds, result.completed) == (22.4, False)


def test_max_hold_waits_for_the_user() -> None:
    engine, clock = single('hold = "max"')
    engine.start()
    assert engine.length is None and engine.remaining() is None
    assert at(engine, clock, 3600) == []
    events = do(clock, 3642.3, engine.press_main)
    assert cues(events)[0] == ("done", 3642.3, None)
    result = engine.results[0]
    assert (result.seconds, result.completed) == (3642.3, True)
    assert engine.status is Status.FINISHED


def test_time_with_cadence_ticks_the_metronome() -> None:
    engine, clock = single("time = 10\ncadence = 120")
    engine.start()
    events = run_ticks(engine, clock, grid(0.125, 10.0, 0.125))
    beats = [(s, v) for c, s, v in cues(events) if c == "metronome"]
    assert beats == [(0.5 * n, n) for n in range(1, 20)]
    assert engine.results[0].seconds == 10.0


# ----- reps


def test_counted_reps_end_when_the_target_is_reached() -> None:
    engine, clock = single("reps = 5", "sets = 2", "rest = { between_sets = 30 }")
    engine.start()
    events: list[Event] = []
    for n in range(1, 6):
        events += do(clock, 2.0 * n, engine.press_main)
    assert [(c, s, v) for c, s, v in cues(events) if c == "rep"] == [("rep", 2.0 * n, n) for n in range(1, 6)]
    assert cues(events)[-2:] == [("done", 10.0, None), ("rest", 10.0, "between-sets")]
    result = engine.results[0]
    assert (result.reps, result.completed, result.seconds) == (5, True, None)
    assert engine.index == 1 and engine.reps == 0


def test_reps_range_ends_at_the_upper_bound_and_marks_the_minimum() -> None:
    engine, clock = single('reps = "3-5"')
    engine.start()
    events = []
    for n in range(1, 4):
        events += do(clock, n, engine.count_rep)
    assert cues(events)[-1] == ("minimum", 3.0, None)
    assert engine.minimum_reached and engine.running
    events = do(clock, 4, engine.count_rep) + do(clock, 5, engine.count_rep)
    assert engine.status is Status.FINISHED
    assert engine.results[0].reps == 5


@pytest.mark.parametrize(("count", "completed"), [(2, False), (3, True), (4, True)])
def test_reps_range_ended_by_the_user(count: int, completed: bool) -> None:
    engine, clock = single('reps = "3-5"')
    engine.start()
    for n in range(count):
        do(clock, n, engine.press_main)
    do(clock, 9, engine.end_step)
    result = engine.results[0]
    assert (result.reps, result.completed) == (count, completed)


def test_max_reps_count_until_the_user_ends_them() -> None:
    engine, clock = single('reps = "max"')
    engine.start()
    for n in range(1, 41):
        do(clock, n, engine.press_main)
    assert engine.running and engine.reps == 40
    assert at(engine, clock, 3600) == []
    events = do(clock, 3600, engine.end_step)
    assert cues(events)[0] == ("done", 3600.0, None)
    assert (engine.results[0].reps, engine.results[0].completed) == (40, True)


def test_uncount_rep_takes_one_back() -> None:
    engine, clock = single("reps = 5")
    engine.start()
    assert do(clock, 1, engine.uncount_rep) == [] and engine.reps == 0
    for n in range(4):
        do(clock, n, engine.count_rep)
    do(clock, 5, engine.uncount_rep)
    assert engine.reps == 3
    do(clock, 6, engine.count_rep)
    do(clock, 7, engine.count_rep)
    assert engine.status is Status.FINISHED
    assert engine.results[0].reps == 5


def test_taking_back_a_rep_below_the_minimum_clears_minimum_reached() -> None:
    engine, clock = single('reps = "3-5"')
    engine.start()
    for n in range(3):
        do(clock, n, engine.count_rep)
    assert engine.minimum_reached
    do(clock, 4, engine.uncount_rep)
    assert engine.reps == 2
    assert not engine.minimum_reached


def test_distance_waits_for_the_user() -> None:
    engine, clock = single('distance = "20 m"', 'sides = "each"')
    engine.start()
    assert at(engine, clock, 600) == []
    events = do(clock, 601, engine.press_main)
    assert cues(events)[0] == ("done", 601.0, None)
    result = engine.results[0]
    assert (result.completed, result.reps) == (True, None)
    assert engine.index == 1


def test_tempo_reps_are_paced_and_counted_by_the_timer() -> None:
    engine, clock = single('reps = 5\ntempo = "3-1-1"')
    events = engine.start() + run_ticks(engine, clock, grid(0.25, 26.0, 0.25))
    found = cues(events)
    beats = [(s, v) for c, s, v in found if c == "tempo"]
    assert beats[:4] == [(0.0, "down"), (3.0, "pause"), (4.0, "up"), (5.0, "down")]
    assert beats == [(5.0 * n + at, v) for n in range(5) for at, v in ((0, "down"), (3, "pause"), (4, "up"))]
    assert [(s, v) for c, s, v in found if c == "rep"] == [(5.0 * n, n) for n in range(1, 6)]
    assert found[-2:] == [("done", 25.0, None), ("finished", 25.0, None)]
    assert (engine.results[0].reps, engine.results[0].completed) == (5, True)


def test_tempo_reps_shown_as_they_pass_and_kept_when_ended_early() -> None:
    engine, clock = single('reps = "4-6"\ntempo = "3-1-1"')
    engine.start()
    at(engine, clock, 14.75)
    assert engine.reps == 2
    assert do(clock, 14.75, engine.count_rep) == []
    assert do(clock, 14.75, engine.uncount_rep) == []
    assert engine.reps == 2
    at(engine, clock, 20)
    assert engine.reps == 4 and engine.minimum_reached
    do(clock, 22, engine.end_step)
    assert (engine.results[0].reps, engine.results[0].completed) == (4, True)


# ----- skip, back, stop


def test_skip_records_nothing_and_moves_on_now() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    events = do(clock, 7, engine.skip)
    assert not of(events, EventKind.SIDE_DONE) and not of(events, EventKind.CUE, Cue.DONE)
    assert of(events, EventKind.STEP_ENDED)[0].value == "skipped"
    assert cues(events) == [("rest", 7.0, "between-sides"), ("side-switch", 7.0, None)]
    assert engine.results == {} and engine.last_done is None
    events = do(clock, 8, engine.skip)
    assert not of(events, EventKind.CUE, Cue.REST_OVER)
    assert cues(events) == [("go", 8.0, None)]
    assert engine.index == 2


def test_back_from_a_rest_redoes_the_previous_work_step_and_drops_its_result() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 20)
    assert 0 in engine.results
    events = do(clock, 25, engine.back)
    assert [(e.value, e.step) for e in of(events, EventKind.STEP_ENDED)] == [("back", 1)]
    assert cues(events) == [("go", 25.0, None)]
    assert engine.index == 0 and engine.elapsed() == 0.0
    assert engine.results == {} and engine.last_done is None
    assert engine.rate(7) == []
    events = at(engine, clock, 45)
    assert cues(events)[-3:] == [("done", 45.0, None), ("rest", 45.0, "between-sides"),
                                 ("side-switch", 45.0, None)]  # fmt: skip
    assert engine.results[0].seconds == 20.0


def test_back_in_a_work_step_under_way_restarts_it() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 55)
    kept = dict(engine.results)
    events = do(clock, 55, engine.back)
    assert cues(events) == [("go", 55.0, None)]
    assert engine.index == 2
    assert engine.results == kept
    assert engine.remaining() == 20.0
    assert engine.next_due() == T0 + 55 + 10


def test_back_in_a_reps_step_with_reps_counted_restarts_it() -> None:
    engine, clock = single("reps = 10", "sets = 2", "rest = { between_sets = 5 }")
    engine.start()
    for n in range(10):
        do(clock, n, engine.count_rep)
    at(engine, clock, 9.5)
    engine.end_step()  # cut the rest short: set 2 starts at 9.5
    do(clock, 10, engine.count_rep)
    do(clock, 11, engine.back)
    assert engine.index == 2 and engine.reps == 0
    assert list(engine.results) == [0]


def test_back_early_in_a_work_step_goes_to_the_previous_one() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 51)
    assert engine.index == 2
    do(clock, 52.5, engine.back)
    assert engine.index == 0
    assert engine.results == {}


def test_back_in_the_first_work_step_restarts_it() -> None:
    engine, clock = single("hold = 30")
    engine.start()
    events = do(clock, 1, engine.back)
    assert cues(events) == [("go", 1.0, None)]
    assert engine.index == 0 and engine.next_due() == T0 + 16


def test_back_during_prepare_does_nothing() -> None:
    engine, clock = single("hold = 30", head="prepare = 5")
    engine.start()
    assert do(clock, 1, engine.back) == []
    assert engine.index == 0 and engine.elapsed() == 1.0


def test_back_during_a_paused_prepare_stays_paused() -> None:
    engine, clock = single("hold = 30", head="prepare = 5")
    engine.start()
    do(clock, 1, engine.toggle_pause)
    events = do(clock, 50, engine.back)
    assert events == []
    assert engine.paused


def test_stop_keeps_finished_sides_and_drops_the_one_in_progress() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 60)
    events = do(clock, 60.5, engine.stop)
    assert kinds(events) == ["session-stopped"]
    assert engine.status is Status.STOPPED and engine.ended_at == T0 + 60.5
    assert list(engine.results) == [0]
    assert engine.results[0].seconds == 20.0
    assert at(engine, clock, 500) == []
    assert do(clock, 500, engine.stop) == []
    assert engine.status is Status.STOPPED
    assert engine.seconds_left() == 0.0


def test_stop_before_start() -> None:
    engine, _ = single("hold = 30")
    assert kinds(engine.stop()) == ["session-stopped"]
    assert engine.status is Status.STOPPED
    assert engine.start() == []


# ----- rating


def test_rating_goes_to_the_side_just_done() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    assert do(clock, 5, lambda: engine.rate(5)) == []
    at(engine, clock, 21)
    first = engine.results[0]
    assert engine.last_done is first
    events = do(clock, 22, lambda: engine.rate(8))
    assert [(e.kind, e.value) for e in events] == [(EventKind.RATED, first)]
    for bad in (0, 11, -1):
        assert do(clock, 22, lambda bad=bad: engine.rate(bad)) == []
    assert first.difficulty == 8
    at(engine, clock, 71)
    do(clock, 72, lambda: engine.rate(10))
    assert (first.difficulty, engine.results[2].difficulty) == (8, 10)


def test_checks_toggle_on_the_side_just_done() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    at(engine, clock, 21)
    side = engine.last_done
    assert side is not None
    do(clock, 22, lambda: engine.toggle_check("cramp"))
    do(clock, 22, lambda: engine.toggle_check("hip drop"))
    assert side.flags == ["hip drop", "cramp"]
    do(clock, 23, lambda: engine.toggle_check("cramp"))
    assert side.flags == ["hip drop"]
    assert do(clock, 23, lambda: engine.toggle_check("knee pain")) == []
    assert side.flags == ["hip drop"]


# ----- what the screen reads


def test_next_display_change_counting_down() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    assert engine.next_display_change() == T0 + 1
    clock.now = T0 + 0.3
    assert engine.next_display_change() == T0 + 1
    clock.now = T0 + 1.0
    assert engine.next_display_change() == T0 + 2
    clock.now = T0 + 19.4
    assert engine.next_display_change() == T0 + 20
    assert engine.next_display_change(T0 + 5.5) == T0 + 6


def test_next_display_change_with_a_fractional_length() -> None:
    engine, clock = single("hold = 7.5")
    engine.start()
    assert engine.next_display_change() == T0 + 0.5
    clock.now = T0 + 0.5
    assert engine.next_display_change() == T0 + 1.5
    clock.now = T0 + 7.0
    assert engine.next_display_change() == T0 + 7.5


def test_next_display_change_counting_up() -> None:
    engine, clock = single('hold = "max"')
    engine.start()
    assert engine.next_display_change() == T0 + 1
    clock.now = T0 + 41.7
    assert engine.next_display_change() == T0 + 42
    clock.now = T0 + 42
    assert engine.next_display_change() == T0 + 43


def test_next_due_is_the_next_moment() -> None:
    engine, clock = single("hold = 30")
    assert engine.next_due() is None
    engine.start()
    assert engine.next_due() == T0 + 15
    at(engine, clock, 15)
    assert engine.next_due() == T0 + 27
    at(engine, clock, 29.5)
    assert engine.next_due() == T0 + 30


def test_seconds_left_and_progress() -> None:
    engine, clock = make(ONE_LEG)
    total = 200.0
    assert engine.plan.estimated_seconds == 200
    assert engine.seconds_left() == total and engine.progress() == 0.0
    engine.start()
    assert engine.seconds_left() == total and engine.progress() == 0.0
    at(engine, clock, 15)
    assert engine.seconds_left() == 185.0
    assert engine.seconds_left(T0 + 16) == 184.0
    at(engine, clock, 60)
    assert engine.seconds_left() == 140.0
    assert engine.progress() == pytest.approx(0.3, abs=1e-9)
    at(engine, clock, 75)
    engine.change_rest(15)
    assert engine.seconds_left() == 140.0
    at(engine, clock, 300)
    assert engine.status is Status.FINISHED
    assert (engine.seconds_left(), engine.progress()) == (0.0, 1.0)


def test_seconds_left_stands_still_while_paused() -> None:
    engine, clock = make(ONE_LEG)
    engine.start()
    do(clock, 10, engine.toggle_pause)
    clock.now = T0 + 1000
    assert engine.seconds_left() == 190.0


def test_events_are_never_due_after_they_happen() -> None:
    engine, clock = make(ONE_LEG)
    events = engine.start()
    events += at(engine, clock, 33.3)
    events += do(clock, 33.3, engine.toggle_pause)
    events += do(clock, 40, engine.toggle_pause)
    events += do(clock, 41, lambda: engine.change_rest(15))
    events += do(clock, 80, engine.back)
    events += do(clock, 85, engine.skip)
    events += at(engine, clock, 1000)
    assert events[-1].kind is EventKind.FINISHED
    assert all(e.scheduled <= e.actual for e in events)
    assert [e.actual for e in events] == sorted(e.actual for e in events)


def test_progress_stays_between_0_and_1_when_rest_is_added_early() -> None:
    engine, _ = single("hold = 30", head="prepare = 5")
    engine.start()
    engine.change_rest(15)
    assert engine.seconds_left() == 50.0
    assert 0.0 <= engine.progress() <= 1.0

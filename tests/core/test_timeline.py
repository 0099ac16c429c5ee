"""Step timelines: which cues a step holds and at which offsets (active seconds from its start)."""

from __future__ import annotations

import itertools

import pytest

from hamtimer.core.kinds import Side
from hamtimer.core.program.loader import parse_program
from hamtimer.core.session.events import Cue
from hamtimer.core.session.plan import Plan, PrepareStep, RestReason, RestStep, Step, WorkStep, build_plan
from hamtimer.core.session.timeline import Moment, moments, step_length


def plan_of(body: str, head: str = "prepare = 0") -> Plan:
    return build_plan(parse_program(f'[program]\nname = "T"\n{head}\n{body}', "t.toml"))


def work_step(*lines: str) -> WorkStep:
    """The first work step of a one-exercise program."""
    body = "\n".join(('[[block]]\n[[block.exercise]]\nname = "X"', *lines))
    return plan_of(body).work_steps[0]


def timeline(step: Step, following: Step | None = None, extra: float = 0.0) -> list[tuple[object, ...]]:
    """Each moment in short: (offset, cue value or "END", value)."""
    return [
        (m.offset, "END" if m.ends else m.cue.value if m.cue else None, m.value)
        for m in moments(step, following, extra)
    ]


def cues_at(step: Step, cue: Cue) -> list[float]:
    return [m.offset for m in moments(step, None) if m.cue is cue]


# ----- prepare and rest


def test_prepare_says_get_ready_then_counts_down_3_2_1_before_its_end() -> None:
    assert timeline(PrepareStep(0, 5.0)) == [
        (0.0, "get-ready", None),
        (2.0, "countdown", 3),
        (3.0, "countdown", 2),
        (4.0, "countdown", 1),
        (5.0, "END", None),
    ]


def test_rest_between_sides_announces_the_side_that_comes_next() -> None:
    plan = plan_of(
        '[[block]]\n[[block.exercise]]\nname = "B"\nhold = 20\nsides = "each"\n'
        'side_order = "right-first"\nrest = { between_sides = 30 }'
    )
    right, rest, left = plan.steps
    assert isinstance(rest, RestStep) and isinstance(left, WorkStep)
    assert rest.reason is RestReason.BETWEEN_SIDES
    assert right.side is Side.RIGHT and left.side is Side.LEFT
    found = list(moments(rest, left))
    assert [(m.offset, m.cue, m.value, m.side) for m in found[:2]] == [
        (0.0, Cue.REST, "between-sides", None),
        (0.0, Cue.SIDE_SWITCH, None, Side.LEFT),
    ]
    assert timeline(rest, left)[2:] == [
        (27.0, "countdown", 3),
        (28.0, "countdown", 2),
        (29.0, "countdown", 1),
        (30.0, "END", None),
    ]


def test_rest_between_sets_has_no_side_switch() -> None:
    rest = RestStep(3, 60.0, RestReason.BETWEEN_SETS)
    following = work_step('hold = 20\nsides = "each"')
    assert timeline(rest, following) == [
        (0.0, "rest", "between-sets"),
        (57.0, "countdown", 3),
        (58.0, "countdown", 2),
        (59.0, "countdown", 1),
        (60.0, "END", None),
    ]


def test_extra_rest_moves_the_end_and_the_pips() -> None:
    rest = RestStep(2, 30.0, RestReason.BETWEEN_EXERCISES)
    assert timeline(rest, None, extra=15.0)[1:] == [
        (42.0, "countdown", 3),
        (43.0, "countdown", 2),
        (44.0, "countdown", 1),
        (45.0, "END", None),
    ]
    assert timeline(rest, None, extra=-15.0)[-1] == (15.0, "END", None)


def test_short_rest_gets_only_the_pips_that_fit_after_its_start() -> None:
    assert timeline(RestStep(1, 2.0, RestReason.BETWEEN_SETS)) == [
        (0.0, "rest", "between-sets"),
        (1.0, "countdown", 1),
        (2.0, "END", None),
    ]


# ----- timed work


def test_hold_goes_halfway_counts_down_and_ends_at_its_target() -> None:
    step = work_step('hold = 30\nsides = "each"')
    found = list(moments(step, None))
    assert found[0] == Moment(0.0, Cue.GO, side=Side.LEFT)
    assert timeline(step)[1:] == [
        (15.0, "halfway", None),
        (27.0, "countdown", 3),
        (28.0, "countdown", 2),
        (29.0, "countdown", 1),
        (30.0, "END", None),
    ]


@pytest.mark.parametrize(("hold", "halfway"), [(9.5, []), (10, [5.0]), (45, [22.5])])
def test_halfway_only_on_holds_of_ten_seconds_or_more(hold: float, halfway: list[float]) -> None:
    assert cues_at(work_step(f"hold = {hold}"), Cue.HALFWAY) == halfway


def test_range_hold_marks_its_minimum_and_ends_at_the_upper_bound() -> None:
    step = work_step('hold = "20-30s"')
    assert step_length(step) == 30.0
    assert timeline(step) == [
        (0.0, "go", None),
        (15.0, "halfway", None),
        (20.0, "minimum", None),
        (27.0, "countdown", 3),
        (28.0, "countdown", 2),
        (29.0, "countdown", 1),
        (30.0, "END", None),
    ]


def test_fixed_hold_has_no_minimum_cue() -> None:
    assert cues_at(work_step("hold = 30"), Cue.MINIMUM) == []


def test_minimum_at_half_the_target_is_one_cue_not_two() -> None:
    step = work_step('hold = "15-30s"')
    assert [o for o, _, _ in timeline(step)].count(15.0) == 1
    assert cues_at(step, Cue.MINIMUM) == [15.0]


def test_max_hold_has_no_end_and_no_countdown() -> None:
    step = work_step('hold = "max"')
    assert step_length(step) is None
    assert timeline(step) == [(0.0, "go", None)]


def test_time_with_cadence_beats_every_60_over_cadence_seconds() -> None:
    step = work_step("time = 10\ncadence = 120")
    beats = [(m.offset, m.value) for m in moments(step, None) if m.cue is Cue.METRONOME]
    assert beats == [(0.5 * n, n) for n in range(1, 20)]
    found = timeline(step)
    assert (5.0, "halfway", None) in found
    assert found[-1] == (10.0, "END", None)


def test_max_time_with_cadence_beats_without_end() -> None:
    step = work_step('time = "max"\ncadence = 60')
    first = list(itertools.islice(moments(step, None), 1001))
    assert [m.offset for m in first[1:]] == [float(n) for n in range(1, 1001)]
    assert not any(m.ends for m in first)


def test_moments_come_in_time_order() -> None:
    step = work_step('time = "1-2 min"\ncadence = 180')
    offsets = [m.offset for m in moments(step, None)]
    assert offsets == sorted(offsets)
    assert offsets[-1] == 120.0
    assert len([o for o in offsets if 0 < o < 120]) >= 359


# ----- reps


def test_counted_reps_have_no_timeline_but_go() -> None:
    for reps in ("12", '"8-10"', '"max"'):
        step = work_step(f"reps = {reps}")
        assert step_length(step) is None
        assert timeline(step) == [(0.0, "go", None)]


def test_distance_waits_for_the_user() -> None:
    step = work_step('distance = "20 m"')
    assert step_length(step) is None
    assert timeline(step) == [(0.0, "go", None)]


def test_tempo_paces_down_pause_up_and_counts_each_rep() -> None:
    step = work_step('reps = 5\ntempo = "3-1-1"')
    assert step_length(step) == 25
    found = timeline(step)
    tempo = [(o, v) for o, c, v in found if c == "tempo"]
    assert tempo == [
        (float(base + at), phase)
        for base in range(0, 25, 5)
        for at, phase in ((0, "down"), (3, "pause"), (4, "up"))
    ]
    assert [(o, v) for o, c, v in found if c == "rep"] == [(5.0 * n, n) for n in range(1, 6)]
    assert found[-2:] == [(25.0, "rep", 5), (25.0, "END", None)]
    assert not any(c in ("halfway", "countdown") for _, c, _ in found)


def test_tempo_skips_zero_phases_and_sounds_the_top_pause() -> None:
    step = work_step('reps = 2\ntempo = "2-0-1-1"')
    assert timeline(step) == [
        (0.0, "go", None),
        (0.0, "tempo", "down"),
        (2.0, "tempo", "up"),
        (3.0, "tempo", "top"),
        (4.0, "rep", 1),
        (4.0, "tempo", "down"),
        (6.0, "tempo", "up"),
        (7.0, "tempo", "top"),
        (8.0, "rep", 2),
        (8.0, "END", None),
    ]


def test_tempo_range_marks_the_minimum_after_that_rep() -> None:
    step = work_step('reps = "2-3"\ntempo = "1-1-1"')
    found = timeline(step)
    assert (6.0, "minimum", None) in found
    assert [o for o, c, _ in found if c == "minimum"] == [6.0]
    assert found[-1] == (9.0, "END", None)


def test_max_tempo_goes_on_until_the_user_ends_it() -> None:
    step = work_step('reps = "max"\ntempo = "1-0-1"')
    assert step_length(step) is None
    first = list(itertools.islice(moments(step, None), 301))
    reps = [(m.offset, m.value) for m in first if m.cue is Cue.REP]
    assert reps[:3] == [(2.0, 1), (4.0, 2), (6.0, 3)]
    assert len(reps) == 100
    assert not any(m.ends or m.cue is Cue.MINIMUM for m in first)


def test_step_length_of_rests_includes_extra_and_never_goes_negative() -> None:
    rest = RestStep(1, 30.0, RestReason.BETWEEN_SETS)
    assert step_length(rest) == 30.0
    assert step_length(rest, 15.0) == 45.0
    assert step_length(rest, -45.0) == 0.0

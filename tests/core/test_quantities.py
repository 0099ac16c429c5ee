"""The small values of the program format: durations, ranges, reps, distances, tempos."""

from __future__ import annotations

import math

import pytest

from hamtimer.core.kinds import WorkKind
from hamtimer.core.program.model import Work
from hamtimer.core.program.quantities import (
    MAX_SECONDS,
    Bounds,
    ValueProblem,
    parse_distance,
    parse_duration,
    parse_reps,
    parse_tempo,
    parse_timed,
)

# --- durations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (30, 30.0),
        (7.5, 7.5),
        ("30s", 30.0),
        ("90 s", 90.0),
        ("1m30s", 90.0),
        ("1m 30s", 90.0),
        ("5 min", 300.0),
        ("1h", 3600.0),
        ("1.5m", 90.0),
        ("30 sec", 30.0),
        ("  45  ", 45.0),
        ("4h", 4 * 3600.0),
        (4 * 3600, 4 * 3600.0),
    ],
)
def test_duration_accepts_numbers_and_units(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds
    assert parse_timed(value) == Bounds(seconds, seconds)


def test_zero_is_not_a_duration_of_work_but_is_a_rest() -> None:
    with pytest.raises(ValueProblem, match="more than 0"):
        parse_duration(0)
    with pytest.raises(ValueProblem, match="more than 0"):
        parse_timed(0)
    with pytest.raises(ValueProblem, match="more than 0"):
        parse_timed("0s")
    assert parse_duration(0, allow_zero=True) == 0.0
    assert parse_duration("0 s", allow_zero=True) == 0.0


@pytest.mark.parametrize("value", [-5, -0.5])
def test_negative_durations_are_rejected(value: float) -> None:
    with pytest.raises(ValueProblem):
        parse_duration(value)
    with pytest.raises(ValueProblem, match="negative"):
        parse_duration(value, allow_zero=True)


@pytest.mark.parametrize("value", [MAX_SECONDS + 1, "4h1s", "5h", "241 min", 1e308, 10**30])
def test_durations_over_four_hours_are_rejected(value: object) -> None:
    with pytest.raises(ValueProblem, match="4 hours"):
        parse_duration(value)
    with pytest.raises(ValueProblem, match="4 hours"):
        parse_timed(value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_rejected(value: float) -> None:
    with pytest.raises(ValueProblem, match="expected"):
        parse_duration(value)
    with pytest.raises(ValueProblem, match="expected"):
        parse_duration(value, allow_zero=True)
    with pytest.raises(ValueProblem, match="expected"):
        parse_timed(value)


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_not_durations(value: bool) -> None:
    with pytest.raises(ValueProblem, match="expected"):
        parse_duration(value)
    with pytest.raises(ValueProblem, match="expected"):
        parse_duration(value, allow_zero=True)
    with pytest.raises(ValueProblem, match="expected"):
        parse_timed(value)


@pytest.mark.parametrize(
    "value", ["", "s", "abc", "30 parsecs", "30ss", "m30", "-5", "5 min 30", "1e3", None, [30], {}]
)
def test_malformed_durations_say_what_was_expected(value: object) -> None:
    with pytest.raises(ValueProblem, match=r'"30s", "1m30s", "5 min"'):
        parse_duration(value)


def test_integer_beyond_float_range_is_a_value_problem() -> None:
    with pytest.raises(ValueProblem):
        parse_duration(10**400)


# --- timed ranges and "max" ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        ("20-30s", 20, 30),
        ("5-10 min", 300, 600),
        ("20s-30s", 20, 30),
        ("20 - 30 s", 20, 30),
        ("20–30s", 20, 30),
        ("1m-2m", 60, 120),
        ("1m30s-2m", 90, 120),
        ("30-30s", 30, 30),
    ],
)
def test_timed_ranges_give_minimum_and_target(value: str, low: float, high: float) -> None:
    bounds = parse_timed(value)
    assert bounds == Bounds(float(low), float(high))
    assert not bounds.is_max


@pytest.mark.parametrize("value", ["30-20s", "10-5 min", "2m-1m"])
def test_backwards_timed_range_is_rejected(value: str) -> None:
    with pytest.raises(ValueProblem, match="backwards"):
        parse_timed(value)


@pytest.mark.parametrize("value", ["max", "MAX", " Max "])
def test_max_has_no_target(value: str) -> None:
    bounds = parse_timed(value)
    assert bounds == Bounds(None, None)
    assert bounds.is_max


@pytest.mark.parametrize("value", ["20-", "-30s", "max-30s", "20-30 parsecs", "a-b", "20-30-40s", True])
def test_malformed_timed_values_mention_ranges_and_max(value: object) -> None:
    with pytest.raises(ValueProblem, match=r'a range \("20-30s", "5-10 min"\) or "max"'):
        parse_timed(value)


@pytest.mark.parametrize("value", ["1-5h", "0-30s"])
def test_range_bounds_obey_the_duration_limits(value: str) -> None:
    with pytest.raises(ValueProblem):
        parse_timed(value)


# --- reps --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        (12, 12, 12),
        (1, 1, 1),
        (1000, 1000, 1000),
        ("12", 12, 12),
        ("8-10", 8, 10),
        ("8 - 10", 8, 10),
        ("8–10", 8, 10),
        ("1-1", 1, 1),
    ],
)
def test_reps_accept_whole_numbers_and_ranges(value: object, low: int, high: int) -> None:
    assert parse_reps(value) == Bounds(low, high)


def test_max_reps() -> None:
    assert parse_reps("max") == Bounds(None, None)
    assert parse_reps("max").is_max


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "at least 1 rep"),
        (-3, "at least 1 rep"),
        (1001, "limit of 1000 reps"),
        (10**30, "limit of 1000 reps"),
        ("0-5", "at least 1 rep"),
        ("5-1001", "limit of 1000 reps"),
        ("10-8", "backwards"),
    ],
)
def test_reps_out_of_bounds_are_rejected(value: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_reps(value)


@pytest.mark.parametrize("value", [12.5, True, "twelve", "8-", "8-10-12", "1e3", "20s", [12]])
def test_malformed_reps_say_what_was_expected(value: object) -> None:
    with pytest.raises(ValueProblem, match=r'whole number of reps \(12\), a range \("8-10"\) or "max"'):
        parse_reps(value)


@pytest.mark.parametrize("value", ["²", "1-²"])
def test_superscript_digits_are_a_value_problem_in_reps(value: str) -> None:
    with pytest.raises(ValueProblem):
        parse_reps(value)


# --- distances -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tidy"),
    [
        ("5 yd", "5 yd"),
        ("20 m", "20 m"),
        ("1 km", "1 km"),
        ("0.5 mi", "0.5 mi"),
        ("5yd", "5 yd"),
        ("5 yards", "5 yd"),
        ("400 metres", "400 m"),
        ("2 MILES", "2 mi"),
    ],
)
def test_distances_keep_a_tidy_form(value: str, tidy: str) -> None:
    assert parse_distance(value) == tidy


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5-10 yd", "no range"),
        ("5 yd - 10 yd", "no range"),
        ("5 ft", "a number and a unit"),
        ("5 parsecs", "a number and a unit"),
        ("5", "a number and a unit"),
        ("yd", "a number and a unit"),
        (5, "a number and a unit"),
        ("-5 m", "a number and a unit"),
        ("0 m", "more than 0"),
        ("1000000 km", "sensible"),
    ],
)
def test_bad_distances_are_rejected(value: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_distance(value)


# --- tempos ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "phases", "per_rep"),
    [
        ("3-1-1", (3, 1, 1), 5),
        ("3-1-1-0", (3, 1, 1, 0), 5),
        ("2-0-2-1", (2, 0, 2, 1), 5),
        (" 4 - 0 - 1 ", (4, 0, 1), 5),
    ],
)
def test_tempos(value: str, phases: tuple[int, ...], per_rep: int) -> None:
    tempo = parse_tempo(value)
    assert tempo.phases == phases
    assert tempo.seconds_per_rep == per_rep
    assert str(tempo) == "-".join(str(p) for p in phases)


@pytest.mark.parametrize("value", ["3-1", "3", "3-1-1-0-0", "3-1-1.5", "a-b-c", "3--1", 311, ["3", "1", "1"]])
def test_tempos_need_three_or_four_whole_numbers(value: object) -> None:
    with pytest.raises(ValueProblem, match="three or four whole numbers"):
        parse_tempo(value)


@pytest.mark.parametrize("value", ["0-0-0", "0-0-0-0"])
def test_tempo_of_nothing_is_rejected(value: str) -> None:
    with pytest.raises(ValueProblem, match="at least one second"):
        parse_tempo(value)


def test_tempo_phase_over_a_minute_is_rejected() -> None:
    with pytest.raises(ValueProblem, match="60 seconds"):
        parse_tempo("61-0-1")


def test_superscript_digits_are_a_value_problem_in_tempo() -> None:
    with pytest.raises(ValueProblem):
        parse_tempo("²-1-1")


# --- Work.describe -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("work", "text"),
    [
        (Work(WorkKind.HOLD, parse_timed(30)), "30 s"),
        (Work(WorkKind.HOLD, parse_timed(7.5)), "7.5 s"),
        (Work(WorkKind.HOLD, parse_timed("20-30s")), "20-30 s"),
        (Work(WorkKind.TIME, parse_timed("5-10 min")), "5-10 min"),
        (Work(WorkKind.TIME, parse_timed("1m30s")), "1:30"),
        (Work(WorkKind.TIME, parse_timed("5 min")), "5:00"),
        (Work(WorkKind.TIME, parse_timed("1h")), "1:00:00"),
        (Work(WorkKind.REPS, parse_reps(12)), "12 reps"),
        (Work(WorkKind.REPS, parse_reps("8-10")), "8-10 reps"),
        (Work(WorkKind.HOLD, parse_timed("max")), "max"),
        (Work(WorkKind.TIME, parse_timed("max")), "max"),
        (Work(WorkKind.REPS, parse_reps("max")), "max reps"),
        (Work(WorkKind.DISTANCE, Bounds(None, None), parse_distance("5 yd")), "5 yd"),
    ],
)
def test_work_describes_itself(work: Work, text: str) -> None:
    assert work.describe() == text


def test_max_and_distance_flags() -> None:
    assert Work(WorkKind.HOLD, parse_timed("max")).is_max
    assert not Work(WorkKind.HOLD, parse_timed(30)).is_max
    assert not Work(WorkKind.DISTANCE, Bounds(None, None), "5 yd").is_max
    assert Work(WorkKind.TIME, parse_timed(30)).is_timed
    assert not Work(WorkKind.REPS, parse_reps(3)).is_timed

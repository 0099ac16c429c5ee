"""Today's summary: results grouped per exercise and side, and the left-against-right asymmetry."""

from __future__ import annotations

import pytest

from hamtimer.core.history.summary import summarize
from hamtimer.core.history.symmetry import asymmetry
from hamtimer.core.kinds import Side, WorkKind
from hamtimer.core.session.plan import Plan, WorkStep
from hamtimer.core.session.results import SideResult
from tests.support.programs import data_plan


@pytest.fixture
def plan() -> Plan:
    return data_plan("summary-mix.toml")


def steps(plan: Plan, name: str, side: Side | None = None) -> list[WorkStep]:
    return [s for s in plan.work_steps if s.name == name and s.side is side]


def test_grouped_per_exercise_in_plan_order_and_per_side(plan: Plan) -> None:
    (l1, l2), (r1, r2) = steps(plan, "Bridge", Side.LEFT), steps(plan, "Bridge", Side.RIGHT)
    (nordic,) = steps(plan, "Nordic")
    results = [
        SideResult(nordic, reps=5, difficulty=9),
        SideResult(l1, seconds=30.0, difficulty=6, flags=["hip drop"]),
        SideResult(r1, seconds=24.0, completed=False, difficulty=8, flags=["hip drop", "cramp"]),
        SideResult(l2, seconds=30.0, difficulty=7),
        SideResult(r2, seconds=26.0, completed=False, flags=["cramp"]),
    ]
    found = summarize(results)
    assert [(s.name, s.work) for s in found] == [("Bridge", WorkKind.HOLD), ("Nordic", WorkKind.REPS)]
    bridge, nordic_summary = found
    assert list(nordic_summary.sides) == ["both"] and not nordic_summary.one_leg
    assert nordic_summary.sides["both"].mean == 5.0
    assert nordic_summary.asymmetry() is None
    assert set(bridge.sides) == {"left", "right"} and bridge.one_leg
    left, right = bridge.sides["left"], bridge.sides["right"]
    assert (left.values, left.mean, left.difficulty) == ([30.0, 30.0], 30.0, 6.5)
    assert (right.values, right.mean, right.difficulty) == ([24.0, 26.0], 25.0, 8.0)
    assert (left.sets, left.completed, right.sets, right.completed) == (2, 2, 2, 0)
    assert left.flags == {"hip drop": 1}
    assert right.flags == {"hip drop": 1, "cramp": 2}
    gap = bridge.asymmetry()
    assert gap is not None
    assert gap.pct == pytest.approx(5 / 30 * 100, abs=1e-9)
    assert (gap.weaker, gap.gap) == ("right", 5.0)


def test_reps_compare_reps_and_unrated_sides_have_no_difficulty(plan: Plan) -> None:
    (left,), (right,) = steps(plan, "Single-leg RDL", Side.LEFT), steps(plan, "Single-leg RDL", Side.RIGHT)
    (found,) = summarize([SideResult(left, reps=6, completed=False), SideResult(right, reps=8)])
    assert found.sides["left"].difficulty is None
    gap = found.asymmetry()
    assert gap is not None
    assert (gap.pct, gap.weaker, gap.gap) == (25.0, "left", 2.0)


def test_distance_has_no_value_only_difficulty_and_flags(plan: Plan) -> None:
    (left,), (right,) = steps(plan, "Bound", Side.LEFT), steps(plan, "Bound", Side.RIGHT)
    (found,) = summarize([SideResult(left, seconds=12.3, difficulty=5), SideResult(right, seconds=14.0)])
    assert found.sides["left"].values == [] and found.sides["left"].mean is None
    assert found.sides["left"].difficulty == 5.0
    assert found.sides["left"].sets == 1
    assert found.asymmetry() is None


def test_one_side_only_has_no_asymmetry(plan: Plan) -> None:
    (left, _) = steps(plan, "Bridge", Side.LEFT)
    (found,) = summarize([SideResult(left, seconds=30.0)])
    assert list(found.sides) == ["left"]
    assert found.asymmetry() is None


def test_nothing_done_summarizes_to_nothing() -> None:
    assert summarize([]) == []


def test_the_value_is_seconds_for_timed_work_and_reps_for_reps(plan: Plan) -> None:
    bridge = steps(plan, "Bridge", Side.LEFT)[0]
    nordic = steps(plan, "Nordic")[0]
    bound = steps(plan, "Bound", Side.LEFT)[0]

    def value(result: SideResult) -> float | None:
        (found,) = summarize([result])
        (side,) = found.sides.values()
        return side.mean

    assert value(SideResult(bridge, seconds=22.4, reps=3)) == 22.4
    assert value(SideResult(nordic, seconds=40.0, reps=5)) == 5
    assert value(SideResult(bound, seconds=9.0)) is None


def test_flags_keep_the_order_of_the_exercise_checks(plan: Plan) -> None:
    result = SideResult(steps(plan, "Bridge", Side.LEFT)[0])
    result.toggle_flag("cramp")
    result.toggle_flag("hip drop")
    assert result.flags == ["hip drop", "cramp"]
    result.toggle_flag("cramp")
    assert result.flags == ["hip drop"]


# ----- symmetry.asymmetry


def test_asymmetry_uses_the_stronger_side_as_reference() -> None:
    found = asymmetry(30.0, 24.0)
    assert found is not None
    assert found.pct == pytest.approx(20.0, abs=1e-9)
    assert (found.weaker, found.gap) == ("right", 6.0)
    mirrored = asymmetry(24.0, 30.0)
    assert mirrored is not None
    assert mirrored.pct == pytest.approx(20.0, abs=1e-9)
    assert (mirrored.weaker, mirrored.gap) == ("left", 6.0)


def test_asymmetry_of_equal_sides_names_no_weaker_side() -> None:
    found = asymmetry(12.0, 12.0)
    assert found is not None
    assert (found.pct, found.weaker, found.gap) == (0.0, None, 0.0)


def test_asymmetry_when_one_side_did_nothing() -> None:
    found = asymmetry(0.0, 10.0)
    assert found is not None
    assert (found.pct, found.weaker, found.gap) == (100.0, "left", 10.0)


def test_asymmetry_of_nothing_is_none() -> None:
    assert asymmetry(0.0, 0.0) is None

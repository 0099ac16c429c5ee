"""Plan expansion: the order of steps DESIGN.md gives, the JSON shape, estimates, bundled programs."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from hamtimer.core.kinds import WorkKind
from hamtimer.core.program.catalog import bundled_dir
from hamtimer.core.program.loader import load_program, parse_program
from hamtimer.core.program.model import SideOrder, Sides
from hamtimer.core.program.quantities import Bounds
from hamtimer.core.session.plan import (
    ASSUMED_DISTANCE_SECONDS,
    ASSUMED_MAX_REPS,
    ASSUMED_MAX_SECONDS,
    SECONDS_PER_REP,
    Plan,
    PrepareStep,
    RestStep,
    WorkStep,
    build_plan,
)

BUNDLED = [
    "bridge-progression",
    "long-run-circuit",
    "nordic-ladder",
    "run-day",
    "runners-six",
    "speed-circuit",
]


def plan_of(text: str) -> Plan:
    return build_plan(parse_program(text, "x.toml"))


def bundled(name: str) -> Plan:
    return build_plan(load_program(bundled_dir() / f"{name}.toml", f"programs/{name}.toml"))


def outline(plan: Plan) -> list[tuple[Any, ...]]:
    """Each step in short: ("prepare", s), ("rest", reason, s), (exercise, side, set, round)."""
    rows: list[tuple[Any, ...]] = []
    for step in plan.steps:
        if isinstance(step, PrepareStep):
            rows.append(("prepare", step.seconds))
        elif isinstance(step, RestStep):
            rows.append(("rest", step.reason.value, step.seconds))
        else:
            rows.append((step.name, step.side.value if step.side else "both", step.set, step.round))
    return rows


def work_outline(plan: Plan) -> list[tuple[str, str]]:
    return [(s.name, s.side.value if s.side else "both") for s in plan.work_steps]


def program(*blocks: str, head: str = "", rest: str = "") -> str:
    return f'[program]\nname = "P"\n{head}\n[rest]\n{rest}\n' + "\n".join(blocks)


def block(*exercises: str, keys: str = "") -> str:
    return "[[block]]\n" + keys + "\n" + "".join(f"[[block.exercise]]\n{e}\n" for e in exercises)


def ex(name: str, body: str = "") -> str:
    """An exercise; a 30 s hold unless the body gives its work."""
    if not any(f"{kind} =" in body for kind in ("hold", "reps", "time", "distance")):
        body += "\nhold = 30"
    return f'name = "{name}"\n{body}'


# --- ordering --------------------------------------------------------------------------------------


def test_prepare_comes_first_and_defaults_to_five_seconds() -> None:
    plan = plan_of(program(block(ex("A"))))
    assert outline(plan) == [("prepare", 5.0), ("A", "both", 1, 1)]
    assert [s.index for s in plan.steps] == [0, 1]


def test_prepare_of_zero_gives_no_step() -> None:
    plan = plan_of(program(block(ex("A"), ex("B")), head="prepare = 0"))
    assert outline(plan) == [("A", "both", 1, 1), ("rest", "between-exercises", 30.0), ("B", "both", 1, 1)]
    assert [s.index for s in plan.steps] == [0, 1, 2]


def test_each_set_runs_first_side_rest_second_side_with_rest_between_sets() -> None:
    plan = plan_of(
        program(
            block(ex("A", 'sides = "each"\nsets = 3\nhold = 30')),
            head="prepare = 3",
            rest="between_sides = 15\nbetween_sets = 45",
        )
    )
    assert outline(plan) == [
        ("prepare", 3.0),
        ("A", "left", 1, 1),
        ("rest", "between-sides", 15.0),
        ("A", "right", 1, 1),
        ("rest", "between-sets", 45.0),
        ("A", "left", 2, 1),
        ("rest", "between-sides", 15.0),
        ("A", "right", 2, 1),
        ("rest", "between-sets", 45.0),
        ("A", "left", 3, 1),
        ("rest", "between-sides", 15.0),
        ("A", "right", 3, 1),
    ]
    assert [s.index for s in plan.steps] == list(range(12))
    assert [s.first_side for s in plan.work_steps] == [True, False] * 3


def test_rests_between_exercises_and_between_blocks() -> None:
    plan = plan_of(
        program(
            block(ex("A"), ex("B", "reps = 5\nsets = 2"), keys="rest = { between_exercises = 20 }"),
            block(ex("C"), ex("D"), keys="rest = { between_exercises = 45 }"),
            head="prepare = 0",
            rest="between_sets = 50",
        )
    )
    assert outline(plan) == [
        ("A", "both", 1, 1),
        ("rest", "between-exercises", 20.0),
        ("B", "both", 1, 1),
        ("rest", "between-sets", 50.0),
        ("B", "both", 2, 1),
        # between two blocks: the following block's between_exercises
        ("rest", "between-exercises", 45.0),
        ("C", "both", 1, 1),
        ("rest", "between-exercises", 45.0),
        ("D", "both", 1, 1),
    ]


def test_a_circuit_runs_every_exercise_once_per_round() -> None:
    plan = plan_of(
        program(
            block(ex("A", 'sides = "each"\nreps = 5'), ex("B"), keys="rounds = 3"),
            head="prepare = 0",
            rest="between_sides = 5\nbetween_exercises = 25\nbetween_rounds = 80",
        )
    )
    round_steps = lambda r: [  # noqa: E731
        ("A", "left", 1, r),
        ("rest", "between-sides", 5.0),
        ("A", "right", 1, r),
        ("rest", "between-exercises", 25.0),
        ("B", "both", 1, r),
    ]
    assert outline(plan) == [
        *round_steps(1),
        ("rest", "between-rounds", 80.0),
        *round_steps(2),
        ("rest", "between-rounds", 80.0),
        *round_steps(3),
    ]
    assert {(s.rounds, s.sets) for s in plan.work_steps} == {(3, 1)}


def test_block_rest_overrides_rounds_rest() -> None:
    plan = plan_of(
        program(block(ex("A"), keys="rounds = 2\nrest = { between_rounds = 60 }"), head="prepare = 0")
    )
    assert outline(plan) == [("A", "both", 1, 1), ("rest", "between-rounds", 60.0), ("A", "both", 1, 2)]


def test_rests_of_zero_give_no_step() -> None:
    plan = plan_of(
        program(
            block(ex("A", 'sides = "each"\nsets = 2\nreps = 3'), ex("B"), keys="rounds = 1"),
            block(ex("C"), keys="rounds = 2"),
            head="prepare = 0",
            rest="between_sides = 0\nbetween_sets = 0\nbetween_exercises = 0\nbetween_rounds = 0",
        )
    )
    assert outline(plan) == [
        ("A", "left", 1, 1),
        ("A", "right", 1, 1),
        ("A", "left", 2, 1),
        ("A", "right", 2, 1),
        ("B", "both", 1, 1),
        ("C", "both", 1, 1),
        ("C", "both", 1, 2),
    ]
    assert [s.index for s in plan.steps] == list(range(7))


@pytest.mark.parametrize(
    "last",
    [
        block(ex("Z", 'sides = "each"\nsets = 2')),
        block(ex("Y"), ex("Z", 'sides = "each"'), keys="rounds = 3"),
        block(ex("Z", "reps = 5\nsets = 4")),
    ],
    ids=["sets", "circuit", "both-legs"],
)
def test_never_a_rest_after_the_last_work_step(last: str) -> None:
    plan = plan_of(program(block(ex("A")), last, rest="between_sides = 9"))
    assert isinstance(plan.steps[-1], WorkStep)
    assert plan.steps[-1].name == "Z"


def test_side_order_right_first_for_the_program_and_left_first_for_one_exercise() -> None:
    plan = plan_of(
        program(
            block(
                ex("Right", 'sides = "each"'),
                ex("Left", 'sides = "each"\nside_order = "left-first"'),
                ex("Both"),
            ),
            head='side_order = "right-first"',
        )
    )
    assert work_outline(plan) == [
        ("Right", "right"),
        ("Right", "left"),
        ("Left", "left"),
        ("Left", "right"),
        ("Both", "both"),
    ]


def test_exercise_side_order_right_first_in_a_left_first_program() -> None:
    plan = plan_of(
        program(block(ex("A", 'sides = "each"\nside_order = "right-first"'), ex("B", 'sides = "each"')))
    )
    assert work_outline(plan) == [("A", "right"), ("A", "left"), ("B", "left"), ("B", "right")]


def test_loads_go_by_round_in_a_circuit_and_the_last_repeats() -> None:
    plan = plan_of(
        program(
            block(
                ex("A", 'sides = "each"'),
                ex("B", 'load = "heavy"'),
                keys='rounds = 3\nloads = ["bodyweight", "medium"]',
            )
        )
    )
    assert [(s.name, s.round, s.load) for s in plan.work_steps] == [
        ("A", 1, "bodyweight"),
        ("A", 1, "bodyweight"),
        ("B", 1, "heavy"),
        ("A", 2, "medium"),
        ("A", 2, "medium"),
        ("B", 2, "heavy"),
        ("A", 3, "medium"),
        ("A", 3, "medium"),
        ("B", 3, "heavy"),
    ]


def test_loads_go_by_set_in_a_one_round_block() -> None:
    plan = plan_of(
        program(
            block(
                ex("A", 'sides = "each"\nsets = 3\nreps = 5'),
                ex("B", "sets = 2"),
                ex("C", 'sets = 2\nload = "band"'),
                keys='loads = ["light", "heavy"]',
            ),
            block(ex("D")),
        )
    )
    assert [(s.name, s.set, s.load) for s in plan.work_steps] == [
        ("A", 1, "light"),
        ("A", 1, "light"),
        ("A", 2, "heavy"),
        ("A", 2, "heavy"),
        ("A", 3, "heavy"),
        ("A", 3, "heavy"),
        ("B", 1, "light"),
        ("B", 2, "heavy"),
        ("C", 1, "band"),
        ("C", 2, "band"),
        ("D", 1, None),
    ]


# --- JSON ----------------------------------------------------------------------------------------------

SHAPE = """\
[program]
name = "Shape"
side_order = "right-first"
prepare = 5

[rest]
between_sides = 30

[[block]]
name = "Plyometrics"
loads = ["bodyweight"]

[[block.exercise]]
name = "Split-stance jump"
sides = "each"
reps = 5
tempo = "3-1-1"
load = "medium"
goal = { reps = 8, sessions = 2 }

[[block]]

[[block.exercise]]
name = "Bridge"
hold = "20-30s"
goal = { hold = "30s", sessions = 2 }

[[block.exercise]]
name = "Gallop"
distance = "5 yd"

[[block.exercise]]
name = "Curl"
reps = "max"
"""

WORK_KEYS = [
    "index", "kind", "block", "exercise", "side", "set", "sets", "round", "rounds",
    "work", "target", "minimum", "load", "tempo", "distance", "goal",
]  # fmt: skip


def work_json(index: int, exercise: str, **changes: Any) -> dict[str, Any]:
    step = dict.fromkeys(WORK_KEYS)
    step.update(index=index, kind="work", exercise=exercise, set=1, sets=1, round=1, rounds=1)
    step.update(changes)
    return step


def test_json_shape_is_as_designed() -> None:
    plan = plan_of(SHAPE)
    jump = {"block": "Plyometrics", "work": "reps", "target": 5, "minimum": 5, "load": "medium"}
    jump |= {"tempo": "3-1-1", "goal": {"reps": 8, "sessions": 2}}
    expected = {
        "program": "Shape",
        "estimated_seconds": 5 + 25 + 30 + 25 + 30 + 30 + 30 + 20 + 30 + 36,
        "steps": [
            {"index": 0, "kind": "prepare", "seconds": 5},
            work_json(1, "Split-stance jump", side="right", **jump),
            {"index": 2, "kind": "rest", "reason": "between-sides", "seconds": 30},
            work_json(3, "Split-stance jump", side="left", **jump),
            {"index": 4, "kind": "rest", "reason": "between-exercises", "seconds": 30},
            work_json(5, "Bridge", work="hold", target=30, minimum=20, goal={"hold": 30, "sessions": 2}),
            {"index": 6, "kind": "rest", "reason": "between-exercises", "seconds": 30},
            work_json(7, "Gallop", work="distance", distance="5 yd"),
            {"index": 8, "kind": "rest", "reason": "between-exercises", "seconds": 30},
            work_json(9, "Curl", work="reps"),
        ],
    }
    data = plan.to_json()
    assert data == expected
    assert list(data) == ["program", "estimated_seconds", "steps"]
    assert list(data["steps"][0]) == ["index", "kind", "seconds"]
    assert list(data["steps"][1]) == WORK_KEYS
    assert list(data["steps"][2]) == ["index", "kind", "reason", "seconds"]
    assert json.loads(json.dumps(data, allow_nan=False)) == expected


def test_json_numbers_are_whole_where_whole_and_keep_fractions() -> None:
    data = plan_of(
        program(block(ex("A", "hold = 7.5"), ex("B", 'time = "1m30s"')), head="prepare = 2.5")
    ).to_json()
    prepare, a, _, b = data["steps"]
    assert prepare["seconds"] == 2.5
    assert (a["target"], a["minimum"]) == (7.5, 7.5)
    assert (b["work"], b["target"], b["minimum"]) == ("time", 90, 90)
    assert isinstance(b["target"], int)


def test_json_rest_reasons() -> None:
    data = plan_of(
        program(
            block(ex("A", 'sides = "each"\nsets = 2'), ex("B")),
            block(ex("C"), keys="rounds = 2"),
        )
    ).to_json()
    reasons = [s["reason"] for s in data["steps"] if s["kind"] == "rest"]
    assert reasons == [
        "between-sides",
        "between-sets",
        "between-sides",
        "between-exercises",
        "between-exercises",
        "between-rounds",
    ]


# --- estimates -------------------------------------------------------------------------------------------


def test_estimated_seconds_counts_every_step_with_the_stated_assumptions() -> None:
    plan = plan_of(
        program(
            block(
                ex("Hold", 'sides = "each"\nhold = "20-30s"'),
                ex("Reps", 'reps = "8-10"'),
                ex("Tempo", 'reps = 6\ntempo = "3-1-1-1"'),
                ex("Max hold", 'hold = "max"'),
                ex("Max reps", 'reps = "max"'),
                ex("Distance", 'distance = "20 m"'),
                ex("Jog", 'time = "5-10 min"'),
            ),
            head="prepare = 5",
            rest="between_sides = 10\nbetween_exercises = 30",
        )
    )
    expected = (
        5  # prepare
        + 30 + 10 + 30  # a hold counts at its target, each side, with the rest between
        + 10 * SECONDS_PER_REP  # reps without tempo: the target times the assumed pace
        + 6 * 6  # with a tempo: seconds per rep from the tempo
        + ASSUMED_MAX_SECONDS
        + ASSUMED_MAX_REPS * SECONDS_PER_REP
        + ASSUMED_DISTANCE_SECONDS
        + 600  # a time counts at its target (the upper bound)
        + 6 * 30  # six rests between exercises
    )  # fmt: skip
    assert plan.estimated_seconds == round(expected)
    assert isinstance(plan.estimated_seconds, int)


def test_readme_assumptions() -> None:
    """The README promises 3 s per rep, 45 s for a "max" hold, 12 "max" reps and 20 s per distance."""
    assert (SECONDS_PER_REP, ASSUMED_MAX_SECONDS, ASSUMED_MAX_REPS, ASSUMED_DISTANCE_SECONDS) == (
        3,
        45,
        12,
        20,
    )


# --- every bundled program ------------------------------------------------------------------------------


def test_the_six_bundled_programs_are_there() -> None:
    assert sorted(p.stem for p in bundled_dir().glob("*.toml")) == BUNDLED


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_plans_are_well_formed(name: str) -> None:
    plan = bundled(name)
    assert [s.index for s in plan.steps] == list(range(len(plan.steps)))
    assert isinstance(plan.steps[0], PrepareStep)
    assert isinstance(plan.steps[-1], WorkStep)
    assert all(s.seconds > 0 for s in plan.steps if not isinstance(s, WorkStep))
    kinds = [type(s) for s in plan.steps]
    assert not any(a is RestStep and b is RestStep for a, b in itertools.pairwise(kinds))
    assert 60 < plan.estimated_seconds < 3600
    json.dumps(plan.to_json(), allow_nan=False)


def exercise_of(plan: Plan, name: str) -> Any:
    return next(s.exercise for s in plan.work_steps if s.name == name)


def test_bridge_progression_facts() -> None:
    plan = bundled("bridge-progression")
    assert plan.program.name == "Bridge progression"
    assert work_outline(plan) == [
        ("Double-leg bridge", "both"),
        ("Single-leg bridge", "left"),
        ("Single-leg bridge", "right"),
        ("Double-leg hamstring pull", "both"),
        ("Single-leg hamstring pull", "left"),
        ("Single-leg hamstring pull", "right"),
    ]
    double = exercise_of(plan, "Double-leg bridge")
    # "build up to the full 30 seconds" in shorter holds: a ladder from 20 s by 5 s to the goal
    assert (double.work.kind, double.work.bounds) == (WorkKind.HOLD, Bounds(20, 20))
    assert double.progress == 5 and double.after is None
    assert double.goal.as_dict() == {"hold": 30, "sessions": double.goal.sessions}

    single = exercise_of(plan, "Single-leg bridge")
    assert single.sides is Sides.EACH
    assert (single.work.kind, single.work.bounds) == (WorkKind.HOLD, Bounds(30, 30))
    assert set(single.checks) == {"hip drop", "cramp"}
    assert single.goal.kind is WorkKind.HOLD
    assert single.goal.value == 30

    pull = exercise_of(plan, "Double-leg hamstring pull")
    assert pull.sides is Sides.BOTH
    assert (pull.work.kind, pull.work.bounds) == (WorkKind.REPS, Bounds(6, 8))
    assert (pull.goal.kind, pull.goal.value) == (WorkKind.REPS, 12)

    one_leg_pull = exercise_of(plan, "Single-leg hamstring pull")
    assert one_leg_pull.sides is Sides.EACH
    assert (one_leg_pull.work.kind, one_leg_pull.work.bounds) == (WorkKind.REPS, Bounds(1, 2))
    assert (one_leg_pull.goal.kind, one_leg_pull.goal.value) == (WorkKind.REPS, 12)

    # the ladder is climbed in order, each step after the one before
    assert single.after == "Double-leg bridge" and single.progress is None
    assert (pull.after, pull.progress) == ("Single-leg bridge", 1)
    assert (one_leg_pull.after, one_leg_pull.progress) == ("Double-leg hamstring pull", 1)
    assert single.side_order is SideOrder.ALTERNATE and one_leg_pull.side_order is SideOrder.WEAKER_FIRST
    assert "ladder" in plan.program.about

    steps = [s for s in plan.to_json()["steps"] if s.get("exercise") == "Single-leg bridge"]
    assert [(s["side"], s["work"], s["target"], s["minimum"]) for s in steps] == [
        ("left", "hold", 30, 30),
        ("right", "hold", 30, 30),
    ]


RUNNERS_SIX = [
    # name, sides, kind, minimum, target
    ("Standing hamstring stretch", Sides.EACH, WorkKind.HOLD, 20, 30),
    ("Stability-ball hamstring curl", Sides.BOTH, WorkKind.REPS, 10, 12),
    ("Romanian deadlift", Sides.BOTH, WorkKind.REPS, 8, 10),
    ("Glute bridge", Sides.BOTH, WorkKind.REPS, 12, 15),
    ("Nordic hamstring curl", Sides.BOTH, WorkKind.REPS, 5, 8),
    ("Lying straight-leg raise", Sides.EACH, WorkKind.REPS, 10, 12),
]


def test_runners_six_facts() -> None:
    plan = bundled("runners-six")
    (only_block,) = plan.program.blocks
    assert only_block.rounds == 1
    got = [
        (e.name, e.sides, e.work.kind, e.work.bounds.minimum, e.work.bounds.target)
        for e in only_block.exercises
    ]
    assert got == RUNNERS_SIX
    assert [e.sets for e in only_block.exercises] == [3] * 6
    expected_steps = [
        (name, side, set_)
        for name, sides, *_ in RUNNERS_SIX
        for set_ in (1, 2, 3)
        for side in (("left", "right") if sides is Sides.EACH else ("both",))
    ]
    assert [(s.name, s.side.value if s.side else "both", s.set) for s in plan.work_steps] == expected_steps


SPEED_CIRCUIT = [
    # name, kind, bounds or distance, load
    ("Bird dog wall push", WorkKind.HOLD, Bounds(None, None), "bodyweight"),
    ("Single-leg bridge with pull-over", WorkKind.REPS, Bounds(8, 10), "medium"),
    ("Single-leg bridge, foot on box", WorkKind.REPS, Bounds(8, 10), "optional weight"),
    ("Gallop forward and backward", WorkKind.DISTANCE, "5 yd", "bodyweight"),
    ("Single-leg deadlift with internal rotation", WorkKind.REPS, Bounds(8, 8), "heavy"),
]


def test_speed_circuit_facts() -> None:
    plan = bundled("speed-circuit")
    (circuit,) = plan.program.blocks
    assert circuit.rounds == 3
    got = [(e.name, e.work.kind, e.work.distance or e.work.bounds, e.load) for e in circuit.exercises]
    assert got == SPEED_CIRCUIT
    assert all(e.sides is Sides.EACH for e in circuit.exercises)
    assert [(s.name, s.round, s.load) for s in plan.work_steps] == [
        (name, round_, load) for round_ in (1, 2, 3) for name, _, _, load in SPEED_CIRCUIT for _side in "lr"
    ]
    gallops = [s for s in plan.to_json()["steps"] if s.get("exercise") == "Gallop forward and backward"]
    assert len(gallops) == 6
    assert {(g["work"], g["distance"], g["target"], g["rounds"]) for g in gallops} == {
        ("distance", "5 yd", None, 3)
    }


def test_long_run_circuit_facts() -> None:
    plan = bundled("long-run-circuit")
    steps = outline(plan)
    assert steps[0][0] == "prepare"
    jump = "Split-stance jump"
    assert steps[1:12] == [
        (jump, "right", 1, 1),
        ("rest", "between-sides", 30.0),
        (jump, "left", 1, 1),
        ("rest", "between-sets", 60.0),
        (jump, "right", 2, 1),
        ("rest", "between-sides", 30.0),
        (jump, "left", 2, 1),
        ("rest", "between-sets", 60.0),
        (jump, "right", 3, 1),
        ("rest", "between-sides", 30.0),
        (jump, "left", 3, 1),
    ]
    jumps = [s for s in plan.work_steps if s.name == jump]
    assert {(s.exercise.work.kind, s.exercise.work.bounds) for s in jumps} == {(WorkKind.REPS, Bounds(5, 5))}
    assert steps[12][:2] == ("rest", "between-exercises")

    plyometrics, circuit = plan.program.blocks
    assert plyometrics.name == "Plyometrics"
    assert circuit.rounds == 3
    circuit_steps = plan.work_steps[6:]
    assert all(s.block == circuit.name for s in circuit_steps)
    per_round = [
        ("Bird dog wall push", "right"),
        ("Bird dog wall push", "left"),
        ("Runner's lunge halo", "right"),
        ("Runner's lunge halo", "left"),
        ("Hamstring roll-out/roll-in", "both"),
    ]
    assert [(s.name, s.side.value if s.side else "both", s.round) for s in circuit_steps] == [
        (name, side, round_) for round_ in (1, 2, 3) for name, side in per_round
    ]
    assert exercise_of(plan, "Bird dog wall push").work.is_max
    assert exercise_of(plan, "Runner's lunge halo").work.bounds == Bounds(12, 12)
    assert exercise_of(plan, "Hamstring roll-out/roll-in").work.bounds == Bounds(12, 12)
    assert {s.load for s in circuit_steps} <= {"bodyweight", "medium"}


def test_run_day_facts() -> None:
    plan = bundled("run-day")
    jog = exercise_of(plan, "Easy jog or brisk walk")
    assert jog.work.kind is WorkKind.TIME
    assert jog.work.bounds == Bounds(300, 600)
    assert jog.work.describe() == "5-10 min"
    assert jog.cadence == 180
    first = plan.to_json()["steps"][1]
    assert (first["exercise"], first["work"], first["minimum"], first["target"]) == (
        "Easy jog or brisk walk",
        "time",
        300,
        600,
    )
    assert exercise_of(plan, "Leg swings").sides is Sides.EACH
    for stretch in ("Standing hamstring stretch", "Seated hamstring stretch"):
        exercise = exercise_of(plan, stretch)
        assert exercise.sides is Sides.EACH
        assert (exercise.work.kind, exercise.work.bounds) == (WorkKind.HOLD, Bounds(20, 30))
    for lift in ("Deadlift", "Lying leg curl"):
        exercise = exercise_of(plan, lift)
        assert (exercise.sets, exercise.work.bounds, exercise.sides) == (3, Bounds(8, 10), Sides.BOTH)

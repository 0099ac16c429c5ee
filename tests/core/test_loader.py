"""Reading program files: every key lands in the model, every mistake is reported clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.core.kinds import WorkKind
from hamtimer.core.program.loader import load_program, parse_program
from hamtimer.core.program.model import (
    Block,
    Exercise,
    Goal,
    Program,
    RestSettings,
    SideOrder,
    Sides,
    Work,
)
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.program.quantities import Bounds

SOURCE = "x.toml"

EVERY_KEY = """\
[program]
name = "Long-run circuit"
about = "One paragraph shown in the picker."
side_order = "right-first"
prepare = "7s"

[rest]
between_sides = 25
between_sets = "1m"
between_exercises = 35
between_rounds = 95

[[block]]
name = "Plyometrics"
rounds = 1
loads = ["bodyweight", "medium"]
rest = { between_rounds = 60, between_exercises = 40 }

[[block.exercise]]
name = "Split-stance jump"
sides = "each"
sets = 3
reps = 5
tempo = "3-1-1"
load = "heavy"
rest = { between_sides = 30, between_sets = 45 }
cues = ["Land softly, knees over toes", "Chest up"]
checks = ["hip drop", "cramp"]
goal = { reps = 8, sessions = 2 }
note = "Free text shown before the exercise."
side_order = "left-first"

[[block.exercise]]
name = "Easy jog"
time = "5-10 min"
cadence = 180

[[block]]
name = "Circuit"
rounds = 3

[[block.exercise]]
name = "Single-leg bridge"
sides = "each"
hold = "20-30s"
goal = { hold = "30s", sessions = 3 }

[[block.exercise]]
name = "Gallop"
distance = "5 yd"

[[block.exercise]]
name = "Bird dog"
hold = "max"

[[block.exercise]]
name = "Walk"
time = 90
goal = { time = "2 min" }
"""


def parse(text: str | bytes) -> Program:
    return parse_program(text, SOURCE)


def problems(text: str | bytes, source: str = SOURCE) -> list[str]:
    """The rendered problems of an invalid program, one string each."""
    with pytest.raises(ProgramError) as caught:
        parse_program(text, source)
    err = caught.value
    rendered = [p.render(err.source) for p in err.problems]
    assert err.render() == "\n".join(rendered)
    assert str(err) == err.render()
    return rendered


def one_problem(text: str | bytes) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def with_exercise(body: str, *, block: str = 'name = "Plyometrics"') -> str:
    """A program whose second exercise, "X" in block 1 "Plyometrics", is `body` (see EX2)."""
    return f"""\
[program]
name = "P"

[[block]]
{block}

[[block.exercise]]
name = "A"
hold = 30

[[block.exercise]]
name = "X"
{body}
"""


def minimal(program: str = "", rest: str = "", block: str = "", exercise: str = "hold = 30") -> str:
    return f"""\
[program]
name = "P"
{program}

[rest]
{rest}

[[block]]
{block}

[[block.exercise]]
name = "E"
{exercise}
"""


EX2 = 'x.toml: block 1 "Plyometrics" › exercise 2 "X"'

# --- every key lands in the model ------------------------------------------------------------------


def test_every_key_lands_in_the_model() -> None:
    program = parse(EVERY_KEY)
    assert program.name == "Long-run circuit"
    assert program.about == "One paragraph shown in the picker."
    assert program.side_order is SideOrder.RIGHT_FIRST
    assert program.prepare == 7.0
    assert program.source == SOURCE
    assert program.rest == RestSettings(25, 60, 35, 95)

    plyo, circuit = program.blocks
    assert plyo.name == "Plyometrics"
    assert plyo.rounds == 1
    assert not plyo.is_circuit
    assert plyo.loads == ("bodyweight", "medium")
    assert plyo.rest == RestSettings(25, 60, 40, 60)

    jump, jog = plyo.exercises
    assert jump == Exercise(
        name="Split-stance jump",
        work=Work(WorkKind.REPS, Bounds(5, 5)),
        sides=Sides.EACH,
        sets=3,
        tempo=jump.tempo,
        load="heavy",
        rest=RestSettings(30, 45, 40, 60),
        cues=("Land softly, knees over toes", "Chest up"),
        checks=("hip drop", "cramp"),
        goal=Goal(WorkKind.REPS, 8, 2),
        note="Free text shown before the exercise.",
        cadence=None,
        side_order=SideOrder.LEFT_FIRST,
    )
    assert jump.tempo is not None
    assert jump.tempo.phases == (3, 1, 1)
    assert jump.one_leg

    assert jog.name == "Easy jog"
    assert jog.work == Work(WorkKind.TIME, Bounds(300.0, 600.0))
    assert jog.cadence == 180
    assert jog.sides is Sides.BOTH
    assert jog.sets == 1

    assert circuit.name == "Circuit"
    assert circuit.rounds == 3
    assert circuit.is_circuit
    assert circuit.loads == ()
    bridge, gallop, bird_dog, walk = circuit.exercises
    assert bridge.work == Work(WorkKind.HOLD, Bounds(20.0, 30.0))
    assert bridge.goal == Goal(WorkKind.HOLD, 30.0, 3)
    assert gallop.work == Work(WorkKind.DISTANCE, Bounds(None, None), "5 yd")
    assert bird_dog.work.is_max
    assert walk.work == Work(WorkKind.TIME, Bounds(90.0, 90.0))
    assert walk.goal == Goal(WorkKind.TIME, 120.0, 1)


def test_defaults_of_a_minimal_program() -> None:
    program = parse(minimal())
    assert program.about == ""
    assert program.side_order is SideOrder.LEFT_FIRST
    assert program.prepare == 5.0
    assert program.rest == RestSettings(10, 60, 30, 90)
    (block,) = program.blocks
    assert block == Block(exercises=block.exercises, name=None, rounds=1, loads=(), rest=program.rest)
    (exercise,) = block.exercises
    assert exercise == Exercise(name="E", work=Work(WorkKind.HOLD, Bounds(30.0, 30.0)), rest=program.rest)


def test_text_values_are_trimmed() -> None:
    program = parse(minimal(block='name = "  Warm-up  "', exercise='hold = 30\nload = " light "'))
    assert program.blocks[0].name == "Warm-up"
    assert program.blocks[0].exercises[0].load == "light"


def test_prepare_and_rests_of_zero_are_allowed() -> None:
    program = parse(minimal(program="prepare = 0", rest="between_sides = 0\nbetween_sets = 0"))
    assert program.prepare == 0
    assert program.rest.between_sides == 0
    assert program.rest.between_sets == 0


def test_a_single_string_is_one_cue_or_check() -> None:
    exercise = parse(minimal(exercise='hold = 30\ncues = "Breathe"\nchecks = "cramp"')).blocks[0].exercises[0]
    assert exercise.cues == ("Breathe",)
    assert exercise.checks == ("cramp",)


def test_eight_checks_are_allowed() -> None:
    checks = ", ".join(f'"check {n}"' for n in range(8))
    exercise = parse(minimal(exercise=f"hold = 30\nchecks = [{checks}]")).blocks[0].exercises[0]
    assert len(exercise.checks) == 8


def test_windows_line_endings_are_accepted() -> None:
    assert parse(EVERY_KEY.replace("\n", "\r\n").encode()) == parse(EVERY_KEY)


def test_byte_order_mark_is_accepted() -> None:
    assert parse(b"\xef\xbb\xbf" + minimal().encode()).name == "P"


def test_rest_override_precedence_program_block_exercise() -> None:
    text = """\
[program]
name = "P"

[rest]
between_sides = 20
between_sets = 40
between_exercises = 50
between_rounds = 70

[[block]]
rest = { between_sides = 25, between_rounds = 75 }

[[block.exercise]]
name = "Overrides"
hold = 30
rest = { between_sides = 5 }

[[block.exercise]]
name = "Inherits"
hold = 30

[[block]]

[[block.exercise]]
name = "Own sets"
hold = 30
rest = { between_sets = "45s" }
"""
    first, second = parse(text).blocks
    assert first.rest == RestSettings(25, 40, 50, 75)
    overrides, inherits = first.exercises
    assert overrides.rest.between_sides == 5
    assert overrides.rest.between_sets == 40
    assert inherits.rest == first.rest
    assert second.rest == RestSettings(20, 40, 50, 70)
    assert second.exercises[0].rest.between_sides == 20
    assert second.exercises[0].rest.between_sets == 45


# --- errors: file, place, bad value, hint ------------------------------------------------------------

ERRORS = [
    # (id, text, place, bad value, hint)
    ("hold-text", with_exercise('hold = "abc"'), f"{EX2} › hold", '"abc"', 'a range ("20-30s"'),
    ("hold-zero", with_exercise("hold = 0"), f"{EX2} › hold", ": 0:", "more than 0"),
    ("hold-long", with_exercise('hold = "5h"'), f"{EX2} › hold", '"5h"', "4 hours"),
    ("hold-backwards", with_exercise('hold = "30-20s"'), f"{EX2} › hold", '"30-20s"', "backwards"),
    ("hold-nan", with_exercise("hold = nan"), f"{EX2} › hold", ": nan:", "expected"),
    ("hold-inf", with_exercise("hold = inf"), f"{EX2} › hold", ": inf:", "expected"),
    ("hold-bool", with_exercise("hold = true"), f"{EX2} › hold", ": true:", "expected"),
    ("hold-table", with_exercise("hold = { s = 30 }"), f"{EX2} › hold", "a table", "expected"),
    ("hold-1e308", with_exercise("hold = 1e308"), f"{EX2} › hold", "1e+308", "4 hours"),
    ("time-text", with_exercise('time = "forever"'), f"{EX2} › time", '"forever"', '"max"'),
    ("reps-zero", with_exercise("reps = 0"), f"{EX2} › reps", ": 0:", "at least 1 rep"),
    ("reps-1001", with_exercise("reps = 1001"), f"{EX2} › reps", "1001", "limit of 1000"),
    ("reps-10**30", with_exercise(f"reps = {10**30}"), f"{EX2} › reps", str(10**30), "limit of 1000"),
    ("reps-backwards", with_exercise('reps = "10-8"'), f"{EX2} › reps", '"10-8"', "backwards"),
    ("reps-float", with_exercise("reps = 12.5"), f"{EX2} › reps", "12.5", "whole number of reps"),
    ("distance-range", with_exercise('distance = "5-10 yd"'), f"{EX2} › distance", '"5-10 yd"', "no range"),
    ("distance-unit", with_exercise('distance = "5 ft"'), f"{EX2} › distance", '"5 ft"', '"5 yd"'),
    ("distance-number", with_exercise("distance = 5"), f"{EX2} › distance", ": 5:", "a number and a unit"),
    ("tempo-short", with_exercise('reps = 5\ntempo = "3-1"'), f"{EX2} › tempo", '"3-1"', '"3-1-1"'),
    ("tempo-zero", with_exercise('reps = 5\ntempo = "0-0-0"'), f"{EX2} › tempo", '"0-0-0"', "one second"),
    (
        "tempo-on-hold",
        with_exercise('hold = 30\ntempo = "3-1-1"'),
        f"{EX2} › tempo",
        "has hold",
        "only with reps",
    ),
    (
        "cadence-on-reps",
        with_exercise("reps = 5\ncadence = 180"),
        f"{EX2} › cadence",
        "has reps",
        "only with time",
    ),
    ("cadence-range", with_exercise("time = 30\ncadence = 500"), f"{EX2} › cadence", "500", "from 20 to 300"),
    ("sides", with_exercise('hold = 30\nsides = "eahc"'), f"{EX2} › sides", '"eahc"', 'did you mean "each"'),
    ("sets-zero", with_exercise("hold = 30\nsets = 0"), f"{EX2} › sets", ": 0:", "from 1 to 100"),
    ("sets-101", with_exercise("hold = 30\nsets = 101"), f"{EX2} › sets", "101", "from 1 to 100"),
    ("sets-text", with_exercise('hold = 30\nsets = "3"'), f"{EX2} › sets", '"3"', "whole number"),
    (
        "sets-in-circuit",
        with_exercise("hold = 30\nsets = 3", block='name = "Plyometrics"\nrounds = 3'),
        f"{EX2} › sets",
        ": 3:",
        "rounds = 1",
    ),
    (
        "side-order-value",
        with_exercise('hold = 30\nsides = "each"\nside_order = "rigth-first"'),
        f"{EX2} › side_order",
        '"rigth-first"',
        'did you mean "right-first"',
    ),
    (
        "side-order-both",
        with_exercise('hold = 30\nside_order = "right-first"'),
        f"{EX2} › side_order",
        "side_order",
        'only to sides = "each"',
    ),
    (
        "goal-wrong-kind",
        with_exercise("reps = 5\ngoal = { hold = 30, sessions = 2 }"),
        f"{EX2} › goal",
        "reps",
        "goal = { reps = 12, sessions = 2 }",
    ),
    (
        "goal-on-distance",
        with_exercise('distance = "5 yd"\ngoal = { reps = 3, sessions = 2 }'),
        f"{EX2} › goal",
        "distance",
        "remove the goal",
    ),
    (
        "goal-reps-range",
        with_exercise('reps = 5\ngoal = { reps = "8-10", sessions = 2 }'),
        f"{EX2} › goal › reps",
        '"8-10"',
        "one whole number",
    ),
    (
        "goal-sessions",
        with_exercise("reps = 5\ngoal = { reps = 8, sessions = 0 }"),
        f"{EX2} › goal › sessions",
        ": 0:",
        "from 1 to 100",
    ),
    ("goal-number", with_exercise("reps = 5\ngoal = 12"), f"{EX2} › goal", ": 12:", "goal = { reps = 12"),
    (
        "checks-nine",
        with_exercise('hold = 30\nchecks = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]'),
        f"{EX2} › checks",
        "9 entries",
        "at most 8",
    ),
    (
        "checks-not-text",
        with_exercise("hold = 30\nchecks = [1, 2]"),
        f"{EX2} › checks",
        "a list of 2",
        'checks = ["hip drop", "cramp"]',
    ),
    ("cues-empty", with_exercise('hold = 30\ncues = [""]'), f"{EX2} › cues", "a list of 1", "list of texts"),
    ("load-number", with_exercise("hold = 30\nload = 5"), f"{EX2} › load", ": 5:", "text in quotes"),
    ("note-blank", with_exercise('hold = 30\nnote = "  "'), f"{EX2} › note", '"  "', "text in quotes"),
    (
        "rest-number",
        with_exercise("hold = 30\nrest = 30"),
        f"{EX2} › rest",
        ": 30:",
        "rest = { between_sides",
    ),
    (
        "rest-negative",
        with_exercise("hold = 30\nrest = { between_sides = -1 }"),
        f"{EX2} › rest › between_sides",
        "-1",
        "negative",
    ),
    (
        "rest-rounds-on-exercise",
        with_exercise("hold = 30\nrest = { between_rounds = 60 }"),
        f"{EX2} › rest › between_rounds",
        "between_rounds",
        "block's rest or in [rest]",
    ),
    (
        "between-sides-bare",
        with_exercise("hold = 30\nbetween_sides = 30"),
        f"{EX2} › between_sides",
        "between_sides",
        "rest = { between_sides = 30 }",
    ),
    (
        "loads-on-exercise",
        with_exercise('hold = 30\nloads = ["a"]'),
        f"{EX2} › loads",
        "loads",
        'load = "medium"',
    ),
    (
        "no-work",
        with_exercise(""),
        f"{EX2}: has no work",
        "has no work",
        'hold = 30, reps = 12, time = "5 min"',
    ),
    (
        "two-works",
        with_exercise("hold = 30\nreps = 5"),
        f"{EX2}: has hold and reps",
        "hold and reps",
        "exactly one",
    ),
    (
        "exercise-name-number",
        with_exercise("hold = 30").replace('name = "X"', "name = 5"),
        'x.toml: block 1 "Plyometrics" › exercise 2 › name',
        ": 5:",
        "text in quotes",
    ),
    (
        "exercise-name-missing",
        with_exercise("hold = 30").replace('name = "X"', ""),
        'x.toml: block 1 "Plyometrics" › exercise 2: missing "name"',
        '"name"',
        'name = "..."',
    ),
    ("rounds-zero", minimal(block="rounds = 0"), "x.toml: block 1 › rounds", ": 0:", "from 1 to 100"),
    ("rounds-float", minimal(block="rounds = 2.5"), "x.toml: block 1 › rounds", "2.5", "whole number"),
    (
        "loads-numbers",
        minimal(block="loads = [1]"),
        "x.toml: block 1 › loads",
        "a list of 1",
        "list of texts",
    ),
    ("block-name", minimal(block="name = 7"), "x.toml: block 1 › name", ": 7:", "text in quotes"),
    (
        "block-rest-number",
        minimal(block="rest = 60"),
        "x.toml: block 1 › rest",
        ": 60:",
        "rest = { between_sides",
    ),
    (
        "exercise-key-in-block",
        minimal(block='name = "B"\nhold = 30'),
        'x.toml: block 1 "B" › hold',
        "hold",
        "belongs in [[block.exercise]]",
    ),
    (
        "program-name-missing",
        minimal().replace('name = "P"', ""),
        "x.toml: [program]",
        '"name"',
        'name = "..."',
    ),
    (
        "program-name-long",
        minimal().replace('name = "P"', f'name = "{"n" * 101}"'),
        "[program] › name",
        "101",
        "100",
    ),
    (
        "prepare-text",
        minimal(program='prepare = "soon"'),
        "x.toml: [program] › prepare",
        '"soon"',
        '"30s", "1m30s", "5 min"',
    ),
    (
        "prepare-long",
        minimal(program="prepare = 14401"),
        "x.toml: [program] › prepare",
        "14401",
        "4 hours",
    ),
    (
        "program-side-order",
        minimal(program='side_order = "right"'),
        "x.toml: [program] › side_order",
        '"right"',
        '"left-first" or "right-first"',
    ),
    (
        "rest-text",
        minimal(rest='between_sets = "x"'),
        "x.toml: [rest] › between_sets",
        '"x"',
        "a number of seconds",
    ),
    (
        "rest-below-zero",
        minimal(rest="between_sides = -5"),
        "x.toml: [rest] › between_sides",
        "-5",
        "negative",
    ),
    (
        "name-at-top",
        'name = "P"\n' + minimal(),
        "x.toml: name",
        "name",
        "belongs in the [program] table",
    ),
    (
        "rest-key-at-top",
        "between_sides = 30\n" + minimal(),
        "x.toml: between_sides",
        "between_sides",
        "belongs in the [rest] table",
    ),
    (
        "program-number",
        'program = 5\n[[block]]\n[[block.exercise]]\nname = "E"\nhold = 3\n',
        "x.toml: program",
        ": 5:",
        "[program] on a line of its own",
    ),
    (
        "program-array",
        '[[program]]\nname = "P"\n[[block]]\n[[block.exercise]]\nname = "E"\nhold = 3\n',
        "x.toml: program",
        "a list of 1",
        "[program] on a line of its own",
    ),
    ("block-number", 'block = 3\n[program]\nname = "P"\n', "x.toml: block", ": 3:", "[[block]]"),
    ("block-empty-list", 'block = []\n[program]\nname = "P"\n', "x.toml: block", "a list of 0", "[[block]]"),
    (
        "block-single-bracket",
        '[program]\nname = "P"\n[block]\nname = "B"\n',
        "x.toml: block",
        "single table",
        "[[block]] with two brackets",
    ),
    (
        "block-not-table",
        'block = [1]\n[program]\nname = "P"\n',
        "x.toml: block 1",
        ": 1:",
        "write [[block]]",
    ),
    (
        "exercise-single-bracket",
        '[program]\nname = "P"\n[[block]]\nname = "B"\n[block.exercise]\nname = "E"\nhold = 3\n',
        'x.toml: block 1 "B" › exercise',
        "single table",
        "write [[block.exercise]]",
    ),
    (
        "exercise-number",
        '[program]\nname = "P"\n[[block]]\nname = "B"\nexercise = 3\n',
        'x.toml: block 1 "B" › exercise',
        ": 3:",
        "[[block.exercise]]",
    ),
    (
        "exercise-not-table",
        '[program]\nname = "P"\n[[block]]\nname = "B"\nexercise = [1]\n',
        'x.toml: block 1 "B" › exercise 1',
        ": 1:",
        "write [[block.exercise]]",
    ),
    (
        "block-without-exercise",
        '[program]\nname = "P"\n[[block]]\nname = "B"\n',
        'x.toml: block 1 "B"',
        "has no exercise",
        "add [[block.exercise]]",
    ),
    (
        "no-program",
        '[[block]]\n[[block.exercise]]\nname = "E"\nhold = 3\n',
        "x.toml: [program]",
        "missing",
        "[program]",
    ),
    ("no-blocks", '[program]\nname = "P"\n', "x.toml: [[block]]", "missing", "add [[block]]"),
]


@pytest.mark.parametrize(
    ("text", "place", "value", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in ERRORS],
)
def test_each_error_names_file_place_value_and_hint(text: str, place: str, value: str, hint: str) -> None:
    message = one_problem(text)
    assert message.startswith("x.toml: ")
    assert message.startswith(place) if place.startswith("x.toml") else place in message
    assert value in message
    assert hint in message


# --- unknown keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "guess"),
    [
        ("[programm]\n" + minimal(), "x.toml: programm:", "program"),
        (minimal(program='nmae = "x"'), "x.toml: [program] › nmae:", "name"),
        (minimal(program="prepar = 5"), "x.toml: [program] › prepar:", "prepare"),
        (minimal(rest="between_side = 30"), "x.toml: [rest] › between_side:", "between_sides"),
        (minimal(block="rouds = 3"), "x.toml: block 1 › rouds:", "rounds"),
        (
            minimal(block="rest = { between_rouns = 60 }"),
            "x.toml: block 1 › rest › between_rouns:",
            "between_rounds",
        ),
        (with_exercise("reeps = 5\nhold = 30"), f"{EX2} › reeps:", "reps"),
        (with_exercise("hold = 30\ncuess = []"), f"{EX2} › cuess:", "cues"),
        (with_exercise("hold = 30\ntemp = 1"), f"{EX2} › temp:", "tempo"),
        (
            with_exercise("hold = 30\nrest = { between_set = 5 }"),
            f"{EX2} › rest › between_set:",
            "between_sets",
        ),
        (
            with_exercise("hold = 30\ngoal = { hold = 30, sesions = 2 }"),
            f"{EX2} › goal › sesions:",
            "sessions",
        ),
    ],
)
def test_unknown_keys_suggest_the_close_one(text: str, place: str, guess: str) -> None:
    message = one_problem(text)
    assert message.startswith(place)
    assert "unknown key" in message
    assert f'did you mean "{guess}"?' in message


def test_unknown_key_far_from_any_lists_the_allowed_ones() -> None:
    message = one_problem(with_exercise("hold = 30\ncolour = 'red'"))
    assert message.startswith(f"{EX2} › colour: unknown key")
    assert "did you mean" not in message
    for key in ("name", "sides", "sets", "hold", "reps", "time", "distance", "tempo", "cadence", "goal"):
        assert key in message


# --- several errors in one pass -------------------------------------------------------------------------


def test_every_problem_is_collected_in_one_pass() -> None:
    text = """\
[program]
name = "P"
prepare = "soon"
nmae = "typo"

[rest]
between_sides = -1

[[block]]
name = "Warm-up"
rounds = 0

[[block.exercise]]
name = "E"
hold = "x"
reps = 3

[[block.exercise]]
name = "F"
reps = 0
tempo = "3-1"

[[block]]

[[block.exercise]]
name = "G"
distance = "5 ft"
"""
    assert problems(text) == [
        'x.toml: [program] › nmae: unknown key; did you mean "name"?',
        'x.toml: [program] › prepare: "soon": expected a number of seconds (30) or a string with a unit '
        '("30s", "1m30s", "5 min")',
        "x.toml: [rest] › between_sides: -1: must not be negative",
        'x.toml: block 1 "Warm-up" › rounds: 0: expected a whole number from 1 to 100',
        'x.toml: block 1 "Warm-up" › exercise 1 "E": has hold and reps; keep exactly one kind of work',
        'x.toml: block 1 "Warm-up" › exercise 2 "F" › reps: 0: must be at least 1 rep',
        'x.toml: block 1 "Warm-up" › exercise 2 "F" › tempo: "3-1": expected three or four whole numbers '
        'of seconds, such as "3-1-1" or "3-1-1-0"',
        'x.toml: block 2 › exercise 1 "G" › distance: "5 ft": expected a number and a unit: "5 yd", '
        '"20 m", "1 km" or "0.5 mi" (no range)',
    ]


def test_an_empty_file_reports_both_missing_parts() -> None:
    found = problems(b"")
    assert len(found) == 2
    assert found[0].startswith("x.toml: [program]: missing")
    assert found[1].startswith("x.toml: [[block]]: missing")


# --- files that are not TOML, not text, not files -------------------------------------------------------


def test_toml_syntax_error_has_line_and_column() -> None:
    message = one_problem('[program]\nname = "P"\nprepare = = 3\n')
    assert message.startswith("x.toml: line 3, column 11: not valid TOML")


def test_unterminated_string_has_line_and_column() -> None:
    message = one_problem('[program]\nname = "P\n')
    assert message.startswith("x.toml: line 2, column ")
    assert "not valid TOML" in message


def test_not_utf8_names_the_line_and_byte() -> None:
    message = one_problem(b'[program]\nname = "caf\xe9"\n')
    assert message == "x.toml: line 2: byte 0xe9 is not UTF-8 text; save the file as UTF-8"


def test_deeply_nested_toml_is_reported_not_crashed() -> None:
    message = one_problem("a = " + "[" * 3000 + "]" * 3000)
    assert message.startswith("x.toml: ")
    assert "not valid TOML" in message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    assert caught.value.render().startswith(f"{path}: ")
    assert "limit 1 MiB" in caught.value.render()


def test_load_program_names_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(with_exercise('hold = "abc"'), encoding="utf-8")
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    assert caught.value.render().startswith(f'{path}: block 1 "Plyometrics" › exercise 2 "X" › hold: "abc"')
    with pytest.raises(ProgramError) as caught:
        load_program(path, "mine.toml")
    assert caught.value.render().startswith('mine.toml: block 1 "Plyometrics"')


def test_load_program_reads_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(EVERY_KEY, encoding="utf-8")
    program = load_program(path)
    assert program == parse_program(EVERY_KEY, str(path))
    assert program.source == str(path)


def test_load_program_of_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.touch()
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    lines = caught.value.render().splitlines()
    assert [line.split(": ")[1] for line in lines] == ["[program]", "[[block]]"]
    assert all(line.startswith(f"{path}: ") and "missing" in line for line in lines)


def test_load_program_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ProgramError) as caught:
        load_program(tmp_path)
    assert caught.value.render() == f"{tmp_path}: is a folder; give a program file (.toml)"


def test_load_program_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    assert caught.value.render() == f"{path}: no such file"


def test_load_program_not_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[program]\nname = "Übung"\n'.encode("latin-1"))
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    assert caught.value.render() == f"{path}: line 2: byte 0xdc is not UTF-8 text; save the file as UTF-8"


# --- checks ----------------------------------------------------------------------------------------------


def test_duplicate_checks_are_rejected() -> None:
    message = one_problem(with_exercise('hold = 30\nchecks = ["cramp", "hip drop", "cramp"]'))
    assert message.startswith(f"{EX2} › checks: ")
    assert 'lists "cramp" twice' in message


def test_duplicate_checks_message_names_the_entry() -> None:
    message = one_problem(with_exercise('hold = 30\nchecks = ["cramp", "hip drop", "cramp"]'))
    assert '"cramp"' in message


# --- inputs that used to be able to crash the loader ---------------------------------------------------


@pytest.mark.parametrize("key", ["reps", "hold", "sets", "name", "load", "cadence"])
def test_integer_beyond_float_range_is_a_program_error(key: str) -> None:
    huge = 10**400
    if key == "name":
        text = with_exercise("time = 30").replace('name = "X"', f"name = {huge}")
    else:
        text = with_exercise(("" if key in ("reps", "hold") else "time = 30\n") + f"{key} = {huge}")
    message = one_problem(text)
    assert message.startswith('x.toml: block 1 "Plyometrics" › exercise 2')
    assert f"› {key}: " in message


def test_integer_literal_over_4300_digits_is_a_program_error() -> None:
    message = one_problem(with_exercise("reps = 1" + "0" * 5000))
    assert message.startswith("x.toml: ")


def test_superscript_digit_reps_is_a_program_error() -> None:
    message = one_problem(with_exercise('reps = "²"'))
    assert message.startswith(f"{EX2} › reps: ")


@pytest.mark.parametrize(
    "text",
    [
        with_exercise('hold = 30\n"colour\\nred" = 1'),
        with_exercise('hold = 30\n"\\r" = 1'),
        minimal(block='name = "Warm\\nup"\nrounds = 0'),
        with_exercise('hold = "3\\r0"'),
    ],
    ids=["newline-in-key", "return-in-key", "newline-in-block-name", "return-in-value"],
)
def test_a_problem_is_one_line(text: str) -> None:
    message = one_problem(text)
    assert message.startswith("x.toml: ")
    assert len(message.splitlines()) == 1, message


# --- issue 20: the weekly target -------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("2", 2), ("14", 14), ("3.0", 3)])
def test_per_week_is_a_whole_number_of_sessions(value: str, expected: int) -> None:
    assert parse(minimal(program=f"per_week = {value}")).per_week == expected
    assert parse(minimal()).per_week is None


@pytest.mark.parametrize("value", ["0", "15", "-1", "2.5", "true", '"2"', "inf", "[2]"])
def test_per_week_refuses_anything_but_1_to_14(value: str) -> None:
    message = one_problem(minimal(program=f"per_week = {value}"))
    assert message.startswith("x.toml: [program] › per_week: ")
    assert "expected a whole number of sessions a week from 1 to 14, e.g. per_week = 2" in message


def test_per_week_belongs_in_the_program_table() -> None:
    message = one_problem(minimal().replace("[rest]", "[rest]\nper_week = 2"))
    assert "per_week" in message

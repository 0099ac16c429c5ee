"""The loader on `progress`, `after`, the history-following side orders and `soreness`: each bad
value gets the file, the place, the value and a fix."""

from __future__ import annotations

import pytest

from hamtimer.core.program.loader import parse_program
from hamtimer.core.program.model import SideOrder
from hamtimer.core.program.problems import ProgramError


def load(exercises: str, head: str = "") -> str:
    text = f'[program]\nname = "P"\n{head}\n[[block]]\nname = "B"\n{exercises}'
    try:
        parse_program(text, "ladder.toml")
    except ProgramError as err:
        return err.render()
    return "ok"


PULL = '[[block.exercise]]\nname = "Pull"\n'


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ('reps = "6-8"\nprogress = 1', "progress: needs a goal to progress to: add goal = { reps = 12"),
        ('reps = "max"\nprogress = 1\ngoal = { reps = 12 }', '"max" reps has no target to raise'),
        ('hold = "max"\nprogress = 5\ngoal = { hold = 30 }', '"max" hold has no target to raise'),
        ('distance = "5 m"\nprogress = 1', "a distance has no target to raise"),
        ('reps = "6-8"\nprogress = 1\ngoal = { reps = 7 }', "goal: 7 is below the target (8)"),
        ("reps = 8\nprogress = 0\ngoal = { reps = 12 }", "progress: 0: expected a positive number of reps"),
        ("reps = 8\nprogress = 1.5\ngoal = { reps = 12 }", "progress: 1.5: expected a whole number of reps"),
        ('reps = 8\nprogress = "1"\ngoal = { reps = 12 }', 'progress: "1": expected a positive number'),
    ],
)
def test_progress_errors(keys: str, expected: str) -> None:
    message = load(PULL + keys)
    assert message.startswith('ladder.toml: block 1 "B" › exercise 1 "Pull" ›'), message
    assert expected in message


def test_progress_with_a_goal_loads() -> None:
    program = parse_program(
        '[program]\nname = "P"\n[[block]]\n'
        + PULL
        + 'hold = "20-30s"\nprogress = 2.5\ngoal = { hold = "45s" }',
        "x.toml",
    )
    exercise = program.blocks[0].exercises[0]
    assert exercise.progress == 2.5 and exercise.goal is not None and exercise.goal.value == 45


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ('after = "Pul"', 'after: "Pul" names no exercise before this one; did you mean "Pull"?'),
        ('after = "Later"', 'after: "Later" names no exercise before this one'),
        ('after = "Curl"', 'after: "Curl" is this exercise'),
        ("after = 3", "after: 3: expected the name of an earlier exercise"),
    ],
)
def test_after_errors(second: str, expected: str) -> None:
    exercises = (
        PULL + "reps = 8\ngoal = { reps = 12 }\n"
        + f'[[block.exercise]]\nname = "Curl"\nreps = 5\n{second}\n'
        + '[[block.exercise]]\nname = "Later"\nreps = 5\ngoal = { reps = 6 }\n'
    )  # fmt: skip
    message = load(exercises)
    assert 'exercise 2 "Curl" › after' in message and expected in message


def test_after_needs_a_goal() -> None:
    message = load(PULL + 'reps = 8\n[[block.exercise]]\nname = "Curl"\nreps = 5\nafter = "Pull"\n')
    assert '"Pull" has no goal, so it never opens' in message


def test_side_orders_and_soreness() -> None:
    text = (
        '[program]\nname = "P"\nside_order = "alternate"\nsoreness = true\n[[block]]\n'
        '[[block.exercise]]\nname = "A"\nsides = "each"\nreps = 5\nside_order = "weaker-first"\n'
    )
    program = parse_program(text, "x.toml")
    assert program.side_order is SideOrder.ALTERNATE and program.soreness
    assert program.blocks[0].exercises[0].side_order is SideOrder.WEAKER_FIRST
    assert 'soreness: "yes": expected true or false' in load(PULL + "reps = 5", 'soreness = "yes"')
    assert 'did you mean "alternate"?' in load(PULL + "reps = 5", 'side_order = "alternat"')

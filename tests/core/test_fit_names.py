"""`fit` in program files: the table of the FIT profile's names, the check with its fix, and the
bundled programs' choices."""

from __future__ import annotations

import tomllib
from pathlib import Path

import garmin_fit_sdk
import pytest
from garmin_fit_sdk import Profile

from hamtimer.core.program import fit_names
from hamtimer.core.program.catalog import all_programs
from hamtimer.core.program.fit_exercise import every_value, fit_or_unknown, parse_fit
from hamtimer.core.program.loader import parse_program
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.program.quantities import ValueProblem
from tests.support.fit_profile import render

PROGRAMS = Path(__file__).parents[2] / "programs"


def test_the_table_is_the_installed_sdks_profile() -> None:
    fix = "run: python -m tests.support.fit_profile > hamtimer/core/program/fit_names.py"
    assert Path(fit_names.__file__).read_text() == render(Profile, garmin_fit_sdk.__version__), fix


def test_every_name_of_the_profile_is_accepted_with_its_numbers() -> None:
    types = Profile["types"]
    count = 0
    for number, category in types["exercise_category"].items():
        if category == "unknown":
            assert fit_or_unknown(None).category_number == number
            continue
        assert parse_fit(category).category_number == number
        for subtype, name in types.get(f"{category}_exercise_name", {}).items():
            found = parse_fit(f"{category}.{name}")
            assert (found.category_number, found.name_number) == (number, subtype)
            count += 1
    assert count > 1500 and len(every_value()) == count + len(types["exercise_category"]) - 1


REFUSED: dict[object, str] = {
    "hip_rase": 'not a FIT exercise category; did you mean "hip_raise"?',
    "Hip_Raise": 'not a FIT exercise; did you mean "hip_raise"?',
    "romanian_deadlift": 'is a FIT exercise name, not a category; write "deadlift.romanian_deadlift"',
    "hip_raise.sliding_leg_curl": (
        '"hip_raise" has no "sliding_leg_curl"; did you mean "leg_curl.sliding_leg_curl"?'
    ),
    "hip_raise.single_leg_hip_rase": (
        '"hip_raise" has no "single_leg_hip_rase"; did you mean "hip_raise.single_leg_hip_raise"?'
    ),
    "hip_rase.single_leg_hip_raise": (
        'not a FIT exercise category; did you mean "hip_raise.single_leg_hip_raise"?'
    ),
    "leg_curl.nordic": (
        '"leg_curl" has no "nordic"; write the category alone (fit = "leg_curl"); '
        "hamtimer schema lists every name"
    ),
    "unknown": "not a FIT exercise category; expected one of: bench_press, calf_raise,",
    3: 'expected a FIT exercise in quotes: a category ("hip_raise") or a category and a name',
}


@pytest.mark.parametrize("value", list(REFUSED))
def test_an_unknown_value_is_refused_with_the_closest_one(value: object) -> None:
    with pytest.raises(ValueProblem) as raised:
        parse_fit(value)
    assert str(raised.value).startswith(REFUSED[value])


def test_check_names_the_file_the_place_the_value_and_the_fix() -> None:
    text = (
        (PROGRAMS / "bridge-progression.toml")
        .read_text()
        .replace('fit = "hip_raise.single_leg_hip_raise"', 'fit = "hip_raise.single_leg_hip_rase"')
    )
    with pytest.raises(ProgramError) as raised:
        parse_program(text, "my.toml")
    assert raised.value.render() == (
        'my.toml: block 1 "Bridge holds" › exercise 2 "Single-leg bridge" › fit: '
        '"hip_raise.single_leg_hip_rase": "hip_raise" has no "single_leg_hip_rase"; '
        'did you mean "hip_raise.single_leg_hip_raise"?'
    )


BUNDLED = {
    ("bridge-progression", "Double-leg bridge"): "hip_raise.hip_raise",
    ("bridge-progression", "Single-leg bridge"): "hip_raise.single_leg_hip_raise",
    ("bridge-progression", "Double-leg hamstring pull"): "leg_curl.sliding_leg_curl",
    ("bridge-progression", "Single-leg hamstring pull"): "leg_curl.single_leg_sliding_leg_curl",
    ("runners-six", "Stability-ball hamstring curl"): "leg_curl.swiss_ball_hip_raise_and_leg_curl",
    ("runners-six", "Nordic hamstring curl"): "leg_curl.leg_curl",
    ("runners-six", "Romanian deadlift"): "deadlift.romanian_deadlift",
    ("runners-six", "Standing hamstring stretch"): "warm_up.standing_hamstring_stretch",
    ("run-day", "Standing hamstring stretch"): "warm_up.standing_hamstring_stretch",
    ("long-run-circuit", "Hamstring roll-out/roll-in"): "leg_curl.swiss_ball_hip_raise_and_leg_curl",
}


def test_every_bundled_exercise_names_its_fit_exercise() -> None:
    found = {}
    for entry in all_programs():
        if entry.origin != "bundled":
            continue
        for block in entry.load().blocks:
            for exercise in block.exercises:
                assert exercise.fit is not None, (entry.name, exercise.name)
                found[(entry.name, exercise.name)] = str(exercise.fit)
    assert {key: found[key] for key in BUNDLED} == BUNDLED
    for key, value in found.items():  # one-leg work names a one-leg exercise where the profile has one
        doc = tomllib.loads((PROGRAMS / f"{key[0]}.toml").read_text())
        table = next(e for b in doc["block"] for e in b["exercise"] if e["name"] == key[1])
        if table.get("sides") != "each" and value.startswith("hip_raise."):
            assert "single_leg" not in value, key

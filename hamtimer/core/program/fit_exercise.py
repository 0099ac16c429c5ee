"""An exercise's FIT exercise (`fit = "hip_raise.single_leg_hip_raise"`): checked against the FIT
profile's names, kept in `fit_names` so that loading a program never imports the FIT SDK."""

from __future__ import annotations

import difflib
import functools

from hamtimer.core.program.fit_names import CATEGORIES, UNKNOWN
from hamtimer.core.program.quantities import ValueProblem
from hamtimer.core.record import Record, record

EXAMPLE = 'a category ("hip_raise") or a category and a name ("hip_raise.single_leg_hip_raise")'


@record
class FitExercise(Record):
    """A FIT exercise category, and a name in it when one is given, with their profile numbers."""

    category: str
    category_number: int
    name: str | None = None
    name_number: int | None = None

    def __str__(self) -> str:
        return self.category if self.name is None else f"{self.category}.{self.name}"


UNKNOWN_EXERCISE = FitExercise("unknown", UNKNOWN)
"""What an exercise without `fit` is written as."""


@functools.cache
def names(category: str) -> dict[str, int]:
    """The names of a category, with their numbers (the profile's `<category>_exercise_name`)."""
    listed = CATEGORIES[category][1].split()
    return {name: number for number, name in enumerate(listed) if name != "-"}


@functools.cache
def every_value() -> tuple[str, ...]:
    """Every value `fit` takes: each category, then each category.name."""
    found = list(CATEGORIES)
    for category in CATEGORIES:
        found.extend(f"{category}.{name}" for name in names(category))
    return tuple(found)


def _close(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


@functools.cache
def _homes() -> dict[str, str]:
    """Every name, with the first category that has it."""
    found: dict[str, str] = {}
    for category in CATEGORIES:
        for name in names(category):
            found.setdefault(name, category)
    return found


def _unknown_category(value: str, category: str, dot: str, name: str) -> str:
    if not dot and (home := _homes().get(value)):
        return f'is a FIT exercise name, not a category; write "{home}.{value}"'
    lowered = value.lower().strip()
    if lowered != value and lowered in every_value():
        return f'not a FIT exercise; did you mean "{lowered}"?'
    if dot and (home := _homes().get(name)):
        return f'not a FIT exercise category; did you mean "{home}.{name}"?'
    guess = _close(category.lower(), list(CATEGORIES))
    if guess is not None:
        return f'not a FIT exercise category; did you mean "{guess}"?'
    return f"not a FIT exercise category; expected one of: {', '.join(CATEGORIES)}"


def parse_fit(value: object) -> FitExercise:
    """The FIT exercise `value` names; ValueProblem, with the closest valid value, when none."""
    if not isinstance(value, str) or not value:
        raise ValueProblem(f"expected a FIT exercise in quotes: {EXAMPLE}")
    category, dot, name = value.partition(".")
    if category not in CATEGORIES:
        raise ValueProblem(_unknown_category(value, category, dot, name))
    number = CATEGORIES[category][0]
    if not dot:
        return FitExercise(category, number)
    known = names(category)
    if name in known:
        return FitExercise(category, number, name, known[name])
    home = _homes().get(name)
    if home is not None:
        raise ValueProblem(f'"{category}" has no "{name}"; did you mean "{home}.{name}"?')
    guess = _close(name.lower(), list(known))
    if guess is not None:
        raise ValueProblem(f'"{category}" has no "{name}"; did you mean "{category}.{guess}"?')
    elsewhere = _close(name.lower(), list(_homes()))
    tip = f'did you mean "{_homes()[elsewhere]}.{elsewhere}"? Or write' if elsewhere else "write"
    raise ValueProblem(
        f'"{category}" has no "{name}"; {tip} the category alone (fit = "{category}"); '
        "hamtimer schema lists every name"
    )


def fit_or_unknown(value: str | None) -> FitExercise:
    """The FIT exercise a log names, or unknown when it names none this profile knows."""
    if value is None:
        return UNKNOWN_EXERCISE
    try:
        return parse_fit(value)
    except ValueProblem:
        return UNKNOWN_EXERCISE

"""The source of `hamtimer/core/program/fit_names.py`, rendered from the installed FIT SDK's profile.

`python -m tests.support.fit_profile > hamtimer/core/program/fit_names.py` writes it again after
an upgrade of garmin-fit-sdk; tests/core/test_fit_names.py checks that the two agree.
"""

from __future__ import annotations

from typing import Any

UNKNOWN = "unknown"
LINE_LENGTH = 110
"""Ruff's line length: a longer entry is laid out the way `ruff format` lays it out."""


def exercise_names(profile: dict[str, Any]) -> dict[str, tuple[int, dict[int, str]]]:
    """Each exercise category of the profile: its number and its names by number."""
    types = profile["types"]
    found: dict[str, tuple[int, dict[int, str]]] = {}
    for number, category in types["exercise_category"].items():
        if category == UNKNOWN:
            continue
        found[category] = (int(number), dict(types.get(f"{category}_exercise_name", {})))
    return found


def _line(category: str, number: int, names: dict[int, str]) -> str:
    slots = ["-"] * (max(names) + 1 if names else 0)
    for index, name in names.items():
        slots[int(index)] = name
    line = f'    "{category}": ({number}, "{" ".join(slots)}"),'
    if len(line) <= LINE_LENGTH:
        return line
    return f'    "{category}": (\n        {number},\n        "{" ".join(slots)}",\n    ),'


def render(profile: dict[str, Any], version: str) -> str:
    categories = exercise_names(profile)
    unknown = next(n for n, c in profile["types"]["exercise_category"].items() if c == UNKNOWN)
    lines = [
        '"""The FIT profile\'s exercise categories and names, to check `fit` without the SDK.',
        "",
        f"Generated from garmin-fit-sdk {version} by `python -m tests.support.fit_profile`; do not edit.",
        "Each category has its number and its names, space-separated: a name's number is its place",
        'in the list, and "-" holds a number the profile leaves unused. Importing the SDK itself takes',
        "about 10 ms (its profile is 1 MB of Python), too much for loading a program; this takes none.",
        '"""',
        "",
        f'PROFILE = "{version}"',
        f"UNKNOWN = {int(unknown)}",
        '"""The category of an exercise with no `fit`."""',
        "",
        "CATEGORIES: dict[str, tuple[int, str]] = {",
        *(_line(category, number, names) for category, (number, names) in categories.items()),
        "}",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    import garmin_fit_sdk
    from garmin_fit_sdk import Profile

    print(render(Profile, garmin_fit_sdk.__version__), end="")


if __name__ == "__main__":
    main()

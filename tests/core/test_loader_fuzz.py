"""Property tests: whatever a program file holds, the loader gives a Program or a ProgramError.

Never a traceback, and every problem it reports starts with the file's name and says something.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import tomli_w
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from hamtimer.core.program.loader import parse_program
from hamtimer.core.program.model import Program
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.session.plan import build_plan

SOURCE = "fuzz.toml"


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


KEY_NAMES = [
    "program", "rest", "block", "exercise", "name", "about", "side_order", "prepare",
    "between_sides", "between_sets", "between_exercises", "between_rounds", "rounds", "loads",
    "sides", "sets", "hold", "reps", "time", "distance", "tempo", "load", "cues", "checks",
    "goal", "note", "cadence", "sessions",
]  # fmt: skip

LIKELY_STRINGS = [
    "", " ", "30", "30s", "90 s", "1m30s", "5 min", "1h", "5h", "0", "-1", "max", "MAX", "8-10",
    "10-8", "20-30s", "30-20s", "5-10 min", "0-0-0", "3-1-1", "3-1-1-0", "3-1", "5 yd", "20 m",
    "5-10 yd", "each", "both", "left-first", "right-first", "nan", "inf", "1e400", "9" * 400,
    "8–10", "Single-leg bridge", "hip drop",
]  # fmt: skip

LIKELY_NUMBERS = [0, 1, -1, 3, 12, 100, 101, 1000, 1001, 4 * 3600, 4 * 3600 + 1, 2**63, 10**30, 10**400]


TEXT = st.text(st.characters(codec="utf-8"), max_size=24)
STRINGS = st.one_of(TEXT, st.sampled_from(LIKELY_STRINGS))
INTEGERS = st.one_of(st.integers(min_value=-(10**400), max_value=10**400), st.sampled_from(LIKELY_NUMBERS))
FLOATS = st.floats(allow_nan=True, allow_infinity=True)
OFFSETS = st.integers(min_value=-23 * 60, max_value=23 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
DATETIMES = st.one_of(
    st.datetimes(),
    st.datetimes(timezones=OFFSETS),
    st.dates(),
    st.times(),
)
SCALARS = st.one_of(STRINGS, INTEGERS, FLOATS, st.booleans(), DATETIMES)
KEYS = st.one_of(st.sampled_from(KEY_NAMES), TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(KEYS, children, max_size=4),
    ),
    max_leaves=12,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=6)

BASE: dict[str, Any] = {
    "program": {"name": "Fuzz", "about": "About it.", "side_order": "right-first", "prepare": 5},
    "rest": {"between_sides": 30, "between_sets": "1m", "between_exercises": 30, "between_rounds": 90},
    "block": [
        {
            "name": "Plyometrics",
            "rounds": 1,
            "loads": ["bodyweight", "medium"],
            "rest": {"between_rounds": 60, "between_sides": 20},
            "exercise": [
                {
                    "name": "Jump",
                    "sides": "each",
                    "sets": 3,
                    "reps": "4-5",
                    "tempo": "3-1-1",
                    "load": "medium",
                    "rest": {"between_sides": 30, "between_sets": 60},
                    "cues": ["Land softly", "Chest up"],
                    "checks": ["hip drop", "cramp"],
                    "goal": {"reps": 8, "sessions": 2},
                    "note": "A note.",
                    "side_order": "left-first",
                },
                {"name": "Jog", "time": "5-10 min", "cadence": 180, "goal": {"time": "10 min"}},
            ],
        },
        {
            "name": "Circuit",
            "rounds": 3,
            "exercise": [
                {"name": "Bridge", "sides": "each", "hold": "20-30s", "goal": {"hold": 30, "sessions": 2}},
                {"name": "Gallop", "distance": "5 yd"},
                {"name": "Bird dog", "hold": "max"},
            ],
        },
    ],
}

Path = tuple[str | int, ...]


def _paths(node: Any, prefix: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every place in a document, with what is there."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


_ALL = list(_paths(BASE))
EXISTING = [path for path, _ in _ALL if path]
"""Every key of every table and every item of every list of the base program."""
NEW_KEYS = [
    (*path, key) for path, node in _ALL if isinstance(node, dict) for key in KEY_NAMES if key not in node
]
"""Every known key name added to every table that lacks it (right or wrong for that table)."""
TABLE_LEAVES = [path for path in EXISTING if isinstance(path[-1], str)]


def _parent(doc: Any, path: Path) -> Any:
    node = doc
    for step in path[:-1]:
        in_table = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and step < len(node)
        if not (in_table or in_list):
            return None
        node = node[step]
    return node


def _set(doc: dict[str, Any], path: Path, value: Any, delete: bool) -> None:
    parent, last = _parent(doc, path), path[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        if delete:
            parent.pop(last, None)
        else:
            parent[last] = value
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if delete:
            del parent[last]
        else:
            parent[last] = value


@st.composite
def mutated_programs(draw: st.DrawFn) -> dict[str, Any]:
    """The base program with one to three places replaced by arbitrary values, or removed."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(EXISTING) | st.sampled_from(EXISTING) | st.sampled_from(NEW_KEYS))
        delete = draw(st.integers(min_value=0, max_value=4)) == 0
        _set(doc, path, None if delete else draw(SCALARS | VALUES), delete)
    return doc


@st.composite
def mangled_bytes(draw: st.DrawFn) -> bytes:
    """The base program's bytes with a few bytes inserted, replaced or removed."""
    data = bytearray(tomli_w.dumps(BASE).encode())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        what = draw(st.sampled_from(["insert", "replace", "delete"]))
        chunk = draw(st.binary(min_size=1, max_size=4))
        if what == "insert":
            data[at:at] = chunk
        elif what == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            del data[at : at + len(chunk)]
    return bytes(data)


def outcome(data: str | bytes) -> Program | ProgramError:
    """Parse, and check the result is one of the two acceptable outcomes."""
    try:
        program = parse_program(data, SOURCE)
    except ProgramError as err:
        assert err.source == SOURCE
        assert err.problems, "a ProgramError must carry at least one problem"
        for problem in err.problems:
            rendered = problem.render(SOURCE)
            assert rendered.startswith(f"{SOURCE}: ")
            assert problem.message.strip()
            # The place may still hold raw line breaks from keys and names: a known bug, see
            # test_loader.py::test_a_problem_is_one_line. The message itself never does.
            assert "\n" not in problem.message, problem.message
        assert err.render().startswith(f"{SOURCE}: ")
        return err
    assert isinstance(program, Program)
    assert program.name.strip()
    assert program.blocks
    assert all(block.exercises for block in program.blocks)
    plan = build_plan(program)
    assert plan.work_steps
    json.dumps(plan.to_json(), allow_nan=False)
    return program


def test_the_base_document_is_a_valid_program() -> None:
    program = outcome(tomli_w.dumps(BASE))
    assert isinstance(program, Program)
    assert program.name == "Fuzz"
    assert set(TABLE_LEAVES) >= {("program", "name"), ("block", 0, "exercise", 0, "goal", "sessions")}


@fuzz(300)
@given(DOCUMENTS)
def test_arbitrary_toml_documents(doc: dict[str, Any]) -> None:
    outcome(tomli_w.dumps(doc))


@fuzz(400)
@given(mutated_programs())
def test_programs_with_arbitrary_values_in_places(doc: dict[str, Any]) -> None:
    outcome(tomli_w.dumps(doc))


@fuzz(400)
@given(st.one_of(st.binary(max_size=2048), mangled_bytes()))
def test_arbitrary_bytes(data: bytes) -> None:
    outcome(data)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(TABLE_LEAVES),
    value=st.integers(min_value=2**1024, max_value=10**1000)
    | st.integers(max_value=-(2**1024), min_value=-(10**1000)),
)
def test_integers_beyond_float_range_anywhere(path: Path, value: int) -> None:
    doc = copy.deepcopy(BASE)
    _set(doc, path, value, delete=False)
    outcome(tomli_w.dumps(doc))

"""`hamtimer schema`: the file that ships, what it accepts, and that it is never stricter than the loader."""

from __future__ import annotations

import copy
import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from hamtimer.cli import main
from hamtimer.core.program.loader import parse_program
from hamtimer.core.program.problems import ProgramError
from hamtimer.core.program.quantities import _DISTANCE_UNITS, _UNIT_SECONDS
from hamtimer.core.program.schema import FOLDS, SCHEMA_FILE, program_schema
from tests.core.test_loader_fuzz import BASE, mutated_programs

REPO = Path(__file__).parents[2]
SHIPPED = REPO / "programs" / SCHEMA_FILE
DATA = REPO / "tests" / "data" / "programs"
VALIDATOR = Draft4Validator(json.loads(SHIPPED.read_text()))


def loader_accepts(doc: dict[str, Any]) -> bool:
    try:
        parse_program(tomli_w.dumps(doc), "doc.toml")
    except ProgramError:
        return False
    return True


def schema_accepts(doc: dict[str, Any]) -> bool:
    return VALIDATOR.is_valid(doc)


def test_the_shipped_schema_is_what_hamtimer_schema_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    fix = "run: hamtimer schema > programs/hamtimer.schema.json"
    assert printed == SHIPPED.read_text(encoding="utf-8"), fix
    Draft4Validator.check_schema(json.loads(printed))
    assert json.loads(printed)["$schema"] == "http://json-schema.org/draft-04/schema#"


def _properties(schema: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        for key, sub in schema.get("properties", {}).items():
            yield f"{at}.{key}", sub
            yield from _properties(sub, f"{at}.{key}")
        if "items" in schema:
            yield from _properties(schema["items"], f"{at}[]")


def test_every_key_has_a_description_and_every_table_is_closed() -> None:
    keys = dict(_properties(program_schema()))
    assert len(keys) >= 40
    assert [k for k, sub in keys.items() if not sub.get("description")] == []
    tables = [k for k, sub in keys.items() if sub.get("type") == "object"]
    assert {".program", ".rest", ".block[].rest", ".block[].exercise[].goal"} <= set(tables)
    assert all(keys[k]["additionalProperties"] is False for k in tables)


@pytest.mark.parametrize("path", sorted((REPO / "programs").glob("*.toml")), ids=lambda p: p.stem)
def test_every_bundled_program_names_the_schema_and_passes_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"#:schema ./{SCHEMA_FILE}"
    errors = [e.message for e in VALIDATOR.iter_errors(tomllib.loads(text))]
    assert errors == []


@pytest.mark.parametrize("name", ["lenient", "fixed", "two-seconds"], ids=str)
def test_valid_programs_in_every_spelling_the_loader_forgives_pass(name: str) -> None:
    doc = tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
    assert loader_accepts(doc)
    assert [e.message for e in VALIDATOR.iter_errors(doc)] == []


def _exercise(doc: dict[str, Any]) -> dict[str, Any]:
    exercise: dict[str, Any] = doc["block"][0]["exercise"][0]
    return exercise


def _with(change: str) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    exercise = _exercise(doc)
    if change == "unknown key":
        exercise["hodl"] = 30
    elif change == "string for sets":
        exercise["sets"] = "3"
    elif change == "bool for hold":
        del exercise["reps"], exercise["tempo"], exercise["goal"]
        exercise["hold"] = True
    elif change == "bad sides":
        exercise["sides"] = "left"
    elif change == "two kinds of work":
        exercise["hold"] = 30
    elif change == "unknown top-level key":
        doc["programme"] = {"name": "x"}
    elif change == "bad duration":
        doc["rest"]["between_sets"] = "a minute"
    elif change == "bad tempo":
        exercise["tempo"] = "3-1"
    elif change == "per_week of 0":
        doc["program"]["per_week"] = 0
    elif change == "per_week of 15":
        doc["program"]["per_week"] = 15
    elif change == "per_week of 2.5":
        doc["program"]["per_week"] = 2.5
    elif change == "per_week as text":
        doc["program"]["per_week"] = "2"
    return doc


@pytest.mark.parametrize(
    "change",
    ["unknown key", "string for sets", "bool for hold", "bad sides", "two kinds of work",
     "unknown top-level key", "bad duration", "bad tempo",
     "per_week of 0", "per_week of 15", "per_week of 2.5", "per_week as text"],
)  # fmt: skip
def test_the_schema_rejects_what_the_loader_rejects(change: str) -> None:
    doc = _with(change)
    assert not loader_accepts(doc)
    assert not schema_accepts(doc)


def test_the_base_document_passes_both() -> None:
    assert loader_accepts(BASE) and schema_accepts(BASE)


def test_the_case_folds_cover_every_character_that_lowers_to_a_unit_letter() -> None:
    words = [*_UNIT_SECONDS, *_DISTANCE_UNITS, "max", "each", "both", "left-first", "right-first"]
    letters = {c for word in words for c in word if c.isalpha()}
    beyond_ascii = (chr(n) for n in range(128, sys.maxunicode + 1))
    lowering = {c.lower(): c for c in beyond_ascii if c.lower() in letters}
    assert lowering == FOLDS


# --- never stricter than the loader -----------------------------------------------------------------

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated_programs())
def test_whatever_the_loader_accepts_the_schema_accepts(doc: dict[str, Any]) -> None:
    if loader_accepts(doc):
        assert schema_accepts(doc), [e.message for e in VALIDATOR.iter_errors(doc)]


SPACE = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])
NUMBER = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["7.5", "0.5", "01", "1.25"]))
UNIT = st.sampled_from(sorted(_UNIT_SECONDS)).flatmap(
    lambda u: st.sampled_from([u, u.upper(), u.capitalize()])
)
PART = st.tuples(NUMBER, SPACE, UNIT, SPACE).map("".join)
DURATION = st.one_of(NUMBER, st.lists(PART, min_size=1, max_size=3).map("".join))
DASH = st.tuples(SPACE, st.sampled_from(["-", "–", "—"]), SPACE).map("".join)
TIMED = st.one_of(
    DURATION,
    st.tuples(DURATION, DASH, DURATION).map("".join),
    st.sampled_from(["max", "MAX", " Max "]),
)
REPS = st.one_of(
    st.integers(0, 1100).map(str),
    st.tuples(st.integers(0, 1100).map(str), DASH, st.integers(0, 1100).map(str)).map("".join),
    st.sampled_from(["max", "Max"]),
)
TEMPO = st.lists(st.integers(0, 70).map(str), min_size=2, max_size=5).flatmap(
    lambda parts: DASH.map(lambda dash: dash.join(parts))
)
DISTANCE = st.tuples(SPACE, NUMBER, SPACE, st.sampled_from(sorted(_DISTANCE_UNITS)), SPACE).map("".join)
CHOICE = st.sampled_from(["each", "both", "left-first", "right-first"]).flatmap(
    lambda w: st.tuples(SPACE, st.sampled_from([w, w.upper(), w.title()]), SPACE).map("".join)
)


def _placed(key: str, value: object) -> dict[str, Any]:
    """The base program with its first exercise's work replaced, and `key` set to `value`."""
    doc = copy.deepcopy(BASE)
    exercise = _exercise(doc)
    for work in ("reps", "tempo", "goal"):
        exercise.pop(work)
    if key not in ("hold", "time", "reps", "distance"):
        exercise["reps"] = 5
    exercise[key] = value
    return doc


@FUZZ
@given(
    st.one_of(
        st.tuples(st.just("hold"), TIMED),
        st.tuples(st.just("time"), TIMED),
        st.tuples(st.just("reps"), REPS),
        st.tuples(st.just("distance"), DISTANCE),
    )
)
def test_every_spelling_of_work_the_loader_takes_the_schema_takes(case: tuple[str, str]) -> None:
    doc = _placed(*case)
    if loader_accepts(doc):
        assert schema_accepts(doc), case


@FUZZ
@given(st.one_of(st.tuples(st.just("tempo"), TEMPO), st.tuples(st.just("sides"), CHOICE),
                 st.tuples(st.just("side_order"), CHOICE)))  # fmt: skip
def test_every_tempo_and_choice_the_loader_takes_the_schema_takes(case: tuple[str, str]) -> None:
    doc = _placed(*case)
    if case[0] == "side_order":
        _exercise(doc)["sides"] = "each"
    if loader_accepts(doc):
        assert schema_accepts(doc), case


@FUZZ
@given(DURATION)
def test_every_rest_spelling_the_loader_takes_the_schema_takes(value: str) -> None:
    doc = copy.deepcopy(BASE)
    doc["rest"]["between_sets"] = value
    doc["program"]["prepare"] = value
    if loader_accepts(doc):
        assert schema_accepts(doc), value

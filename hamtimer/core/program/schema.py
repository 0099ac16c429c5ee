"""The JSON Schema of program files, for editors (Taplo reads Draft 4).

Built from the loader's own key lists, enums, limits and value grammar. The loader stays the
authority: the schema may let through what the loader refuses (a backwards range, a tempo on a
hold), never the reverse. Where the loader folds case and strips spaces, the patterns do too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from hamtimer.core.program import loader
from hamtimer.core.program.fit_exercise import every_value
from hamtimer.core.program.ladder_fields import LIMIT_PROGRESS
from hamtimer.core.program.model import RestSettings, SideOrder, Sides
from hamtimer.core.program.quantities import _DISTANCE_UNITS, _UNIT_SECONDS, MAX_REPS, MAX_SECONDS

SCHEMA_FILE = "hamtimer.schema.json"
DRAFT = "http://json-schema.org/draft-04/schema#"

FOLDS = {"k": "\u212a"}
"""Characters other than the ASCII pair that `str.lower()` turns into a letter (the Kelvin sign)."""

Schema = dict[str, Any]

_NUM = r"\d+(?:\.\d+)?"
_DASH = r"\s*[-–—]\s*"


def _anycase(word: str) -> str:
    """`word` in any case, as `str.lower()` compares it: "max" -> "[mM][aA][xX]"."""
    return "".join(f"[{c}{c.upper()}{FOLDS.get(c, '')}]" if c.isalpha() else c for c in word)


def _words(words: Iterable[str]) -> str:
    """Any of `words` in any case, longest first."""
    return "(?:" + "|".join(_anycase(w) for w in sorted(words, key=len, reverse=True)) + ")"


_MAX = _anycase("max")
_PART = rf"{_NUM}\s*{_words(_UNIT_SECONDS)}"
_DURATION = rf"(?:{_NUM}|{_PART}(?:\s*{_PART})*)"
_WHOLE_REPS = r"[0-9]{1,7}"

DURATION_PATTERN = rf"^\s*{_DURATION}\s*$"
TIMED_PATTERN = rf"^\s*(?:{_DURATION}(?:{_DASH}{_DURATION})?|{_MAX})\s*$"
REPS_PATTERN = rf"^\s*(?:{_WHOLE_REPS}(?:{_DASH}{_WHOLE_REPS})?|{_MAX})\s*$"
FIXED_REPS_PATTERN = rf"^\s*{_WHOLE_REPS}(?:{_DASH}{_WHOLE_REPS})?\s*$"
DISTANCE_PATTERN = rf"^\s*{_NUM}\s*{_words(_DISTANCE_UNITS)}\s*$"
TEMPO_PATTERN = rf"^\s*[0-9]{{1,3}}(?:{_DASH}[0-9]{{1,3}}){{2,3}}\s*$"


def _choice(values: tuple[str, ...], description: str, default: str) -> Schema:
    return {
        "description": description,
        "default": default,
        "anyOf": [
            {"type": "string", "enum": list(values)},
            {"type": "string", "pattern": rf"^\s*{_words(values)}\s*$"},
        ],
    }


def _text(description: str, limit: int) -> Schema:
    return {"description": description, "type": "string", "pattern": r"\S", "maxLength": limit}


def _texts(description: str, limit: int, most: int) -> Schema:
    one = {"type": "string", "pattern": r"\S", "maxLength": limit}
    return {
        "description": description,
        "anyOf": [one, {"type": "array", "items": one, "maxItems": most, "uniqueItems": True}],
    }


def _whole(description: str, low: int, high: int, default: int | None = None) -> Schema:
    schema: Schema = {
        "description": description,
        "type": "number",
        "multipleOf": 1,
        "minimum": low,
        "maximum": high,
    }
    return schema if default is None else {**schema, "default": default}


def _duration(description: str, *, zero: bool, default: float | None = None) -> Schema:
    number: Schema = {"type": "number", "minimum": 0, "maximum": MAX_SECONDS}
    if not zero:
        number["exclusiveMinimum"] = True
    schema: Schema = {
        "description": description,
        "anyOf": [number, {"type": "string", "pattern": DURATION_PATTERN}],
    }
    return schema if default is None else {**schema, "default": default}


def _timed(description: str) -> Schema:
    number = {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": MAX_SECONDS}
    return {"description": description, "anyOf": [number, {"type": "string", "pattern": TIMED_PATTERN}]}


def _reps(description: str, pattern: str) -> Schema:
    number = {"type": "integer", "minimum": 1, "maximum": MAX_REPS}
    return {"description": description, "anyOf": [number, {"type": "string", "pattern": pattern}]}


def _table(description: str, keys: tuple[str, ...], docs: dict[str, Schema], **extra: Any) -> Schema:
    """An object of exactly the loader's keys (in its order), each documented."""
    return {
        "description": description,
        "type": "object",
        "properties": {key: docs[key] for key in keys},
        "additionalProperties": False,
        **extra,
    }


def _rest(description: str, keys: tuple[str, ...]) -> Schema:
    defaults = RestSettings()
    words = {
        "between_sides": "after the first side of a one-leg exercise",
        "between_sets": "between two sets of one exercise",
        "between_exercises": "between two exercises, and between two blocks",
        "between_rounds": "between two rounds of a circuit block (rounds > 1)",
    }
    docs = {
        key: _duration(f"Rest {words[key]}; 0 for none.", zero=True, default=getattr(defaults, key))
        for key in keys
    }
    return _table(description, keys, docs)


def _side_order(scope: str) -> Schema:
    values = tuple(s.value for s in SideOrder)
    words = (
        f"Which leg goes first {scope}: alternate changes the first leg set to set and session to "
        "session; weaker-first starts every set with the leg history names weaker."
    )
    return _choice(values, words, SideOrder.LEFT_FIRST.value)


def _exercise() -> Schema:
    docs: dict[str, Schema] = {
        "name": _text("The exercise's name; history matches exercises by it.", 100),
        "sides": _choice(
            tuple(s.value for s in Sides),
            '"each": left then right, each side the full work; "both": both legs at once.',
            Sides.BOTH.value,
        ),
        "sets": _whole("Straight sets; above 1 only in a block with rounds = 1.", 1, loader.LIMIT_SETS, 1),
        "hold": _timed('A timed hold: seconds (30), a duration ("45s"), a range ("20-30s") or "max".'),
        "reps": _reps('Counted reps: a whole number (12), a range ("8-10") or "max".', REPS_PATTERN),
        "time": _timed('A timed activity: a duration ("5 min"), a range ("5-10 min") or "max".'),
        "distance": {
            "description": 'A distance, ended by a key: a number and a unit ("5 yd", "20 m"; m, km, yd, mi).',
            "type": "string",
            "pattern": DISTANCE_PATTERN,
        },
        "tempo": {
            "description": 'Reps only: seconds down-pause-up(-pause), e.g. "3-1-1"; the timer paces reps.',
            "type": "string",
            "pattern": TEMPO_PATTERN,
        },
        "load": _text('The load for this exercise ("medium"); overrides the block\'s loads.', 60),
        "rest": _rest("Rest overrides for this exercise.", loader._EXERCISE_REST_KEYS),
        "cues": _texts("Form cues shown during the work.", 200, 20),
        "checks": _texts(
            'Yes/no questions asked after each side ("hip drop"); at most 8.', 40, loader.MAX_CHECKS
        ),
        "goal": _table(
            "A progression gate: the work's own kind and value, reached this many sessions in a row.",
            loader._GOAL_KEYS,
            {
                "hold": _duration("Seconds of hold to reach.", zero=False),
                "reps": _reps("Reps to reach.", FIXED_REPS_PATTERN),
                "time": _duration("Time to reach.", zero=False),
                "sessions": _whole("Sessions in a row that must reach it.", 1, 100, 1),
            },
        ),
        "note": _text("Free text shown before the exercise.", 5000),
        "cadence": _whole("Time only: a metronome at this many beats per minute.", 20, 300),
        "side_order": _side_order('on this exercise (sides = "each" only)'),
        "progress": {
            "description": (
                "Raise the target by this much (reps, or seconds) after each session that earns it, "
                "up to the goal; needs a goal of the work's kind, not on max or distance."
            ),
            "type": "number",
            "minimum": 0,
            "exclusiveMinimum": True,
            "maximum": LIMIT_PROGRESS,
        },
        "after": _text("A gate: this exercise waits until that earlier exercise's goal is met.", 100),
        "fit": {
            "description": (
                "The exercise in Garmin's FIT profile, for hamtimer export --fit (Garmin Connect, "
                'Strava): a category ("hip_raise") or category.name ("hip_raise.single_leg_hip_raise").'
            ),
            "type": "string",
            "enum": list(every_value()),
        },
    }
    work = [{"required": [key]} for key in loader._WORK_KEYS]
    return _table(
        "One exercise, with exactly one kind of work: hold, reps, time or distance.",
        loader._EXERCISE_KEYS,
        docs,
        required=["name"],
        oneOf=work,
    )


def program_schema() -> Schema:
    """The schema as a JSON-ready dict."""
    program = _table(
        "The program: its name and how it starts.",
        loader._PROGRAM_KEYS,
        {
            "name": _text("The program's name, shown in the picker and the logs.", 100),
            "about": _text("A paragraph about the program, shown in the picker.", 5000),
            "side_order": _side_order("in one-leg exercises"),
            "prepare": _duration(
                "The get-ready countdown before the first work; 0 for none.", zero=True, default=5
            ),
            "soreness": {
                "description": "Ask how each hamstring feels (0 to 10) on the start screen.",
                "type": "boolean",
                "default": False,
            },
            "per_week": _whole(
                'Sessions a week to aim for: the start screen and plan say "this week: 1 of 2 sessions"; '
                "it overrides config.toml's [training] per_week.",
                *loader.PER_WEEK,
            ),
        },
        required=["name"],
    )
    block = _table(
        "A block: its exercises run in order; with rounds > 1 it is a circuit.",
        loader._BLOCK_KEYS,
        {
            "name": _text("The block's name (optional).", 100),
            "rounds": _whole("Rounds; above 1 makes a circuit, every exercise once per round.", 1, 100, 1),
            "loads": _texts("A load per round (or per set); the last repeats.", 60, 100),
            "rest": _rest("Rest overrides for this block.", loader._REST_KEYS),
            "exercise": {
                "description": "The block's exercises, each a [[block.exercise]] table.",
                "type": "array",
                "minItems": 1,
                "items": _exercise(),
            },
        },
        required=["exercise"],
    )
    return _table(
        "A hamtimer program: hamtimer check FILE says what is wrong, with the place and the fix.",
        loader._TOP_KEYS,
        {
            "program": program,
            "rest": _rest("Rest defaults for the whole program.", loader._REST_KEYS),
            "block": {
                "description": "The blocks, in order, each a [[block]] table.",
                "type": "array",
                "minItems": 1,
                "items": block,
            },
        },
        required=["program", "block"],
    ) | {"$schema": DRAFT, "title": "hamtimer program"}


def schema_text() -> str:
    """The schema as the file that ships beside the bundled programs."""
    schema = program_schema()
    ordered = {"$schema": schema.pop("$schema"), "title": schema.pop("title"), **schema}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"

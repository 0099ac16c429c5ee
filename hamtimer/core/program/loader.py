"""Reading and validating program files: the walk over a file's tables.

Every problem in a file is collected in one pass and reported together as a `ProgramError`;
no input, however broken, gets past this module as any other exception. The fields of each
table are read by `fields.FieldReader`, their values parsed by `quantities`.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any

from hamtimer.core.kinds import WorkKind
from hamtimer.core.program.fit_exercise import parse_fit
from hamtimer.core.program.ladder_fields import LadderFields
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
from hamtimer.core.program.problems import Problem, ProgramError, one_line, show
from hamtimer.core.program.quantities import (
    Bounds,
    Tempo,
    is_number,
    parse_distance,
    parse_duration,
    parse_reps,
    parse_tempo,
    parse_timed,
)

MAX_FILE_BYTES = 1024 * 1024
MAX_CHECKS = 8
LIMIT_SETS = 100

_TOP_KEYS = ("program", "rest", "block")
_PROGRAM_KEYS = ("name", "about", "side_order", "prepare", "soreness", "per_week")
PER_WEEK = (1, 14)
"""Issue 20: the weekly target's bounds, sessions a week (config.toml's [training] per_week too)."""
_REST_KEYS = ("between_sides", "between_sets", "between_exercises", "between_rounds")
_EXERCISE_REST_KEYS = ("between_sides", "between_sets")
_BLOCK_KEYS = ("name", "rounds", "loads", "rest", "exercise")
_WORK_KEYS = ("hold", "reps", "time", "distance")
_EXERCISE_KEYS = (
    "name",
    "sides",
    "sets",
    *_WORK_KEYS,
    "tempo",
    "load",
    "rest",
    "cues",
    "checks",
    "goal",
    "note",
    "cadence",
    "side_order",
    "progress",
    "after",
    "fit",
)
_GOAL_KEYS = ("hold", "reps", "time", "sessions")
_TOML_POSITION = r"\s*\(at line (\d+), column (\d+)\)\s*$"
"""Where tomllib says a syntax error is; compiled only when there is one."""


class _Reader(LadderFields):
    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.earlier: dict[str, bool] = {}
        """The exercises read so far, by name: whether each has a goal (for `after`)."""

    def rest(
        self, value: object, place: list[str], base: RestSettings, allowed: tuple[str, ...]
    ) -> RestSettings:
        if value is None:
            return base
        table = self.table(value, place, "write rest = { between_sides = 30, between_sets = 60 }")
        if table is None:
            return base
        hints = {
            k: "cannot be set for one exercise; set it in the block's rest or in [rest]"
            for k in _REST_KEYS
            if k not in allowed
        }
        self.keys(table, place, allowed, hints)
        changes = {k: self.duration(table, place, k, getattr(base, k)) for k in allowed if k in table}
        return base.overridden(**changes)

    def program(self, doc: dict[str, Any]) -> Program:
        self.keys(
            doc,
            [],
            _TOP_KEYS,
            {k: "belongs in the [program] table (write it under [program])" for k in _PROGRAM_KEYS}
            | {k: "belongs in the [rest] table" for k in _REST_KEYS},
        )
        name, about = "", ""
        side_order, prepare, soreness = SideOrder.LEFT_FIRST, 5.0, False
        per_week: int | None = None
        head = doc.get("program")
        if head is None:
            self.fail(["[program]"], 'missing; start the file with [program] and name = "..."')
        elif (table := self.table(head, ["program"], "write [program] on a line of its own")) is not None:
            place = ["[program]"]
            self.keys(table, place, _PROGRAM_KEYS, {})
            name = self.text(table, place, "name", limit=100, required=True) or ""
            about = self.text(table, place, "about", limit=5000) or ""
            side_order = self.choice(table, place, "side_order", SideOrder, SideOrder.LEFT_FIRST)
            prepare = self.duration(table, place, "prepare", 5.0)
            soreness = self.flag(table, place, "soreness")
            per_week = self.per_week(table, place)
        rest = self.rest(doc.get("rest"), ["[rest]"], RestSettings(), _REST_KEYS)
        blocks = self.blocks(doc.get("block"), rest)
        if self.problems:
            raise ProgramError(self.source, self.problems)
        return Program(
            name=name,
            blocks=blocks,
            source=self.source,
            about=about,
            side_order=side_order,
            prepare=prepare,
            rest=rest,
            soreness=soreness,
            per_week=per_week,
        )

    def per_week(self, table: dict[str, Any], place: list[str]) -> int | None:
        value = table.get("per_week")
        if value is None:
            return None
        low, high = PER_WEEK
        if is_number(value) and math.isfinite(value) and float(value).is_integer() and low <= value <= high:
            return int(value)
        expected = f"expected a whole number of sessions a week from {low} to {high}, e.g. per_week = 2"
        self.bad(place, "per_week", value, expected)
        return None

    def blocks(self, value: object, rest: RestSettings) -> tuple[Block, ...]:
        example = "add [[block]] followed by at least one [[block.exercise]]"
        if value is None:
            self.fail(["[[block]]"], f"missing; a program needs at least one block: {example}")
            return ()
        if isinstance(value, dict):
            self.fail(["block"], "is a single table; write [[block]] with two brackets")
            return ()
        if not isinstance(value, list) or not value:
            self.fail(["block"], f"{show(value)}: expected a list of blocks; {example}")
            return ()
        found = (self.block(item, number, rest) for number, item in enumerate(value, 1))
        return tuple(b for b in found if b is not None)

    def block(self, value: object, number: int, base_rest: RestSettings) -> Block | None:
        place = [f"block {number}"]
        table = self.table(value, place, "write [[block]] and its keys below it")
        if table is None:
            return None
        name = table.get("name")
        if isinstance(name, str) and name.strip():
            place = [f'block {number} "{name.strip()[:40]}"']
        self.keys(
            table,
            place,
            _BLOCK_KEYS,
            {k: "belongs in [[block.exercise]]" for k in _EXERCISE_KEYS if k not in _BLOCK_KEYS},
        )
        name = self.text(table, place, "name", limit=100)
        rounds = self.whole(table, place, "rounds", 1, 100, 1)
        loads = self.texts(table, place, "loads", limit=60, most=100)
        rest = self.rest(table.get("rest"), [*place, "rest"], base_rest, _REST_KEYS)
        exercises = self.exercises(table.get("exercise"), place, rounds, rest)
        if not exercises:
            return None
        return Block(exercises=exercises, name=name, rounds=rounds, loads=loads, rest=rest)

    def exercises(
        self, value: object, place: list[str], rounds: int, rest: RestSettings
    ) -> tuple[Exercise, ...]:
        if value is None:
            self.fail(place, 'has no exercise; add [[block.exercise]] with name = "..." and its work')
            return ()
        if isinstance(value, dict):
            self.fail([*place, "exercise"], "is a single table; write [[block.exercise]]")
            return ()
        if not isinstance(value, list) or not value:
            self.fail([*place, "exercise"], f"{show(value)}: expected [[block.exercise]] tables")
            return ()
        found = (
            self.exercise(item, [*place, f"exercise {n}"], rounds, rest) for n, item in enumerate(value, 1)
        )
        return tuple(e for e in found if e is not None)

    def exercise(
        self, value: object, place: list[str], rounds: int, block_rest: RestSettings
    ) -> Exercise | None:
        table = self.table(value, place, "write [[block.exercise]] and its keys below it")
        if table is None:
            return None
        before = len(self.problems)
        name = table.get("name")
        if isinstance(name, str) and name.strip():
            place = [*place[:-1], f'{place[-1]} "{name.strip()[:40]}"']
        self.keys(
            table,
            place,
            _EXERCISE_KEYS,
            {k: f"goes in the exercise's rest: rest = {{ {k} = 30 }}" for k in _EXERCISE_REST_KEYS}
            | {"loads": 'one exercise has one load: load = "medium"'},
        )
        name = self.text(table, place, "name", limit=100, required=True)
        work = self.work(table, place)
        sides = self.choice(table, place, "sides", Sides, Sides.BOTH)
        sets = self.whole(table, place, "sets", 1, LIMIT_SETS, 1)
        if sets > 1 and rounds > 1:
            self.fail(
                [*place, "sets"],
                (
                    f"{sets}: a circuit block (rounds = {rounds}) runs each exercise once per round; "
                    "drop sets, or move the exercise to a block with rounds = 1"
                ),
            )
        tempo = self.tempo(table, place, work)
        cadence = None
        if "cadence" in table:
            cadence = self.whole(table, place, "cadence", 20, 300, 180)
            if work is not None and work.kind is not WorkKind.TIME:
                self.fail([*place, "cadence"], f"goes only with time; this exercise has {work.kind}")
        side_order = None
        if "side_order" in table:
            side_order = self.choice(table, place, "side_order", SideOrder, SideOrder.LEFT_FIRST)
            if sides is not Sides.EACH:
                self.fail([*place, "side_order"], 'applies only to sides = "each"')
        goal = self.goal(table.get("goal"), [*place, "goal"], work)
        progress = self.progress(table, place, work, goal)
        after = self.after(table, place, name)
        if name is not None:
            self.earlier[name] = self.earlier.get(name, False) or goal is not None
        exercise_rest = self.rest(table.get("rest"), [*place, "rest"], block_rest, _EXERCISE_REST_KEYS)
        load = self.text(table, place, "load", limit=60)
        cues = self.texts(table, place, "cues", limit=200, most=20)
        checks = self.texts(table, place, "checks", limit=40, most=MAX_CHECKS)
        note = self.text(table, place, "note", limit=5000)
        fit = self.parsed(table, place, "fit", parse_fit) if "fit" in table else None
        if len(self.problems) > before or name is None or work is None:
            return None
        return Exercise(
            name=name,
            work=work,
            sides=sides,
            sets=sets,
            tempo=tempo,
            load=load,
            rest=exercise_rest,
            cues=cues,
            checks=checks,
            goal=goal,
            note=note,
            cadence=cadence,
            side_order=side_order,
            progress=progress,
            after=after,
            fit=fit,
        )

    def work(self, table: dict[str, Any], place: list[str]) -> Work | None:
        given = [k for k in _WORK_KEYS if k in table]
        if not given:
            self.fail(
                place,
                ('has no work; add exactly one of hold = 30, reps = 12, time = "5 min" or distance = "5 yd"'),
            )
            return None
        if len(given) > 1:
            self.fail(place, f"has {' and '.join(given)}; keep exactly one kind of work")
            return None
        kind = WorkKind(given[0])
        if kind is WorkKind.DISTANCE:
            distance = self.parsed(table, place, "distance", parse_distance)
            return None if distance is None else Work(kind, Bounds(None, None), distance)
        parse = parse_reps if kind is WorkKind.REPS else parse_timed
        bounds = self.parsed(table, place, kind.value, parse)
        return None if bounds is None else Work(kind, bounds)

    def tempo(self, table: dict[str, Any], place: list[str], work: Work | None) -> Tempo | None:
        if "tempo" not in table:
            return None
        tempo: Tempo | None = self.parsed(table, place, "tempo", parse_tempo)
        if work is not None and work.kind is not WorkKind.REPS:
            self.fail([*place, "tempo"], f"goes only with reps; this exercise has {work.kind}")
        return tempo

    def goal(self, value: object, place: list[str], work: Work | None) -> Goal | None:
        if value is None:
            return None
        table = self.table(value, place, "write goal = { reps = 12, sessions = 2 }")
        if table is None or work is None:
            return None
        self.keys(table, place, _GOAL_KEYS, {})
        if work.kind is WorkKind.DISTANCE:
            self.fail(place, "a distance has no value to reach; remove the goal")
            return None
        kinds = [k for k in ("hold", "reps", "time") if k in table]
        if kinds != [work.kind.value]:
            example = "30" if work.is_timed else "12"
            self.fail(
                place,
                (
                    f"expected the work's own kind and a number of sessions: "
                    f"goal = {{ {work.kind} = {example}, sessions = 2 }}"
                ),
            )
            return None
        sessions = self.whole(table, place, "sessions", 1, 100, 1)
        if work.kind is WorkKind.REPS:
            reps = self.parsed(table, place, "reps", parse_reps)
            if reps is None or reps.target is None or reps.minimum != reps.target:
                if reps is not None:
                    self.bad(place, "reps", table["reps"], "expected one whole number of reps")
                return None
            return Goal(WorkKind.REPS, reps.target, sessions)
        seconds = self.parsed(table, place, work.kind.value, parse_duration)
        return None if seconds is None else Goal(work.kind, seconds, sessions)


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ProgramError(
            source,
            [
                Problem(
                    "",
                    (f"is {len(data) // 1024} KiB; a program file is a few kilobytes (limit 1 MiB)"),
                )
            ],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ProgramError(source, [Problem(f"line {line}", (
            f"byte 0x{data[err.start]:02x} is not UTF-8 text; save the file as UTF-8"
        ))]) from None  # fmt: skip
    return text.removeprefix("\ufeff")


def parse_program(data: bytes | str, source: str) -> Program:
    """Parse and validate a program from the bytes (or text) of a file named `source`."""
    text = data if isinstance(data, str) else _decode(data, source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = re.search(_TOML_POSITION, message)
        place = f"line {found.group(1)}, column {found.group(2)}" if found else ""
        detail = re.sub(_TOML_POSITION, "", message).replace(" (at end of document)", " at the end")
        raise ProgramError(source, [Problem(place, f"not valid TOML: {detail}")]) from None
    except RecursionError:
        raise ProgramError(source, [Problem("", "not valid TOML: nested too deeply")]) from None
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise ProgramError(source, [Problem("", f"not a usable TOML file: {one_line(str(err))}")]) from None
    return _Reader(source).program(doc)


def load_program(path: Path | str, source: str | None = None) -> Program:
    """Load a program file; `source` is how messages name it (default: the path)."""
    path = Path(path)
    label = source or str(path)
    try:
        if path.is_dir():
            raise ProgramError(label, [Problem("", "is a folder; give a program file (.toml)")])
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ProgramError(label, [Problem("", "no such file")]) from None
    except PermissionError:
        raise ProgramError(label, [Problem("", "cannot be read: permission denied")]) from None
    except OSError as err:
        raise ProgramError(label, [Problem("", f"cannot be read: {err.strerror or err}")]) from None
    return parse_program(data, label)

"""Reading one field of a program table: text, lists of text, whole numbers, choices, durations."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, TypeVar

from hamtimer.core.program.problems import Problem, one_line, show
from hamtimer.core.program.quantities import ValueProblem, is_number, parse_duration

E = TypeVar("E", bound=StrEnum)


def _close(word: str, options: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


class FieldReader:
    """Reads the fields of a program's TOML tables, collecting a `Problem` for each bad one.

    Each method returns a usable value (the default when the field is bad) so that one pass finds
    every problem in a file; `loader` walks the tables with it.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def fail(self, place: list[str], message: str) -> None:
        self.problems.append(Problem(one_line(" › ".join(place)), one_line(message)))

    def bad(self, place: list[str], key: str, value: object, expected: str) -> None:
        self.fail([*place, key], f"{show(value)}: {expected}")

    def keys(
        self,
        table: dict[str, Any],
        place: list[str],
        allowed: tuple[str, ...],
        hints: dict[str, str],
    ) -> None:
        for key in table:
            if key in allowed:
                continue
            if key in hints:
                self.fail([*place, key], hints[key])
                continue
            guess = _close(key, allowed)
            tip = f'did you mean "{guess}"?' if guess else "allowed here: " + ", ".join(allowed)
            self.fail([*place, key], f"unknown key; {tip}")

    def table(self, value: object, place: list[str], how: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(place, f"{show(value)}: expected a table; {how}")
        return None

    def text(
        self,
        table: dict[str, Any],
        place: list[str],
        key: str,
        *,
        limit: int,
        required: bool = False,
    ) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(place, f'missing "{key}"; add {key} = "..."')
            return None
        if not isinstance(value, str) or not value.strip():
            self.bad(place, key, value, 'expected some text in quotes, e.g. "Single-leg bridge"')
            return None
        if len(value) > limit:
            self.fail([*place, key], f"is {len(value)} characters long; keep it under {limit}")
            return None
        return value.strip()

    def texts(
        self, table: dict[str, Any], place: list[str], key: str, *, limit: int, most: int
    ) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        example = f'e.g. {key} = ["hip drop", "cramp"]' if key == "checks" else f'e.g. {key} = ["..."]'
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            self.bad(place, key, value, f"expected a list of texts in quotes, {example}")
            return ()
        if len(items) > most:
            self.fail([*place, key], f"has {len(items)} entries; at most {most} are allowed")
            return ()
        long = [i for i in items if len(i) > limit]
        if long:
            self.fail([*place, key], f"{show(long[0])} is too long; keep each under {limit} characters")
            return ()
        cleaned = tuple(i.strip() for i in items)
        repeated = [c for n, c in enumerate(cleaned) if c in cleaned[:n]]
        if repeated:
            self.fail([*place, key], f"lists {show(repeated[0])} twice; keep each entry once")
            return ()
        return cleaned

    def whole(
        self, table: dict[str, Any], place: list[str], key: str, low: int, high: int, default: int
    ) -> int:
        value = table.get(key, default)
        if is_number(value) and math.isfinite(value) and float(value).is_integer():
            number = int(value)
            if low <= number <= high:
                return number
        self.bad(place, key, value, f"expected a whole number from {low} to {high}")
        return default

    def choice(self, table: dict[str, Any], place: list[str], key: str, kind: type[E], default: E) -> E:
        value = table.get(key)
        if value is None:
            return default
        options = [member.value for member in kind]
        if isinstance(value, str) and value.strip().lower() in options:
            return kind(value.strip().lower())
        guess = _close(value, options) if isinstance(value, str) else None
        listed = " or ".join(f'"{o}"' for o in options)
        tip = f'; did you mean "{guess}"?' if guess else ""
        self.bad(place, key, value, f"expected {listed}{tip}")
        return default

    def parsed(
        self, table: dict[str, Any], place: list[str], key: str, parse: Callable[[object], Any]
    ) -> Any:
        try:
            return parse(table[key])
        except ValueProblem as problem:
            self.bad(place, key, table[key], str(problem))
            return None

    def duration(self, table: dict[str, Any], place: list[str], key: str, default: float) -> float:
        if key not in table:
            return default
        seconds = self.parsed(table, place, key, lambda v: parse_duration(v, allow_zero=True))
        return default if seconds is None else float(seconds)

    def flag(self, table: dict[str, Any], place: list[str], key: str) -> bool:
        value = table.get(key, False)
        if isinstance(value, bool):
            return value
        self.bad(place, key, value, f"expected true or false, e.g. {key} = true")
        return False

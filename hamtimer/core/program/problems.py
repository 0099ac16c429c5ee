"""What is wrong with a program file: each problem in one line, and all of them as one error."""

from __future__ import annotations

import math
from collections.abc import Iterable

from hamtimer.core.record import Record, record


@record
class Problem(Record):
    place: str
    message: str

    def render(self, source: str) -> str:
        return f"{source}: {self.place}: {self.message}" if self.place else f"{source}: {self.message}"


class ProgramError(Exception):
    """A program file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(p.render(self.source) for p in self.problems)


def one_line(text: str) -> str:
    """Control characters from a file (line breaks, carriage returns…) shown as escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def show(value: object) -> str:
    """A short TOML-like rendering of a value for a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return '"' + one_line(text.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(value, int):
        if abs(value) < 10**40:
            return str(value)
        return f"{'-' if value < 0 else ''}a number of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return f"{value:g}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return str(value)

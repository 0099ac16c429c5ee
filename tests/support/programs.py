"""The test programs kept as files in tests/data/, as a user would write them: paths and plans."""

from __future__ import annotations

from pathlib import Path

from hamtimer.core.program.loader import load_program
from hamtimer.core.session.plan import Plan, build_plan

DATA = Path(__file__).resolve().parent.parent / "data"
BRIDGE = DATA / "bridge.toml"
"""Timeline from space: prepare 0-5, LEFT hold 5-35, rest between sides 35-55, RIGHT hold 55-85,
rest between exercises 85-115, then a counted reps step (5 reps, both legs)."""
REPS = DATA / "reps.toml"
"""Prepare 1 s, then 3 counted reps (both legs): a step that waits for the user."""
TINY = DATA / "tiny.toml"
"""Every step timed: prepare 2 s, LEFT hold 2 s, rest 1 s, RIGHT hold 2 s."""


def data_file(name: str) -> Path:
    return DATA / name


def data_text(name: str) -> str:
    return data_file(name).read_text(encoding="utf-8")


def data_plan(name: str) -> Plan:
    """The plan of tests/data/NAME, its messages naming it as `tests/data/NAME`."""
    return build_plan(load_program(data_file(name), f"tests/data/{name}"))


def plan_of(path: Path) -> Plan:
    return build_plan(load_program(path))

"""The test programs kept as files in tests/data/, as a user would write them."""

from __future__ import annotations

from pathlib import Path

from hamtimer.core.loader import load_program
from hamtimer.core.plan import Plan, build_plan

DATA = Path(__file__).resolve().parent.parent / "data"


def data_file(name: str) -> Path:
    return DATA / name


def data_text(name: str) -> str:
    return data_file(name).read_text(encoding="utf-8")


def data_plan(name: str) -> Plan:
    """The plan of tests/data/NAME, its messages naming it as `tests/data/NAME`."""
    return build_plan(load_program(data_file(name), f"tests/data/{name}"))

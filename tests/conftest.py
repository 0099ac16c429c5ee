"""Shared test setup: no test may touch the real user folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than 15 s; deselect with -m 'not slow'")


@dataclass(frozen=True)
class UserDirs:
    config: Path
    data: Path
    cache: Path


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> UserDirs:
    """Point the config, data and cache folders at private temporary folders."""
    dirs = UserDirs(
        config=tmp_path / "user-config",
        data=tmp_path / "user-data",
        cache=tmp_path / "user-cache",
    )
    for path in (dirs.config, dirs.data, dirs.cache):
        path.mkdir()
    monkeypatch.setenv("HAMTIMER_CONFIG_DIR", str(dirs.config))
    monkeypatch.setenv("HAMTIMER_DATA_DIR", str(dirs.data))
    monkeypatch.setenv("HAMTIMER_CACHE_DIR", str(dirs.cache))
    return dirs


PINNED_TODAY = "2026-11-15"
"""A fortnight after the first of the hand-written November logs (tests/support/logs.py `day`)."""


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Today pinned (HAMTIMER_TODAY), so that breaks and gate gaps (DESIGN.md, "Over weeks") in
    tests of November's logs stay what they mean as real time passes: 14 days after the first of
    them is no break, and no gate gap. Modules of such tests use it with `pytestmark`."""
    monkeypatch.setenv("HAMTIMER_TODAY", PINNED_TODAY)
    return PINNED_TODAY

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
"""The suite's hand-written logs are dated November 2026 (tests/support/logs.py `day`); today is
pinned a fortnight after the first of them, so their breaks and gaps (DESIGN.md, "Over weeks")
stay what each test means as real time passes. A test about today itself sets its own."""


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HAMTIMER_TODAY", PINNED_TODAY)
    return PINNED_TODAY

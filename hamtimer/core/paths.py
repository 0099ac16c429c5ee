"""Where hamtimer keeps things: the platform's user dirs, each overridable by the environment."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "hamtimer"


def _from_env(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else Path(default)


def config_dir() -> Path:
    """User settings and the user's own programs (`programs/*.toml`); `HAMTIMER_CONFIG_DIR`."""
    return _from_env("HAMTIMER_CONFIG_DIR", platformdirs.user_config_dir(APP))


def data_dir(override: str | Path | None = None) -> Path:
    """Session logs; `--data-dir`, then `HAMTIMER_DATA_DIR`, then the platform's data dir."""
    if override:
        return Path(override).expanduser()
    return _from_env("HAMTIMER_DATA_DIR", platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    """Disposable caches (the history index); `HAMTIMER_CACHE_DIR`."""
    return _from_env("HAMTIMER_CACHE_DIR", platformdirs.user_cache_dir(APP))


def history_cache_dir() -> Path:
    """The history index of each data folder (core/history/index.py); safe to delete."""
    return cache_dir() / "history"

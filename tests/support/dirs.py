"""The environment that gives one run of hamtimer its own folders under a test's tmp_path."""

from __future__ import annotations

from pathlib import Path


def user_env(tmp_path: Path, data: Path | None = None, **extra: str) -> dict[str, str]:
    """HAMTIMER_DATA_DIR (tmp_path/data unless `data`), _CONFIG_DIR and _CACHE_DIR, plus `extra`."""
    return {
        "HAMTIMER_DATA_DIR": str(data if data is not None else tmp_path / "data"),
        "HAMTIMER_CONFIG_DIR": str(tmp_path / "config"),
        "HAMTIMER_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }

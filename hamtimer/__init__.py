"""hamtimer: a terminal interval timer for hamstring strength work."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata only when asked: importlib.metadata costs
    every command about 35 ms at start-up, and only `--version` needs it."""
    if name != "__version__":
        raise AttributeError(f"module 'hamtimer' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hamtimer")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"

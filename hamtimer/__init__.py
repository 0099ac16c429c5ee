"""hamtimer: a terminal interval timer for hamstring strength work."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hamtimer")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

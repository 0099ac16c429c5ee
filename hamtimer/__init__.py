"""hamtimer: a terminal interval timer for hamstring strength work."""

__version__ = "0.1.0"

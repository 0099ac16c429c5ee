"""CachedStylesheet: Textual's parsed CSS rules kept on disk from one start to the next.

Why: at every start Textual parses the same text with the same variables: hamtimer.tcss and each
widget's default CSS, about 10 ms of hamtimer's first frame, where reading the parsed rules back
takes about 2 ms (`bench/bench_session.py --only first-frame`; docs/benchmarks.md).

The rules are kept in one file in the cache folder, one entry per text, where it was read from and
the variables it was parsed with, for this copy of Textual and this Python. Whatever goes wrong (no
file, a corrupt or foreign one, rules that cannot be pickled, a folder that cannot be written)
falls back to parsing as Textual does. CSS with errors is never kept, so Textual reports it as
usual. Only the app's own stylesheet is cached: a theme change re-parses in a plain Stylesheet.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import textual
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from hamtimer.core import paths
from hamtimer.core.storage import make_private_dir, write_atomic

FORMAT = 1
"""Bumped when what the file holds changes."""
KEEP = 200
"""Entries kept beyond those used in this run (the screens not shown this time)."""

Key = tuple[object, ...]


def cache_file(folder: Path) -> Path:
    python = f"{sys.implementation.name}{sys.version_info[0]}.{sys.version_info[1]}"
    return folder / f"stylesheet-{python}.pickle"


def _textual_copy() -> tuple[str, int]:
    """Which Textual this is, without importlib.metadata (about 8 ms): its folder, and when its
    files were written (an install or an upgrade writes them anew)."""
    init = textual.__file__ or ""
    with contextlib.suppress(OSError):
        return init, os.stat(init).st_mtime_ns
    return init, 0


class CachedStylesheet(Stylesheet):
    def __init__(self, file: Path, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.file = file
        self._kept: dict[Key, list[RuleSet]] | None = None
        self._used: set[Key] = set()
        self._fingerprint: tuple[tuple[str, str], ...] | None = None
        self.changed = False
        """New rules were parsed in this run: `save` writes the file."""

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._fingerprint = None

    def _loaded(self) -> dict[Key, list[RuleSet]]:
        if self._kept is None:
            self._kept = {}
            with contextlib.suppress(Exception):  # anything unreadable is parsed afresh
                header, kept = pickle.loads(self.file.read_bytes())
                if header == (FORMAT, _textual_copy()) and isinstance(kept, dict):
                    self._kept = kept
        return self._kept

    def _parse_rules(
        self,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        if self._fingerprint is None:
            self._fingerprint = tuple(sorted(self._variables.items()))
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._fingerprint)
        kept = self._loaded()
        self._used.add(key)
        rules = kept.get(key)
        if isinstance(rules, list):
            return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            kept[key] = rules
            self.changed = True
        return rules

    def save(self) -> None:
        """Write the rules parsed in this run beside those read; quietly nothing if that fails."""
        if not self.changed or self._kept is None:
            return
        self.changed = False
        kept = self._kept
        if len(kept) > KEEP:  # texts edited over time: keep what this run used
            kept = {key: rules for key, rules in kept.items() if key in self._used}
        with contextlib.suppress(Exception):
            data = pickle.dumps(((FORMAT, _textual_copy()), kept), protocol=pickle.HIGHEST_PROTOCOL)
            make_private_dir(self.file.parent)
            write_atomic(self.file, data, durable=False)


def install(app: App[Any]) -> None:
    """Give the app a cached stylesheet with its own's variables, before that is first read."""
    app.stylesheet = CachedStylesheet(cache_file(paths.cache_dir()), variables=app.stylesheet._variables)


def save(app: App[Any]) -> None:
    """Keep what the app's stylesheet parsed in this run (after the first frame, and at the end)."""
    if isinstance(app.stylesheet, CachedStylesheet):
        app.stylesheet.save()

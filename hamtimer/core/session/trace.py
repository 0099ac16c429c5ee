"""`--trace FILE`: one JSON line per engine event, for benchmarks and debugging."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from hamtimer.core.session.events import Event


class TraceWriter:
    def __init__(self, path: Path) -> None:
        self._file: TextIO | None = path.open("w", encoding="utf-8")

    def write(self, events: Iterable[Event]) -> None:
        if self._file is None:
            return
        try:
            for event in events:
                self._file.write(json.dumps(event.trace()) + "\n")
            self._file.flush()
        except OSError:
            self.close()

    def close(self) -> None:
        """Close the file; a trace that cannot be written is dropped, never the session."""
        if self._file is not None:
            handle, self._file = self._file, None
            with contextlib.suppress(OSError):
                handle.close()

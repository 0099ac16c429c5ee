"""A scripted $EDITOR for `hamtimer edit` tests: queue the texts it writes, read what it saw."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("scripted_editor.py")
DATA = Path(__file__).parents[1] / "data" / "programs"


class ScriptedEditor:
    """Each run of the editor writes the next queued step: a test data file's text, or an exit status."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._count = 0

    def queue(self, *steps: str | int) -> ScriptedEditor:
        for step in steps:
            self._count += 1
            if isinstance(step, int):
                (self.folder / f"{self._count}.exit").write_text(str(step))
            else:
                (self.folder / f"{self._count}.toml").write_text((DATA / f"{step}.toml").read_text())
        return self

    @property
    def command(self) -> str:
        """An $EDITOR value with arguments, as `code -w` has."""
        return f"{shlex.quote(sys.executable)} -I {shlex.quote(str(SCRIPT))}"

    def env(self) -> dict[str, str]:
        return {"EDITOR": self.command, "VISUAL": "", "SCRIPTED_EDITS": str(self.folder)}

    def calls(self) -> list[dict[str, Any]]:
        log = self.folder / "calls.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

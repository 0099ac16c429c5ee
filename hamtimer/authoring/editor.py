"""Finding the user's text editor and running it on one file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from hamtimer.authoring.newprog import AuthoringError

FALLBACKS = ("sensible-editor", "nano", "vi")
HOW_TO_SET = "set one for this shell, e.g. export EDITOR=nano (or EDITOR='code -w' for VS Code)"


def editor_command(env: Mapping[str, str] | None = None) -> list[str]:
    """$VISUAL, then $EDITOR (split as a shell splits words), then the first fallback on the PATH."""
    env = os.environ if env is None else env
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as err:
            raise AuthoringError(f"${variable} ({value}) cannot be read: {err}; {HOW_TO_SET}") from None
        if not words:
            continue
        if shutil.which(words[0], path=env.get("PATH")) is None:
            raise AuthoringError(f"${variable} is {value!r}, but {words[0]!r} was not found; {HOW_TO_SET}")
        return words
    for name in FALLBACKS:
        if shutil.which(name, path=env.get("PATH")) is not None:
            return [name]
    raise AuthoringError(f"no text editor found ($VISUAL, $EDITOR, {', '.join(FALLBACKS)}); {HOW_TO_SET}")


def run_editor(command: list[str], path: Path) -> int:
    """Run the editor on `path` (one argument, no shell) and return its exit status."""
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as err:
        raise AuthoringError(
            f"{command[0]} could not be started: {err.strerror or err}; {HOW_TO_SET}"
        ) from None

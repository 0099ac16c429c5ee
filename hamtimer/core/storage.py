"""Private files written atomically, and private folders: what the journal, the authoring
commands and the history index share."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def slug(name: str) -> str:
    """A file-name-safe form of a program name: "Runner's six" -> "runners-six"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text.replace("'", "")).strip("-")
    return text[:40] or "program"


def make_private_dir(folder: Path) -> None:
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(folder, DIR_MODE)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` so that a reader sees the old file or the new one, never half.

    `durable` also waits until the data and the rename are on disk (fsync): what a session log
    needs, and what a cache that is rebuilt when unreadable can do without.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            if durable:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if not durable:
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)

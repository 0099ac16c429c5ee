"""Where plain mode's commands come from: single keys on a terminal, or one command per line."""

from __future__ import annotations

import os
import termios
import tty
from typing import Any, Protocol

KEY_NAMES = {" ": "space", "\r": "enter", "\n": "enter", "\x11": "ctrl+q", "\x1b": "escape", "=": "+"}
LINE_NAMES = {"q": "quit", "ctrl+q": "quit", "return": "enter", "esc": "escape", "help": "?"}
WORDS = frozenset({"space", "enter", "escape", "quit", "wait", *LINE_NAMES})
"""Command words, read in any case; any other line is kept as written (a folder's name, say)."""


class Source(Protocol):
    keyboard: bool
    """Single keys (a terminal) rather than lines."""

    def fileno(self) -> int: ...

    def read(self) -> list[str] | None:
        """The commands that can be read now without blocking; None at the end of input."""

    def ask(self) -> str | None:
        """One whole line, as written (blocking); None at the end of input."""

    def close(self) -> None: ...


def read_line(fd: int, start: bytes = b"") -> tuple[str | None, bytes]:
    """The next line from `fd` after `start` (stripped), and what was read beyond it."""
    data = start
    while b"\n" not in data:
        chunk = os.read(fd, 4096)
        if not chunk:
            return (data.decode("utf-8", "replace").strip() or None), b""
        data += chunk
    line, rest = data.split(b"\n", 1)
    return line.decode("utf-8", "replace").strip(), rest


class Keys:
    """A terminal in cbreak mode (no echo, a key at a time, ctrl+c still a signal, ctrl+q a key);
    restored on close."""

    keyboard = True

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._saved: list[Any] | None = termios.tcgetattr(fd)
        tty.setcbreak(fd, termios.TCSANOW)
        mode = termios.tcgetattr(fd)
        mode[0] &= ~termios.IXON  # ctrl+q is a key here, not flow control
        termios.tcsetattr(fd, termios.TCSANOW, mode)

    def fileno(self) -> int:
        return self.fd

    def read(self) -> list[str] | None:
        data = os.read(self.fd, 64)
        if not data:
            return None
        return [KEY_NAMES.get(char, char) for char in data.decode("utf-8", "replace")]

    def ask(self) -> str | None:
        """A line typed with echo and editing (cooked mode), then single keys again."""
        if self._saved is None:
            return None
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        try:
            return read_line(self.fd)[0]
        finally:
            tty.setcbreak(self.fd, termios.TCSANOW)

    def close(self) -> None:
        if self._saved is not None:
            saved, self._saved = self._saved, None
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)


class Lines:
    """Standard input that is not a terminal (a pipe, a file): one command per line, in order."""

    keyboard = False

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._partial = b""

    def fileno(self) -> int:
        return self.fd

    def read(self) -> list[str] | None:
        data = os.read(self.fd, 4096)
        if not data:
            rest, self._partial = self._partial, b""
            return self._commands([rest]) or None
        *lines, self._partial = (self._partial + data).split(b"\n")
        return self._commands(lines)

    def ask(self) -> str | None:
        line, self._partial = read_line(self.fd, self._partial)
        return line

    @staticmethod
    def _commands(lines: list[bytes]) -> list[str]:
        out = []
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line and not line.startswith("#"):
                lowered = line.lower()
                out.append(LINE_NAMES.get(lowered, lowered if lowered in WORDS else line))
        return out

    def close(self) -> None:
        return None


def open_source(fd: int) -> Source:
    return Keys(fd) if os.isatty(fd) else Lines(fd)

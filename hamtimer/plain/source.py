"""Where plain mode's commands come from: single keys on a terminal, or one command per line."""

from __future__ import annotations

import os
import termios
import tty
from typing import Any, Protocol

KEY_NAMES = {" ": "space", "\r": "enter", "\n": "enter", "\x11": "ctrl+q", "\x1b": "escape", "=": "+"}
LINE_NAMES = {"q": "quit", "ctrl+q": "quit", "return": "enter", "esc": "escape", "help": "?"}


class Source(Protocol):
    keyboard: bool
    """Single keys (a terminal) rather than lines."""

    def fileno(self) -> int: ...

    def read(self) -> list[str] | None:
        """The commands that can be read now without blocking; None at the end of input."""

    def close(self) -> None: ...


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

    @staticmethod
    def _commands(lines: list[bytes]) -> list[str]:
        out = []
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line and not line.startswith("#"):
                out.append(LINE_NAMES.get(line.lower(), line if len(line) == 1 else line.lower()))
        return out

    def close(self) -> None:
        return None


def open_source(fd: int) -> Source:
    return Keys(fd) if os.isatty(fd) else Lines(fd)

"""One question, answered by one key: raw single-key reads on a terminal, lines otherwise."""

from __future__ import annotations

import os
import select
import sys
from typing import TextIO

ENTER_GRACE = 0.4
"""Seconds to wait for the Enter that may follow the key, so it does not reach the editor."""


def _read_key(fd: int) -> str:
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd)
        key = os.read(fd, 1).decode("utf-8", "replace")
        if key not in ("\r", "\n") and select.select([fd], [], [], ENTER_GRACE)[0]:
            os.read(fd, 16)
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, saved)
    return key


def ask(question: str, choices: str, stdin: TextIO | None = None, out: TextIO | None = None) -> str:
    """Print `question` and return one of `choices` (lower case); "" at end of input or on ctrl+c.

    Any other answer asks again. On a terminal one key is enough, and the key followed by enter
    works too.
    """
    stdin = sys.stdin if stdin is None else stdin
    out = sys.stderr if out is None else out
    while True:
        out.write(question)
        out.flush()
        if stdin.isatty():
            key = _read_key(stdin.fileno())
            out.write("\n")
            if key in ("\x03", "\x04"):
                return ""
            answer = key.strip().lower()
        else:
            line = stdin.readline()
            if not line:
                out.write("\n")
                return ""
            answer = line.strip().lower()[:1]
        if answer and answer in choices:
            return answer
        out.write(f"please answer with one of: {', '.join(choices)}\n")

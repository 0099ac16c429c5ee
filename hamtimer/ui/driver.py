"""QuietDriver: Textual's Linux driver, with an input thread that sleeps until there is input.

Why: Textual's input thread wakes ten times a second, to see whether it should stop and whether a
lone Escape has waited long enough. Each wake costs about 0.16 ms of CPU here, so 1.6 ms a second
while nothing happens: a third of the budget for a hold counting down (at most 0.5 % of a core at
80x24; `bench/bench_session.py` prints the wakes). This thread blocks until a key
arrives or the driver stops it, through a pipe the stop writes to, and polls only in the short
while after input when the parser may be waiting out ESCDELAY.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import time
from codecs import getincrementaldecoder
from collections.abc import Iterable
from threading import Event
from typing import TYPE_CHECKING, Any

from textual import constants
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

READ_SIZE = 4096


class WakingEvent(Event):
    """An Event whose `set` also writes a byte to a pipe, so a thread asleep in select wakes."""

    def __init__(self, wake_fd: int) -> None:
        super().__init__()
        self.wake_fd = wake_fd

    def set(self) -> None:
        super().set()
        with contextlib.suppress(OSError):  # full: it is awake already; closed: the driver is gone
            os.write(self.wake_fd, b"!")


class QuietDriver(LinuxDriver):
    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self._waking = WakingEvent(self._wake_write)
        self.exit_event = self._waking

    def run_input_thread(self) -> None:
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        poll = min(0.1, constants.ESCAPE_DELAY)
        linger = 2 * constants.ESCAPE_DELAY + poll  # the parser may hold a lone Escape that long
        polling_until = 0.0
        with selectors.SelectSelector() as selector:
            selector.register(self.fileno, selectors.EVENT_READ)
            selector.register(self._wake_read, selectors.EVENT_READ)
            while not self.exit_event.is_set():
                timeout = poll if time.monotonic() < polling_until else None
                for key, _ in selector.select(timeout):
                    if key.fd == self._wake_read:
                        self._drain_wake()
                        continue
                    data = os.read(self.fileno, READ_SIZE)
                    if not data:  # stdin closed (a pipe): nothing more will come
                        selector.unregister(self.fileno)
                        continue
                    self._dispatch(parser.feed(decode(data)))
                    polling_until = time.monotonic() + linger
                self._dispatch(parser.tick())
        self._drain_wake()
        with contextlib.suppress(EOFError, ParseError):  # the parser's end, as Textual ends it
            for _ in parser.feed(""):
                pass

    def _dispatch(self, messages: Iterable[Message]) -> None:
        for message in messages:
            self.process_message(message)

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):  # empty (BlockingIOError) or closed
            while os.read(self._wake_read, READ_SIZE):
                pass

    def close(self) -> None:
        super().close()
        self._waking.wake_fd = -1  # a later set() must not write to a reused descriptor
        for fd in (self._wake_read, self._wake_write):
            with contextlib.suppress(OSError):
                os.close(fd)

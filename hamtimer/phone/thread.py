"""The phone server beside plain mode: in a thread of its own with its own loop.

Plain mode's loop sleeps in `select` on the main thread and owns the runner. A command from the
page is posted to it (PlainSession.post wakes its select) and its answer comes back through a
concurrent future; new states come this way through `call_soon_threadsafe`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Callable

from hamtimer.core.session.runner import Command, SessionRunner
from hamtimer.core.session.state import SessionState
from hamtimer.phone.service import Phone, state_of
from hamtimer.phone_setup import PhoneSetup

START_TIMEOUT = 10.0
STOP_TIMEOUT = 2.0

Post = Callable[[Callable[[], None]], None]
"""Run a function on the runner's thread, soon (thread-safe)."""


class PhoneThread:
    def __init__(
        self, runner: SessionRunner, setup: PhoneSetup, post: Post, say: Callable[[str], None]
    ) -> None:
        self.runner = runner
        self.post = post
        self.loop = asyncio.new_event_loop()
        self.phone = Phone(runner, setup, self._perform, say)
        self._thread = threading.Thread(target=self.loop.run_forever, name="hamtimer-phone", daemon=True)

    def start(self) -> str:
        """Start the thread and the server in it; the URL. OSError when it cannot listen."""
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self.phone.start(), self.loop)
        try:
            return started.result(START_TIMEOUT)
        except BaseException:
            self._end_loop()
            raise

    async def _perform(self, command: Command, arg: int | str | None) -> SessionState:
        """In the server's loop: the command done on plain mode's thread, as its keys do."""
        done: concurrent.futures.Future[SessionState] = concurrent.futures.Future()

        def act() -> None:
            if not done.set_running_or_notify_cancel():
                return
            try:
                self.runner.do(command, arg)
                done.set_result(state_of(self.runner))
            except BaseException as error:
                done.set_exception(error)

        self.post(act)
        return await asyncio.wrap_future(done)

    def stop(self) -> None:
        """End the streams, stop serving and end the thread (before the runner closes)."""
        if not self._thread.is_alive():
            return
        stopping = asyncio.run_coroutine_threadsafe(self.phone.stop(), self.loop)
        with contextlib.suppress(concurrent.futures.TimeoutError, OSError):
            stopping.result(STOP_TIMEOUT)
        self._end_loop()

    def _end_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(STOP_TIMEOUT)
        if not self._thread.is_alive():
            self.loop.close()

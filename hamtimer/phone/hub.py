"""Between the runner and the server: the latest state, the open streams, the commands handed over.

The hub lives in the server's loop. The runner's thread gives it each new state through
`call_soon_threadsafe` (see link.py); commands go the other way through `perform`, which does the
command on the runner's thread and hands back the state after it. Nothing on the runner's side ever
waits for the hub: a new state replaces the last one, and each stream sends only the latest.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from hamtimer.core.session.clock import Clock
from hamtimer.core.session.runner import Command
from hamtimer.core.session.state import SessionState

MAX_STREAMS = 4
REMEMBERED_IDS = 256
"""Command ids kept to spot a repeat (a retried request, a double tap)."""

Perform = Callable[[Command, int | str | None], Awaitable[SessionState]]
"""Do a command on the runner's thread, as its keys do; the state after it comes back here."""


@dataclass(eq=False)
class Stream:
    """One open event stream: woken at each new state and at shutdown."""

    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Hub:
    def __init__(self, state: SessionState, clock: Clock, perform: Perform, *, view: bool = False) -> None:
        self.latest = state
        self.clock = clock
        self.perform = perform
        self.view = view
        self.closing = False
        self.streams: weakref.WeakSet[Stream] = weakref.WeakSet()
        self._open = 0
        self._done: OrderedDict[str, asyncio.Future[SessionState]] = OrderedDict()
        self.checks: frozenset[str] = frozenset()
        """The program's checks: the names `check` and `mark` take."""
        self.on_count: Callable[[int], None] | None = None
        """Told the number of phones connected (open streams) whenever it changes."""

    def now(self) -> SessionState:
        """The latest state with its clock moved on to now."""
        return self.latest.at(self.clock())

    def publish(self, state: SessionState) -> None:
        if state.seq >= self.latest.seq:
            self.latest = state
        for stream in list(self.streams):
            stream.wake.set()

    # ----- streams

    @property
    def connected(self) -> int:
        return self._open

    def open_stream(self) -> Stream | None:
        """A new stream, or None when MAX_STREAMS are open (or the server is closing)."""
        if self._open >= MAX_STREAMS or self.closing:
            return None
        stream = Stream()
        self.streams.add(stream)
        self._open += 1
        self._counted()
        return stream

    def close_stream(self, stream: Stream) -> None:
        self.streams.discard(stream)
        self._open -= 1
        self._counted()

    def close(self) -> None:
        """Shutdown: every stream ends (its handler sees `closing`)."""
        self.closing = True
        for stream in list(self.streams):
            stream.wake.set()

    def _counted(self) -> None:
        if self.on_count is not None:
            self.on_count(self._open)

    # ----- commands

    async def command(self, command_id: str, command: Command, arg: int | str | None) -> SessionState:
        """Do a command once per id: a repeat gets the state, acting no more."""
        done = self._done.get(command_id)
        if done is not None:
            await asyncio.shield(done)
            return self.now()
        future: asyncio.Future[SessionState] = asyncio.get_running_loop().create_future()
        self._done[command_id] = future
        while len(self._done) > REMEMBERED_IDS:
            self._done.popitem(last=False)
        try:
            state = await self.perform(command, arg)
        except BaseException as error:
            self._done.pop(command_id, None)  # it did not act: the same id may try again
            future.set_exception(error)
            future.exception()  # retrieved: a repeat that never comes leaves no warning
            raise
        future.set_result(state)
        self.publish(state)
        return state

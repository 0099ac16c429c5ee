"""One phone server for one run of hamtimer: started in a running loop, following the runner.

The frontend that owns the runner (the Textual app, or plain mode) gives it `perform`, which does
a command on the runner's thread exactly as a key does, and `say`, for what the laptop should
tell the user. The runner's listener here runs on the runner's thread and never waits: it reads
the state and hands it to the server's loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from hamtimer.core.session.events import Event
from hamtimer.core.session.runner import SessionRunner
from hamtimer.core.session.state import SessionState
from hamtimer.phone.address import choose
from hamtimer.phone.guard import Guard
from hamtimer.phone.hub import Hub, Perform
from hamtimer.phone.server import Listening, build_app, listen
from hamtimer.phone.summary import summary_rows
from hamtimer.phone_setup import PhoneSetup

LOCKED_NOTICE = (
    "phone: 10 failed attempts to get in; no new phone can join for the rest of this run "
    "(phones already in go on)"
)


def state_of(runner: SessionRunner) -> SessionState:
    """The runner's state, with the summary once the session is over."""
    return runner.state(summary=summary_rows(runner.engine) if runner.done else ())


def checks_of(runner: SessionRunner) -> frozenset[str]:
    return frozenset(check for step in runner.plan.work_steps for check in step.exercise.checks)


class Phone:
    def __init__(
        self,
        runner: SessionRunner,
        setup: PhoneSetup,
        perform: Perform,
        say: Callable[[str], None],
        count: Callable[[int], None] | None = None,
    ) -> None:
        self.runner = runner
        self.setup = setup
        self.perform = perform
        self.say = say
        self.count = count
        self.loop: asyncio.AbstractEventLoop | None = None
        self.hub: Hub | None = None
        self.listening: Listening | None = None

    @property
    def url(self) -> str:
        assert self.listening is not None
        return self.listening.url

    async def start(self) -> str:
        """Listen (in the running loop) and follow the runner; the URL the phone opens.

        OSError when the address cannot be bound (in use, not this machine's)."""
        self.loop = asyncio.get_running_loop()
        where = choose(self.setup.host)
        if where.note:
            self.say(f"phone: {where.note}")
        guard = Guard(frozenset(), "", on_lock=lambda: self.say(LOCKED_NOTICE))
        self.hub = Hub(state_of(self.runner), self.runner.engine.clock, self.perform, view=self.setup.view)
        self.hub.on_count = self.count
        self.hub.checks = checks_of(self.runner)
        app = build_app(self.hub, guard)
        self.listening = await listen(app, where.bind, where.host, self.setup.port)
        self.runner.subscribe(self._on_events)
        return self.listening.url

    def attach(self, runner: SessionRunner) -> None:
        """Follow another runner (the same session planned again before its start)."""
        self.runner.unsubscribe(self._on_events)
        self.runner = runner
        runner.subscribe(self._on_events)
        if self.hub is not None:
            self.hub.checks = checks_of(runner)
        self._send(state_of(runner))

    def _on_events(self, events: list[Event]) -> None:
        self._send(state_of(self.runner))

    def _send(self, state: SessionState) -> None:
        if self.loop is not None and self.hub is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.hub.publish, state)

    async def stop(self) -> None:
        """End the streams and stop serving; before the runner closes."""
        self.runner.unsubscribe(self._on_events)
        if self.listening is not None:
            listening, self.listening = self.listening, None
            await listening.stop()

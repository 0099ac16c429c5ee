"""Issue 18: the phone server inside the Textual app, in the app's own loop.

A command from the page becomes a PhoneCommand message that the app handles as it handles a
key's RunnerCommand, so the log, the sound and the screen are the same whoever sent it. The
start panel shows the address (PhonePanel, mounted here into each session screen) until the
session starts; the session screen's top line shows how many phones are connected.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.markup import escape

from hamtimer.core.session.events import Event
from hamtimer.core.session.runner import Command, SessionRunner
from hamtimer.core.session.state import SessionState
from hamtimer.phone.service import Phone
from hamtimer.ui.messages import PhoneCommand
from hamtimer.ui.widgets.line import Line
from hamtimer.ui.widgets.phone import PhonePanel, phone_mark

if TYPE_CHECKING:
    from textual.screen import Screen

    from hamtimer.phone_setup import PhoneSetup


class PhoneInApp:
    def __init__(self, app: App[Any], setup: PhoneSetup) -> None:
        self.app = app
        self.setup = setup
        self.phone: Phone | None = None
        self.starting = False
        self.url = ""
        self.count = 0

    async def start(self, runner: SessionRunner) -> None:
        phone = Phone(runner, self.setup, self._perform, self._say, self._counted)
        try:
            self.url = await phone.start()
        except OSError as error:
            self._say(f"phone: cannot listen on {self.setup.host or 'the default address'} ({error})")
            return
        self.phone = phone
        runner.subscribe(self._on_events)
        for screen in self.app.screen_stack:
            await self.adopt(screen)

    def follow(self, old: SessionRunner | None, runner: SessionRunner) -> None:
        """A runner to follow: the first starts the server; then another session, or the same one
        planned again."""
        if self.phone is None:
            if not self.starting:
                self.starting = True
                self.app.run_worker(self.start(runner))
            return
        if old is not None:
            old.unsubscribe(self._on_events)
        runner.subscribe(self._on_events)
        self.phone.attach(runner)

    async def adopt(self, screen: Screen[Any]) -> None:
        """Give a session screen the address panel and the phones' mark."""
        if self.phone is None or not screen.query("#where-row") or screen.query(PhonePanel):
            return
        panel = PhonePanel(id="phone-panel")
        panel.url = self.url
        panel.display = self.phone.runner.status.value == "ready"
        await screen.mount(panel)
        await screen.query_one("#where-row").mount(Line(phone_mark(self.count), id="phones"), before="#sound")

    async def _perform(self, command: Command, arg: int | str | None) -> SessionState:
        answer: asyncio.Future[SessionState] = asyncio.get_running_loop().create_future()
        self.app.post_message(PhoneCommand(command, arg, answer))
        return await answer

    def _on_events(self, events: list[Event]) -> None:
        ready = self.phone is not None and self.phone.runner.status.value == "ready"
        for panel in self._panels():
            panel.display = ready

    def _panels(self) -> list[PhonePanel]:
        return [panel for screen in self.app.screen_stack for panel in screen.query(PhonePanel)]

    def _counted(self, count: int) -> None:
        self.count = count
        for screen in self.app.screen_stack:
            for line in screen.query("#phones").results(Line):
                line.show(phone_mark(count))

    def _say(self, text: str) -> None:
        self.app.notify(escape(text), title="Phone", severity="warning", timeout=10)

    async def stop(self) -> None:
        if self.phone is not None:
            phone, self.phone = self.phone, None
            phone.runner.unsubscribe(self._on_events)
            await phone.stop()

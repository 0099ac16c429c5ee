"""A phone server on a real runner with a fake clock, in the test's own loop (aiohttp_client)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.runner import Command, SessionRunner
from hamtimer.core.session.state import SessionState
from hamtimer.phone.guard import Guard
from hamtimer.phone.hub import Hub
from hamtimer.phone.server import build_app
from hamtimer.phone.service import checks_of, state_of
from tests.support.programs import BRIDGE, plan_of


@dataclass
class Served:
    client: TestClient[web.Request, web.Application]
    runner: SessionRunner
    clock: FakeClock
    hub: Hub
    guard: Guard
    locks: list[str]

    @property
    def host(self) -> str:
        return f"{self.client.server.host}:{self.client.server.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.host}"

    def bearer(self, **headers: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.guard.token}", **headers}

    def post_headers(self) -> dict[str, str]:
        return self.bearer(Origin=self.origin)

    async def command(self, command: str, arg: Any = None, id: str = "1") -> Any:
        answer = await self.client.post(
            "/api/command", json={"command": command, "arg": arg, "id": id}, headers=self.post_headers()
        )
        assert answer.status == 200, await answer.text()
        return await answer.json()


def phone_app(data: Path, *, view: bool = False, program: Path = BRIDGE) -> tuple[web.Application, Served]:
    """The app and what a test needs of it; `Served.client` is set once the client exists."""
    clock = FakeClock()
    runner = SessionRunner(plan_of(program), data, clock=clock)

    async def perform(command: Command, arg: int | str | None) -> SessionState:
        runner.do(command, arg)
        return state_of(runner)

    hub = Hub(state_of(runner), clock, perform, view=view)
    hub.checks = checks_of(runner)
    locks: list[str] = []
    guard = Guard(frozenset(), "", on_lock=lambda: locks.append("locked"))
    runner.subscribe(lambda events: hub.publish(state_of(runner)))
    served = Served(None, runner, clock, hub, guard, locks)  # type: ignore[arg-type]
    return build_app(hub, guard), served


def bind(served: Served, client: TestClient[web.Request, web.Application]) -> Served:
    """The Host and Origin checks for the test server's address."""
    served.client = client
    served.guard.hosts = frozenset({served.host})
    served.guard.origin = served.origin
    return served

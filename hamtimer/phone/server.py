"""The phone server: its routes, the page's files, the event stream, and its start and stop.

An aiohttp application started with AppRunner + TCPSite inside a loop that already runs (the
Textual app's, or plain mode's phone thread), never `web.run_app`. Handlers stay thin: a command
becomes the runner's own `do(Command, arg)` on the runner's thread, and the answer is the state.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from aiohttp import web

from hamtimer.core.session.runner import Command
from hamtimer.core.session.state import SessionState
from hamtimer.phone.address import EVERYWHERE, LOOPBACK, origin, url
from hamtimer.phone.guard import GUARD, MAX_BODY, MIDDLEWARES, Guard
from hamtimer.phone.hub import Hub

HEARTBEAT = 0.9
"""Seconds between states while a clock runs, when its seconds cannot tell (see next_beat)."""
BEAT_SLACK = 0.01
"""A change of the shown seconds closer than this is left to the next beat."""
IDLE = 15.0
"""Seconds between states while nothing runs: a gone phone is noticed."""
COMMAND_TIMEOUT = 5.0
PAGE_FILES = {
    "phone.css": "text/css",
    "phone.js": "text/javascript",
    "icon.svg": "image/svg+xml",
}
"""The page's own files, the only ones /static/ serves (read once, from the package)."""
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
NO_ARGUMENT = {c for c in Command if c not in (Command.RATE, Command.CHECK, Command.MARK)}

HUB = web.AppKey("hub", Hub)
FILES = web.AppKey("files", dict)

logging.getLogger("aiohttp").addHandler(logging.NullHandler())  # never a line on the laptop's screen
logging.getLogger("aiohttp").propagate = False


class CommandError(ValueError):
    """Why a command's body is refused (400)."""


def parse_command(body: bytes, checks: frozenset[str]) -> tuple[str, Command, int | str | None]:
    """`{"command": NAME, "arg": VALUE, "id": STRING}` → (id, command, argument)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise CommandError("not JSON") from None
    if not isinstance(data, dict):
        raise CommandError("expected a JSON object")
    unknown = set(data) - {"command", "arg", "id"}
    if unknown:
        raise CommandError(f"unknown field {sorted(unknown)[0]!r}")
    command_id = data.get("id")
    if not isinstance(command_id, str) or not 1 <= len(command_id) <= 64:
        raise CommandError("id: expected a string of 1 to 64 characters")
    try:
        command = Command(str(data.get("command")))
    except ValueError:
        raise CommandError(f"unknown command {data.get('command')!r}") from None
    arg = data.get("arg")
    if command in NO_ARGUMENT:
        if arg is not None:
            raise CommandError(f"{command}: takes no arg")
        return command_id, command, None
    if command is Command.RATE:
        if isinstance(arg, bool) or not isinstance(arg, int) or not 1 <= arg <= 10:
            raise CommandError("rate: arg is a whole number from 1 to 10")
        return command_id, command, arg
    if not isinstance(arg, str) or arg not in checks:
        raise CommandError(f"{command}: arg is the name of one of the program's checks")
    return command_id, command, arg


def next_beat(state: SessionState) -> float:
    """Seconds to the next state while a clock runs: when its shown whole seconds next change,
    the moment the laptop's own screen wakes to repaint, so one wake a second serves both (at
    most 1 s + BEAT_SLACK apart)."""
    if state.remaining is not None:
        part = state.remaining % 1.0
    elif state.elapsed is not None:
        part = 1.0 - state.elapsed % 1.0
    else:
        return HEARTBEAT
    return part if part > BEAT_SLACK else part + 1.0


def state_json(state: SessionState) -> str:
    return json.dumps(state.as_json(), ensure_ascii=False, separators=(",", ":"))


# ----- handlers


async def page(request: web.Request) -> web.Response:
    return web.Response(body=request.app[FILES]["index.html"], content_type="text/html", charset="utf-8")


async def page_file(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in PAGE_FILES:
        raise web.HTTPNotFound()
    return web.Response(body=request.app[FILES][name], content_type=PAGE_FILES[name])


async def state(request: web.Request) -> web.Response:
    return web.Response(text=state_json(request.app[HUB].now()), content_type="application/json")


async def command(request: web.Request) -> web.Response:
    hub = request.app[HUB]
    if hub.view:
        raise web.HTTPForbidden(text="view only: this page shows the session and sends no commands\n")
    body = await request.read()
    try:
        command_id, name, arg = parse_command(body, hub.checks)
    except CommandError as error:
        raise web.HTTPBadRequest(text=f"{error}\n") from None
    try:
        done = await asyncio.wait_for(hub.command(command_id, name, arg), COMMAND_TIMEOUT)
    except TimeoutError:
        raise web.HTTPServiceUnavailable(text="the laptop did not answer in time\n") from None
    return web.Response(text=state_json(done), content_type="application/json")


async def events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: a `data:` line with the state at every change, and every HEARTBEAT
    seconds while a clock runs. The fifth stream at once is refused (503)."""
    hub = request.app[HUB]
    stream = hub.open_stream()
    if stream is None:
        raise web.HTTPServiceUnavailable(text="four phones are connected already\n")
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    loop = asyncio.get_running_loop()
    try:
        await response.prepare(request)
        while not hub.closing:
            stream.wake.clear()
            now = hub.now()
            await response.write(f"data: {state_json(now)}\n\n".encode())
            ticking = now.status == "running" and now.elapsed is not None
            # A timer that sets the wake, not wait_for: no task made and cancelled a beat.
            beat = loop.call_later(next_beat(now) if ticking else IDLE, stream.wake.set)
            try:
                await stream.wake.wait()
            finally:
                beat.cancel()
    except ConnectionError:
        pass
    finally:
        hub.close_stream(stream)
    return response


ROUTES = [
    web.get("/", page),
    web.get("/static/{name}", page_file),
    web.get("/api/state", state),
    web.get("/api/events", events),
    web.post("/api/command", command),
]


def read_files() -> dict[str, bytes]:
    folder = resources.files("hamtimer.phone") / "static"
    return {name: (folder / name).read_bytes() for name in ("index.html", *PAGE_FILES)}


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)


async def _shutdown(app: web.Application) -> None:
    app[HUB].close()


def build_app(hub: Hub, guard: Guard) -> web.Application:
    app = web.Application(middlewares=MIDDLEWARES, client_max_size=MAX_BODY)
    app[HUB] = hub
    app[GUARD] = guard
    app[FILES] = read_files()
    app.add_routes(ROUTES)
    app.on_response_prepare.append(_headers)
    app.on_shutdown.append(_shutdown)
    return app


@dataclass
class Listening:
    runner: web.AppRunner
    host: str
    port: int
    guard: Guard

    @property
    def url(self) -> str:
        return url(self.host, self.port, self.guard.token)

    async def stop(self) -> None:
        await self.runner.cleanup()


async def listen(app: web.Application, bind: str, host: str, port: int) -> Listening:
    """Start serving `app` on bind:port (0: a free port) in the running loop; the Host checks and
    the Origin are set for the port found."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, bind, port)
    await site.start()
    server: Any = site._server
    bound = int(server.sockets[0].getsockname()[1])
    guard = app[GUARD]
    hosts = {f"{host}:{bound}"}
    if bind == EVERYWHERE:
        hosts.add(f"{LOOPBACK}:{bound}")
    guard.hosts = frozenset(hosts)
    guard.origin = origin(host, bound)
    guard.cookie = f"hamtimer-{bound}"
    return Listening(runner, host, bound, guard)

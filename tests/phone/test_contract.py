"""The phone server's contract, route by route and status by status (DESIGN.md, "The phone"),
tried as a hostile client on the same network would try it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, web
from aiohttp.test_utils import TestClient

from hamtimer.phone.guard import MAX_FAILURES
from hamtimer.phone.hub import MAX_STREAMS
from tests.support.phone import Served, bind, phone_app

Client = Callable[[web.Application], Awaitable[TestClient[web.Request, web.Application]]]


@pytest.fixture
async def served(aiohttp_client: Client, tmp_path: Path) -> Served:
    app, served = phone_app(tmp_path / "data")
    return bind(served, await aiohttp_client(app))


@pytest.fixture
async def viewer(aiohttp_client: Client, tmp_path: Path) -> Served:
    app, served = phone_app(tmp_path / "data", view=True)
    return bind(served, await aiohttp_client(app))


async def signed_in(served: Served) -> None:
    """The page's way in: the token in the URL, traded for the cookie."""
    answer = await served.client.get(f"/?token={served.guard.token}", allow_redirects=False)
    assert answer.status == 303


# ----- who gets in


async def test_without_the_token_nothing_is_told(served: Served) -> None:
    for path in ("/", "/api/state", "/api/events", "/static/phone.js", "/nowhere"):
        answer = await served.client.get(path)
        assert answer.status == 401, path
        body = await answer.text()
        assert "Bridge" not in body and "bridge" not in body
    answer = await served.client.post("/api/command", data=b"{}", headers={"Origin": served.origin})
    assert answer.status == 401


async def test_the_token_is_traded_for_a_cookie_that_is_not_the_token(served: Served) -> None:
    answer = await served.client.get(f"/?token={served.guard.token}", allow_redirects=False)
    assert answer.status == 303 and answer.headers["Location"] == "/"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert served.guard.token not in cookie and served.guard.secret in cookie
    page = await served.client.get("/")  # the cookie jar sends it back
    assert page.status == 200 and "text/html" in page.headers["Content-Type"]
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "http" not in (await page.text()).replace('content="width', "")  # no outside resources
    state = await served.client.get("/api/state")
    assert state.status == 200 and (await state.json())["program"] == "Bridge test"


async def test_scripts_use_bearer(served: Served) -> None:
    answer = await served.client.get("/api/state", headers=served.bearer())
    assert answer.status == 200
    wrong = await served.client.get("/api/state", headers={"Authorization": "Bearer " + "x" * 43})
    assert wrong.status == 401


async def test_ten_failures_lock_out_new_attempts_but_not_clients_already_in(served: Served) -> None:
    await signed_in(served)
    outsider = ClientSession()  # with no cookie of the phone's
    base = f"{served.origin}/"
    try:
        for attempt in range(MAX_FAILURES):
            answer = await outsider.get(f"{base}?token=guess{attempt}", headers={"Host": served.host})
            assert answer.status == 401
        assert served.locks == ["locked"]
        right = await outsider.get(f"{base}?token={served.guard.token}", headers={"Host": served.host})
        assert right.status == 429  # even the right token: the rest of the run takes no new phone
        bearer = await outsider.get(f"{base}api/state", headers={"Host": served.host, **served.bearer()})
        assert bearer.status == 200  # a script already holding the token is already in
    finally:
        await outsider.close()
    assert (await served.client.get("/api/state")).status == 200  # the phone's cookie still works
    assert served.locks == ["locked"]  # said once


async def test_the_host_must_be_the_bound_address(served: Served) -> None:
    for host in ("evil.example", f"evil.example:{served.client.server.port}", "127.0.0.1:1", "localhost"):
        answer = await served.client.get("/api/state", headers=served.bearer(Host=host))
        assert answer.status == 403, host


async def test_a_post_must_come_from_the_page(served: Served) -> None:
    body = json.dumps({"command": "start", "id": "a"})
    for origin in ("http://evil.example", f"https://{served.host}", "null"):
        answer = await served.client.post("/api/command", data=body, headers=served.bearer(Origin=origin))
        assert answer.status == 403, origin
    assert served.runner.status.value == "ready"
    await served.client.get(f"/?token={served.guard.token}", allow_redirects=False)  # the cookie
    answer = await served.client.post("/api/command", data=body)
    assert answer.status == 403  # no Origin, the cookie alone: not the page's own request
    assert served.runner.status.value == "ready"


async def test_a_script_with_the_token_needs_no_origin(served: Served) -> None:
    """Browsers always send Origin with a POST; a script (curl) sends the token instead."""
    body = json.dumps({"command": "start", "id": "a"})
    answer = await served.client.post("/api/command", data=body, headers=served.bearer())
    assert answer.status == 200
    assert served.runner.status.value == "running"


# ----- what is refused


async def test_bodies_over_4096_bytes_are_refused(served: Served) -> None:
    big = json.dumps({"command": "start", "id": "a", "arg": None, "pad": "x" * 5000})
    answer = await served.client.post("/api/command", data=big, headers=served.post_headers())
    assert answer.status == 413

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * 1000

    chunked = await served.client.post("/api/command", data=chunks(), headers=served.post_headers())
    assert chunked.status == 413
    assert served.runner.status.value == "ready"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "object"),
        (b'{"command": "start"}', "id"),
        (b'{"command": "start", "id": ""}', "id"),
        (b'{"command": "start", "id": 7}', "id"),
        (b'{"command": "explode", "id": "a"}', "unknown command"),
        (b'{"command": "rate", "arg": 11, "id": "a"}', "1 to 10"),
        (b'{"command": "rate", "arg": "7", "id": "a"}', "1 to 10"),
        (b'{"command": "rate", "arg": true, "id": "a"}', "1 to 10"),
        (b'{"command": "check", "arg": "knee", "id": "a"}', "checks"),
        (b'{"command": "start", "arg": 3, "id": "a"}', "no arg"),
        (b'{"command": "start", "id": "a", "extra": 1}', "unknown field"),
    ],
)
async def test_malformed_commands_get_400_with_a_reason(served: Served, body: bytes, reason: str) -> None:
    answer = await served.client.post("/api/command", data=body, headers=served.post_headers())
    assert answer.status == 400
    assert reason in await answer.text()
    assert served.runner.status.value == "ready"


@pytest.mark.parametrize(
    "path",
    [
        "/static/",
        "/static",
        "/static/../api/state",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/static/index.html",
        "/static/phone.js/",
        "/hamtimer/phone/server.py",
        "/api",
        "/api/nope",
        "/favicon.ico",
    ],
)
async def test_only_the_routes_and_the_pages_own_files(served: Served, path: str) -> None:
    answer = await served.client.get(path, headers=served.bearer())
    if path == "/static/../api/state":  # the client resolves the dots: this is /api/state itself
        assert answer.url.path == "/api/state"
        return
    assert answer.status == 404, path


async def test_the_pages_files(served: Served) -> None:
    for name, kind in (("phone.css", "text/css"), ("phone.js", "text/javascript"), ("icon.svg", "image/svg")):
        answer = await served.client.get(f"/static/{name}", headers=served.bearer())
        assert answer.status == 200 and answer.headers["Content-Type"].startswith(kind)
        assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/"), ("PUT", "/"), ("POST", "/api/state"), ("GET", "/api/command"), ("DELETE", "/api/events")],
)
async def test_a_method_a_route_does_not_take_is_405(served: Served, method: str, path: str) -> None:
    answer = await served.client.request(method, path, headers=served.post_headers())
    assert answer.status == 405


# ----- commands


async def test_a_command_acts_through_the_runner_and_answers_with_the_state(served: Served) -> None:
    state = await served.command("start", id="go")
    assert state["status"] == "running" and state["phase"] == "prepare"
    assert served.runner.status.value == "running"
    assert served.runner.log_path is not None and served.runner.log_path.exists()  # the laptop's log


async def test_a_repeated_id_acts_once(served: Served) -> None:
    await served.command("start", id="s")
    served.clock.advance(5 + 30 + 20 + 30 + 30)  # to the counted reps step
    served.runner.tick()
    first = await served.command("main", id="rep-1")
    again = await served.command("main", id="rep-1")
    assert first["value"] == 1 and again["value"] == 1
    assert (await served.command("main", id="rep-2"))["value"] == 2


async def test_rate_and_check_during_the_prompt(served: Served) -> None:
    await served.command("start", id="s")
    served.clock.advance(5 + 30)
    served.runner.tick()
    await served.command("rate", 8, id="r")
    state = await served.command("check", "hip drop", id="c")
    assert state["prompt"]["difficulty"] == 8
    assert [c["on"] for c in state["prompt"]["checks"]] == [True, False]


async def test_view_mode_refuses_every_command(viewer: Served) -> None:
    for name, arg in (("start", None), ("main", None), ("rate", 5), ("stop", None)):
        body = json.dumps({"command": name, "arg": arg, "id": name})
        answer = await viewer.client.post("/api/command", data=body, headers=viewer.post_headers())
        assert answer.status == 403
    assert viewer.runner.status.value == "ready"
    assert (await viewer.client.get("/api/state", headers=viewer.bearer())).status == 200


# ----- the event stream


async def read_event(answer: Any, timeout: float = 3.0) -> dict[str, Any]:
    while True:
        line = await asyncio.wait_for(answer.content.readline(), timeout)
        if line.startswith(b"data: "):
            data: dict[str, Any] = json.loads(line[6:])
            return data
        assert line in (b"\n", b""), line


async def test_the_stream_sends_each_change(served: Served) -> None:
    answer = await served.client.get("/api/events", headers=served.bearer())
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/event-stream")
    first = await read_event(answer)
    assert first["status"] == "ready"
    served.runner.start()
    changed = await read_event(answer)
    assert changed["status"] == "running" and changed["seq"] > first["seq"]
    answer.close()


async def test_while_a_clock_runs_a_state_comes_at_least_every_second(served: Served) -> None:
    served.runner.start()
    answer = await served.client.get("/api/events", headers=served.bearer())
    first = await read_event(answer)
    served.clock.advance(0.5)
    second = await read_event(answer, timeout=1.2)
    assert second["seq"] == first["seq"]  # nothing happened: the same state, its clock moved on
    assert second["remaining_ms"] == first["remaining_ms"] - 500
    answer.close()


async def test_a_fifth_stream_is_refused(served: Served) -> None:
    streams = [await served.client.get("/api/events", headers=served.bearer()) for _ in range(MAX_STREAMS)]
    assert [s.status for s in streams] == [200] * MAX_STREAMS
    fifth = await served.client.get("/api/events", headers=served.bearer())
    assert fifth.status == 503
    assert served.hub.connected == MAX_STREAMS
    streams[0].close()
    for _ in range(50):
        await asyncio.sleep(0.02)
        if served.hub.connected < MAX_STREAMS:
            break
    again = await served.client.get("/api/events", headers=served.bearer())
    assert again.status == 200
    for stream in [*streams[1:], again]:
        stream.close()

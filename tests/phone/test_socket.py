"""The phone server on a real socket, as Phone.start() runs it: its address, raw requests that no
client library would send, and a stream ended by the shutdown."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from aiohttp import ClientSession, CookieJar

from hamtimer.core.session.clock import FakeClock
from hamtimer.core.session.runner import Command, SessionRunner
from hamtimer.core.session.state import SessionState
from hamtimer.phone.address import choose, default_route_address
from hamtimer.phone.service import Phone, state_of
from hamtimer.phone_setup import PhoneSetup
from tests.support.programs import BRIDGE, plan_of


def make_phone(tmp_path: Path, said: list[str]) -> tuple[Phone, SessionRunner]:
    runner = SessionRunner(plan_of(BRIDGE), tmp_path, clock=FakeClock())

    async def perform(command: Command, arg: int | str | None) -> SessionState:
        runner.do(command, arg)
        return state_of(runner)

    return Phone(runner, PhoneSetup(host="127.0.0.1"), perform, said.append), runner


async def raw(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(65536), 5)
    writer.close()
    return answer


async def test_the_url_names_the_bound_address_and_a_free_port(tmp_path: Path) -> None:
    said: list[str] = []
    phone, _ = make_phone(tmp_path, said)
    url = await phone.start()
    try:
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        port = phone.listening.port if phone.listening else 0
        assert port > 0 and len(url.rsplit("=", 1)[1]) >= 43
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as session:
            async with session.get(url) as page:  # follows the 303, with the cookie
                assert page.status == 200 and "hamtimer" in await page.text()
            async with session.get(f"http://127.0.0.1:{port}/api/state") as state:
                assert (await state.json())["status"] == "ready"
    finally:
        await phone.stop()
    assert said == []


async def test_raw_path_tricks_get_nothing(tmp_path: Path) -> None:
    phone, _ = make_phone(tmp_path, [])
    await phone.start()
    assert phone.listening is not None
    port, token = phone.listening.port, phone.listening.guard.token
    try:
        for path in ("/static/../server.py", "/static/../../pyproject.toml", "/static/%2e%2e/guard.py",
                     "/static//etc/passwd", "/static/./phone.js/.."):  # fmt: skip
            request = (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
                "Connection: close\r\n\r\n"
            ).encode()
            answer = await raw(port, request)
            status = answer.split(b"\r\n", 1)[0]
            assert b" 404 " in status or b" 400 " in status, (path, status)
            assert b"import" not in answer and b"[project]" not in answer
        nohost = await raw(port, b"GET /api/state HTTP/1.0\r\n\r\n")
        assert b" 403 " in nohost.split(b"\r\n", 1)[0]
    finally:
        await phone.stop()


async def test_the_shutdown_ends_open_streams(tmp_path: Path) -> None:
    phone, runner = make_phone(tmp_path, [])
    await phone.start()
    assert phone.listening is not None
    port, token = phone.listening.port, phone.listening.guard.token
    headers = {"Authorization": f"Bearer {token}"}
    async with ClientSession() as session:
        stream = await session.get(f"http://127.0.0.1:{port}/api/events", headers=headers)
        first = await stream.content.readline()
        assert json.loads(first[6:])["status"] == "ready"
        runner.start()
        await asyncio.sleep(0.05)
        started = asyncio.get_running_loop().time()
        await asyncio.wait_for(phone.stop(), 3)
        rest = await asyncio.wait_for(stream.content.read(), 3)  # the stream ends: EOF
        assert asyncio.get_running_loop().time() - started < 2.5
        assert b"running" in rest or rest == b""


def test_the_default_host_is_the_default_routes_address() -> None:
    found = default_route_address()
    where = choose(None)
    if found is None:
        assert where.bind == "127.0.0.1" and "127.0.0.1" in where.note
    else:
        assert where.bind == where.host == found and where.note == ""
    assert choose("0.0.0.0").bind == "0.0.0.0" and "every interface" in choose("0.0.0.0").note
    assert choose("127.0.0.1") == choose("127.0.0.1").__class__("127.0.0.1", "127.0.0.1")

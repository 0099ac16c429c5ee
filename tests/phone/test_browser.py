"""The phone page in a real browser (Debian's Chromium) at 390 by 844, against the real hamtimer:
plain mode in tmux (its QR code read off the terminal), plain mode on a pipe, and the Textual app."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from hamtimer.phone.qr import BLOCKS, qr_matrix, read_lines
from tests.support.browser import PHONE, URL, launch, plain_phone
from tests.support.dirs import user_env
from tests.support.programs import data_file
from tests.support.relay import Relay
from tests.support.tmux import Tmux

pytestmark = pytest.mark.slow
QR_CHARS = set(BLOCKS.values())


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch(playwright)
    yield browser
    browser.close()


def env(tmp_path: Path) -> dict[str, str]:
    return user_env(tmp_path, HAMTIMER_AUDIO="silent")


def the_log(tmp_path: Path) -> dict[str, Any]:
    logs = sorted((tmp_path / "data" / "sessions").glob("*/*.toml"))
    assert len(logs) == 1, logs
    with logs[0].open("rb") as handle:
        return tomllib.load(handle)


def code_on(screen: str) -> list[str]:
    """The QR code's lines on a terminal screen: from a row of 21 or more full blocks (its quiet
    zone; the rightmost, past the app's big figures) down to the next such row."""
    lines = screen.splitlines()
    tops = [
        (found.start(), row, found.end() - found.start())
        for row, line in enumerate(lines)
        for found in re.finditer("█{21,}", line)
    ]
    assert tops, screen
    column = max(top[0] for top in tops)
    _, row, width = min((top for top in tops if top[0] == column), key=lambda top: top[1])
    code = [lines[row][column : column + width]]
    for line in lines[row + 1 :]:
        part = line[column : column + width]
        if len(part) < width or not set(part) <= QR_CHARS:
            break
        code.append(part)
        if part == "█" * width:
            break
    return code


def tap(page: Page, selector: str, then: str) -> None:
    page.click(selector)
    page.wait_for_selector(then)


def test_a_session_tapped_through_on_the_phone_is_the_laptops_log(browser: Browser, tmp_path: Path) -> None:
    with Tmux(100, 50) as term:
        term.start([sys.executable, "-m", "hamtimer", "run", str(data_file("phone.toml")), "--plain",
                    "--phone", "--phone-host", "127.0.0.1"], env=env(tmp_path))  # fmt: skip
        screen = term.wait_for("press space to start")
        found = URL.search(screen)
        assert found is not None, screen
        url = found.group(1)
        drawn = read_lines(code_on(screen))
        assert drawn[: len(qr_matrix(url))] == qr_matrix(url)  # the code on the terminal is this URL

        page = browser.new_page(viewport=PHONE)
        page.goto(url)
        page.wait_for_selector("#main:text-is('Start')")
        tap(page, "#main", "body[data-phase='left']")
        for count in ("1", "2"):
            tap(page, "#main:text-is('+1 rep')", f"#clock:text-is('{count}')")
        tap(page, "#main", "body[data-phase='rest'] #prompt:not([hidden])")
        tap(page, "#rates button:text-is('7')", "#rates button.on:text-is('7')")
        tap(page, "#checks button", "#checks button.on")
        tap(page, "#main:text-is('End rest')", "body[data-phase='right']")
        for count in ("1", "2"):
            tap(page, "#main:text-is('+1 rep')", f"#clock:text-is('{count}')")
        tap(page, "#main", "#summary:not([hidden])")
        summary = page.inner_text("#summary")
        assert "Single-leg curl" in summary and summary.count("3 reps") == 2 and "hip drop" in summary

        screen = term.wait_for("rate the last side now")
        assert "rated 7, three more; hip drop: yes" in screen  # the laptop said what the phone did
        term.keys("Enter")
        assert term.wait_exit() == 0
    log = the_log(tmp_path)
    assert log["status"] == "completed"
    result = log["result"][0]
    assert result["exercise"] == "Single-leg curl"
    assert result["left"]["reps"] == 3 and result["left"]["difficulty"] == 7
    assert result["left"]["flags"] == ["hip drop"]
    assert result["right"]["reps"] == 3


def test_a_dropped_connection_mid_hold_says_so_and_resyncs(playwright: Playwright, tmp_path: Path) -> None:
    process, url = plain_phone(data_file("phone-hold.toml"), env(tmp_path))
    port = int(url.split(":")[2].split("/")[0])
    relay = Relay(("127.0.0.1", port))
    browser = launch(playwright, proxy=relay.proxy)
    try:
        page = browser.new_page(viewport=PHONE)
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(url)
        tap(page, "#main:text-is('Start')", "body[data-phase='both']")
        relay.refusing = True
        relay.cut()  # mid-hold: the phone's connection drops
        page.wait_for_selector("#conn:not([hidden])")
        assert page.inner_text("#conn") == "reconnecting…"
        assert process.stdin is not None
        process.stdin.write("p\n")  # meanwhile the laptop pauses
        process.stdin.flush()
        time.sleep(0.5)
        before = len(fetched)
        relay.refusing = False
        page.wait_for_selector("body[data-phase='paused']", timeout=15000)
        page.wait_for_selector("#conn", state="hidden")
        assert any(u.endswith("/api/state") for u in fetched[before:])  # the resync
        assert page.inner_text("#side-word") == "PAUSED"
    finally:
        browser.close()
        relay.close()
        assert process.stdin is not None
        process.stdin.write("quit\n")
        process.stdin.close()
        process.wait(10)
    assert the_log(tmp_path)["status"] == "stopped"


def test_the_app_shows_the_code_and_a_phone_drives_it(browser: Browser, tmp_path: Path) -> None:
    with Tmux(110, 32) as term:
        term.start([sys.executable, "-m", "hamtimer", "run", str(data_file("phone.toml")), "--phone",
                    "--phone-host", "127.0.0.1"], env=env(tmp_path))  # fmt: skip
        screen = term.wait_for("?token=", timeout=20)
        lines = screen.splitlines()
        at = next(i for i, line in enumerate(lines) if "http://127.0.0.1:" in line)
        start = lines[at].index("http://")
        url = lines[at][start:].strip() + lines[at + 1][start:].strip()  # the words wrap in the panel
        assert read_lines(code_on(screen))[: len(qr_matrix(url))] == qr_matrix(url)
        assert "☏0" in screen

        page = browser.new_page(viewport=PHONE)
        page.goto(url)
        assert "☏1" in term.wait_for("☏1")
        tap(page, "#main:text-is('Start')", "body[data-phase='left']")
        assert "LEFT" in term.wait_for("Single-leg curl")
        assert "?token=" not in term.screen()  # the code is gone once the session runs
        tap(page, "#main:text-is('+1 rep')", "#clock:text-is('1')")
        tap(page, "#pause", "body[data-phase='paused']")
        term.wait_for("PAUSED")  # the laptop's screen follows the phone
        page.click("#stop")
        page.click("#stop:text-is('Tap again to end')")
        assert term.wait_exit(10) == 0
    assert the_log(tmp_path)["status"] == "stopped"


def test_view_mode_shows_but_sends_nothing(browser: Browser, tmp_path: Path) -> None:
    process, url = plain_phone(data_file("phone.toml"), env(tmp_path), "--phone=view")
    try:
        page = browser.new_page(viewport=PHONE)
        page.goto(url)
        page.wait_for_selector("#main:text-is('Start')")
        page.click("#main")
        time.sleep(0.5)
        assert page.get_attribute("body", "data-status") == "ready"
        assert process.stdin is not None
        process.stdin.write("space\n")
        process.stdin.flush()
        page.wait_for_selector("body[data-phase='left']")  # it shows what the laptop does
    finally:
        assert process.stdin is not None
        process.stdin.write("quit\n")
        process.stdin.close()
        process.wait(10)
        assert isinstance(process, subprocess.Popen)

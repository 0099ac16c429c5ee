"""Debian's Chromium driven by Playwright, never a browser of Playwright's own, at a phone's size."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, Playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
PHONE = {"width": 390, "height": 844}
URL = re.compile(r"phone: (http://\S+)")


def launch(playwright: Playwright, proxy: str | None = None) -> Browser:
    """Chromium at /usr/bin/chromium (./dev test installs Debian's `chromium`); with `proxy`,
    loopback too goes through it."""
    assert CHROMIUM.exists(), (
        "Debian's chromium is missing: ./dev test installs it (apt-get install chromium)"
    )
    args = [*ARGS, f"--proxy-server={proxy}", "--proxy-bypass-list=<-loopback>"] if proxy else ARGS
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)


def plain_phone(program: Path, env: dict[str, str], *extra: str) -> tuple[subprocess.Popen[str], str]:
    """`hamtimer run PROGRAM --plain --phone` with commands on a pipe; its `phone:` URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "hamtimer", "run", str(program), "--plain", "--phone", "--phone-host",
         "127.0.0.1", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **env}, bufsize=1,
    )  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:
        if found := URL.match(line):
            return process, found.group(1)
    raise AssertionError(f"no phone: line; exit {process.wait()}")
